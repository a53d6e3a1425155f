/**
 * Form compilation: fields become a JSON Schema 2020-12 with labels, units, widgets and options as annotations,
 * which a strict ajv (told about the annotations) compiles and uses to validate submissions.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { FORM_SCHEMA_KEYWORDS, JALALI_DATE_PATTERN } from '../../engine/load/index.js';
import type { FormDef } from '../../engine/model.js';
import { header, loadWith } from './helpers.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js').default;

const FORM = `${header('forms')}kind: forms
forms:
  - id: request
    title: { fa: درخواست, en: Request }
    description: { fa: توضیح, en: About }
    fields:
      - { id: area, type: number, label: { fa: مساحت, en: Area }, required: true, min: 0, max: 1000, unit: m2 }
      - { id: count, type: integer, label: { fa: تعداد, en: Count } }
      - { id: name, type: string, label: { fa: نام, en: Name }, min_length: 2, max_length: 5, pattern: "^[a-z]+$", help: { fa: راهنما, en: Help } }
      - { id: notes, type: text, label: { fa: یادداشت, en: Notes } }
      - { id: ok, type: boolean, label: { fa: تایید, en: OK } }
      - { id: day, type: date, label: { fa: روز, en: Day } }
      - id: zone
        type: enum
        label: { fa: نوع, en: Zone }
        options: [ { value: urban, label: { fa: شهری, en: Urban } }, { value: rural, label: { fa: روستایی, en: Rural } } ]
      - { id: at, type: location, label: { fa: مکان, en: Place }, required: true, visible_when: { "==": [{ var: zone }, urban] } }
      - { id: other, type: ref, entity: unit, label: { fa: واحد, en: Unit } }
      - { id: scan, type: file, label: { fa: پرونده, en: Scan } }
      - { id: tags, type: list, of: string, label: { fa: برچسب, en: Tags }, max_length: 2 }
      - id: people
        type: list
        label: { fa: افراد, en: People }
        fields: [ { id: who, type: string, label: { fa: کی, en: Who }, required: true } ]
`;

function compiled(): FormDef {
  const r = loadWith({ 'forms.yaml': FORM });
  expect(r.errors).toEqual([]);
  return r.bundle?.forms.get('request') as FormDef;
}

describe('form compilation', () => {
  it('compiles fields into an object schema with labels, units, widgets and options', () => {
    const s = compiled().schema as Record<string, any>;
    expect(s).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', title: 'درخواست', 'x-title': { en: 'Request' }, description: 'توضیح', additionalProperties: false, required: ['area'] });
    const p = s.properties;
    expect(p.area).toEqual({ type: 'number', minimum: 0, maximum: 1000, title: 'مساحت', 'x-label': { fa: 'مساحت', en: 'Area' }, 'x-unit': 'm2', 'x-unit-label': { fa: 'متر مربع', en: 'm²' }, 'x-required': true });
    expect(p.count).toMatchObject({ type: 'integer' });
    expect(p.name).toMatchObject({ type: 'string', minLength: 2, maxLength: 5, pattern: '^[a-z]+$', description: 'راهنما', 'x-help': { en: 'Help' } });
    expect(p.notes).toMatchObject({ type: 'string', 'x-widget': 'textarea' });
    expect(p.day).toMatchObject({ type: 'string', pattern: JALALI_DATE_PATTERN, 'x-widget': 'date' });
    expect(p.zone).toMatchObject({ type: 'string', enum: ['urban', 'rural'], 'x-options': [{ value: 'urban', label: { en: 'Urban' } }, { value: 'rural' }] });
    expect(p.at).toMatchObject({ type: 'object', required: ['lat', 'lon'], 'x-widget': 'location', 'x-required': true, 'x-visible-when': { '==': [{ var: 'zone' }, 'urban'] } });
    expect(p.other).toMatchObject({ type: 'string', 'x-widget': 'ref', 'x-entity': 'unit' });
    expect(p.scan).toMatchObject({ 'x-widget': 'file' });
    expect(p.tags).toMatchObject({ type: 'array', items: { type: 'string' }, maxItems: 2 });
    expect(p.people.items).toMatchObject({ type: 'object', required: ['who'], properties: { who: { type: 'string' } } });
    expect(s['x-order']).toEqual(['area', 'count', 'name', 'notes', 'ok', 'day', 'zone', 'at', 'other', 'scan', 'tags', 'people']);
  });

  it('keeps the field definitions with defaults filled', () => {
    const f = compiled().fields;
    expect(f[0]).toMatchObject({ id: 'area', required: true, unit: 'm2' });
    expect(f[1].required).toBe(false);
    expect(f[11].fields?.[0]).toMatchObject({ id: 'who', required: true });
  });

  it('validates submissions with a strict ajv that knows the annotations', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    for (const k of FORM_SCHEMA_KEYWORDS) ajv.addKeyword(k);
    const validate = ajv.compile(compiled().schema);
    const table: [Record<string, unknown>, boolean][] = [
      [{ area: 40 }, true],
      [{ area: 40, day: '1403-02-01', zone: 'rural', tags: ['a'], people: [{ who: 'x' }], at: { lat: 38.2, lon: 48.3 } }, true],
      [{}, false],
      [{ area: -1 }, false],
      [{ area: 40, day: '1403/02/01' }, false],
      [{ area: 40, zone: 'city' }, false],
      [{ area: 40, name: 'ABC' }, false],
      [{ area: 40, tags: ['a', 'b', 'c'] }, false],
      [{ area: 40, people: [{}] }, false],
      [{ area: 40, at: { lat: 100, lon: 0 } }, false],
      [{ area: 40, extra: 1 }, false],
    ];
    for (const [data, ok] of table) expect(validate(data), JSON.stringify(data)).toBe(ok);
  });

  it('refuses an invalid regular expression in pattern', () => {
    const r = loadWith({
      'forms.yaml': `${header('forms')}kind: forms\nforms:\n  - id: request\n    title: { fa: د, en: R }\n    fields:\n      - { id: a, type: string, label: { fa: ا, en: A }, pattern: "([" }\n      - { id: area, type: number, label: { fa: م, en: Area } }\n`,
    });
    expect(r.errors.map((e) => [e.code, e.line, e.col])).toEqual([['bad-pattern', 7, 66]]);
  });

  it('refuses a ref field without an entity and an enum without options', () => {
    const r = loadWith({
      'forms.yaml': `${header('forms')}kind: forms\nforms:\n  - id: request\n    title: { fa: د, en: R }\n    fields:\n      - { id: a, type: ref, label: { fa: ا, en: A } }\n      - { id: b, type: enum, label: { fa: ب, en: B } }\n`,
    });
    expect(r.errors.map((e) => [e.code, e.line, e.col, e.message])).toEqual([
      ['missing-property', 7, 9, 'in "a": missing required property "entity" (a ref field needs the entity whose record id it holds)'],
      ['missing-property', 8, 9, 'in "b": needs at least one of "options", "options_from"'],
    ]);
  });

  it('refuses a reference to an unknown entity in a ref field', () => {
    const r = loadWith({
      'forms.yaml': `${header('forms')}kind: forms\nforms:\n  - id: request\n    title: { fa: د, en: R }\n    fields:\n      - { id: a, type: ref, entity: units, label: { fa: ا, en: A } }\n      - { id: area, type: number, label: { fa: م, en: Area } }\n`,
    });
    expect(r.errors.map((e) => [e.code, e.line, e.col])).toEqual([['unknown-entity', 7, 37]]);
  });
});
