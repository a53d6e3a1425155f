/** The UI's pure parts, without a browser: digits, Jalali dates, reading and validating compiled form schemas. */
import { describe, expect, it } from 'vitest';
import { EditorState } from '@codemirror/state';
import { applicableItems, unanswered } from '../../ui/src/components/checklist-model.js';
import { passwordProblems } from '../../ui/src/components/dabir-account.js';
import { editableValue, editSchema } from '../../ui/src/components/dabir-registry.js';
import { compact, displayValue, validate, widgetOf, isVisible, orderedKeys } from '../../ui/src/components/form-model.js';
import { toDiagnostic } from '../../ui/src/controllers/editor-controller.js';
import { setLang } from '../../ui/src/i18n/index.js';
import { formatNumber, parseNumber, toLatinDigits, toPersianDigits } from '../../ui/src/i18n/digits.js';
import { addDays, addMonths, formatDate, readDate, weekdayIndex } from '../../ui/src/i18n/jalali.js';
import { parseHash, href } from '../../ui/src/router.js';
import type { ChecklistDef, EntityType, JsonSchema } from '../../ui/src/api/types.js';

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

describe('chrome strings', () => {
  it('has every string in Persian and in English', async () => {
    const { STRINGS } = await import('../../ui/src/i18n/strings.js');
    const missing = Object.entries(STRINGS as Record<string, { fa: string; en: string }>).filter(([, v]) => !v.fa?.trim() || !v.en?.trim()).map(([k]) => k);
    expect(missing).toEqual([]);
  });
  it('keeps the placeholders of both languages the same', async () => {
    const { STRINGS } = await import('../../ui/src/i18n/strings.js');
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const differ = Object.entries(STRINGS as Record<string, { fa: string; en: string }>).filter(([, v]) => vars(v.fa).join() !== vars(v.en).join()).map(([k]) => k);
    expect(differ).toEqual([]);
  });
});

describe('checklists', () => {
  const list: ChecklistDef = {
    id: 'c', title: { fa: 'ف' },
    items: [
      { id: 'a', label: { fa: 'الف' }, type: 'boolean', critical: true },
      { id: 'shared', label: { fa: 'مشترک' }, type: 'boolean', critical: false },
      { id: 'own', label: { fa: 'اختصاصی' }, type: 'boolean', critical: true, applies_when: { '!': [{ var: 'form.shared' }] } },
      { id: 'big', label: { fa: 'بزرگ' }, type: 'number', critical: true, applies_when: { '>': [{ var: 'subject.size' }, 10] } },
      { id: 'server', label: { fa: 'سرور' }, type: 'boolean', critical: true, applies_when: { rule: 'some.rule' } },
    ],
    schema: { type: 'object', properties: {} },
  };
  it('judges applies_when over the answers (as form) and the case data; the engine\'s own operators stay undecided', () => {
    const m = applicableItems(list, { shared: true }, { subject: { size: 12 } });
    expect(Object.fromEntries(m)).toEqual({ a: true, shared: true, own: false, big: true, server: undefined });
  });
  it('judges with the engine\'s operators and truthiness, as the server does', () => {
    const more: ChecklistDef = {
      ...list,
      items: [
        // A custom operator of the engine (json-logic-js alone does not know it).
        { id: 'old', label: { fa: 'قدیمی' }, type: 'boolean', critical: true, applies_when: { '>=': [{ years_between: [{ var: 'subject.since' }, '1404-01-01'] }, 5] } },
        { id: 'counted', label: { fa: 'شمارش' }, type: 'boolean', critical: true, applies_when: { '>': [{ count: [{ var: 'subject.rooms' }] }, 1] } },
        // JsonLogic truthiness: an empty list is false (plain Boolean() would say true).
        { id: 'listed', label: { fa: 'فهرست' }, type: 'boolean', critical: true, applies_when: { var: 'subject.rooms' } },
        { id: 'param', label: { fa: 'پارامتر' }, type: 'boolean', critical: true, applies_when: { '>': [{ var: 'subject.size' }, { param: 'min.area' }] } },
      ],
    };
    expect(Object.fromEntries(applicableItems(more, {}, { subject: { since: '1398-01-01', rooms: [1, 2] } }))).toEqual({ old: true, counted: true, listed: true, param: undefined });
    expect(Object.fromEntries(applicableItems(more, {}, { subject: { since: '1402-01-01', rooms: [] } }))).toEqual({ old: false, counted: false, listed: false, param: undefined });
    const schema = { type: 'object', properties: { n: { type: 'string', 'x-visible-when': { var: 'tags' } }, p: { type: 'string', 'x-visible-when': { param: 'x' } } } } as never as Parameters<typeof isVisible>[0];
    expect(isVisible((schema as any).properties.n, { tags: [] })).toBe(false);
    expect(isVisible((schema as any).properties.n, { tags: ['a'] })).toBe(true);
    // What only the server can judge never hides a field.
    expect(isVisible((schema as any).properties.p, {})).toBe(true);
  });
  it('asks for the items that surely apply and have no answer', () => {
    expect(unanswered(list, { shared: false }, { subject: { size: 3 } })).toEqual(['a', 'own']);
    expect(unanswered(list, { a: true, shared: true, big: 0 }, { subject: { size: 30 } })).toEqual([]);
  });
});

describe('form values', () => {
  it('drops blank rows of lists of plain values before sending', () => {
    expect(compact({ names: ['a', '', 'b', null], rows: [{ x: '' }], where: { lat: 1, lon: 2 }, n: 0 })).toEqual({ names: ['a', 'b'], rows: [{ x: '' }], where: { lat: 1, lon: 2 }, n: 0 });
  });
  it('draws both spellings of a date pattern as a date', () => {
    expect(widgetOf({ type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' })).toBe('date');
    expect(widgetOf({ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })).toBe('date');
    expect(widgetOf({ type: 'array', items: { type: 'string' } })).toBe('array');
    // A field that names records is a reference, with or without an x-widget (entity schemas often have none).
    expect(widgetOf({ type: 'string', 'x-entity': 'agency' })).toBe('ref');
    expect(widgetOf({ type: 'string', 'x-widget': 'ref', 'x-entity': 'agency' })).toBe('ref');
  });
  it('validates every item of a list of plain values', () => {
    const s: JsonSchema = { type: 'object', properties: { names: { type: 'array', minItems: 1, items: { type: 'string', maxLength: 3 }, 'x-label': { fa: 'نام‌ها' } } } };
    expect(validate(s, { names: ['abcd'] }, 'en').map((p) => p.path)).toEqual(['/names/0']);
  });  it('shows stored values by their labels: options, records, files, yes/no, Jalali dates, locations', () => {
    const names = { ref: (entity: string, id: string) => (entity === 'e1' && id === 'r1' ? 'Record one' : undefined), file: (id: string) => (id === 'f1' ? 'a.pdf' : undefined) };
    const opts: JsonSchema = { type: 'string', enum: ['a', 'b'], 'x-options': [{ value: 'a', label: { fa: 'الف', en: 'A' } }, { value: 'b', label: { fa: 'ب', en: 'B' } }] };
    const ref: JsonSchema = { type: 'string', 'x-widget': 'ref', 'x-entity': 'e1' };
    expect(displayValue(opts, 'a', names, 'fa')).toBe('الف');
    expect(displayValue(opts, 'b', names, 'en')).toBe('B');
    expect(displayValue(ref, 'r1', names, 'fa')).toBe('Record one');
    expect(displayValue(ref, 'r2', names, 'fa')).toBe('r2');
    expect(displayValue({ type: 'string', 'x-widget': 'file' }, 'f1', names, 'fa')).toBe('a.pdf');
    expect(displayValue({ type: 'boolean' }, true, names, 'fa')).toBe('بله');
    expect(displayValue({ type: 'boolean' }, false, names, 'en')).toBe('No');
    expect(displayValue({ type: 'string', 'x-widget': 'date' }, '1405-09-01', names, 'fa')).toBe('۱۴۰۵/۰۹/۰۱');
    expect(displayValue({ type: 'object', 'x-widget': 'location' }, { lat: 38.3, lon: 48.4 }, names, 'fa')).toBe('۳۸٫۳، ۴۸٫۴');
    expect(displayValue({ type: 'array', items: opts }, ['a', 'b'], names, 'fa')).toBe('الف، ب');
    expect(displayValue(undefined, 'x', names, 'fa')).toBe('x');
  });
});

describe('registry records in the edit form', () => {
  const type: EntityType = {
    id: 'thing', label: { fa: 'چیز' }, key: 'code', computed: ['free'], count: 1,
    schema: { type: 'object', required: ['code', 'name'], properties: { code: { type: 'string' }, name: { type: 'string' }, size: { type: 'number' } } },
  };
  it('leaves the key out of the form (the key names the record)', () => {
    const s = editSchema(type);
    expect(Object.keys(s.properties!)).toEqual(['name', 'size']);
    expect(s.required).toEqual(['name']);
  });
  it('edits the stored fields, not the computed ones nor the server\'s notes', () => {
    expect(editableValue(type, { code: 'x', name: 'n', size: 2, free: 3, $computeError: 'e' })).toEqual({ name: 'n', size: 2 });
  });
});

describe('password change', () => {
  it('explains what is wrong before sending', () => {
    setLang('en');
    try {
      expect(passwordProblems({ current: '', next: 'short', repeat: 'other' })).toEqual({
        current: '"Current password" is required.', next: 'The new password needs at least 10 characters.', repeat: 'The repeated password differs from the new one.',
      });
      expect(passwordProblems({ current: 'old-password-1', next: 'old-password-1', repeat: 'old-password-1' })).toEqual({ next: 'The new password is the same as the current one.' });
      expect(passwordProblems({ current: 'old-password-1', next: 'new-password-1', repeat: 'new-password-1' })).toEqual({});
    } finally {
      setLang('fa');
    }
  });
});

describe('definition errors as lint diagnostics', () => {
  const doc = EditorState.create({ doc: 'kind: resolutions\nresolutions:\n  - id: x\n    sets:\n      no.such: 12\n' }).doc;
  it('marks the word at line:col', () => {
    const d = toDiagnostic(doc, { message: 'unknown parameter', file: 'f.yaml', line: 5, col: 7 });
    expect(doc.sliceString(d.from, d.to)).toBe('no.such');
    expect(d).toMatchObject({ severity: 'error', message: 'unknown parameter', source: '5:7' });
  });
  it('keeps positions outside the document inside it', () => {
    const d = toDiagnostic(doc, { message: 'm', file: 'f.yaml', line: 99, col: 99 });
    expect(d.from).toBeLessThanOrEqual(doc.length);
    expect(d.to).toBeGreaterThanOrEqual(d.from);
  });
});
