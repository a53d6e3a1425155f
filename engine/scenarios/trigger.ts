/**
 * Where a scenario's case stands as an outcome, and trigger scenarios: when (or whether) a trigger fires for the
 * record the scenario names.
 */
import { toJalaliDate } from '../calendar/index.js';
import { triggerTime } from '../interpret/index.js';
import type { CaseState, Ctx } from '../interpret/types.js';
import type { Bundle, Scenario } from '../model.js';
import { expectWords, happenedWords, type Outcome, type Words } from './outcome.js';

/** Where a case stands: ended with its result, or open at its tasks. */
export function stateOutcome(state: CaseState): Outcome {
  if (state.status === 'ended') return { kind: 'ended', result: state.result ?? '', step: state.path[state.path.length - 1] ?? '', path: state.path };
  if (state.status === 'failed' && state.error) return { kind: 'error', message: state.error.message };
  return { kind: 'open', active: [...new Set(Object.values(state.tasks).map((t) => t.step))], path: state.path };
}

/** A trigger scenario: when (or whether) the trigger fires for the named record. */
export function playTrigger(bundle: Bundle, sc: Scenario, ctx: Ctx, problems: Words[]): Outcome {
  const trigger = bundle.triggers.get(sc.trigger!);
  const record = sc.subject !== undefined && trigger ? ctx.facts.record(trigger.entity, sc.subject) : undefined;
  if (!trigger || !record) {
    const what = trigger
      ? { fa: `رکوردی از نوع ${trigger.entity} با شناسهٔ «${sc.subject}» برای آزمودن نیست`, en: `no ${trigger.entity} record "${sc.subject}" to test` }
      : { fa: `راه‌انداز «${sc.trigger}» برای آزمودن نیست`, en: `no trigger "${sc.trigger}" to test` };
    problems.push(what);
    return { kind: 'error', message: what };
  }
  const at = triggerTime(bundle, trigger, record, ctx);
  const on = (at && toJalaliDate(at, bundle.info.timeZone)) || null;
  const outcome: Outcome = { kind: 'fires', on };
  const got = happenedWords(bundle, sc, outcome);
  if (sc.expect.fires === false && on) {
    problems.push({ fa: `انتظار می‌رفت راه‌انداز برای «${sc.subject}» اجرا نشود، ولی ${got.fa}`, en: `expected trigger "${trigger.id}" not to apply to "${sc.subject}", but it fires on ${on}` });
  }
  if (sc.expect.fires_on !== undefined && on !== sc.expect.fires_on) {
    const want = expectWords(bundle, { ...sc, expect: { fires_on: sc.expect.fires_on } });
    problems.push({
      fa: `انتظار می‌رفت ${want.fa} (برای «${sc.subject}»)، ولی ${got.fa}`,
      en: `expected trigger "${trigger.id}" to fire on ${sc.expect.fires_on} for "${sc.subject}", ${on ? `but it fires on ${on}` : 'but it does not apply'}`,
    });
  }
  return outcome;
}
