import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fsSource } from '../../cli/fs-source.js';
import { describeBundle } from '../../engine/describe.js';
import { formatError, loadBundle } from '../../engine/load/index.js';
import { runScenarios } from '../../engine/scenarios/index.js';

const bundles = readdirSync('definitions', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe.each(bundles)('definitions/%s', (name) => {
  const result = loadBundle(`definitions/${name}`, fsSource);

  it('validates with no errors and no warnings', () => {
    expect(result.errors.map(formatError)).toEqual([]);
    expect(result.warnings.map(formatError)).toEqual([]);
  });

  it('passes every scenario', () => {
    const report = runScenarios(result.bundle!);
    const failures = report.results.filter((r) => !r.passed).map((r) => `${r.id}: ${r.problems.join(' | ')}`);
    expect(failures).toEqual([]);
    expect(report.passed).toBeGreaterThan(0);
  });

  it('names the regulation article of every procedure and every step in Persian and English', () => {
    for (const p of result.bundle!.procedures.values()) {
      expect(p.reference?.fa, p.id).toBeTruthy();
      expect(p.reference?.en, p.id).toBeTruthy();
      for (const s of p.steps) expect(s.label.en, `${p.id}/${s.id}`).toBeTruthy();
    }
  });
});

describe('the Ardabil bundle', () => {
  const bundle = loadBundle('definitions/ardabil', fsSource).bundle!;
  const described = describeBundle(bundle, '1405-01-15');

  it('has the ten procedures: the eight of the provincial manual, the electronic issuance and the end of a suspension', () => {
    expect(described.procedures.map((p) => p.id).sort()).toEqual(
      ['conversion', 'establishment', 'establishment-licence', 'issuance', 'relocation', 'renewal', 'revocation', 'service-assignment', 'suspension-end', 'transfer', 'violations'],
    );
  });

  it.each([
    ['capacity.population_per_office', 20000],
    ['capacity.village_threshold', 2500],
    ['office.min_area.urban', 50],
    ['office.min_area.rural', 30],
    ['office.min_distance_m', 500],
    ['transfer.min_licence_years', 5],
    ['renewal.agency_no_objection_required', true],
    ['services.rollout_all_offices', true],
    ['conversion.issued_before_year', 1388],
    ['renewal.lead_months', 3],
  ])('sets %s to %s by an Ardabil resolution, with its date and source line', (id, value) => {
    const p = described.parameters.find((x) => x.id === id);
    expect(p, `parameter ${id}`).toBeDefined();
    expect(p!.value).toBe(value);
    expect(p!.resolution?.bundle).toBe('ardabil');
    expect(p!.effective_date).toMatch(/^1[34]\d\d-\d\d-\d\d$/);
    expect(p!.source).toMatch(/^definitions\/ardabil\/resolutions\.yaml:\d+:\d+$/);
  });

  it('keeps the national rural minima (ICT 20 m², counter 50 m² assumed) in the history under the Ardabil value', () => {
    const ict = described.parameters.find((x) => x.id === 'office.min_area.rural_ict')!;
    expect(ict.history.map((h) => [h.bundle, h.value])).toEqual(expect.arrayContaining([['national', 20], ['ardabil', 30]]));
    const counter = described.parameters.find((x) => x.id === 'office.min_area.rural')!;
    expect(counter.history.map((h) => [h.bundle, h.value])).toEqual(expect.arrayContaining([['national', 50], ['ardabil', 30]]));
  });
});
