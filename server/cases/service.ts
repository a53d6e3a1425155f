/**
 * The case runtime: sends a command to the interpreter and carries out what the resulting events ask for — all in one
 * transaction: events appended, projections updated, registry records changed, timers scheduled, notifications queued,
 * child cases started and parents told when a child ends. The interpreter decides; this file only executes.
 */
import { ADMIN_ROLE, type Bundle, type ProcedureDef } from '../../engine/index.js';
import { ADMIN, type SessionUser } from '../auth/middleware.js';
import type { AppDeps } from '../deps.js';
import { applyCommand, CANCEL_REASON, formatCaseNumber, prefillFor, reasonRequired, toJalaliDate, toPersianDigits } from '../engine.js';
import type { Actor, CaseEvent, CaseState, Command, Ctx, Decision } from '../engine.js';
import { sqliteFacts } from '../facts/sqlite-facts.js';
import { notFound, Problem, staleVersion } from '../problem.js';
import { planTriggersForRecord } from '../scheduler/triggers.js';
import type { CaseRow } from '../store/types.js';
import { refusalProblem } from './refusal.js';
import { applyEntityEvent } from './entity-effects.js';

export const SYSTEM: Actor = { id: 'system', roles: [] };
/** The system acting with the built-in administrator role (to cancel the children of a closed case). */
const SYSTEM_ADMIN: Actor = { id: 'system', roles: [ADMIN_ROLE] };
/** Results a parent receives for a child that did not reach an end of its own (a `next` map may route on them). */
export const CHILD_REFUSED = 'refused';
export const CHILD_CANCELLED = 'cancelled';
export const CHILD_FAILED = 'failed';
const MAX_CASCADE = 64;

export interface StartBody {
  procedure: string;
  subject?: string;
  input?: Record<string, unknown>;
}

export type CaseServiceDeps = Pick<AppDeps, 'store' | 'bundles' | 'clock' | 'log' | 'newId'>;

export class CaseService {
  constructor(private readonly d: CaseServiceDeps) {}

  /**
   * A context for one command: the clock's now, facts over the store as of today, fresh ids, and the open cases of the
   * store — read in the caller's transaction, so a start that finds none cannot race another start.
   */
  ctx(bundle: Bundle, now = this.d.clock.now().toISOString()): Ctx {
    const asOf = toJalaliDate(now, bundle.info.timeZone);
    const openCase = (procedure: string, subject: string) => {
      const c = this.d.store.cases.openCase(procedure, subject);
      return c ? { id: c.id, ...(c.number ? { number: c.number } : {}) } : undefined;
    };
    return { now, facts: sqliteFacts(this.d.store.entities, { bundle, asOf, now }), newId: this.d.newId, openCase };
  }

  /** The bundle a case runs on (the `definition-version-unavailable` problem when it no longer loads). */
  bundleOf(caseId: string): Bundle {
    const c = this.d.store.cases.get(caseId);
    if (!c) throw notFound('case', caseId);
    return this.d.bundles.get(c.row.bundleHash);
  }

  /**
   * The procedure a case's reads are judged by (who may see it, its diagram): the one of the case's own version, or
   * the current one of the same id when that version no longer loads — reading a case never depends on its version.
   */
  procedureFor(row: Pick<CaseRow, 'bundleHash' | 'procedure'>): ProcedureDef | undefined {
    return (this.d.bundles.tryGet(row.bundleHash) ?? this.d.bundles.current()).procedures.get(row.procedure);
  }

  /**
   * The values an open task's form and checklist start with (their `prefill` over the case's data), on the case's own
   * definition version; {} when it has none or that version no longer loads.
   */
  prefill(row: Pick<CaseRow, 'bundleHash'>, state: CaseState, taskId: string): Record<string, unknown> {
    const bundle = this.d.bundles.tryGet(row.bundleHash);
    return bundle ? prefillFor(bundle, state, taskId, this.ctx(bundle)) : {};
  }

  /** Starts a case on the current bundle for `user`; returns its id (see `startCase`). */
  start(user: SessionUser, body: StartBody): string {
    return this.startCase(user, body).caseId;
  }

  /**
   * Starts a case on the current bundle for `user`. Returns its state as committed. Throws a refusal problem (nothing
   * written) when the interpreter refuses.
   */
  startCase(user: SessionUser, body: StartBody): CaseState {
    const bundle = this.d.bundles.current();
    const proc = bundle.procedures.get(body.procedure);
    if (!proc) throw notFound('procedure', body.procedure);
    if (!proc.start.roles.some((r) => user.roles.includes(r))) {
      throw new Problem('forbidden', {
        detail: `شروع این فرایند با نقش‌های ${proc.start.roles.join('، ')} است`,
        detail_en: `Starting "${proc.id}" requires one of the roles: ${proc.start.roles.join(', ')}`,
        extra: { requiredRoles: proc.start.roles },
      });
    }
    if (proc.subject && body.subject === undefined) {
      throw new Problem('validation-failed', { detail: 'موضوع پرونده لازم است', detail_en: `"${proc.id}" needs a subject (${proc.subject.entity} id)` });
    }
    const caseId = this.d.newId();
    const cmd: Command = { type: 'start', procedure: body.procedure, subject: body.subject, input: body.input ?? {}, actor: actorOf(user), caseId };
    return this.d.store.tx(() => this.latest(caseId, this.run(bundle, caseId, 0, cmd, true).after));
  }

  /** Starts a case for the system (a trigger) inside the caller's transaction; a refusal comes back, not thrown. */
  startAsSystem(bundle: Bundle, cmd: Extract<Command, { type: 'start' }>): Decision {
    return this.d.store.tx(() => this.run(bundle, cmd.caseId, 0, cmd, false).decision);
  }

  /**
   * Sends a command to an existing case that must be at `expectedVersion` (409 otherwise); returns its state as
   * committed. `loaded` — the case as the caller read it moments ago — spares reading and parsing it again when it is
   * still the current version (checked against the row).
   */
  command(caseId: string, expectedVersion: number | undefined, cmd: Command, loaded?: { state: CaseState }): CaseState {
    return this.d.store.tx(() => {
      const { row, state } = this.current(caseId, expectedVersion, loaded);
      const bundle = this.d.bundles.get(row.bundleHash);
      return this.latest(caseId, this.run(bundle, caseId, row.version, cmd, true, 0, state).after);
    });
  }

  /**
   * Cancels a case. When its definition version no longer loads (see BundleRegistry), an administrator may still
   * cancel it: cancelling needs no definition (the case is closed, its timers and running children with it); anyone
   * else gets the `definition-version-unavailable` problem, as for every other command.
   */
  cancel(caseId: string, expectedVersion: number, actor: Actor, reason?: string, loaded?: { state: CaseState }): CaseState {
    return this.d.store.tx(() => {
      const { row, state } = this.current(caseId, expectedVersion, loaded);
      const bundle = this.d.bundles.tryGet(row.bundleHash);
      if (bundle || !actor.roles.includes(ADMIN)) return this.command(caseId, expectedVersion, { type: 'cancel', reason, actor }, { state });
      // Without its definition the interpreter's check of the reason is made here, in its words.
      const blank = !reason?.trim() ? reasonRequired(CANCEL_REASON) : undefined;
      if (blank && !blank.ok) throw refusalProblem(blank.refusal);
      this.cancelWithoutDefinition(caseId, state, actor, reason, 0);
      return this.latest(caseId, undefined);
    });
  }

  /** The case row and state at `expected` (any version when undefined), or 404/409. */
  private current(caseId: string, expected: number | undefined, loaded?: { state: CaseState }): { row: CaseRow; state: CaseState } {
    const row = this.d.store.cases.row(caseId);
    if (!row) throw notFound('case', caseId);
    const version = expected ?? row.version;
    if (version !== row.version) throw staleVersion(version, row.version);
    const state = loaded?.state.version === row.version ? loaded.state : this.d.store.cases.get(caseId)!.state;
    return { row, state };
  }

  /** The committed state: `after` unless effects wrote to the case again (a child that ended at once told its parent). */
  private latest(caseId: string, after: CaseState | undefined): CaseState {
    if (after && this.d.store.cases.row(caseId)?.version === after.version) return after;
    return this.d.store.cases.get(caseId)!.state;
  }

  /**
   * Runs one command inside the caller's transaction and everything it cascades into. A refusal of the outermost
   * command throws (rolling everything back); a refused child start is reported to its parent as result "refused".
   * `state` is the case at `expected` when the caller has it. Returns the decision and the case's state after it.
   */
  private run(bundle: Bundle, caseId: string, expected: number, cmd: Command, outer: boolean, depth = 0, state?: CaseState): { decision: Decision; after?: CaseState } {
    if (depth > MAX_CASCADE) throw new Problem('internal', { detail_en: 'case cascade too deep' });
    const before = expected === 0 ? undefined : state?.version === expected ? state : this.d.store.cases.get(caseId)?.state;
    const ctx = this.ctx(bundle);
    const decision = applyCommand(bundle, before, cmd, ctx);
    if (!decision.ok) {
      if (outer) throw refusalProblem(decision.refusal);
      return { decision };
    }
    const actorId = 'actor' in cmd ? cmd.actor.id : SYSTEM.id;
    const after = this.d.store.cases.append(caseId, expected, decision.events, actorId, before);
    // Every case that starts gets its number here (a user's, a trigger's, a child's), before its effects run.
    if (cmd.type === 'start') {
      const year = Number(toJalaliDate(ctx.now, bundle.info.timeZone).slice(0, 4));
      this.d.store.cases.assignNumber(caseId, { bundle: bundle.info.id, year }, (seq) => formatCaseNumber(bundle.info.caseNumber, year, seq));
    }
    for (const e of decision.events) this.effect(bundle, caseId, after, e, ctx.now, depth);
    return { decision, after };
  }

  private effect(bundle: Bundle, caseId: string, state: CaseState, e: CaseEvent, now: string, depth: number): void {
    const { store, log } = this.d;
    switch (e.type) {
      case 'entity.updated':
      case 'entity.created': {
        const rec = applyEntityEvent(bundle, store.entities, e);
        planTriggersForRecord(bundle, store.jobs, e.entity, rec, this.ctx(bundle, now), (info, msg) => log.warn(info, msg));
        break;
      }
      case 'timer.scheduled':
        store.jobs.schedule(timerJobKey(caseId, e.timer), 'timer', e.fireAt, { caseId, timer: e.timer }, now);
        break;
      case 'notification.requested':
        store.outbox.add({ recipient: e.to, message: e.message, caseId, source: e.step ? `step:${e.step}` : 'case' }, now);
        break;
      case 'subcase.requested': {
        const start: Command = {
          type: 'start', caseId: e.childCaseId, procedure: e.procedure, subject: e.subject, input: e.input, actor: SYSTEM, parent: { caseId, step: e.step },
        };
        const d = this.run(bundle, e.childCaseId, 0, start, false, depth + 1).decision;
        // A refused child is an answer for the parent (its `next` may route on "refused"), not an error.
        if (!d.ok) {
          log.info({ caseId, child: e.childCaseId, procedure: e.procedure, refusal: d.refusal.code, rules: d.refusal.failures.map((f) => f.rule) }, 'child case refused');
          this.tell(caseId, { type: 'child-ended', childCaseId: e.childCaseId, result: CHILD_REFUSED }, depth);
        }
        break;
      }
      case 'case.ended':
      case 'case.cancelled':
      case 'case.failed':
        this.closed(caseId, state, e, now, depth);
        break;
      default:
        break;
    }
  }

  /** A case closed (ended, cancelled, failed): its timers stop, its running children are cancelled, its parent is told. */
  private closed(caseId: string, state: CaseState, e: Extract<CaseEvent, { type: 'case.ended' | 'case.cancelled' | 'case.failed' }>, now: string, depth: number): void {
    const { store, log } = this.d;
    store.jobs.cancel(timerJobKey(caseId, ''), now);
    if (e.type === 'case.failed') log.warn({ caseId, error: e.error }, 'case failed');
    // Children still running when their parent closes are cancelled with it — on their own version, or without one
    // when it no longer loads.
    const number = store.cases.row(caseId)?.number;
    for (const child of store.cases.list({ parent: caseId, status: 'active', limit: MAX_CASCADE, offset: 0 }).items) {
      // The reason the child's timeline shows: its parent by number, and how it closed.
      const how = state.status === 'ended' ? 'پایان یافت' : state.status === 'cancelled' ? 'ابطال شد' : 'دچار خطا شد';
      const reason = `پروندهٔ اصلی${number ? ` (\u2066${toPersianDigits(number)}\u2069)` : ''} ${how}`;
      const childBundle = this.d.bundles.tryGet(child.bundleHash);
      if (!childBundle) {
        this.cancelWithoutDefinition(child.id, store.cases.get(child.id)!.state, SYSTEM_ADMIN, reason, depth + 1);
        continue;
      }
      const d = this.run(childBundle, child.id, child.version, { type: 'cancel', reason, actor: SYSTEM_ADMIN }, false, depth + 1).decision;
      if (!d.ok) log.warn({ caseId, child: child.id, refusal: d.refusal }, 'child case not cancelled');
    }
    // The parent learns how its child ended, whichever way — a failed child must not leave it waiting forever.
    if (state.parent) {
      const result = e.type === 'case.ended' ? e.result : e.type === 'case.cancelled' ? CHILD_CANCELLED : CHILD_FAILED;
      this.tell(state.parent.caseId, { type: 'child-ended', childCaseId: caseId, result }, depth);
    }
  }

  /**
   * Cancels a case whose definition version no longer loads: the one event the interpreter would emit for a permitted
   * cancel (`case.cancelled`), appended directly, and the closing effects (which need no definition).
   */
  private cancelWithoutDefinition(caseId: string, state: CaseState, actor: Actor, reason: string | undefined, depth: number): void {
    if (depth > MAX_CASCADE) throw new Problem('internal', { detail_en: 'case cascade too deep' });
    if (state.status !== 'active') return;
    const now = this.d.clock.now().toISOString();
    const event: Extract<CaseEvent, { type: 'case.cancelled' }> = { type: 'case.cancelled', at: now, actor: actor.id, ...(reason ? { reason } : {}) };
    const after = this.d.store.cases.append(caseId, state.version, [event], actor.id, state);
    this.d.log.warn({ caseId, definitionVersion: state.bundleHash, actor: actor.id }, 'case cancelled without its definition version (it no longer loads)');
    this.closed(caseId, after, event, now, depth);
  }

  /** Sends a system command to another case (a parent) at its current version, on that case's own version. */
  private tell(caseId: string, cmd: Command, depth: number): void {
    const c = this.d.store.cases.get(caseId);
    if (c?.row.status !== 'active') return;
    const bundle = this.d.bundles.tryGet(c.row.bundleHash);
    if (!bundle) {
      this.d.log.warn({ caseId, definitionVersion: c.row.bundleHash, command: cmd.type }, 'case not told: its definition version no longer loads');
      return;
    }
    const d = this.run(bundle, caseId, c.row.version, cmd, false, depth + 1, c.state).decision;
    if (!d.ok) this.d.log.warn({ caseId, refusal: d.refusal }, 'parent refused a child notification');
  }
}

export const actorOf = (u: SessionUser): Actor => ({ id: u.id, roles: u.roles });
export const timerJobKey = (caseId: string, timer: string): string => `timer:${caseId}:${timer}`;
