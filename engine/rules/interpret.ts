/**
 * The reference path: json-logic-js's own `apply`, with Dabir's custom operators registered on it (on first use).
 * json-logic-js operations cannot receive an environment, so the running context is held in a module variable for
 * the duration of the synchronous call (saved and restored, so nested `{rule}` evaluations are safe).
 * Note: json-logic-js's `log` prints to the console on this path; the compiled path does not.
 */
import jsonLogic from 'json-logic-js';
import { CUSTOM_OPS } from './custom.js';
import { LogicError, toEvalError } from './errors.js';
import { RunCtx, type EvalEnv, type Runner } from './context.js';
import { assertWithinLimits } from './evaluate.js';

let current: RunCtx | undefined;
let registered = false;
const withinLimits = new WeakSet<object>();

function register(): void {
  if (registered) return;
  for (const [name, op] of CUSTOM_OPS) {
    jsonLogic.add_operation(name, function (this: unknown, ...args: unknown[]) {
      if (!current) throw new LogicError('logic-error', { fa: `عملگر ${name} بیرون از ارزیاب دبیر اجرا شد.`, en: `Operator ${name} ran outside Dabir's evaluator.` });
      return op(args, this, current);
    });
  }
  registered = true;
}

const runInterpreted: Runner = (logic, data, ctx) => {
  if (typeof logic === 'object' && logic !== null && !withinLimits.has(logic)) {
    assertWithinLimits(logic);
    withinLimits.add(logic);
  }
  const prev = current;
  current = ctx;
  try {
    return jsonLogic.apply(logic as never, data);
  } finally {
    current = prev;
  }
};

/** Evaluates logic with json-logic-js itself (custom operators included). Throws only LogicError. */
export function evaluateInterpreted(logic: unknown, data: unknown, env: EvalEnv): unknown {
  register();
  try {
    return runInterpreted(logic, data, new RunCtx(env, runInterpreted));
  } catch (e) {
    const unknown = e instanceof Error && !(e instanceof LogicError) ? /^Unrecognized operation (\S+)/.exec(e.message) : null;
    if (unknown) throw new LogicError('unknown-operator', { fa: `عملگر ناشناخته: ${unknown[1]}`, en: e instanceof Error ? e.message : '' }, { op: unknown[1] });
    throw toEvalError(e);
  }
}
