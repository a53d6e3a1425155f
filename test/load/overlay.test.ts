/**
 * Overlays: a bundle that `extends` another overrides it by id, accumulates resolutions, and keeps the provenance
 * of every value (file, line, resolution, bundle).
 */
import { describe, expect, it } from 'vitest';
import { fsSource } from '../../cli/fs-source.js';
import { loadBundle, loadFiles } from '../../engine/load/index.js';
import type { Bundle } from '../../engine/model.js';
import { header, minimalFiles, toFiles } from './helpers.js';

const FIXTURES = 'test/fixtures/load';

function load(name: string): Bundle {
  const r = loadBundle(`${FIXTURES}/${name}`, fsSource);
  expect(r.errors).toEqual([]);
  return r.bundle as Bundle;
}

/** The value in force on a Jalali date (what the rule evaluator does with a parameter's history). */
function asOf(b: Bundle, id: string, date: string): unknown {
  const h = b.parameters.get(id)?.history.filter((v) => v.resolution.date <= date) ?? [];
  return h.length ? h[h.length - 1].value : undefined;
}

const overlayBundle = (extra: Record<string, string>): Record<string, string> => ({
  'bundle.yaml': `${header('bundle')}kind: bundle\nid: o\nname: { fa: ا, en: O }\nextends: b\n`,
  ...extra,
});

const loadOverlay = (extra: Record<string, string>, base = minimalFiles()) =>
  loadFiles(toFiles('defs/o', overlayBundle(extra)), 'defs/o', { 'defs/b': toFiles('defs/b', base) });

describe('overlays', () => {
  it('records the lineage, base first', () => {
    expect(load('overlay').info.lineage).toEqual(['base', 'overlay']);
    expect(load('base').info.lineage).toEqual(['base']);
  });

  it('reports the overlay file, line and resolution of an overridden value', () => {
    const p = load('overlay').parameters.get('area.min');
    const last = p?.history[p.history.length - 1];
    expect(last?.value).toBe(50);
    expect(last?.resolution).toMatchObject({ id: 'province-1400', date: '1400-06-01', reference: { en: 'Appendix 1' } });
    expect(last?.source).toEqual({ file: `${FIXTURES}/overlay/resolutions.yaml`, line: 9, col: 17, pointer: '/resolutions/0/sets/area.min', bundle: 'overlay' });
    expect(last?.resolution.source).toMatchObject({ file: `${FIXTURES}/overlay/resolutions.yaml`, line: 4, bundle: 'overlay' });
  });

  it('keeps the history of both bundles sorted by date, base before overlay on the same date', () => {
    const b = load('overlay');
    expect(b.parameters.get('area.min')?.history.map((v) => [v.resolution.id, v.source.bundle])).toEqual([
      ['base-1390', 'base'], ['base-1400', 'base'], ['province-1400', 'overlay'],
    ]);
    expect(asOf(b, 'area.min', '1395-01-01')).toBe(40);
    expect(asOf(b, 'area.min', '1400-06-01')).toBe(50);
    expect(b.parameters.get('age.min_years')?.history.map((v) => v.resolution.id)).toEqual(['base-1390', 'province-1395']);
    expect(asOf(b, 'age.min_years', '1394-12-29')).toBe(2);
    expect(asOf(b, 'age.min_years', '1395-02-01')).toBe(3);
  });

  it('merges a redeclared parameter: new label, narrowed bounds, the base maximum still binding', () => {
    const p = load('overlay').parameters.get('area.min');
    expect(p?.label.en).toBe('Provincial minimum area');
    expect(p?.bounds).toEqual({ min: 25, max: 500 });
    expect(p?.source.bundle).toBe('overlay');
  });

  it('overrides rules by id and recomputes the parameters rules read through {rule}', () => {
    const base = load('base');
    const b = load('overlay');
    expect(base.rules.get('all-good')?.params).toEqual(['age.min_years', 'area.min']);
    expect(b.rules.get('unit.old-enough')?.source.bundle).toBe('overlay');
    expect(b.rules.get('all-good')?.params).toEqual(['area.min']);
    expect(b.rules.get('area.enough')?.source.bundle).toBe('base');
  });

  it("replaces the calendar, merges registry records by entity and key, and runs only the overlay's scenarios", () => {
    const b = load('overlay');
    expect(b.calendar.weekend).toEqual([4, 5]);
    expect(b.calendar.holidays.map((h) => h.date)).toEqual(['1405-01-01', '1405-01-02']);
    expect(load('base').calendar.weekend).toEqual([5]);
    expect(b.registry.unit.map((r) => [r.id, r.status])).toEqual([['u-1', 'closed'], ['u-2', 'closed'], ['u-3', 'active']]);
    expect(b.scenarios.map((s) => s.id)).toEqual(['overlay-refused']);
  });

  it('hashes every source file of the lineage', () => {
    const a = load('overlay').hash;
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(load('base').hash).not.toBe(a);
    expect(load('overlay').hash).toBe(a);
  });

  it("refuses an overlay value outside the base's bounds, at the value, naming the bound and the resolution", () => {
    const r = loadOverlay({
      'resolutions.yaml': `${header('resolutions')}kind: resolutions\nresolutions:\n  - id: local\n    title: { fa: م, en: R }\n    date: 1401-01-01\n    sets:\n      area.min: 120\n`,
    });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: 'param-out-of-bounds', file: 'defs/o/resolutions.yaml', line: 8, col: 17, pointer: '/resolutions/0/sets/area.min' });
    expect(r.errors[0].message).toMatch(/resolution "local" sets "area.min" to 120, above its maximum 100 \(declared in bundle "b" at defs\/b\/parameters.yaml:7:13\)/);
  });

  it('keeps base bounds binding when an overlay tries to loosen them', () => {
    const r = loadOverlay({
      'parameters.yaml': `${header('parameters')}kind: parameters\nparameters:\n  - { id: area.min, type: number, label: { fa: ح, en: M }, bounds: { min: 5 } }\n`,
      'resolutions.yaml': `${header('resolutions')}kind: resolutions\nresolutions:\n  - { id: local, title: { fa: م, en: R }, date: 1401-01-01, sets: { area.min: 10 } }\n`,
    });
    expect(r.warnings.map((w) => w.code)).toContain('bounds-loosened');
    expect(r.errors.map((e) => [e.code, e.file])).toEqual([['param-out-of-bounds', 'defs/o/resolutions.yaml']]);
  });

  it('refuses an overlay that changes a parameter type', () => {
    const r = loadOverlay({ 'parameters.yaml': `${header('parameters')}kind: parameters\nparameters:\n  - { id: area.min, type: string, label: { fa: ح, en: M } }\n` });
    expect(r.errors.map((e) => [e.code, e.line, e.col])).toEqual([['param-type-changed', 4, 27]]);
  });

  it('lets an overlay override a procedure and reports errors in base files with their own paths', () => {
    const base = minimalFiles();
    base['rules.yaml'] = base['rules.yaml'].replace('param: area.min', 'param: area.mni');
    const r = loadOverlay({}, base);
    expect(r.errors.map((e) => [e.code, e.file])).toEqual([['unknown-parameter', 'defs/b/rules.yaml']]);
  });

  it('detects an extends cycle and an unknown base bundle', () => {
    const cyc = loadFiles(toFiles('defs/o', overlayBundle({})), 'defs/o', {
      'defs/b': toFiles('defs/b', { ...minimalFiles(), 'bundle.yaml': `${header('bundle')}kind: bundle\nid: b\nname: { fa: ب, en: B }\nextends: o\n` }),
    });
    expect(cyc.errors.map((e) => [e.code, e.file, e.line, e.col])).toEqual([['extends-cycle', 'defs/b/bundle.yaml', 5, 10]]);
    const missing = loadFiles(toFiles('defs/o', overlayBundle({})), 'defs/o', {});
    expect(missing.errors.map((e) => [e.code, e.file, e.line, e.col])).toEqual([['unknown-bundle', 'defs/o/bundle.yaml', 5, 10]]);
  });

  it('inherits locale and time zone from the base', () => {
    const base = minimalFiles();
    base['bundle.yaml'] += 'locale: en-GB\ntime_zone: Europe/London\n';
    const r = loadOverlay({}, base);
    expect(r.bundle?.info).toMatchObject({ id: 'o', locale: 'en-GB', timeZone: 'Europe/London', lineage: ['b', 'o'] });
  });
});
