// Issue 12, "the seeds' rules, exact": what the scenarios cannot say — how values are marked where people read them.
import { describe, expect, it } from 'vitest';
import { fsSource } from '../../cli/fs-source.js';
import { describeBundle } from '../../engine/describe.js';
import { interpolateProcedure } from '../../engine/labels/index.js';
import { loadBundle } from '../../engine/load/index.js';

const national = loadBundle('definitions/national', fsSource).bundle!;
const ardabil = loadBundle('definitions/ardabil', fsSource).bundle!;
const param = (b: typeof national, id: string) => describeBundle(b, '1405-01-15').parameters.find((p) => p.id === id)!;

describe('markings of the seeds (issue 12, item 10)', () => {
  it('marks the national neutral defaults as a modelling default, not a resolution', () => {
    expect(param(national, 'capacity.population_per_office').resolution).toMatchObject({ id: 'national-neutral-defaults', modelling_default: true });
  });

  it('does not mark a province resolution or a regulation value as a modelling default', () => {
    expect(param(ardabil, 'capacity.population_per_office').resolution).toMatchObject({ id: 'ardabil-establishment-capacity', modelling_default: false });
    expect(param(national, 'office.min_area.urban').resolution).toMatchObject({ modelling_default: false });
  });
});

describe('the renewal request step names the lead time in force (issue 12, item 6)', () => {
  const example = loadBundle('definitions/example-province', fsSource).bundle!;
  const label = (b: typeof national) => interpolateProcedure(b, b.procedures.get('renewal')!, '1405-01-15').steps[0].label;

  it('reads each province\'s own value, not Ardabil\'s «سه ماه» everywhere', () => {
    expect(label(ardabil).fa).toContain('(۳ ماه قبل از اتمام اعتبار پروانه)');
    expect(label(example).fa).toContain('(۲ ماه قبل از اتمام اعتبار پروانه)');
    expect(label(national).fa).toContain('(۰ ماه قبل از اتمام اعتبار پروانه)');
    expect(label(ardabil).en).toContain('(3 months before the licence expires)');
  });
});

describe('a resolution that sets a standard for several procedures says so (issue 12, item 11)', () => {
  it('names the procedures Ardabil\'s area and distance standard applies in, where an establishment refusal cites it', () => {
    const title = param(ardabil, 'office.min_area.urban').resolution!.title.fa;
    for (const word of ['تاسیس', 'صدور پروانه', 'تبدیل', 'تغییر مکان']) expect(title).toContain(word);
  });
});
