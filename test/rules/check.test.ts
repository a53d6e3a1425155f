/** Rule checks and how failures are explained: filled messages in fa and en, values, resolutions as of the judging date. */
import { describe, expect, it } from 'vitest';
import { LogicError, checkRule, checkRules, fillTemplate, paramAt } from '../../engine/rules/index.js';
import { amend, base, bundle, env, overlay, param } from './fixtures.js';

const areaRule = bundle.rules.get('area.ok')!;
const ruralRule = bundle.rules.get('rural.only')!;
const small = { input: { area: 40.5, staff: 1 }, subject: { kind: 'rural' } };

describe('checkRule', () => {
  it('passes when the check holds', () => {
    expect(checkRule(areaRule, { input: { area: 70 } }, env())).toEqual({ passed: true, applicable: true });
  });

  it('passes without evaluating the check when `when` is false', () => {
    expect(checkRule(ruralRule, { subject: { kind: 'urban' } }, env())).toEqual({ passed: true, applicable: false });
  });

  it('explains a failure with values filled in Persian digits (fa) and Latin digits (en)', () => {
    const r = checkRule(areaRule, small, env());
    expect(r.passed).toBe(false);
    expect(r.failure).toEqual({
      rule: 'area.ok',
      label: areaRule.label,
      values: { found: 40.5, required: 65 },
      shown: [],
      message: {
        // The resolution behind the value is named in the text itself (issue 12), not only in `resolutions`.
        fa: 'مساحت ۴۰٫۵ متر مربع است؛ حداقل ۶۵ لازم است. — «مصوبه overlay-1403» (۱۴۰۳/۰۱/۱۵)',
        en: 'The area is 40.5 m²; at least 65 m² is required. — "Resolution overlay-1403" (1403-01-15)',
      },
      resolutions: [{ id: 'overlay-1403', title: overlay.title, date: '1403-01-15', parameter: 'site.min_area', value: 65 }],
    });
  });

  it('cites the resolution in force on the judging date, not the latest one', () => {
    const r = checkRule(areaRule, small, env('1402-06-01'));
    expect(r.failure?.values).toEqual({ found: 40.5, required: 50 });
    expect(r.failure?.message.en).toBe('The area is 40.5 m²; at least 50 m² is required. — "Resolution base-1399" (1399-05-12)');
    expect(r.failure?.resolutions).toEqual([
      { id: 'base-1399', title: base.title, date: '1399-05-12', reference: base.reference, parameter: 'site.min_area', value: 50 },
    ]);
  });

  it('fills placeholders from the data when the rule has no such value', () => {
    const r = checkRule(ruralRule, small, env());
    expect(r.failure?.message).toEqual({ fa: 'کارکنان ۱ نفر', en: 'Staff: 1' });
    expect(r.failure?.resolutions).toEqual([]);
  });
});

describe('checkRules', () => {
  it('returns every failure, in order, not only the first', () => {
    const failures = checkRules(['area.ok', 'rural.only', 'both'], small, env());
    expect(failures.map((f) => f.rule)).toEqual(['area.ok', 'rural.only', 'both']);
  });

  it('returns nothing when all rules pass', () => {
    expect(checkRules(['area.ok', 'rural.only'], { input: { area: 80, staff: 3 }, subject: { kind: 'rural' } }, env())).toEqual([]);
  });

  it('throws LogicError for an unknown rule id', () => {
    expect(() => checkRules(['no.such'], {}, env())).toThrow(LogicError);
  });
});

describe('paramAt', () => {
  const p = param('p', 'number', [[base, 1], [amend, 2], [overlay, 3]]);
  it.each([
    ['1399-05-11', undefined],
    ['1399-05-12', 1],
    ['1403-01-14', 1],
    ['1403-01-15', 3],
    ['1410-01-01', 3],
    ['2024-04-03', 3],
    ['2024-04-02T12:00:00Z', 1],
  ])('on %s reads %s', (date, expected) => {
    expect(paramAt(p, date)?.value).toBe(expected);
  });

  it('keeps the provenance of the value', () => {
    expect(paramAt(p, '1400-01-01')?.resolution).toBe(base);
  });

  it('refuses a date that is not one', () => {
    expect(() => paramAt(p, '1403-13-01')).toThrow(LogicError);
  });
});

describe('fillTemplate', () => {
  const values = { n: 1234567, d: 2.345, neg: -3, year: 1388, date: '1403-06-31', yes: true, none: null, list: [1, 2], text: { fa: 'شهری', en: 'urban' } };
  it.each([
    ['{n} {d} {neg}', '۱٬۲۳۴٬۵۶۷ ۲٫۳۵ −۳', '1,234,567 2.35 -3'],
    ['{year}', '۱۳۸۸', '1388'],
    ['{date}', '۱۴۰۳/۰۶/۳۱', '1403-06-31'],
    ['{yes} {none}', 'بله —', 'yes —'],
    ['{list}', '۱، ۲', '1, 2'],
    ['{text}', 'شهری', 'urban'],
    ['{input.area} m', '۴۰٫۵ m', '40.5 m'],
    ['{missing} {input.none}', '{missing} {input.none}', '{missing} {input.none}'],
    ['no placeholders, {} or { x }', 'no placeholders, {} or { x }', 'no placeholders, {} or { x }'],
  ])('fills %j', (template, fa, en) => {
    expect(fillTemplate(template, values, small, 'fa')).toBe(fa);
    expect(fillTemplate(template, values, small, 'en')).toBe(en);
  });
});
