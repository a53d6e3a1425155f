/**
 * json-logic-js 2.0.5's eagerly evaluated built-in operators, reproduced exactly (same coercions, same reduce
 * seeds, same argument handling) so the compiled evaluator returns what json-logic-js returns. Each takes the
 * current data as `this` and the already evaluated arguments, like json-logic-js's `operations`. `log` returns its
 * argument without printing: the engine does no I/O.
 */

/** json-logic truthiness: an empty array is false, everything else as in JavaScript. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value) && value.length === 0) return false;
  return !!value;
}

/** `var` exactly as json-logic-js: dotted path, numeric segments index arrays, `b` (default) when missing. */
export function varLookup(data: unknown, a: unknown, b: unknown): unknown {
  const notFound = b === undefined ? null : b;
  if (typeof a === 'undefined' || a === '' || a === null) return data;
  return walkPath(data, String(a).split('.'), notFound);
}

/** Descends `keys` from `data`; `notFound` when a step is null/undefined. */
export function walkPath(data: unknown, keys: readonly string[], notFound: unknown): unknown {
  let cur = data as any;
  for (let i = 0; i < keys.length; i++) {
    if (cur === null || cur === undefined) return notFound;
    cur = cur[keys[i]];
    if (cur === undefined) return notFound;
  }
  return cur;
}

type Op = (this: unknown, ...args: any[]) => unknown;

/** The eager built-ins except `var`, `missing` and `missing_some` (which need the evaluator itself). */
export const EAGER_BUILTINS: ReadonlyMap<string, Op> = new Map<string, Op>([
  // biome-ignore lint/suspicious/noDoubleEquals: JsonLogic's == and != are JavaScript's loose equality (the conformance suite checks it)
  ['==', (a, b) => a == b],
  ['===', (a, b) => a === b],
  // biome-ignore lint/suspicious/noDoubleEquals: JsonLogic's == and != are JavaScript's loose equality (the conformance suite checks it)
  ['!=', (a, b) => a != b],
  ['!==', (a, b) => a !== b],
  ['>', (a, b) => a > b],
  ['>=', (a, b) => a >= b],
  ['<', (a, b, c) => (c === undefined ? a < b : a < b && b < c)],
  ['<=', (a, b, c) => (c === undefined ? a <= b : a <= b && b <= c)],
  ['!!', (a) => truthy(a)],
  ['!', (a) => !truthy(a)],
  ['%', (a, b) => a % b],
  ['log', (a) => a],
  ['in', (a, b) => {
    if (!b || typeof b.indexOf === 'undefined') return false;
    return b.indexOf(a) !== -1;
  }],
  ['cat', (...args) => args.join('')],
  ['substr', (source, start, end) => {
    if (end < 0) {
      const temp = String(source).substr(start);
      return temp.substr(0, temp.length + end);
    }
    return String(source).substr(start, end);
  }],
  ['+', (...args) => args.reduce((a: any, b: any) => parseFloat(a) + parseFloat(b), 0)],
  ['*', (...args) => args.reduce((a: any, b: any) => parseFloat(a) * parseFloat(b))],
  ['-', (a, b) => (b === undefined ? -a : a - b)],
  ['/', (a, b) => a / b],
  ['min', (...args) => Math.min(...args)],
  ['max', (...args) => Math.max(...args)],
  ['merge', (...args) => args.reduce((a: unknown[], b: unknown) => a.concat(b), [])],
]);
