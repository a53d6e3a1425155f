/**
 * Issue 12: a province reusing a base resolution's id is an error unless it says `replaces:`; and every parameter
 * the definitions read has a value on every date from the bundle's start — else an error naming the parameter,
 * the first uncovered date and the resolution that would cover it.
 */
import { describe, expect, it } from 'vitest';
import { formatError, loadFiles } from '../../engine/load/index.js';
import type { Bundle } from '../../engine/model.js';
import { expectPersianBeside, header, loadWith, minimalFiles, toFiles } from './helpers.js';

const overlay = (resolutions: string, bundleExtra = '') => loadFiles(toFiles('defs/o', {
  'bundle.yaml': `${header('bundle')}kind: bundle\nid: o\nname: { fa: ا, en: O }\nextends: b\n${bundleExtra}`,
  'resolutions.yaml': `${header('resolutions')}kind: resolutions\nresolutions:\n${resolutions}`,
}), 'defs/o', { 'defs/b': toFiles('defs/b', minimalFiles()) });

const values = (b: Bundle | undefined, id: string) => b?.parameters.get(id)?.history.map((v) => [v.resolution.id, v.value]);

describe('province resolutions and the base', () => {
  it("refuses a province's resolution that reuses a base resolution's id, at its id", () => {
    const r = overlay('  - id: r1\n    title: { fa: م, en: R }\n    date: 1400-01-01\n    sets: { area.min: 40 }\n');
    const hit = r.errors.find((e) => e.code === 'resolution-reused');
    expect(hit, r.errors.map(formatError).join('\n')).toMatchObject({ file: 'defs/o/resolutions.yaml', line: 4, col: 9 });
    expect(hit?.message).toMatch(/has the id of a resolution of bundle "b" \(defs\/b\/resolutions.yaml:4:5\).*write "replaces: r1"/);
    expectPersianBeside(hit!);
  });

  it('with "replaces:" the base resolution and all its values are replaced', () => {
    const r = overlay('  - id: r1-ardabil\n    replaces: r1\n    title: { fa: م, en: R }\n    date: 1399-05-12\n    sets: { area.min: 40, start.date: 1391-01-01 }\n');
    expect(r.errors.map(formatError)).toEqual([]);
    expect(values(r.bundle, 'area.min')).toEqual([['r1-ardabil', 40]]);
    const same = overlay('  - id: r1\n    replaces: r1\n    title: { fa: م, en: R }\n    date: 1399-05-12\n    sets: { area.min: 45, start.date: 1391-01-01 }\n');
    expect(same.errors.map(formatError)).toEqual([]);
    expect(values(same.bundle, 'area.min')).toEqual([['r1', 45]]);
  });

  it('refuses "replaces:" naming no base resolution, with did-you-mean', () => {
    const r = overlay('  - id: r2\n    replaces: r11\n    title: { fa: م, en: R }\n    date: 1399-05-12\n    sets: { area.min: 40 }\n');
    const hit = r.errors.find((e) => e.code === 'unknown-resolution');
    expect(hit, r.errors.map(formatError).join('\n')).toMatchObject({ file: 'defs/o/resolutions.yaml', line: 5, col: 15 });
    expect(hit?.message).toMatch(/did you mean "r1"\?/);
  });

  it('refuses a replacement that leaves a parameter a rule reads without a value before its date', () => {
    // r1 (1399-05-12) is replaced by a resolution of 1401: area.min has no value from 1399-05-12 to 1401-01-01.
    const r = overlay('  - id: r1-new\n    replaces: r1\n    title: { fa: م, en: New }\n    date: 1401-01-01\n    sets: { area.min: 40, start.date: 1391-01-01 }\n  - id: early\n    title: { fa: پ, en: Early }\n    date: 1399-05-12\n    sets: { start.date: 1391-01-01 }\n');
    const hit = r.errors.find((e) => e.code === 'parameter-uncovered');
    expect(hit, r.errors.map(formatError).join('\n')).toMatchObject({ file: 'defs/o/resolutions.yaml', line: 8, col: 23 });
    expect(hit?.message).toMatch(/parameter "area.min" has no value from 1399-05-12 \(the bundle's start\) until 1401-01-01, when resolution "r1-new" \(New\) first sets it/);
    expectPersianBeside(hit!);
  });

  it('accepts the same bundle when it says it is in force only from the later date', () => {
    const r = overlay('  - id: r1-new\n    replaces: r1\n    title: { fa: م, en: New }\n    date: 1401-01-01\n    sets: { area.min: 40, start.date: 1391-01-01 }\n', 'in_force_from: 1401-01-01\n');
    expect(r.errors.map(formatError)).toEqual([]);
  });

  it('refuses a parameter read by a rule that no resolution sets, at the rule', () => {
    const base = minimalFiles();
    const r = loadWith({ 'resolutions.yaml': base['resolutions.yaml'].replace('      area.min: 30\n', '') });
    const hit = r.errors.find((e) => e.code === 'parameter-without-value');
    expect(hit, r.errors.map(formatError).join('\n')).toMatchObject({ file: 'defs/b/rules.yaml', line: 6, col: 51 });
    expect(hit?.message).toMatch(/parameter "area.min" \(Minimum\) is read here but no resolution sets it: it has no value from 1399-05-12 on/);
  });
});
