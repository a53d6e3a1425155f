/** Limits and robustness: oversized logic is refused, and nothing but LogicError ever escapes the evaluator. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CUSTOM_OPERATORS, LogicError, KNOWN_OPERATORS, MAX_LOGIC_DEPTH, MAX_LOGIC_NODES, evaluate, evaluateInterpreted,
} from '../../engine/rules/index.js';
import { env, factsOf } from './fixtures.js';

const paths = [['compiled', evaluate], ['interpreted', evaluateInterpreted]] as const;

function nested(depth: number): unknown {
  let l: unknown = true;
  for (let i = 0; i < depth; i++) l = { '!': l };
  return l;
}

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    return e instanceof LogicError ? e.code : `not a LogicError: ${String(e)}`;
  }
}

describe.each(paths)('limits (%s)', (_name, run) => {
  it(`evaluates logic exactly ${MAX_LOGIC_DEPTH} deep`, () => {
    expect(run(nested(MAX_LOGIC_DEPTH), {}, env())).toBe(true);
  });

  it(`refuses logic ${MAX_LOGIC_DEPTH + 1} deep`, () => {
    expect(codeOf(() => run(nested(MAX_LOGIC_DEPTH + 1), {}, env()))).toBe('too-deep');
  });

  it('refuses a 100,000-deep list without exhausting the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(codeOf(() => run(deep, {}, env()))).toBe('too-deep');
  });

  it(`evaluates ${MAX_LOGIC_NODES} nodes and refuses one more`, () => {
    const ok = { '+': new Array(MAX_LOGIC_NODES - 1).fill(1) };
    expect(run(ok, {}, env())).toBe(MAX_LOGIC_NODES - 1);
    const tooBig = { '+': new Array(MAX_LOGIC_NODES).fill(1) };
    expect(codeOf(() => run(tooBig, {}, env()))).toBe('too-large');
  });
});

describe('robustness', () => {
  // `log` is left out only because json-logic-js prints on the interpreted path.
  const anyOp = fc.constantFrom(...KNOWN_OPERATORS.filter((op) => op !== 'log'), 'nope', 'a.b');
  const { logic } = fc.letrec((tie) => ({
    logic: fc.oneof(
      { depthSize: 'small' },
      fc.jsonValue({ maxDepth: 2 }),
      fc.tuple(anyOp, fc.array(tie('logic'), { maxLength: 3 })).map(([op, args]) => ({ [op]: args })),
      fc.tuple(fc.constantFrom(...CUSTOM_OPERATORS), fc.array(fc.oneof(tie('logic'), fc.constantFrom('site.min_area', '1403-01-01', 'area.ok', 'loop.a', 3)), { maxLength: 3 }))
        .map(([op, args]) => ({ [op]: args })),
    ),
  }));
  const facts = factsOf({ n: (args) => args.length });

  it.each(paths)('the %s evaluator throws nothing but LogicError on arbitrary JSON', (_name, run) => {
    fc.assert(
      fc.property(logic, fc.jsonValue({ maxDepth: 3 }), fc.boolean(), (l, d, withFacts) => {
        try {
          run(l, d, env(undefined, undefined, withFacts ? facts : undefined));
        } catch (e) {
          expect(e).toBeInstanceOf(LogicError);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
