/**
 * The durable scheduler. Work lives in the `jobs` table, so it survives restarts; each job is claimed and its effects
 * are written in ONE transaction, so a job fires at most once and never half-fires (a crash before COMMIT leaves it
 * pending; after COMMIT it is done). Kinds: `timer` (a case's timer step → `fire-timer`) and `trigger` (a data-driven
 * trigger → a notification and/or a new case). Notifications are delivered from the outbox after commit (at least once).
 */
import type { AppDeps } from '../deps.js';
import { SYSTEM, type CaseService } from '../cases/service.js';
import { fillTemplate, type Command } from '../engine.js';
import { Problem } from '../problem.js';
import type { Job } from '../store/types.js';
import { planAllTriggers } from './triggers.js';

const BATCH = 100;
const MAX_ATTEMPTS = 5;
const HOUR_MS = 3_600_000;
/** Retries of a job whose case's definition version does not load: 1 h, doubling, at most a day apart. */
const retryDelay = (attempts: number) => Math.min(24 * HOUR_MS, HOUR_MS * 2 ** Math.min(attempts, 5));

export interface TickReport {
  fired: number;
  failed: number;
  /** Left pending for a later try (their case's definition version does not load). */
  postponed: number;
  delivered: number;
}

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<TickReport> | undefined;

  constructor(private readonly d: AppDeps, private readonly cases: CaseService) {}

  /** Plans every trigger over the registry with the current bundle (start-up and after publishing). */
  planTriggers(): number {
    const bundle = this.d.bundles.current();
    return this.d.store.tx(() => planAllTriggers(bundle, this.d.store.entities, this.d.store.jobs, this.cases.ctx(bundle), (info, msg) => this.d.log.warn(info, msg)));
  }

  /** Runs every due job, then delivers pending notifications. Ticks never overlap. */
  tick(): Promise<TickReport> {
    this.running ??= this.runTick().finally(() => (this.running = undefined));
    return this.running;
  }

  private async runTick(): Promise<TickReport> {
    const report: TickReport = { fired: 0, failed: 0, postponed: 0, delivered: 0 };
    for (;;) {
      const due = this.d.store.jobs.due(this.d.clock.now().toISOString(), BATCH);
      for (const job of due) report[this.fire(job)]++;
      if (due.length < BATCH) break;
    }
    report.delivered = await this.deliver();
    return report;
  }

  /**
   * Claims and runs one job in one transaction; on error records the failure (and retries up to MAX_ATTEMPTS). A job
   * whose case's definition version does not load is not a failure of the job: it stays pending and is tried again
   * later (with backoff, and at every start — see `resumePostponed`), never failed for good.
   */
  fire(job: Job): 'fired' | 'failed' | 'postponed' {
    const now = this.d.clock.now().toISOString();
    try {
      this.d.store.tx(() => {
        if (!this.d.store.jobs.claim(job.key, now)) return;
        if (job.kind === 'timer') this.fireTimer(job);
        else if (job.kind === 'trigger') this.fireTrigger(job, now);
      });
      return 'fired';
    } catch (err) {
      const p = err instanceof Problem ? err.body() : { message: String((err as Error)?.message ?? err) };
      if (err instanceof Problem && err.code === 'definition-version-unavailable') {
        const first = (job.result as { postponed?: { dueAt?: string } } | null)?.postponed?.dueAt ?? job.dueAt;
        const retryAt = new Date(Date.parse(now) + retryDelay(job.attempts)).toISOString();
        this.d.store.jobs.postpone(job.key, retryAt, { postponed: { dueAt: first, error: { code: p.code, definitionVersion: p.definitionVersion, lines: p.lines } } });
        this.d.log.warn({ job: job.key, definitionVersion: p.definitionVersion, retryAt }, "job postponed: its case's definition version does not load");
        return 'postponed';
      }
      this.d.log.warn({ job: job.key, err: p }, 'job failed');
      this.d.store.jobs.fail(job.key, now, p, job.attempts + 1 >= MAX_ATTEMPTS || err instanceof Problem);
      return 'failed';
    }
  }

  /** Makes postponed jobs due again at once (at start-up: a new engine release may load their versions now). */
  resumePostponed(): number {
    const n = this.d.store.jobs.resumePostponed();
    if (n) this.d.log.info({ jobs: n }, 'postponed jobs are due again');
    return n;
  }

  private fireTimer(job: Job): void {
    const { caseId, timer } = job.payload as { caseId: string; timer: string };
    const c = this.d.store.cases.get(caseId);
    if (c?.row.status !== 'active' || !c.state.timers[timer]) return;
    this.cases.command(caseId, c.row.version, { type: 'fire-timer', timer }, c);
  }

  private fireTrigger(job: Job, now: string): void {
    const { trigger, entity, id } = job.payload as { trigger: string; entity: string; id: string };
    const bundle = this.d.bundles.current();
    const def = bundle.triggers.get(trigger);
    const record = this.d.store.entities.get(entity, id);
    if (!def || !record) return;
    if (def.notify) {
      // Filled like every message of the definitions: Persian digits and dates in `fa`, Latin in `en`.
      const { fa, en } = def.notify.message;
      const message = { fa: fillTemplate(fa, {}, record, 'fa'), en: en === undefined ? undefined : fillTemplate(en, {}, record, 'en') };
      this.d.store.outbox.add({ recipient: def.notify.to, message, source: `trigger:${trigger}:${id}` }, now);
    }
    if (def.start) {
      const caseId = this.d.newId();
      const cmd: Command = { type: 'start', procedure: def.start.procedure, subject: id, input: {}, actor: SYSTEM, caseId };
      // A refused start is an answer, not an error: it is recorded on the job.
      const decision = this.cases.startAsSystem(bundle, cmd);
      this.d.store.jobs.note(job.key, decision.ok ? { caseId } : { refused: decision.refusal });
    }
  }

  /** Hands pending outbox messages to the transport. */
  async deliver(): Promise<number> {
    let n = 0;
    for (const m of this.d.store.outbox.pending(BATCH)) {
      try {
        await this.d.transport.send(m);
        this.d.store.outbox.markSent(m.id, this.d.clock.now().toISOString());
        n++;
      } catch (err) {
        this.d.store.outbox.markFailed(m.id, String((err as Error)?.message ?? err), m.attempts + 1 >= MAX_ATTEMPTS);
      }
    }
    return n;
  }

  /** Ticks every `ms` until stopped. */
  start(ms: number): void {
    this.stop();
    this.timer = setInterval(() => void this.tick().catch((err) => this.d.log.error({ err }, 'scheduler tick failed')), ms);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Waits for a running tick to finish (graceful shutdown). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }
}
