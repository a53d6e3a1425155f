/**
 * JSON-Logic in the browser, by the engine's own evaluator (engine/rules): the same operators and the same truthiness
 * as the server (an empty list is false), so a field shown or an item required here is what the server will judge.
 * What only the server can evaluate — parameters, rules, facts of the registry — is "unknown" here: the browser holds
 * none of them, and the server decides.
 */
import { evaluate, truthy } from '../../engine/rules/index.js';
import type { EvalEnv } from '../../engine/rules/index.js';
import { toJalaliDate } from '../../engine/calendar/index.js';
import { TIME_ZONE } from './i18n/jalali.js';

/** An environment with the clock and the time zone dates are shown in, but no parameters, rules or facts. */
function clientEnv(): EvalEnv {
  const timeZone = TIME_ZONE;
  const now = new Date().toISOString();
  return {
    bundle: { parameters: new Map(), rules: new Map(), info: { timeZone } } as unknown as EvalEnv['bundle'],
    asOf: toJalaliDate(now, timeZone),
    now,
  };
}

/** Whether `logic` holds over `data`: true or false, or undefined when only the server can tell. */
export function holds(logic: unknown, data: unknown): boolean | undefined {
  try {
    return truthy(evaluate(logic, data, clientEnv()));
  } catch {
    return undefined;
  }
}
