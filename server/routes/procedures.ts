/** Procedures, their diagrams, forms, rules and parameters (with provenance), and the what-if evaluation. */
import { Router } from 'express';
import { inForce, type Bundle, type FormDef, type Parameter, type ProcedureDef } from '../../engine/index.js';
import { currentAccess } from '../access/http.js';
import { redactFailures } from '../access/index.js';
import { currentUser, isAdmin, requireAuth } from '../auth/middleware.js';
import { cannotEvaluate } from '../cases/refusal.js';
import { deriveStartInput, explainRules, interpolateProcedure, resolveOptions, stepMarks, toJalaliDate, toMermaid, toSvg, type Ctx, type RuleFailure } from '../engine.js';
import { notFound, Problem } from '../problem.js';
import type { Services } from '../services.js';
import { param, str } from './util.js';

/** A form as the API shows it: its schema with the options of tables in force on `asOf` filled in. */
export function formJson(bundle: Bundle, form: FormDef, asOf: string, now: string): Record<string, unknown> {
  return { id: form.id, title: form.title, fields: form.fields, schema: resolveOptions(bundle, form.schema, { bundle, asOf, now }), source: form.source };
}

/** A procedure as plain JSON (without the step index); its start form's table options as on `asOf`. */
export function procedureJson(bundle: Bundle, p: ProcedureDef, asOf: string, now: string): Record<string, unknown> {
  // labels that name a parameter read the value in force on the judging date
  const { stepIndex: _ignored, ...rest } = interpolateProcedure(bundle, p, asOf);
  const form = p.start.form ? bundle.forms.get(p.start.form) : undefined;
  const json = form ? formJson(bundle, form, asOf, now) : null;
  return { ...rest, startForm: json ? { id: json.id, title: json.title, fields: json.fields, schema: json.schema } : null };
}

/** Every role that appears in a procedure (who may start it, and who acts on any of its steps). */
export function procedureRoles(p: ProcedureDef): Set<string> {
  const roles = new Set(p.start.roles);
  for (const st of p.steps) if ('role' in st && typeof st.role === 'string') roles.add(st.role);
  return roles;
}

/**
 * The value of a parameter in force on a Jalali date, with where it came from, and its whole timeline: every value
 * with its resolution, the one in force marked, values dated after `on` marked as scheduled.
 */
export function effectiveParameter(p: Parameter, on: string): Record<string, unknown> {
  const current = inForce(p, on);
  const prov = (h: Parameter['history'][number]) => ({
    value: h.value,
    resolution: { id: h.resolution.id, title: h.resolution.title, date: h.resolution.date, number: h.resolution.number, reference: h.resolution.reference, sample: h.resolution.sample, modelling_default: h.resolution.modellingDefault },
    source: h.source,
    inForce: h === current,
    scheduled: h.resolution.date > on,
  });
  return {
    id: p.id, type: p.type, unit: p.unit, unitLabel: p.unitLabel ?? null, label: p.label, bounds: p.bounds, columns: p.columns,
    value: current?.value ?? null,
    provenance: current ? prov(current) : null,
    history: p.history.map(prov),
    source: p.source,
  };
}

/**
 * Runs a what-if; when a rule cannot be evaluated with the data given (a missing date, no point to measure from), finds
 * which one and answers 422 `cannot-evaluate` naming it, instead of failing the request.
 */
function explainSafely(ruleIds: string[], explain: (ids: string[]) => RuleFailure[]): RuleFailure[] {
  try {
    return explain(ruleIds);
  } catch (first) {
    for (const id of ruleIds) {
      try {
        explain([id]);
      } catch (err) {
        throw cannotEvaluate(id, err);
      }
    }
    throw cannotEvaluate(undefined, first);
  }
}

export function procedureRoutes(s: Services): Router {
  const r = Router();
  r.use(['/procedures', '/parameters', '/rules', '/forms', '/bundle'], requireAuth);
  const bundle = () => s.deps.bundles.current();
  const proc = (id: string) => bundle().procedures.get(id) ?? (() => { throw notFound('procedure', id); })();

  r.get('/procedures', (req, res) => {
    const u = currentUser(req);
    const list = [...bundle().procedures.values()].map((p) => ({
      id: p.id, title: p.title, reference: p.reference, subject: p.subject ?? null, startRoles: p.start.roles,
      canStart: p.start.roles.some((x) => u.roles.includes(x)), steps: p.steps.length,
    }));
    res.json(list);
  });

  // With `?case=`: the procedure as that case has it — its own definition version, its labels naming parameters read on
  // the case's judging date (not today's).
  r.get('/procedures/:id', (req, res) => {
    const caseId = str(req.query.case);
    if (!caseId) {
      const b = bundle();
      res.json(procedureJson(b, proc(param(req, 'id')), toJalaliDate(s.now(), b.info.timeZone), s.now()));
      return;
    }
    const c = s.deps.store.cases.get(caseId);
    if (!c || c.row.procedure !== param(req, 'id')) throw notFound('case', caseId);
    const def = s.cases.procedureFor(c.row);
    if (!def) throw notFound('procedure', param(req, 'id'));
    const u = currentUser(req);
    if (!isAdmin(u) && ![...procedureRoles(def)].some((x) => u.roles.includes(x))) {
      throw new Problem('forbidden', { detail: 'این پرونده به نقش‌های شما مربوط نیست', detail_en: 'This case does not involve your roles' });
    }
    const b = s.deps.bundles.tryGet(c.row.bundleHash) ?? bundle();
    res.json(procedureJson(b, def, c.state.judgedOn || toJalaliDate(s.now(), b.info.timeZone), s.now()));
  });

  r.get('/procedures/:id/diagram', (req, res) => {
    const p = proc(param(req, 'id'));
    const lang = req.query.lang === 'en' ? 'en' : 'fa';
    let done: string[] = [];
    let active: string[] = [];
    const caseId = str(req.query.case);
    let def = p;
    // A case's diagram is its own definition version's, sub-procedures' results included.
    let procedures = bundle().procedures;
    if (caseId) {
      const c = s.deps.store.cases.get(caseId);
      if (!c || c.row.procedure !== p.id) throw notFound('case', caseId);
      const u = currentUser(req);
      if (!isAdmin(u) && ![...procedureRoles(p)].some((x) => u.roles.includes(x))) throw new Problem('forbidden');
      def = s.cases.procedureFor(c.row) ?? p;
      procedures = (s.deps.bundles.tryGet(c.row.bundleHash) ?? bundle()).procedures;
      // Done: only the steps the case completed (not those a cancel or a return left undone).
      ({ done, active } = stepMarks({ ...c.state, active: [...Object.values(c.state.tokens), ...Object.values(c.state.tasks).map((t) => t.step)] }));
    }
    const lookup = (id: string) => procedures.get(id);
    // labels that name a parameter: a case's diagram reads them on its judging date, with its own version's values
    const caseRow = caseId ? s.deps.store.cases.get(caseId) : undefined;
    const labelsFrom = (caseRow && s.deps.bundles.tryGet(caseRow.row.bundleHash)) || bundle();
    def = interpolateProcedure(labelsFrom, def, caseRow?.state.judgedOn || toJalaliDate(s.now(), bundle().info.timeZone));
    if (req.query.format === 'mermaid') res.type('text/plain; charset=utf-8').send(toMermaid(def, { lang, done, active, lookup }));
    else res.type('image/svg+xml').send(toSvg(def, { lang, done, active, lookup }));
  });

  /** The subject record must exist when one is named (a what-if about a missing record answers nothing useful). */
  const requireSubject = (b: Bundle, entity: string | undefined, subject: string | undefined, ctx: Ctx) => {
    if (entity && subject !== undefined && !ctx.facts.record(entity, subject)) throw notFound(b.entities.get(entity)?.label ?? { fa: entity, en: entity }, subject);
  };

  r.post('/procedures/:id/what-if', (req, res) => {
    const b = bundle();
    const p = proc(param(req, 'id'));
    const body = req.body as { subject?: string; input?: Record<string, unknown>; asOf?: string; now?: string };
    const ctx = s.cases.ctx(b, body.now ?? s.now());
    requireSubject(b, p.subject?.entity, body.subject, ctx);
    // A procedure's what-if is its start guards, judged like a start would judge them: over the input with its derived
    // fields computed (the start page shows them as they would be recorded).
    let derived: { input: Record<string, unknown>; derived: Record<string, unknown> };
    try {
      derived = deriveStartInput(b, p.id, { subject: body.subject, input: body.input ?? {}, asOf: body.asOf }, ctx);
    } catch (err) {
      throw cannotEvaluate(undefined, err);
    }
    const w = { subject: body.subject, input: derived.input, asOf: body.asOf };
    const failures = explainSafely(p.start.guards, (ids) => explainRules(b, ids, w, ctx, p.subject?.entity));
    // An exclusive procedure's subject with an open case cannot start another: said before the form is filled.
    const open = p.subject && p.exclusive && body.subject !== undefined ? ctx.openCase?.(p.id, body.subject) : undefined;
    res.json({
      procedure: p.id, ok: failures.length === 0, failures: redactFailures(currentAccess(s, req), failures), derived: derived.derived, asOf: body.asOf ?? toJalaliDate(ctx.now, b.info.timeZone), ...(open ? { openCase: open } : {}),
    });
  });

  r.get('/rules', (_req, res) => {
    res.json([...bundle().rules.values()].map((x) => ({ id: x.id, label: x.label, message: x.message, params: x.params, when: x.when, check: x.check, source: x.source })));
  });

  r.post('/rules/:id/what-if', (req, res) => {
    const b = bundle();
    const id = param(req, 'id');
    if (!b.rules.has(id)) throw notFound('rule', id);
    const body = req.body as { subject?: string; entity?: string; input?: Record<string, unknown>; asOf?: string; now?: string };
    if (body.entity && !b.entities.has(body.entity)) throw notFound('entity', body.entity);
    const ctx = s.cases.ctx(b, body.now ?? s.now());
    requireSubject(b, body.entity, body.subject, ctx);
    const failures = explainSafely([id], (ids) => explainRules(b, ids, { subject: body.subject, input: body.input ?? {}, asOf: body.asOf }, ctx, body.entity));
    res.json({ rule: id, ok: failures.length === 0, failures: redactFailures(currentAccess(s, req), failures), asOf: body.asOf ?? toJalaliDate(ctx.now, b.info.timeZone) });
  });

  /** A form with its schema; options taken from tables are those in force today, or on a case's judging date (`case`). */
  r.get('/forms/:id', (req, res) => {
    const caseId = str(req.query.case);
    const c = caseId ? s.deps.store.cases.get(caseId) : undefined;
    if (caseId && !c) throw notFound('case', caseId);
    const u = currentUser(req);
    const caseProc = c ? s.cases.procedureFor(c.row) : undefined;
    if (c && !isAdmin(u) && !(caseProc && [...procedureRoles(caseProc)].some((x) => u.roles.includes(x)))) {
      throw new Problem('forbidden', { detail: 'این پرونده به نقش‌های شما مربوط نیست', detail_en: 'This case does not involve your roles' });
    }
    const b = c ? (s.deps.bundles.tryGet(c.row.bundleHash) ?? bundle()) : bundle();
    const f = b.forms.get(param(req, 'id'));
    if (!f) throw notFound('form', param(req, 'id'));
    res.json(formJson(b, f, c?.state.judgedOn ?? toJalaliDate(s.now(), b.info.timeZone), s.now()));
  });

  r.get('/parameters', (req, res) => {
    const b = bundle();
    const on = str(req.query.on) ?? toJalaliDate(s.now(), b.info.timeZone);
    res.json({ on, bundle: b.info.id, parameters: [...b.parameters.values()].map((p) => effectiveParameter(p, on)) });
  });

  r.get('/parameters/:id', (req, res) => {
    const b = bundle();
    const p = b.parameters.get(param(req, 'id'));
    if (!p) throw notFound('parameter', param(req, 'id'));
    res.json(effectiveParameter(p, str(req.query.on) ?? toJalaliDate(s.now(), b.info.timeZone)));
  });

  r.get('/bundle', (_req, res) => {
    const b = bundle();
    res.json({ info: b.info, hash: b.hash, calendar: b.calendar, roles: [...b.roles.values()], entities: [...b.entities.keys()], triggers: [...b.triggers.values()] });
  });

  return r;
}
