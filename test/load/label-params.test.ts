// Labels may name a parameter in force ({param:id}); the loader refuses a placeholder it cannot fill (issue 12, item 6).
import { describe, expect, it } from 'vitest';
import { interpolateProcedure, interpolateText } from '../../engine/labels/index.js';
import { loadWith, minimalFiles } from './helpers.js';

const withLabel = (fa: string) => ({ 'procedure.yaml': minimalFiles()['procedure.yaml'].replace('label: { fa: بررسی, en: Review }', `label: { fa: "${fa}", en: "Review" }`) });

describe('labels that name a parameter', () => {
  it('fills a step label with the value in force on the date, in Persian digits', () => {
    const r = loadWith(withLabel('بررسی (حداقل {param:area.min} متر)'));
    expect(r.errors).toEqual([]);
    const p = interpolateProcedure(r.bundle!, r.bundle!.procedures.get('p')!, '1400-01-01');
    expect(p.stepIndex.get('review')!.label.fa).toBe('بررسی (حداقل ۳۰ متر)');
    // before the resolution there is no value: the placeholder stays rather than a guess
    expect(interpolateText(r.bundle!, { fa: 'x {param:area.min}' }, '1390-01-01').fa).toBe('x {param:area.min}');
  });

  it('refuses an unknown parameter at the label, in both languages, with a suggestion', () => {
    const r = loadWith(withLabel('بررسی ({param:area.mni})'));
    const e = r.errors.find((x) => x.code === 'unknown-parameter');
    expect(e?.file).toMatch(/procedure\.yaml$/);
    expect(e?.pointer).toBe('/steps/0/label/fa');
    expect(e?.line).toBeGreaterThan(1);
    expect(e?.message).toContain('area.min');
    expect(JSON.stringify(e)).toMatch(/تعریف نشده است/);
  });
});
