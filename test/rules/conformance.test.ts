/** The JsonLogic shared test suite (277 cases) through every evaluation path, with all custom operators registered. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateInterpreted } from '../../engine/rules/index.js';
import { env } from './fixtures.js';

type Case = [unknown, unknown, unknown];
// /work/shared/conformance, next to the repository.
const SUITE = new URL('../../../shared/conformance/jsonlogic-tests.json', import.meta.url);
const suite = JSON.parse(readFileSync(SUITE, 'utf8')) as unknown[];
const cases = suite.filter((c): c is Case => Array.isArray(c));

const paths = [
  ['compiled (evaluate)', evaluate],
  ['interpreted (json-logic-js + custom operators)', evaluateInterpreted],
] as const;

describe('JsonLogic conformance suite', () => {
  it('has 277 cases', () => {
    expect(cases).toHaveLength(277);
  });

  for (const [name, run] of paths) {
    it(`passes 277/277 through the ${name} path`, () => {
      const e = env();
      const failures: string[] = [];
      let passed = 0;
      for (const [logic, data, expected] of cases) {
        let got: unknown;
        try {
          got = run(logic, data, e);
        } catch (err) {
          got = err;
        }
        try {
          expect(got).toStrictEqual(expected);
          passed++;
        } catch {
          failures.push(`${JSON.stringify(logic)} on ${JSON.stringify(data)}: got ${JSON.stringify(got)}, want ${JSON.stringify(expected)}`);
        }
      }
      expect(failures).toEqual([]);
      expect(passed).toBe(277);
    });

    it(`gives the same answer twice (cached compilation) through the ${name} path`, () => {
      const e = env();
      for (const [logic, data, expected] of cases) expect(run(logic, data, e)).toStrictEqual(expected);
    });
  }
});
