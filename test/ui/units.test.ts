/** The UI's pure parts, without a browser: digits, Jalali dates, reading and validating compiled form schemas. */
import { describe, expect, it } from 'vitest';
import { validate, widgetOf, isVisible, orderedKeys } from '../../ui/src/components/form-model.js';
import { formatNumber, parseNumber, toLatinDigits, toPersianDigits } from '../../ui/src/i18n/digits.js';
import { addDays, addMonths, formatDate, readDate, weekdayIndex } from '../../ui/src/i18n/jalali.js';
import { parseHash, href } from '../../ui/src/router.js';
import type { JsonSchema } from '../../ui/src/api/types.js';

describe('digits', () => {
  it.each([
    ['۱۴۰۳/۰۵/۱۲', '1403/05/12'],
    ['٣٠', '30'],
    ['۱۲٫۵', '12.5'],
  ])('reads %s as %s', (input, out) => expect(toLatinDigits(input)).toBe(out));
  it('writes Persian digits and groups numbers', () => {
    expect(toPersianDigits('1404')).toBe('۱۴۰۴');
    expect(formatNumber(529374, 'fa')).toBe('۵۲۹٬۳۷۴');
    expect(formatNumber(529374, 'en')).toBe('529,374');
  });
  it.each([['۷۰', 70], ['12.5', 12.5], ['1,200', 1200], ['abc', Number.NaN], ['', Number.NaN]])('parses %s', (s, n) => expect(parseNumber(s)).toBe(n));
});

describe('Jalali dates', () => {
  it('formats Jalali days and instants in Tehran time', () => {
    expect(formatDate('1403-05-12', 'fa')).toBe('۱۴۰۳/۰۵/۱۲');
    expect(formatDate('1403-05-12', 'en', { long: true })).toBe('12 Mordad 1403');
    // 2025-03-20T21:00Z is 00:30 on 1 Farvardin 1404 in Tehran.
    expect(formatDate('2025-03-20T21:00:00Z', 'en', { time: true })).toBe('1404/01/01 00:30');
  });
  it('reads Gregorian days as Jalali and rejects impossible dates', () => {
    expect(readDate('2009-03-21')).toMatchObject({ y: 1388, m: 1, d: 1 });
    expect(readDate('1403/12/31')).toBeUndefined();
    expect(readDate('1403-12-30')).toMatchObject({ y: 1403, m: 12, d: 30 });
  });
  it('moves across months and clamps month ends', () => {
    expect(addDays({ y: 1403, m: 1, d: 31 }, 1)).toEqual({ y: 1403, m: 2, d: 1 });
    expect(addMonths({ y: 1403, m: 6, d: 31 }, 1)).toEqual({ y: 1403, m: 7, d: 30 });
    expect(weekdayIndex({ y: 1403, m: 1, d: 1 })).toBe(4); // 1 Farvardin 1403 was a Wednesday (Sat = 0)
  });
});

const schema: JsonSchema = {
  type: 'object',
  'x-order': ['area', 'kind', 'when', 'where', 'note'],
  required: ['area', 'kind'],
  properties: {
    area: { type: 'number', minimum: 0, 'x-label': { fa: 'مساحت', en: 'Area' } },
    kind: { type: 'string', enum: ['a', 'b'], 'x-options': [{ value: 'a', label: { fa: 'الف' } }, { value: 'b', label: { fa: 'ب' } }], 'x-label': { fa: 'گونه' } },
    when: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', 'x-widget': 'date', 'x-label': { fa: 'تاریخ' } },
    where: { type: 'object', 'x-widget': 'location', properties: { lat: { type: 'number' }, lon: { type: 'number' } }, 'x-label': { fa: 'مکان' } },
    note: { type: 'string', maxLength: 3, 'x-label': { fa: 'یادداشت' }, 'x-visible-when': { '==': [{ var: 'kind' }, 'b'] }, 'x-required': true },
  },
};

describe('generated forms', () => {
  it('orders fields and picks widgets from the schema', () => {
    expect(orderedKeys(schema)).toEqual(['area', 'kind', 'when', 'where', 'note']);
    expect(['area', 'kind', 'when', 'where'].map((k) => widgetOf(schema.properties![k]))).toEqual(['number', 'enum', 'date', 'location']);
  });
  it.each([
    [{}, ['«مساحت» الزامی است.', '«گونه» الزامی است.']],
    [{ area: -1, kind: 'a' }, ['«مساحت» باید دست‌کم ۰ باشد.']],
    [{ area: '۱۲x', kind: 'c' }, ['«مساحت» باید عدد باشد.', 'مقدار «گونه» مجاز نیست.']],
    [{ area: 5, kind: 'a', when: '1403-13-01' }, ['«تاریخ» تاریخ شمسی معتبر نیست (مثال: ۱۴۰۳/۰۵/۱۲).']],
    [{ area: 5, kind: 'a', where: { lat: 95, lon: 1 } }, ['«مکان» باید عرض و طول جغرافیایی معتبر باشد.']],
    [{ area: 5, kind: 'b' }, ['«یادداشت» الزامی است.']],
    [{ area: 5, kind: 'a' }, []],
  ])('explains %j in Persian', (value, messages) => {
    expect(validate(schema, value as Record<string, unknown>, 'fa').map((p) => p.message)).toEqual(messages);
  });
  it('shows a field only when its condition holds', () => {
    expect(isVisible(schema.properties!.note, { kind: 'a' })).toBe(false);
    expect(isVisible(schema.properties!.note, { kind: 'b' })).toBe(true);
  });
});

describe('routes', () => {
  it('round-trips paths and queries through the hash', () => {
    const h = href('admin', 'definitions', 'ardabil', 'x.yaml', { line: '12' });
    expect(h).toBe('#/admin/definitions/ardabil/x.yaml?line=12');
    expect(parseHash(h)).toEqual({ name: 'admin', parts: ['definitions', 'ardabil', 'x.yaml'], query: { line: '12' } });
    expect(parseHash('')).toEqual({ name: 'inbox', parts: [], query: {} });
  });
});
