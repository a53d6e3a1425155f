/**
 * Cases: start (with Idempotency-Key), read with timeline, preview and complete a task, the evidence a task decides on,
 * send a case back (return), cancel, list (by number too).
 */
import { createHash } from 'node:crypto';
import { Router, type Request } from 'express';
import { currentAccess, shieldCase, shieldEvents } from '../access/http.js';
import { redactEvidence, redactFailures } from '../access/index.js';
import { maySeeCase, ownCases, partyRoles, requireOwnStart, requirePartyTask, staffRoles } from '../access/party.js';
import { auditedTx } from '../auth/audit.js';
import type { SessionUser } from '../auth/middleware.js';
import { currentUser, isAdmin, requireAdmin, requireAuth } from '../auth/middleware.js';
import { checkFileFields } from '../cases/file-fields.js';
import { bindStaged, stagedFilesOf } from '../documents/staging.js';
import { actorOf } from '../cases/service.js';
import { subjectTitle } from '../cases/titles.js';
import { findTask, previewCompletion, showsEvidence, taskEvidence, toAsciiDigits, type CaseState } from '../engine.js';
import type { Text } from '../../engine/index.js';
import { notFound, Problem, staleVersion } from '../problem.js';
import type { Services } from '../services.js';
import type { CaseRow, TaskRow } from '../store/types.js';
import { procedureRoles } from './procedures.js';
import { page, param, str } from './util.js';

/** JSON with sorted keys: equal requests hash equally whatever their key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v ?? null);
}

/**
 * A case as every case endpoint answers it: its row (with its number), its subject's title and its state; each open
 * task carries `prefill` (field → value its form starts with) when given.
 */
export function caseView(row: CaseRow, state: CaseState, now: string, title: Text | null, prefill?: (taskId: string) => Record<string, unknown>): Record<string, unknown> {
  return {
    ...row,
    subjectTitle: title,
    input: state.input,
    subjectRecord: state.subjectRecord ?? null,
    judgedOn: state.judgedOn,
    path: state.path,
    steps: state.steps,
    openTasks: Object.values(state.tasks).map((t) => ({ ...t, overdue: t.due !== undefined && t.due < now, prefill: prefill?.(t.id) ?? {} })),
    timers: state.timers,
    children: state.children,
    error: state.error ?? null,
  };
}

export function taskView(t: TaskRow, now: string): Record<string, unknown> {
  return { ...t, overdue: t.status === 'open' && t.due !== null && t.due < now };
}

export function caseRoutes(s: Services): Router {
  const r = Router();
  const { store, bundles, clock } = s.deps;
  r.use(['/cases', '/inbox'], requireAuth);

  /**
   * The case, if the user may see it: administrators, holders of any (non-party) role the procedure involves, and the
   * case's own party (server/access/party.ts).
   */
  const visibleCase = (req: Request, id: string) => {
    const u = currentUser(req);
    const c = store.cases.get(id);
    if (!c) throw notFound('case', id);
    const proc = s.cases.procedureFor(c.row);
    if (!maySeeCase(bundles.current(), u, proc, c.state, proc ? procedureRoles(proc) : new Set())) {
      throw new Problem('forbidden', { detail: 'این پرونده به نقش‌های شما مربوط نیست', detail_en: 'This case does not involve your roles' });
    }
    return { ...c, proc, user: u };
  };

  const expectVersion = (row: CaseRow, expected: number) => {
    if (row.version !== expected) {
      throw staleVersion(expected, row.version);
    }
  };

  /** The title of a case's subject, read with the current definitions (null without a subject). */
  const titleOf = (row: CaseRow, snapshot?: Record<string, unknown> | null) =>
    subjectTitle(bundles.current(), store.entities, s.cases.procedureFor(row), row.subject, snapshot);

  /** The case as answered after a write: its row and the state the write left (parsed once per request). */
  const view = (id: string, state?: CaseState) => {
    const row = store.cases.row(id)!;
    const st = state ?? store.cases.get(id)!.state;
    return caseView(row, st, s.now(), titleOf(row, st.subjectRecord), (task) => s.cases.prefill(row, st, task));
  };
  /** A case answer as the signed-in user may read it (sensitive fields and confidential steps withheld). */
  const shielded = (req: Request, body: Record<string, unknown>) => shieldCase(s, req, store.cases.row(String(body.id))!, body);

  r.get('/cases', (req, res) => {
    const u = currentUser(req);
    const procedure = str(req.query.procedure);
    // Non-administrators see the cases of procedures that involve their roles (filtered in the query, so that `total`
    // and the pages count only those).
    // A party sees its own cases besides (server/access/party.ts); a party role alone gives no procedure's cases.
    const b = bundles.current();
    const staff = staffRoles(b, u);
    const procedures = isAdmin(u)
      ? undefined
      : [...b.procedures.values()].filter((p) => [...procedureRoles(p)].some((x) => staff.includes(x))).map((p) => p.id);
    const orIds = procedures && partyRoles(b, u).length ? ownCases(b, store, u) : undefined;
    // A number may be typed with Persian digits: the store holds ASCII ones.
    const number = str(req.query.number);
    const result = store.cases.list({
      procedure, procedures, orIds, status: str(req.query.status), subject: str(req.query.subject), parent: str(req.query.parent),
      number: number === undefined ? undefined : toAsciiDigits(number).trim(), ...page(req),
    });
    res.json({ ...result, items: result.items.map((row) => ({ ...row, subjectTitle: titleOf(row) })) });
  });

  r.post('/cases', (req, res) => {
    const u = currentUser(req);
    const body = req.body as { procedure: string; subject?: string; input?: Record<string, unknown> };
    const key = str(req.get('Idempotency-Key'));
    const hash = createHash('sha256').update(canonical(body)).digest('hex');
    // The case, the idempotency record and the audit row commit together.
    const out = auditedTx(store, clock, req, res, () => {
      let value: { status: number; body: unknown; replayed: boolean } | undefined;
      if (key) {
        const prior = store.idempotency.get(u.id, key);
        if (prior && prior.requestHash !== hash) throw new Problem('idempotency-key-reused');
        if (prior) value = { status: prior.status, body: prior.response, replayed: true };
      }
      if (!value) {
        // The start form's files were uploaded before the case existed: they must be the user's own, and join the case
        // in this transaction.
        const staged = stagedFilesOf(bundles.current(), body.procedure, body.input ?? {}, u.id, s.now(), store);
        // A user who may start it only through a party role starts their own case only.
        const startProc = bundles.current().procedures.get(body.procedure);
        requireOwnStart(bundles.current(), u, startProc, body, (sid) => (startProc?.subject ? store.entities.get(startProc.subject.entity, sid) : undefined));
        const state = s.cases.startCase(u, body);
        if (staged.length) bindStaged(store, state.caseId, staged, u.id, s.now());
        const response = staged.length ? view(state.caseId) : view(state.caseId, state);
        if (key) store.idempotency.put(u.id, key, hash, 201, response, s.now());
        value = { status: 201, body: response, replayed: false };
      }
      const id = (value.body as { id: string }).id;
      return { status: value.status, value, note: { target: `case/${id}`, detail: { procedure: body.procedure, subject: body.subject, replayed: value.replayed } } };
    });
    const id = (out.body as { id: string }).id;
    if (out.replayed) res.set('Idempotent-Replayed', 'true');
    res.status(out.status).location(`/api/cases/${id}`).json(shielded(req, out.body as Record<string, unknown>));
  });

  r.get('/cases/:id', (req, res) => {
    const id = param(req, 'id');
    const c = visibleCase(req, id);
    const timeline = store.cases.events(id).map((e, i) => ({ seq: i + 1, ...e }));
    res.json(shieldCase(s, req, c.row, { ...caseView(c.row, c.state, s.now(), titleOf(c.row, c.state.subjectRecord), (task) => s.cases.prefill(c.row, c.state, task)), tasks: store.cases.tasks(id).map((t) => taskView(t, s.now())), timeline, documents: store.documents.list(id) }));
  });

  r.get('/cases/:id/events', (req, res) => {
    const id = param(req, 'id');
    const c = visibleCase(req, id);
    res.json(shieldEvents(s, req, c.row, store.cases.events(id).map((e, i) => ({ seq: i + 1, ...e }))));
  });

  r.post('/cases/:id/tasks/:task/complete', (req, res) => {
    const id = param(req, 'id');
    const taskId = param(req, 'task');
    const c = visibleCase(req, id);
    const body = req.body as { expectedVersion: number; outcome?: string; data?: Record<string, unknown> };
    expectVersion(c.row, body.expectedVersion);
    const task = c.state.tasks[taskId];
    if (!task) throw notFound('task', taskId);
    requireTaskRole(c.user, task.role);
    requirePartyTask(bundles.current(), c.user, task.role, c.proc, c.state);
    const data = body.data ?? {};
    checkFileFields(bundles.get(c.row.bundleHash), c.row.procedure, task.step, data, new Set(store.documents.list(id).map((d) => d.id)));
    const state = auditedTx(store, clock, req, res, () => ({
      status: 200,
      value: s.cases.command(id, body.expectedVersion, { type: 'complete', task: taskId, outcome: body.outcome, data, actor: actorOf(c.user) }, c),
      note: { target: `case/${id}`, detail: { task: taskId, outcome: body.outcome } },
    }));
    res.json(shielded(req, view(id, state)));
  });

  /** What completing a task would do (the outcome, the next steps, the end), without writing anything. */
  r.post('/cases/:id/tasks/:task/preview', (req, res) => {
    const id = param(req, 'id');
    const taskId = param(req, 'task');
    const c = visibleCase(req, id);
    const task = c.state.tasks[taskId];
    if (!task) throw notFound('task', taskId);
    const body = req.body as { outcome?: string; data?: Record<string, unknown> };
    const bundle = bundles.get(c.row.bundleHash);
    const preview = previewCompletion(bundle, c.state, { type: 'complete', task: taskId, outcome: body.outcome, data: body.data ?? {}, actor: actorOf(c.user) }, s.cases.ctx(bundle));
    res.json({ ...preview, failures: redactFailures(currentAccess(s, req), preview.failures) });
  });

  /** The evidence an open task decides on: earlier answers, the case's key values, rules and parameters. */
  r.get('/cases/:id/tasks/:task/evidence', (req, res) => {
    const id = param(req, 'id');
    const taskId = param(req, 'task');
    const c = visibleCase(req, id);
    const task = findTask(c.state, taskId);
    if (!task) throw notFound('task', taskId);
    const bundle = bundles.get(c.row.bundleHash);
    const step = bundle.procedures.get(c.row.procedure)?.stepIndex.get(task.step);
    const evidence = redactEvidence(currentAccess(s, req), bundle, c.row.procedure, { ...taskEvidence(bundle, c.state, task, s.cases.ctx(bundle)) });
    res.json({ task: task.id, shown: showsEvidence(step), ...evidence });
  });

  /** Sends the case back from an open task to an earlier step its step declares (`returns:`), with a reason. */
  r.post('/cases/:id/return', (req, res) => {
    const id = param(req, 'id');
    const c = visibleCase(req, id);
    const body = req.body as { expectedVersion: number; task: string; to: string; reason: string };
    expectVersion(c.row, body.expectedVersion);
    if (!findTask(c.state, body.task)) throw notFound('task', body.task);
    const state = auditedTx(store, clock, req, res, () => ({
      status: 200,
      value: s.cases.command(id, body.expectedVersion, { type: 'return', task: body.task, to: body.to, reason: body.reason, actor: actorOf(c.user) }, c),
      note: { target: `case/${id}`, detail: { task: body.task, to: body.to, reason: body.reason } },
    }));
    res.json(shielded(req, view(id, state)));
  });

  r.post('/cases/:id/cancel', (req, res) => {
    const id = param(req, 'id');
    const c = visibleCase(req, id);
    const body = req.body as { expectedVersion: number; reason?: string };
    if (!isAdmin(c.user) && !(c.proc?.start.roles ?? []).some((x) => c.user.roles.includes(x))) {
      throw new Problem('forbidden', { detail: 'ابطال پرونده با نقش آغازکننده یا مدیر است', detail_en: 'Only a role that starts this procedure, or an administrator, may cancel it' });
    }
    expectVersion(c.row, body.expectedVersion);
    if (c.row.status !== 'active') throw new Problem('conflict', { detail: 'پرونده باز نیست', detail_en: `The case is ${c.row.status}` });
    // Also when the case's definition version no longer loads: an administrator may still cancel it (CaseService.cancel).
    const state = auditedTx(store, clock, req, res, () => ({
      status: 200,
      value: s.cases.cancel(id, body.expectedVersion, actorOf(c.user), body.reason, c),
      note: { target: `case/${id}`, detail: { reason: body.reason } },
    }));
    res.json(shielded(req, view(id, state)));
  });

  r.post('/cases/:id/rebuild', requireAdmin, (req, res) => {
    const id = param(req, 'id');
    if (!store.cases.get(id)) throw notFound('case', id);
    store.tx(() => store.cases.rebuild(id));
    res.locals.audit = { target: `case/${id}` };
    res.json(shielded(req, view(id)));
  });

  r.get('/inbox', (req, res) => {
    const u = currentUser(req);
    const now = s.now();
    const overdue = req.query.overdue === undefined ? undefined : String(req.query.overdue) === 'true';
    const sort = (str(req.query.sort) ?? 'due') as 'due' | '-due' | 'opened' | '-opened';
    // A party role's tasks: its own cases' only.
    const b = bundles.current();
    const party = partyRoles(b, u);
    const result = store.cases.inbox({
      roles: isAdmin(u) ? 'all' : u.roles,
      partyOnly: party.length ? { roles: party, cases: ownCases(b, store, u) } : undefined,
      role: str(req.query.role), procedure: str(req.query.procedure), step: str(req.query.step), caseId: str(req.query.case),
      overdue, now, sort, ...page(req),
    });
    // Each item says which case it is by number and subject title (one row read per item of the page).
    const items = result.items.map((t) => {
      const row = store.cases.row(t.caseId);
      return { ...taskView(t, now), caseVersion: row?.version ?? null, caseNumber: row?.number ?? null, subjectTitle: row ? titleOf(row) : null };
    });
    res.json({ items, total: result.total, totalCapped: result.totalCapped, now });
  });

  return r;
}

/** A task may be completed only by a user who holds its role (administrators included: no bypass). */
function requireTaskRole(u: SessionUser, role: string): void {
  if (!u.roles.includes(role)) {
    throw new Problem('forbidden', { detail: `این کار با نقش «${role}» است`, detail_en: `This task belongs to the role "${role}"`, extra: { requiredRoles: [role] } });
  }
}
