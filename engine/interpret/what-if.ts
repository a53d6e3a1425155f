/**
 * Evaluating rules without a case: a procedure's start guards or any rule, for given data (the "what-if").
 */
import { toJalaliDate } from '../calendar/index.js';
import type { Bundle, TriggerDef } from '../model.js';
import { checkRules, evaluate } from '../rules/index.js';
import { jalaliToInstant, tryParseDate } from '../calendar/index.js';
import type { Ctx, RuleFailure } from './types.js';

export interface WhatIfInput {
  subject?: string;
  input?: Record<string, unknown>;
  /** Jalali date to judge on (default: today). */
  asOf?: string;
}

/** Every failed start guard of a procedure for the given subject and input; [] when all pass. */
export function explainGuards(bundle: Bundle, procedureId: string, w: WhatIfInput, ctx: Ctx): RuleFailure[] {
  const proc = bundle.procedures.get(procedureId);
  if (!proc) throw Object.assign(new Error(`unknown procedure "${procedureId}"`), { code: 'unknown-procedure' });
  return explainRules(bundle, proc.start.guards, w, ctx, proc.subject?.entity);
}

/** Every failure among the given rules for the given data. */
export function explainRules(bundle: Bundle, ruleIds: string[], w: WhatIfInput, ctx: Ctx, subjectEntity?: string): RuleFailure[] {
  const today = toJalaliDate(ctx.now, bundle.info.timeZone);
  const subjectRecord = subjectEntity && w.subject ? ctx.facts.record(subjectEntity, w.subject) : undefined;
  const data = { subject: subjectRecord ?? null, input: w.input ?? {}, steps: {}, now: ctx.now, today, case: { started_on: today } };
  return checkRules(ruleIds, data, { bundle, asOf: w.asOf ?? today, now: ctx.now, facts: ctx.facts });
}

/** The instant a trigger fires for a record (08:00 local on its date), or undefined when it does not apply. */
export function triggerTime(bundle: Bundle, trigger: TriggerDef, record: Record<string, unknown>, ctx: Ctx): string | undefined {
  const today = toJalaliDate(ctx.now, bundle.info.timeZone);
  const env = { bundle, asOf: today, now: ctx.now, facts: ctx.facts };
  if (trigger.where !== undefined && !evaluate(trigger.where, record, env)) return undefined;
  const at = evaluate(trigger.at, record, env);
  if (typeof at !== 'string' || !tryParseDate(at)) return undefined;
  return at.includes('T') ? at : jalaliToInstant(at, bundle.info.timeZone);
}
