/** Dabir's custom operators, through both evaluation paths. */
import { describe, expect, it } from 'vitest';
import { LogicError, evaluate, evaluateInterpreted, type EvalEnv } from '../../engine/rules/index.js';
import { env, factsOf } from './fixtures.js';

const paths = [['compiled', evaluate], ['interpreted', evaluateInterpreted]] as const;

const data = {
  input: { area: 40, since: '1399-05-10', opened: '1400-01-01', point: { lat: 38.2498, lon: 48.2933 } },
  subject: { kind: 'rural', staff: 1 },
};

const values: [string, unknown, unknown, EvalEnv?][] = [
  // param: as of env.asOf, or of a given date; equal dates → the later entry (overlay) wins
  ['param reads the value in force on the judging date', { param: 'site.min_area' }, 65],
  ['param before a second resolution reads the first', { param: 'site.min_area' }, 50, env('1403-01-14')],
  ['param on the day of a second resolution reads it', { param: 'site.min_area' }, 65, env('1403-01-15')],
  ['param with an explicit date reads that date', { param: ['site.min_area', '1402-12-29'] }, 50],
  ['param with a Gregorian date converts it', { param: ['site.min_area', '2024-04-03'] }, 65],
  ['param with a computed date', { param: ['site.min_area', { var: 'input.opened' }] }, 50],
  ['param of a table returns its rows', { param: 'site.kinds' }, ['a', 'b']],
  ['today is the date of now in Tehran', { today: [] }, '1404-05-10'],
  ['today after local midnight is the next day', { today: [] }, '1404-05-11', env('1404-05-10', '2025-08-01T21:00:00Z')],
  ['years_between counts whole years (one day short)', { years_between: ['1399-05-10', '1404-05-09'] }, 4],
  ['years_between counts whole years (on the day)', { years_between: [{ var: 'input.since' }, { today: [] }] }, 5],
  ['years_between is negative backwards', { years_between: ['1404-05-10', '1399-05-10'] }, -5],
  ['months_between counts a clamped month end', { months_between: ['1403-06-31', '1403-07-30'] }, 1],
  ['months_between short of a month is zero', { months_between: ['1403-06-31', '1403-07-29'] }, 0],
  ['days_between crosses a leap Esfand 30', { days_between: ['1403-12-29', '1404-01-01'] }, 2],
  ['days_between accepts instants and Gregorian dates', { days_between: ['2025-03-20T22:00:00Z', '2025-03-23'] }, 2],
  ['add_months clamps to the month end', { add_months: ['1403-06-31', 1] }, '1403-07-30'],
  ['add_months accepts a negative count', { add_months: ['1403-01-31', -1] }, '1402-12-29'],
  ['add_days crosses the year', { add_days: ['1403-12-30', 1] }, '1404-01-01'],
  ['add_years from a leap day clamps', { add_years: ['1403-12-30', 1] }, '1404-12-29'],
  ['add_months of a Gregorian date gives a Jalali date', { add_months: ['2024-03-20', 1] }, '1403-02-01'],
  ['jalali_year of Nowruz 2025', { jalali_year: '2025-03-21' }, 1404],
  ['jalali_year of a Jalali date', { jalali_year: ['1399-12-30'] }, 1399],
  ['date comparison works on Jalali strings', { '<': [{ add_years: [{ var: 'input.since' }, 5] }, { today: [] }] }, false],
  ['distance_m of a point to itself is 0', { distance_m: [{ var: 'input.point' }, [38.2498, 48.2933]] }, 0],
  ['distance_m along the equator', { distance_m: [[0, 0], { lat: 0, lon: 1 }] }, (2 * Math.PI * 6371008.8) / 360],
  ['rule is true when the rule passes', { rule: 'rural.only' }, false],
  ['rule is true when the rule does not apply', { rule: 'rural.only' }, true],
];
// The last row runs on other data: an urban subject makes `rural.only` inapplicable.
const dataFor = (name: string) => (name.includes('does not apply') ? { ...data, subject: { kind: 'urban' } } : data);

const errors: [string, unknown, string, EvalEnv?][] = [
  ['param of an unknown id', { param: 'no.such' }, 'unknown-param'],
  ['param before any resolution is in force', { param: 'late.value' }, 'param-not-in-force', env('1402-01-01')],
  ['param with a non-string id', { param: [5] }, 'bad-argument'],
  ['param with a bad date', { param: ['site.min_area', 'soon'] }, 'bad-date'],
  ['years_between of a missing value', { years_between: [{ var: 'input.none' }, { today: [] }] }, 'bad-date'],
  ['add_days of an impossible date', { add_days: ['1404-12-30', 1] }, 'bad-date'],
  ['add_months by a fraction', { add_months: ['1403-01-01', 1.5] }, 'bad-number'],
  ['add_days far past the calendar', { add_days: ['1403-01-01', 9e15] }, 'bad-date'],
  ['distance_m of a non-point', { distance_m: [{ lat: 'x', lon: 1 }, [0, 0]] }, 'bad-point'],
  ['fact without a provider', { fact: ['count', 1] }, 'no-fact-provider'],
  ['fact whose provider fails', { fact: ['broken'] }, 'fact-failed', env(undefined, undefined, factsOf({}))],
  ['rule of an unknown id', { rule: 'no.such' }, 'unknown-rule'],
  ['an unknown operator', { nope: [1] }, 'unknown-operator'],
  ['rules in a cycle', { rule: 'loop.a' }, 'rule-cycle'],
  ['today with a bad clock', { today: [] }, 'bad-date', env('1404-05-10', 'yesterday')],
];

for (const [pathName, run] of paths) {
  describe(`custom operators (${pathName})`, () => {
    it.each(values)('%s', (name, logic, expected, e) => {
      const got = run(logic, dataFor(name), e ?? env());
      if (typeof expected === 'number' && !Number.isInteger(expected)) expect(got).toBeCloseTo(expected, 6);
      else expect(got).toStrictEqual(expected);
    });

    it.each(errors)('refuses %s', (_name, logic, code, e) => {
      let thrown: unknown;
      try {
        run(logic, data, e ?? env());
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(LogicError);
      expect((thrown as LogicError).code).toBe(code);
      expect((thrown as LogicError).text.fa.length).toBeGreaterThan(0);
      expect((thrown as LogicError).text.en?.length).toBeGreaterThan(0);
    });

    it('fact passes its arguments to the provider', () => {
      const facts = factsOf({ nearest: ([p, id]) => (id === 'x-1' && typeof p === 'object' ? 812.5 : -1) });
      const logic = { '>=': [{ fact: ['nearest', { var: 'input.point' }, 'x-1'] }, { param: 'site.min_distance' }] };
      expect(run(logic, data, env(undefined, undefined, facts))).toBe(false);
      expect(facts.calls).toEqual([['nearest', [data.input.point, 'x-1']]]);
    });

    it('rule evaluates nested rules on the same data and judging date', () => {
      expect(run({ rule: 'both' }, { input: { area: 70 }, subject: { kind: 'urban' } }, env())).toBe(true);
      expect(run({ rule: 'both' }, { input: { area: 60 }, subject: { kind: 'urban' } }, env())).toBe(false);
      expect(run({ rule: 'both' }, { input: { area: 60 }, subject: { kind: 'urban' } }, env('1402-01-01'))).toBe(true);
    });
  });
}

describe('LogicError', () => {
  it('converts to the case-error shape', () => {
    try {
      evaluate({ param: 'no.such' }, {}, env());
    } catch (e) {
      expect((e as LogicError).toJSON()).toEqual({
        code: 'unknown-param',
        message: { fa: 'پارامتر ناشناخته: no.such', en: 'Unknown parameter: no.such' },
        detail: { param: 'no.such' },
      });
    }
    expect.assertions(1);
  });
});

describe('get and rounding operators', () => {
  const env = { bundle: { parameters: new Map(), rules: new Map(), info: { timeZone: 'Asia/Tehran' } } as never, asOf: '1404-01-01', now: '2025-04-01T08:00:00Z' };
  it.each([
    [{ get: [{ var: 'rec' }, 'name.fa'] }, 'اردبیل'],
    [{ get: [{ var: 'rec' }, 'missing.path', 'none'] }, 'none'],
    [{ get: [{ var: 'rec' }, 'list.1'] }, 'b'],
    [{ get: [null, 'x'] }, null],
    [{ floor: { '/': [529374, 20000] } }, 26],
    [{ ceil: 26.01 }, 27],
    [{ round: -2.5 }, -3],
    [{ round: 2.5 }, 3],
    [{ count: { var: 'rec.list' } }, 2],
    [{ count: { var: 'rec.none' } }, 0],
    [{ count: 'abc' }, 3],
    [{ find: [{ var: 'rows' }, 'code', 'b'] }, { code: 'b', fine: 2 }],
    [{ find: [{ var: 'rows' }, 'code', 'z'] }, null],
    [{ get: [{ find: [{ var: 'rows' }, 'code', 'a'] }, 'fine'] }, 1],
    [{ keys: { var: 'answers' } }, ['x', 'y']],
    [{ keys: { var: 'nothing' } }, []],
  ])('%j → %j', (logic, expected) => {
    expect(evaluate(logic, { rec: { name: { fa: 'اردبیل' }, list: ['a', 'b'] }, rows: [{ code: 'a', fine: 1 }, { code: 'b', fine: 2 }], answers: { x: 1, y: 2 } }, env)).toEqual(expected);
  });

  it('refuses a non-number to round and a non-string path', () => {
    expect(() => evaluate({ floor: 'abc' }, {}, env)).toThrow(/not a number/);
    expect(() => evaluate({ get: [{}, { var: 'x' }] }, { x: null }, env)).toThrow(/path/);
  });
});
