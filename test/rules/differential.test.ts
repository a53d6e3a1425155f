/**
 * Differential test: on generated logic over the built-in operators and generated data, the compiled evaluator
 * returns exactly what json-logic-js returns (same value, -0 vs 0 and NaN included), and throws when it throws.
 */
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { BUILTIN_OPERATORS, evaluate, evaluateInterpreted } from '../../engine/rules/index.js';
import { env } from './fixtures.js';

const PATHS = ['', 'a', 'b', 'c', 'a.b', 'a.0', 'b.c', '0', '1', 'a.b.c', 'x.y', 'current', 'accumulator', 'length', 'a.length'];
// `log` prints in json-logic-js; it is tested separately. Lazy/list operators get dedicated shapes below.
const EAGER = BUILTIN_OPERATORS.filter((op) => op !== 'log');
const ODD_OPS = ['foo', 'var.length', '==.prototype.constructor', 'if.prototype.constructor', 'toString', 'and.x'];

const scalar = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0.5, -0, 1e21, Number.MAX_SAFE_INTEGER),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('', 'a', 'b', '1', '0', '-2', '1.5', 'abc', 'a.b', 'x'),
);

const { data } = fc.letrec((tie) => ({
  data: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('data'), { maxLength: 3 }),
    fc.record({ a: tie('data'), b: tie('data'), c: tie('data') }, { requiredKeys: [] }),
  ),
}));

const { logic } = fc.letrec((tie) => ({
  logic: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.constantFrom(...PATHS).map((p) => ({ var: p })),
    fc.tuple(fc.constantFrom(...PATHS), tie('logic')).map(([p, d]) => ({ var: [p, d] })),
    fc.tuple(fc.constantFrom(...EAGER, ...ODD_OPS), fc.array(tie('logic'), { maxLength: 4 })).map(([op, args]) => ({ [op]: args })),
    fc.tuple(fc.constantFrom(...EAGER), tie('logic')).map(([op, arg]) => ({ [op]: arg })),
    fc.tuple(fc.constantFrom('filter', 'map', 'all', 'none', 'some', 'reduce'), tie('logic'), tie('logic'), fc.option(tie('logic'), { nil: undefined }))
      .map(([op, list, body, init]) => ({ [op]: init === undefined ? [list, body] : [list, body, init] })),
    fc.tuple(fc.constantFrom('missing', 'missing_some'), fc.array(fc.constantFrom(...PATHS), { maxLength: 3 }), fc.integer({ min: 0, max: 3 }))
      .map(([op, keys, n]) => (op === 'missing' ? { missing: keys } : { missing_some: [n, keys] })),
    fc.array(tie('logic'), { maxLength: 3 }),
    fc.constant({ a: 1, b: 2 }),
    fc.constant({}),
  ),
}));

const field = fc.oneof({ weight: 3, arbitrary: scalar }, { weight: 1, arbitrary: data });
const record = fc.record({ a: field, b: field, c: field, x: fc.record({ y: scalar }) }, { requiredKeys: [] });
const RECORD_PATHS = ['a', 'b', 'c', 'x.y', 'a.0', 'a.b', ''];

type Outcome = { value: unknown } | { threw: true };

function outcome(f: () => unknown): Outcome {
  try {
    return { value: f() };
  } catch {
    return { threw: true };
  }
}

describe('compiled evaluator vs json-logic-js', () => {
  it('returns what json-logic-js returns on generated logic and data', () => {
    const e = env();
    const hits = { defined: 0 };
    fc.assert(
      fc.property(logic, data, (l, d) => {
        const expected = outcome(() => jsonLogic.apply(l as never, d));
        if (!('value' in expected) || expected.value !== undefined) hits.defined++;
        expect(outcome(() => evaluate(l, d, e))).toStrictEqual(expected);
        expect(outcome(() => evaluateInterpreted(l, d, e))).toStrictEqual(expected);
      }),
      { numRuns: 3000 },
    );
    expect(hits.defined).toBeGreaterThan(2000);
  });

  it('returns what json-logic-js returns for data-reading operators over record data', () => {
    const e = env();
    const reading = fc.tuple(fc.constantFrom('missing', 'missing_some', 'var', '-', 'in'), fc.array(fc.constantFrom(...RECORD_PATHS), { minLength: 1, maxLength: 3 }))
      .map(([op, keys]) => op === 'missing' ? { missing: keys }
        : op === 'missing_some' ? { missing_some: [1, keys] }
        : op === 'var' ? { var: keys[0] }
        : { [op]: keys.map((k) => ({ var: k })) });
    fc.assert(
      fc.property(reading, record, (l, d) => {
        expect(outcome(() => evaluate(l, d, e))).toStrictEqual(outcome(() => jsonLogic.apply(l as never, d)));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    [{ log: [{ var: 'a' }] }, { a: [1] }, [1]],
    [{ '*': ['3'] }, {}, '3'],
    [{ '*': [-1, 0, 5] }, {}, 0],
    [{ '+': [] }, {}, 0],
    [{ '+': ['-0'] }, {}, 0],
    [{ '<': [1, 2, null] }, {}, false],
    [{ missing: [['a', 'b']] }, { a: 1 }, ['b']],
    [{ missing: [['a', 'x']] }, { a: '' }, ['a', 'x']],
    [{ missing_some: [1, { merge: ['a', 'b'] }] }, { b: 1 }, []],
    [{ var: ['a.b', 9] }, { a: null }, 9],
    [{ var: ['a.b', 9] }, { a: { b: null } }, null],
    [{ '==.prototype.constructor': [1, '1'] }, {}, true],
    [{ in: ['b', 'abc'] }, {}, true],
    [{ reduce: [[1, 2, 3], { '+': [{ var: 'current' }, { var: 'accumulator' }] }] }, {}, NaN],
    [{ reduce: [[1, 2, 3], { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 0] }, {}, 6],
    [{ if: [] }, {}, null],
    [{ missing: ['a', 'b', 'c'] }, { a: '', b: 0, c: false }, ['a']],
    [{ '-': [1, { and: [] }] }, {}, -1],
    [{ and: [] }, {}, undefined],
  ])('agrees on the edge case %j over %j', (l, d, expected) => {
    const quiet = vi.spyOn(console, 'log').mockImplementation(() => undefined); // json-logic-js's `log` prints
    try {
      expect(evaluate(l, d, env())).toStrictEqual(expected);
      expect(jsonLogic.apply(l as never, d)).toStrictEqual(expected);
    } finally {
      quiet.mockRestore();
    }
  });

  it('returns a fresh array for a literal list each time', () => {
    const l = [1, { var: 'a' }];
    const first = evaluate(l, { a: 2 }, env()) as unknown[];
    first.push(99);
    expect(evaluate(l, { a: 2 }, env())).toEqual([1, 2]);
  });

  it('leaves an unknown operator in an untaken branch alone, and refuses it when reached', () => {
    const l = { if: [{ var: 'x' }, { nope: [1] }, 'fine'] };
    expect(evaluate(l, { x: false }, env())).toBe('fine');
    expect(() => evaluate(l, { x: true }, env())).toThrow(expect.objectContaining({ code: 'unknown-operator' }));
  });
});
