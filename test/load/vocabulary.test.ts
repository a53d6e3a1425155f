/**
 * The loader checks the vocabulary of issue 10 at file:line:col: units are declared; `options_from` names a table and
 * its columns; `derive` and `prefill` logic uses known operators, and a field is not both; a rule's `show:` names its
 * own values, known entities and options that exist; sample records and scenarios name records that exist.
 */
import { describe, expect, it } from 'vitest';
import { header, loadWith } from './helpers.js';

interface Case {
  name: string;
  changes: Record<string, string>;
  code: string;
  file: string;
  /** The text the error's line and column point at. */
  token: string;
  message?: RegExp;
}

const ENTITIES = `${header('entities')}kind: entities
entities:
  - id: unit
    label: { fa: واحد, en: Unit }
    title: "{name}"
    schema:
      type: object
      required: [id]
      properties:
        id: { type: string }
        name: { type: string }
        place: { type: string, x-entity: town }
        status: { enum: [on, off], x-options: [{ value: on, label: { fa: روشن, en: On } }, { value: off, label: { fa: خاموش, en: Off } }] }
  - id: town
    label: { fa: شهر, en: Town }
    schema: { type: object, required: [id], properties: { id: { type: string } } }
`;
const TABLE_PARAMS = `${header('parameters')}kind: parameters
parameters:
  - id: area.min
    type: number
    unit: m2
    label: { fa: حداقل, en: Minimum }
  - id: start.date
    type: date
    label: { fa: تاریخ, en: Date }
  - id: fees
    type: table
    label: { fa: تعرفه, en: Fees }
    columns: { type: object, properties: { code: { type: string }, name: { type: string } } }
`;
const form = (field: string) => `${header('forms')}kind: forms
forms:
  - id: request
    title: { fa: درخواست, en: Request }
    fields:
      - { id: area, type: number, label: { fa: مساحت, en: Area }, required: true }
${field}`;
const rule = (show: string) => `${header('rules')}kind: rules
rules:
  - id: area.ok
    label: { fa: مساحت, en: Area }
    check: { ">=": [{ var: input.area }, { param: area.min }] }
    values: { found: { var: input.area }, required: { param: area.min } }
    show:
${show}
    message: { fa: کم است, en: Too small }
`;
const registry = (records: string) => `${header('registry')}kind: registry\nrecords:\n${records}`;
const scenario = (input: string, expect = '{ active: [review] }') => `${header('scenarios')}kind: scenarios
scenarios:
  - id: s1
    procedure: p
    input: ${input}
    expect: ${expect}
`;

const cases: Case[] = [
  {
    name: 'a parameter in an undeclared unit',
    changes: { 'parameters.yaml': TABLE_PARAMS.replace('unit: m2', 'unit: m3') },
    code: 'unknown-unit', file: 'parameters.yaml', token: 'm3', message: /unknown unit "m3" — did you mean "m2"\?/,
  },
  {
    name: 'a form field in an undeclared unit (inside a list of objects)',
    changes: { 'forms.yaml': form('      - { id: rows, type: list, label: { fa: ردیف, en: Rows }, fields: [{ id: len, type: number, unit: people, label: { fa: طول, en: Length } }] }\n') },
    code: 'unknown-unit', file: 'forms.yaml', token: 'people', message: /declare it in a units file/,
  },
  {
    name: 'a rule showing a value in an undeclared unit',
    changes: { 'rules.yaml': rule('      found: { label: { fa: مساحت, en: Area }, unit: sqm }') },
    code: 'unknown-unit', file: 'rules.yaml', token: 'sqm',
  },
  {
    name: 'options from a parameter that is not a table',
    changes: { 'parameters.yaml': TABLE_PARAMS, 'forms.yaml': form('      - { id: fee, type: enum, label: { fa: تعرفه, en: Fee }, options_from: { param: area.min, value: code } }\n') },
    code: 'param-type', file: 'forms.yaml', token: 'area.min', message: /needs a table parameter; "area.min" is a number/,
  },
  {
    name: 'options from a column the table does not have',
    changes: { 'parameters.yaml': TABLE_PARAMS, 'forms.yaml': form('      - { id: fee, type: enum, label: { fa: تعرفه, en: Fee }, options_from: { param: fees, value: code, label: title } }\n') },
    code: 'unknown-column', file: 'forms.yaml', token: 'title', message: /table "fees" has no column "title"/,
  },
  {
    name: 'an entity field whose options come from a column the table does not have',
    changes: {
      'parameters.yaml': TABLE_PARAMS,
      'entities.yaml': ENTITIES.replace('        name: { type: string }\n', '        name: { type: string }\n        fees: { type: array, items: { type: string, x-options-from: { param: fees, value: kode } } }\n'),
    },
    code: 'unknown-column', file: 'entities.yaml', token: 'kode', message: /table "fees" has no column "kode"/,
  },
  {
    name: 'options from an unknown parameter',
    changes: { 'forms.yaml': form('      - { id: fee, type: enum, label: { fa: تعرفه, en: Fee }, options_from: { param: feez, value: code } }\n') },
    code: 'unknown-parameter', file: 'forms.yaml', token: 'feez',
  },
  {
    name: 'a derive with an unknown operator',
    changes: { 'forms.yaml': form('      - { id: size, type: string, label: { fa: اندازه, en: Size }, derive: { lookup: [{ var: form.area }] } }\n') },
    code: 'unknown-operator', file: 'forms.yaml', token: 'lookup',
  },
  {
    name: 'a checklist item prefilled with an unknown operator',
    changes: { 'checklists.yaml': `${header('checklists')}kind: checklists\nchecklists:\n  - id: standards\n    title: { fa: استاندارد, en: Standards }\n    items:\n      - { id: area, type: number, label: { fa: مساحت, en: Area }, prefill: { varr: input.area } }\n` },
    code: 'unknown-operator', file: 'checklists.yaml', token: 'varr', message: /did you mean "var"/,
  },
  {
    name: 'a field both derived and prefilled',
    changes: { 'forms.yaml': form('      - { id: size, type: number, label: { fa: اندازه, en: Size }, derive: { var: form.area }, prefill: { var: input.area } }\n') },
    code: 'derive-and-prefill', file: 'forms.yaml', token: '{ var: form.area }',
  },
  {
    name: 'a shown value that is not one of the rule\'s values',
    changes: { 'rules.yaml': rule('      fuond: { label: { fa: مساحت, en: Area } }') },
    code: 'unknown-value', file: 'rules.yaml', token: 'fuond', message: /did you mean "found"/,
  },
  {
    name: 'a shown value with the options of a field that has none',
    changes: { 'entities.yaml': ENTITIES, 'rules.yaml': rule('      found: { label: { fa: مساحت, en: Area }, options_of: { entity: unit, field: name } }') },
    code: 'unknown-options', file: 'rules.yaml', token: '{ entity: unit, field: name }', message: /entity "unit" has no field "name" with options/,
  },
  {
    name: 'a shown value naming an unknown entity',
    changes: { 'rules.yaml': rule('      found: { label: { fa: مساحت, en: Area }, entity: towns }') },
    code: 'unknown-entity', file: 'rules.yaml', token: 'towns',
  },
  {
    name: 'a list of references without its entity',
    changes: { 'forms.yaml': form('      - { id: towns, type: list, of: ref, label: { fa: شهرها, en: Towns } }\n') },
    code: 'missing-property', file: 'forms.yaml', token: 'ref', message: /add "entity: <entity>"/,
  },
  {
    name: 'a sample record that names a record that does not exist',
    changes: { 'entities.yaml': ENTITIES, 'registry.yaml': registry('  town: [{ id: t1 }]\n  unit: [{ id: u1, place: t2 }]\n') },
    code: 'unknown-record', file: 'registry.yaml', token: 't2', message: /unit record "u1", field "place": "t2" is not a Town record .*did you mean "t1"/,
  },
  {
    name: 'a scenario input that names a record that does not exist',
    changes: {
      'entities.yaml': ENTITIES,
      'registry.yaml': registry('  town: [{ id: t1 }]\n'),
      'forms.yaml': form('      - { id: town, type: ref, entity: town, label: { fa: شهر, en: Town } }\n'),
      'scenarios.yaml': scenario('{ area: 40, town: "تهران" }'),
    },
    code: 'unknown-record', file: 'scenarios.yaml', token: '"تهران"', message: /scenario "s1", input "town"/,
  },
];

describe('the vocabulary of records, units, options, prefill and derive', () => {
  it.each(cases)('refuses $name at its file, line and column', ({ changes, code, file, token, message }) => {
    const r = loadWith(changes);
    const e = r.errors.find((x) => x.code === code);
    expect(e, JSON.stringify(r.errors)).toBeDefined();
    expect(e!.file).toBe(`defs/b/${file}`);
    const line = changes[file].split('\n')[e!.line - 1];
    expect(line.slice(e!.col - 1).startsWith(token), `${e!.line}:${e!.col} of "${line}"`).toBe(true);
    if (message) expect(e!.message).toMatch(message);
    expect(r.bundle).toBeUndefined();
  });

  it('leaves alone a scenario that expects the form to be refused, and checks what it expects', () => {
    const r = loadWith({
      'entities.yaml': ENTITIES,
      'registry.yaml': registry('  town: [{ id: t1 }]\n'),
      'forms.yaml': form('      - { id: town, type: ref, entity: town, label: { fa: شهر, en: Town } }\n'),
      'scenarios.yaml': scenario('{ area: 40, town: "تهران" }', '{ refused: [invalid-form], fields: [/town] }'),
    });
    expect(r.errors).toEqual([]);
    expect(r.bundle?.scenarios[0].expect).toEqual({ refused: ['invalid-form'], fields: ['/town'] });
  });

  it('compiles units, table options, derived and prefilled fields and shown values into the bundle', () => {
    const r = loadWith({
      'parameters.yaml': TABLE_PARAMS,
      'entities.yaml': ENTITIES,
      'forms.yaml': form(`      - { id: fee, type: enum, label: { fa: تعرفه, en: Fee }, options_from: { param: fees, value: code, label: name } }
      - { id: size, type: number, unit: m2, label: { fa: اندازه, en: Size }, derive: { var: form.area } }
      - { id: town, type: ref, entity: town, label: { fa: شهر, en: Town }, prefill: { var: subject.place } }
`),
      'rules.yaml': rule(`      found: { label: { fa: مساحت, en: Area }, unit: m2 }
      required: { label: { fa: حداقل, en: Minimum }, unit: m2, options_of: { entity: unit, field: status } }`),
    });
    expect(r.errors).toEqual([]);
    const b = r.bundle!;
    expect(b.units.get('m2')?.label).toEqual({ fa: 'متر مربع', en: 'm²' });
    expect(b.parameters.get('area.min')?.unitLabel).toEqual({ fa: 'متر مربع', en: 'm²' });
    const schema = b.forms.get('request')!.schema as { properties: Record<string, Record<string, unknown>>; required: string[] };
    expect(schema.properties.fee).toEqual(expect.objectContaining({ 'x-options-from': { param: 'fees', value: 'code', label: 'name' } }));
    expect(schema.properties.size).toEqual(expect.objectContaining({ readOnly: true, 'x-derived': true, 'x-unit-label': { fa: 'متر مربع', en: 'm²' } }));
    expect(schema.required).toEqual(['area']);
    expect(b.forms.get('request')!.fields[3].prefill).toEqual({ var: 'subject.place' });
    expect(b.rules.get('area.ok')?.show).toEqual([
      { key: 'found', label: { fa: 'مساحت', en: 'Area' }, unit: 'm2', unitLabel: { fa: 'متر مربع', en: 'm²' } },
      { key: 'required', label: { fa: 'حداقل', en: 'Minimum' }, unit: 'm2', unitLabel: { fa: 'متر مربع', en: 'm²' }, options: [{ value: 'on', label: { fa: 'روشن', en: 'On' } }, { value: 'off', label: { fa: 'خاموش', en: 'Off' } }] },
    ]);
  });
});
