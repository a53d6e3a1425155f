/**
 * The case runtime: sends a command to the interpreter and carries out what the resulting events ask for — all in one
 * transaction: events appended, projections updated, registry records changed, timers scheduled, notifications queued,
 * child cases started and parents told when a child ends. The interpreter decides; this file only executes.
 */
import type { Bundle, ProcedureDef } from '../../engine/model.js';
import type { SessionUser } from '../auth/middleware.js';
import type { AppDeps } from '../deps.js';
import { applyCommand, toJalaliDate } from '../engine.js';
import type { Actor, CaseEvent, CaseState, Command, Ctx, Decision } from '../engine.js';
import { sqliteFacts } from '../facts/sqlite-facts.js';
import { notFound, Problem, staleVersion } from '../problem.js';
import { planTriggersForRecord } from '../scheduler/triggers.js';
import type { CaseRow } from '../store/types.js';
import { refusalProblem } from './refusal.js';
import { applyEntityEvent } from './entity-effects.js';

export const SYSTEM: Actor = { id: 'system', roles: [] };
/** The system acting with the built-in administrator role (to cancel the children of a closed case). */
const SYSTEM_ADMIN: Actor = { id: 'system', roles: ['admin'] };
/** Results a parent receives for a child that did not reach an end of its own (a `next` map may route on them). */
export const CHILD_REFUSED = 'refused';
export const CHILD_CANCELLED = 'cancelled';
export const CHILD_FAILED = 'failed';
const MAX_CASCADE = 64;

export type CaseServiceDeps = Pick<AppDeps, 'store' | 'bundles' | 'clock' | 'log' | 'newId'>;

export class CaseService {
  constructor(private readonly d: CaseServiceDeps) {}

  /** A context for one command: the clock's now, facts over the store as of today, fresh ids. */
  ctx(bundle: Bundle, now = this.d.clock.now().toISOString()): Ctx {
    const asOf = toJalaliDate(now, bundle.info.timeZone);
    return { now, facts: sqliteFacts(this.d.store.entities, { bundle, asOf, now }), newId: this.d.newId };
  }

  /** The bundle a case runs on (the `definition-version-unavailable` problem when it no longer loads). */
  bundleOf(caseId: string): Bundle {
    const c = this.d.store.cases.get(caseId);
    if (!c) throw notFound('پرونده', caseId);
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
   * Starts a case on the current bundle for `user`. Returns its id. Throws a refusal problem (nothing written) when
   * the interpreter refuses.
   */
  start(user: SessionUser, body: { procedure: string; subject?: string; input?: Record<string, unknown> }): string {
    const bundle = this.d.bundles.current();
    const proc = bundle.procedures.get(body.procedure);
    if (!proc) throw notFound('فرایند', body.procedure);
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
    this.d.store.tx(() => this.run(bundle, caseId, 0, cmd, true));
    return caseId;
  }

  /** Starts a case for the system (a trigger) inside the caller's transaction; a refusal comes back, not thrown. */
  startAsSystem(bundle: Bundle, cmd: Extract<Command, { type: 'start' }>): Decision {
    return this.d.store.tx(() => this.run(bundle, cmd.caseId, 0, cmd, false));
  }

  /** Sends a command to an existing case that must be at `expectedVersion` (409 otherwise). */
  command(caseId: string, expectedVersion: number | undefined, cmd: Command): CaseState {
    return this.d.store.tx(() => {
      const c = this.d.store.cases.get(caseId);
      if (!c) throw notFound('پرونده', caseId);
      const version = expectedVersion ?? c.row.version;
      if (version !== c.row.version) {
        throw staleVersion(version, c.row.version);
      }
      const bundle = this.d.bundles.get(c.row.bundleHash);
      this.run(bundle, caseId, version, cmd, true);
      return this.d.store.cases.get(caseId)!.state;
    });
  }

  /**
   * Runs one command inside the caller's transaction and everything it cascades into. A refusal of the outermost
   * command throws (rolling everything back); a refused child start is reported to its parent as result "refused".
   */
  private run(bundle: Bundle, caseId: string, expected: number, cmd: Command, outer: boolean, depth = 0): Decision {
    if (depth > MAX_CASCADE) throw new Problem('internal', { detail_en: 'case cascade too deep' });
    const state = expected === 0 ? undefined : this.d.store.cases.get(caseId)?.state;
    const ctx = this.ctx(bundle);
    const decision = applyCommand(bundle, state, cmd, ctx);
    if (!decision.ok) {
      if (outer) throw refusalProblem(decision.refusal);
      return decision;
    }
    const actorId = 'actor' in cmd ? cmd.actor.id : SYSTEM.id;
    const after = this.d.store.cases.append(caseId, expected, decision.events, actorId);
    for (const e of decision.events) this.effect(bundle, caseId, after, e, ctx.now, depth);
    return decision;
  }

  private effect(bundle: Bundle, caseId: string, state: CaseState, e: CaseEvent, now: string, depth: number): void {
    const { store, log } = this.d;
    switch (e.type) {
      case 'entity.updated':
      case 'entity.created': {
        const rec = applyEntityEvent(bundle, store.entities, e);
        planTriggersForRecord(bundle, store.jobs, e.entity, rec, this.ctx(bundle, now));
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
        const d = this.run(bundle, e.childCaseId, 0, start, false, depth + 1);
        // A refused child is an answer for the parent (its `next` may route on "refused"), not an error.
        if (!d.ok) {
          log.info({ caseId, child: e.childCaseId, procedure: e.procedure, refusal: d.refusal.code, rules: d.refusal.failures.map((f) => f.rule) }, 'child case refused');
          this.tell(bundle, caseId, { type: 'child-ended', childCaseId: e.childCaseId, result: CHILD_REFUSED }, depth);
        }
        break;
      }
      case 'case.ended':
      case 'case.cancelled':
      case 'case.failed':
        store.jobs.cancel(timerJobKey(caseId, ''), now);
        if (e.type === 'case.failed') log.warn({ caseId, error: e.error }, 'case failed');
        // Children still running when their parent closes are cancelled with it.
        for (const child of store.cases.list({ parent: caseId, status: 'active', limit: MAX_CASCADE, offset: 0 }).items) {
          const d = this.run(bundle, child.id, child.version, { type: 'cancel', reason: `parent ${caseId} ${state.status}`, actor: SYSTEM_ADMIN }, false, depth + 1);
          if (!d.ok) log.warn({ caseId, child: child.id, refusal: d.refusal }, 'child case not cancelled');
        }
        // The parent learns how its child ended, whichever way — a failed child must not leave it waiting forever.
        if (state.parent) {
          const result = e.type === 'case.ended' ? e.result : e.type === 'case.cancelled' ? CHILD_CANCELLED : CHILD_FAILED;
          this.tell(bundle, state.parent.caseId, { type: 'child-ended', childCaseId: caseId, result }, depth);
        }
        break;
      default:
        break;
    }
  }

  /** Sends a system command to another case (a parent) at its current version. */
  private tell(bundle: Bundle, caseId: string, cmd: Command, depth: number): void {
    const c = this.d.store.cases.get(caseId);
    if (!c || c.row.status !== 'active') return;
    const d = this.run(bundle, caseId, c.row.version, cmd, false, depth + 1);
    if (!d.ok) this.d.log.warn({ caseId, refusal: d.refusal }, 'parent refused a child notification');
  }
}

export const actorOf = (u: SessionUser): Actor => ({ id: u.id, roles: u.roles });
export const timerJobKey = (caseId: string, timer: string): string => `timer:${caseId}:${timer}`;
