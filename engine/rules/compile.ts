/**
 * Compiles a logic tree once into nested closures (no eval, no `new Function`): each node becomes a function of
 * (data, run context). Semantics are json-logic-js 2.0.5's exactly — lazy `if`/`and`/`or` and list operators,
 * eager evaluation of every argument of every other operator (even unused or extra ones), the same coercions —
 * plus Dabir's custom operators. Unknown operators compile to a node that evaluates its arguments and then throws,
 * as json-logic-js does, so an unknown operator in an untaken branch is harmless.
 */
import { isLogicNode } from './limits.js';
import { EAGER_BUILTINS, truthy, varLookup, walkPath } from './builtins.js';
import { CUSTOM_OPS } from './custom.js';
import { LogicError } from './errors.js';
import type { RunCtx } from './context.js';

/** A compiled logic node. */
export type Compiled = (data: unknown, ctx: RunCtx) => unknown;

type C = (d: any, x: RunCtx) => any;

const isPrimitive = (v: unknown): boolean => v === null || (typeof v !== 'object' && typeof v !== 'function');

function unknownOperator(op: string): LogicError {
  return new LogicError('unknown-operator', { fa: `عملگر ناشناخته: ${op}`, en: `Unrecognized operation ${op}` }, { op });
}

/** Evaluates every argument, then applies `f` to the values (json-logic-js's eager path). */
function eager(cs: C[], f: (vals: any[], d: any, x: RunCtx) => any): C {
  const n = cs.length;
  if (n === 0) return (d, x) => f([], d, x);
  if (n === 1) { const a = cs[0]; return (d, x) => f([a(d, x)], d, x); }
  return (d, x) => {
    const vals = new Array(n);
    for (let i = 0; i < n; i++) vals[i] = cs[i](d, x);
    return f(vals, d, x);
  };
}

/** `missing` over already evaluated keys; non-primitive keys go through `{var: key}` as json-logic-js does. */
function missingOf(keys: ArrayLike<unknown>, d: any, x: RunCtx): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const v = isPrimitive(key) ? varLookup(d, key, undefined) : compileNode({ var: key })(d, x);
    if (v === null || v === '') out.push(key);
  }
  return out;
}

/** `missing`, specialised when every key is a literal string (then the paths are split once). */
function compileMissing(values: unknown[], cs: C[]): C {
  const literal = values.length > 0 && values.every((v) => typeof v === 'string') ? (values as string[]) : undefined;
  if (!literal) return eager(cs, (v, d, x) => missingOf(Array.isArray(v[0]) ? v[0] : v, d, x));
  const paths = literal.map((k) => (k === '' ? undefined : k.split('.')));
  return (d) => {
    const out: unknown[] = [];
    for (let i = 0; i < paths.length; i++) {
      const p = paths[i];
      const v = p ? walkPath(d, p, null) : d;
      if (v === null || v === '') out.push(literal[i]);
    }
    return out;
  };
}

function missingSome(vals: any[], d: any, x: RunCtx): unknown {
  const [need, options] = vals;
  const areMissing = Array.isArray(options) && options.every(isPrimitive)
    ? missingOf(options, d, x)
    : (compileNode({ missing: options })(d, x) as unknown[]);
  return options.length - areMissing.length >= need ? [] : areMissing;
}

/** The `var` node, specialised when the path is a literal. */
function compileVar(values: unknown[], cs: C[]): C {
  const a = values[0];
  if (values.length <= 2 && isPrimitive(a)) {
    if (a === undefined || a === '' || a === null) return eager(cs, (_v, d) => d);
    const keys = String(a).split('.');
    if (values.length === 1 && keys.length === 1) {
      const k = keys[0];
      return (d) => {
        if (d === null || d === undefined) return null;
        const v = d[k];
        return v === undefined ? null : v;
      };
    }
    if (values.length === 1 && keys.length === 2) {
      const [k0, k1] = keys;
      return (d) => {
        if (d === null || d === undefined) return null;
        const v = d[k0];
        if (v === null || v === undefined) return null;
        const w = v[k1];
        return w === undefined ? null : w;
      };
    }
    if (values.length === 1) return (d) => walkPath(d, keys, null);
    const b = cs[1];
    return (d, x) => {
      const def = b(d, x);
      return walkPath(d, keys, def === undefined ? null : def);
    };
  }
  return eager(cs, (v, d) => varLookup(d, v[0], v[1]));
}

/** Two-argument forms of the hottest eager operators. */
function binary(op: string, a: C, b: C): C | undefined {
  switch (op) {
    // biome-ignore lint/suspicious/noDoubleEquals: JsonLogic's == is JavaScript's loose equality (the conformance suite checks it)
    case '==': return (d, x) => a(d, x) == b(d, x);
    case '===': return (d, x) => a(d, x) === b(d, x);
    // biome-ignore lint/suspicious/noDoubleEquals: JsonLogic's == and != are JavaScript's loose equality (the conformance suite checks it)
    case '!=': return (d, x) => a(d, x) != b(d, x);
    case '!==': return (d, x) => a(d, x) !== b(d, x);
    case '>': return (d, x) => a(d, x) > b(d, x);
    case '>=': return (d, x) => a(d, x) >= b(d, x);
    case '<': return (d, x) => a(d, x) < b(d, x);
    case '<=': return (d, x) => a(d, x) <= b(d, x);
    case '/': return (d, x) => a(d, x) / b(d, x);
    case '%': return (d, x) => a(d, x) % b(d, x);
    case '-': return (d, x) => { const va = a(d, x), vb = b(d, x); return vb === undefined ? -va : va - vb; };
    // json-logic-js re-parses the running sum; a sum of parsed numbers started at 0 is never -0, so that is exact.
    case '+': return (d, x) => { const va = a(d, x); return 0 + parseFloat(va) + parseFloat(b(d, x)); };
    case 'in': return (d, x) => {
      const va = a(d, x), vb = b(d, x);
      if (!vb || typeof vb.indexOf === 'undefined') return false;
      return vb.indexOf(va) !== -1;
    };
    case '*': return (d, x) => { const va = a(d, x); return parseFloat(va) * parseFloat(b(d, x)); };
    default: return undefined;
  }
}

/** Resolves json-logic-js's dotted operator names (`a.b.c` walks the operations object) to an operator, if any. */
function dottedOperator(op: string): string | undefined {
  // In json-logic-js only `<op>.prototype.constructor` (repeated) leads back to a callable operation.
  const parts = op.split('.');
  const head = parts[0];
  if (!EAGER_BUILTINS.has(head) && !CUSTOM_OPS.has(head) && head !== 'var' && head !== 'missing' && head !== 'missing_some') return undefined;
  if ((parts.length - 1) % 2 !== 0) return undefined;
  for (let i = 1; i < parts.length; i += 2) if (parts[i] !== 'prototype' || parts[i + 1] !== 'constructor') return undefined;
  return parts.length > 1 ? head : undefined;
}

/** Compiles one node (no limits check, no cache: see evaluate.ts). */
export function compileNode(node: unknown): Compiled {
  if (Array.isArray(node)) {
    const cs = node.map(compileNode) as C[];
    const n = cs.length;
    return (d, x) => {
      const out = new Array(n);
      for (let i = 0; i < n; i++) out[i] = cs[i](d, x);
      return out;
    };
  }
  if (!isLogicNode(node)) return () => node;
  let op = Object.keys(node)[0];
  const raw = node[op];
  const values: unknown[] = Array.isArray(raw) ? raw : [raw];
  const cs = values.map(compileNode) as C[];
  const n = cs.length;
  const [c0, c1] = [cs[0] ?? (() => undefined), cs[1] ?? (() => undefined)] as C[];

  switch (op) {
    case 'if': case '?:':
      if (n === 3) { const c2 = cs[2]; return (d, x) => (truthy(c0(d, x)) ? c1(d, x) : c2(d, x)); }
      return (d, x) => {
        let i: number;
        for (i = 0; i < n - 1; i += 2) if (truthy(cs[i](d, x))) return cs[i + 1](d, x);
        return n === i + 1 ? cs[i](d, x) : null;
      };
    case 'and':
      return (d, x) => {
        let cur: unknown;
        for (let i = 0; i < n; i++) { cur = cs[i](d, x); if (!truthy(cur)) return cur; }
        return cur;
      };
    case 'or':
      return (d, x) => {
        let cur: unknown;
        for (let i = 0; i < n; i++) { cur = cs[i](d, x); if (truthy(cur)) return cur; }
        return cur;
      };
    case 'filter':
      return (d, x) => { const s = c0(d, x); return Array.isArray(s) ? s.filter((item) => truthy(c1(item, x))) : []; };
    case 'map':
      return (d, x) => { const s = c0(d, x); return Array.isArray(s) ? s.map((item) => c1(item, x)) : []; };
    case 'reduce': {
      const init: C | undefined = typeof values[2] !== 'undefined' ? cs[2] : undefined;
      return (d, x) => {
        const s = c0(d, x);
        const initial = init ? init(d, x) : null;
        if (!Array.isArray(s)) return initial;
        return s.reduce((accumulator, current) => c1({ current, accumulator }, x), initial);
      };
    }
    case 'all':
      return (d, x) => {
        const s = c0(d, x);
        if (!Array.isArray(s) || !s.length) return false;
        for (let i = 0; i < s.length; i++) if (!truthy(c1(s[i], x))) return false;
        return true;
      };
    case 'none': case 'some': {
      const some = op === 'some';
      return (d, x) => {
        const s = c0(d, x);
        if (!Array.isArray(s) || !s.length) return !some;
        for (let i = 0; i < s.length; i++) if (truthy(c1(s[i], x))) return some;
        return !some;
      };
    }
  }

  op = dottedOperator(op) ?? op;
  if (op === 'var') return compileVar(values, cs);
  if (op === 'missing') return compileMissing(values, cs);
  if (op === 'missing_some') return eager(cs, missingSome);
  const builtin = EAGER_BUILTINS.get(op);
  if (builtin) {
    if (n === 2 && op === 'in' && Array.isArray(values[1]) && values[1].every(isPrimitive)) {
      const list = values[1] as unknown[];
      return (d, x) => list.indexOf(c0(d, x)) !== -1;
    }
    if (n === 2) { const fast = binary(op, c0, c1); if (fast) return fast; }
    if (n === 1 && op === '!') return (d, x) => !truthy(c0(d, x));
    if (n === 1 && op === '!!') return (d, x) => truthy(c0(d, x));
    return eager(cs, (v, d) => builtin.apply(d, v));
  }
  const custom = CUSTOM_OPS.get(op);
  if (custom) return eager(cs, custom);
  const name = op;
  return eager(cs, () => { throw unknownOperator(name); });
}
