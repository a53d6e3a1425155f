/**
 * The evaluation entry points. `evaluate` runs the compiled form (compiled once per logic object, cached by
 * identity — logic from a Bundle is immutable); `evaluateInterpreted` runs json-logic-js itself with the custom
 * operators registered. Both refuse oversized logic and throw nothing but LogicError.
 */
import { MAX_LOGIC_DEPTH, MAX_LOGIC_NODES, measureLogic } from './limits.js';
import { LogicError, toEvalError } from './errors.js';
import { RunCtx, type EvalEnv, type Runner } from './context.js';
import { compileNode, type Compiled } from './compile.js';

const compiled = new WeakMap<object, Compiled>();

/** Throws LogicError('too-deep' | 'too-large') when logic exceeds the limits. */
export function assertWithinLimits(logic: unknown): void {
  const m = measureLogic(logic);
  if (m.ok) return;
  if (m.depth > MAX_LOGIC_DEPTH) {
    throw new LogicError('too-deep', { fa: `منطق بیش از ${MAX_LOGIC_DEPTH} سطح تو در تو است.`, en: `Logic is nested deeper than ${MAX_LOGIC_DEPTH} levels.` }, { limit: MAX_LOGIC_DEPTH });
  }
  throw new LogicError('too-large', { fa: `منطق بیش از ${MAX_LOGIC_NODES} گره دارد.`, en: `Logic has more than ${MAX_LOGIC_NODES} nodes.` }, { limit: MAX_LOGIC_NODES });
}

/** The compiled form of a logic tree, built on first use and cached by object identity. Throws LogicError over the limits. */
export function compile(logic: unknown): Compiled {
  if (typeof logic !== 'object' || logic === null) return () => logic;
  let f = compiled.get(logic);
  if (!f) {
    assertWithinLimits(logic);
    f = compileNode(logic);
    compiled.set(logic, f);
  }
  return f;
}

const runCompiled: Runner = (logic, data, ctx) => compile(logic)(data, ctx);

/** Evaluates logic over data in `env` (compiled path). Throws only LogicError. */
export function evaluate(logic: unknown, data: unknown, env: EvalEnv): unknown {
  if (typeof logic !== 'object' || logic === null) return logic;
  try {
    return compile(logic)(data, new RunCtx(env, runCompiled));
  } catch (e) {
    throw toEvalError(e);
  }
}
