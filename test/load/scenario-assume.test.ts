/**
 * A scenario's `assume:` (a what-if value for a parameter): checked like a resolution's value at its file:line:col,
 * and in force on every date of the scenario, in place of the resolutions' values.
 */
import { describe, expect, it } from 'vitest';
import { formatError } from '../../engine/load/index.js';
import { runScenarios } from '../../engine/scenarios/run.js';
import { expectPersianBeside, header, loadWith } from './helpers.js';

const scenarios = (assume: string) => `${header('scenarios')}kind: scenarios
scenarios:
  - id: small-site
    procedure: p
    now: 1402-01-01
    assume: ${assume}
    input: { area: 25 }
    expect:
      refused: [area.ok]
`;

describe('a scenario that assumes a parameter value', () => {
  it('refuses an unknown parameter with did-you-mean, at the assumption', () => {
    const r = loadWith({ 'scenarios.yaml': scenarios('{ area.mni: 40 }') });
    const hit = r.errors.find((e) => e.code === 'unknown-parameter');
    expect(hit, r.errors.map(formatError).join('\n')).toMatchObject({ file: 'defs/b/scenarios.yaml', line: 7, col: 15 });
    expect(hit!.message).toMatch(/assumes "area.mni", which is not a declared parameter.*did you mean "area.min"\?/);
    expectPersianBeside(hit!);
  });

  it('refuses a value of the wrong type, and one outside the bounds', () => {
    const wrong = loadWith({ 'scenarios.yaml': scenarios('{ area.min: "forty" }') });
    expect(wrong.errors.map(formatError).join('\n')).toMatch(/scenarios\.yaml:7:25: .*assumed "area.min" must be a number/);
    const low = loadWith({ 'scenarios.yaml': scenarios('{ area.min: 10 }') });
    expect(low.errors.map(formatError).join('\n')).toMatch(/scenarios\.yaml:7:25: .*assumed "area.min" is out of bounds: 10 is below the minimum 20/);
  });

  it('runs with the assumed value: 25 m² is refused under the resolution (30), accepted when 20 is assumed', () => {
    // the resolution's 30 refuses 25 m²
    const base = loadWith({ 'scenarios.yaml': scenarios('{}') });
    expect(base.errors.map(formatError)).toEqual([]);
    expect(runScenarios(base.bundle!).results.map((x) => x.passed)).toEqual([true]);
    // assuming 20, the same start is accepted: the scenario expecting a refusal fails, and says the case went on
    const assumed = loadWith({ 'scenarios.yaml': scenarios('{ area.min: 20 }') });
    expect(assumed.errors.map(formatError)).toEqual([]);
    const [res] = runScenarios(assumed.bundle!).results;
    expect(res!.passed).toBe(false);
    expect(res!.problems.map((x) => x.en).join('\n')).toMatch(/expected the start to be refused by \[area.ok\], but the case started/);
  });
});
