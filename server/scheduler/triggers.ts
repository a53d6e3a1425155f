/**
 * Data-driven triggers (bundle.triggers) become jobs: one per (trigger, record, instant). The key makes planning
 * idempotent — re-planning never duplicates — and when a record's instant moves, its older pending job is cancelled.
 */
import type { Bundle } from '../../engine/index.js';
import { triggerTimes, type Ctx } from '../engine.js';
import type { EntityStore, JobStore } from '../store/types.js';

/** Triggers whose instant is further in the past than this are not scheduled (no flood of stale reminders). */
export const TRIGGER_LOOKBACK_MS = 30 * 86_400_000;

export const triggerKeyPrefix = (trigger: string, entity: string, id: string): string => `trigger:${trigger}:${entity}:${id}:`;

/** Told of a trigger whose instant cannot be computed for a record (its reminder is not planned; the operator must know). */
export type TriggerWarn = (info: { trigger: string; entity: string; id: string; error: string }, msg: string) => void;

/** Plans every trigger of `entity` for one record. Returns the number of jobs added. */
export function planTriggersForRecord(bundle: Bundle, jobs: JobStore, entity: string, record: Record<string, unknown>, ctx: Ctx, warn?: TriggerWarn): number {
  let added = 0;
  const key = bundle.entities.get(entity)?.key ?? 'id';
  const id = String(record[key]);
  for (const t of bundle.triggers.values()) {
    if (t.entity !== entity) continue;
    const prefix = triggerKeyPrefix(t.id, entity, id);
    let at: string | undefined;
    try {
      at = triggerTimes(bundle, t, record, ctx);
    } catch (e) {
      at = undefined;
      const error = e instanceof Error ? e.message : String(e);
      warn?.({ trigger: t.id, entity, id, error }, `trigger ${t.id} cannot be planned for ${entity} ${id}: ${error}`);
    }
    if (!at || Date.parse(at) < Date.parse(ctx.now) - TRIGGER_LOOKBACK_MS) {
      jobs.cancel(prefix, ctx.now);
      continue;
    }
    const jobKey = `${prefix}${at}`;
    jobs.cancel(prefix, ctx.now, jobKey);
    if (jobs.schedule(jobKey, 'trigger', at, { trigger: t.id, entity, id, bundleHash: bundle.hash }, ctx.now)) added++;
  }
  return added;
}

/** Plans every trigger for every record (at start and after publishing). */
export function planAllTriggers(bundle: Bundle, entities: EntityStore, jobs: JobStore, ctx: Ctx, warn?: TriggerWarn): number {
  let added = 0;
  const byEntity = new Set([...bundle.triggers.values()].map((t) => t.entity));
  for (const entity of byEntity) for (const rec of entities.all(entity)) added += planTriggersForRecord(bundle, jobs, entity, rec, ctx, warn);
  return added;
}
