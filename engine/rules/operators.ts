/**
 * The operator vocabulary: json-logic-js 2.0.5's built-ins plus Dabir's custom operators (docs/language.md).
 * Anything else is an unknown operator: a definition error at load time, a LogicError at run time.
 */

/** json-logic-js 2.0.5 built-in operators, including the special forms it evaluates lazily. */
export const BUILTIN_OPERATORS: readonly string[] = Object.freeze([
  '==', '===', '!=', '!==', '>', '>=', '<', '<=', '!!', '!', '%', 'log', 'in', 'cat', 'substr',
  '+', '*', '-', '/', 'min', 'max', 'merge', 'var', 'missing', 'missing_some',
  'if', '?:', 'and', 'or', 'filter', 'map', 'reduce', 'all', 'none', 'some',
]);

/** Dabir's custom operators (see "Custom operators" in docs/language.md). */
export const CUSTOM_OPERATORS: readonly string[] = Object.freeze([
  'param', 'today', 'years_between', 'months_between', 'days_between',
  'add_months', 'add_days', 'add_years', 'jalali_year', 'distance_m', 'fact', 'rule', 'get', 'count', 'find', 'keys', 'floor', 'ceil', 'round',
]);

/** Every operator Dabir's evaluators understand. */
export const KNOWN_OPERATORS: readonly string[] = Object.freeze([...BUILTIN_OPERATORS, ...CUSTOM_OPERATORS]);

const known = new Set(KNOWN_OPERATORS);

/** True when `op` is a built-in or custom operator (own names only: `toString` etc. are unknown). */
export function isKnownOperator(op: string): boolean {
  return known.has(op);
}

/** Operators whose second argument is evaluated once per list item with the item as data. */
export const SCOPED_OPERATORS: readonly string[] = Object.freeze(['filter', 'map', 'reduce', 'all', 'none', 'some']);

/** Custom operators that produce or consume Jalali dates. */
export const DATE_OPERATORS: readonly string[] = Object.freeze([
  'today', 'years_between', 'months_between', 'days_between', 'add_months', 'add_days', 'add_years', 'jalali_year',
]);
