/**
 * Dabir's rule evaluator: json-logic (json-logic-js semantics) with Dabir's custom operators, compiled once per
 * logic object; static analysis for the loader; rule checks that explain their failures.
 */
export { analyze, escapePointer } from './analyze.js';
export type { LogicAnalysis, ExpectedType } from './analyze.js';
export { KNOWN_OPERATORS, BUILTIN_OPERATORS, CUSTOM_OPERATORS, isKnownOperator } from './operators.js';
export { MAX_LOGIC_DEPTH, MAX_LOGIC_NODES, measureLogic, isLogicNode } from './limits.js';
export type { LogicMeasure } from './limits.js';
export { LogicError, isEvalError } from './errors.js';
export type { EvalErrorCode } from './errors.js';
export type { EvalEnv } from './context.js';
export { evaluate, assertWithinLimits } from './evaluate.js';
export { evaluateInterpreted } from './interpret.js';
export { paramAt, inForce } from './params.js';
export { checkRule, checkRules, explainFailure, resolutionsOf } from './check.js';
export type { RuleCheck } from './check.js';
export { fillTemplate, formatValue, formatNumber } from './template.js';
export type { Describe, Lang } from './template.js';
export { truthy } from './builtins.js';
