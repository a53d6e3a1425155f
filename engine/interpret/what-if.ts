/**
 * Evaluating rules without a case: a procedure's start guards or any rule, for given data (the "what-if").
 */
import { toJalaliDate } from '../calendar/index.js';
import type { Bundle, TriggerDef } from '../model.js';
import { checkRules, evaluate } from '../rules/index.js';
import { jalaliToInstant, tryParseDate } from '../calendar/index.js';
import { startScope } from './start.js';
import { deriveValues } from './submission.js';
import type { Ctx, RuleFailure } from './types.js';

export interface WhatIfInput {
  subject?: string;
  input?: Record<string, unknown>;
  /** Jalali date to judge on (default: today). */
  asOf?: string;
}

/**
 * The start input as a start would see it: the start form's derived fields computed from the subject and the input
 * given (a value sent for one is replaced). Returns the input and the derived values. Throws LogicError.
 */
export function deriveStartInput(bundle: Bundle, procedureId: string, w: WhatIfInput, ctx: Ctx): { input: Record<string, unknown>; derived: Record<string, unknown> } {
  const proc = bundle.procedures.get(procedureId);
  const input = structuredClone(w.input ?? {});
  const form = proc?.start.form ? bundle.forms.get(proc.start.form) : undefined;
  if (!form) return { input, derived: {} };
  const today = toJalaliDate(ctx.now, bundle.info.timeZone);
  const subject = proc?.subject && w.subject ? ctx.facts.record(proc.subject.entity, w.subject) : undefined;
  const derived = deriveValues(form.fields, input, startScope(subject, input, ctx.now, today), { bundle, asOf: w.asOf ?? today, now: ctx.now, facts: ctx.facts });
  return { input, derived };
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
