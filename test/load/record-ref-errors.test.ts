/**
 * Issue 12: a registry record naming a record that does not exist (`place: zanjan-cty`), or a record of the wrong
 * kind, is an error at the value — top-level fields, lists, and fields of nested objects and lists of objects.
 */
import { describe, expect, it } from 'vitest';
import { formatError } from '../../engine/load/index.js';
import { expectPersianBeside, header, loadWith } from './helpers.js';

const entities = `${header('entities')}kind: entities
entities:
  - id: unit
    label: { fa: واحد, en: Unit }
    schema:
      type: object
      required: [id]
      properties:
        id: { type: string }
        place: { type: string, x-entity: place }
        neighbours: { type: array, items: { type: string, x-entity: unit } }
        owner: { type: object, properties: { person: { type: string, x-entity: person } } }
        staff: { type: array, items: { type: object, properties: { person: { type: string, x-entity: person } } } }
  - { id: place, label: { fa: شهر, en: City }, schema: { type: object, properties: { id: { type: string } } } }
  - { id: person, label: { fa: شخص, en: Person }, schema: { type: object, properties: { id: { type: string } } } }
`;
const registry = (unit: string): string => `${header('registry')}kind: registry
records:
  place: [ { id: zanjan-city } ]
  person: [ { id: ali } ]
  unit:
${unit}`;

const cases = [
  { name: 'a place that does not exist', unit: '    - { id: u-1, place: zanjan-cty }\n', line: 7, col: 25, code: 'unknown-record', message: /"zanjan-cty" is not a City record \(entity "place"\) in the registry — did you mean "zanjan-city"\?/ },
  { name: 'a record of the wrong kind', unit: '    - { id: u-1, place: ali }\n', line: 7, col: 25, code: 'wrong-record-kind', message: /"ali" is not a City record .* — it is a Person record \(entity "person"\)/ },
  { name: 'a list item that does not exist', unit: '    - { id: u-1, neighbours: [u-1, u-2] }\n', line: 7, col: 36, code: 'unknown-record', message: /field "neighbours": "u-2"/ },
  { name: 'a field of a nested object', unit: '    - { id: u-1, owner: { person: alli } }\n', line: 7, col: 35, code: 'unknown-record', message: /field "owner.person": "alli" .* did you mean "ali"\?/ },
  { name: 'a field of a list of objects', unit: '    - id: u-1\n      staff:\n        - { person: ali }\n        - { person: zanjan-city }\n', line: 10, col: 21, code: 'wrong-record-kind', message: /field "staff.person": "zanjan-city" .* it is a City record/ },
];

describe('registry records that name records', () => {
  it.each(cases)('refuses $name at its line and column', (c) => {
    const r = loadWith({ 'entities.yaml': entities, 'registry.yaml': registry(c.unit) });
    const hit = r.errors.find((e) => c.message.test(e.message));
    expect(hit, `errors were:\n${r.errors.map(formatError).join('\n')}`).toBeDefined();
    expect({ file: hit?.file, line: hit?.line, col: hit?.col, code: hit?.code }).toEqual({ file: 'defs/b/registry.yaml', line: c.line, col: c.col, code: c.code });
    expectPersianBeside(hit!);
  });

  it('accepts records that name existing records of the right kind', () => {
    const r = loadWith({ 'entities.yaml': entities, 'registry.yaml': registry('    - { id: u-1, place: zanjan-city, neighbours: [u-1], owner: { person: ali }, staff: [ { person: ali } ] }\n') });
    expect(r.errors.map(formatError)).toEqual([]);
  });
});
