/**
 * A location field's `map` (the records of a `nearest` fact, a parameter's circle, landmarks) is checked when the bundle
 * loads: each wrong name is an error at its file:line:col with a suggestion, and a good map compiles into the field's
 * JSON Schema as `x-map`, with the fact's entity resolved for the UI.
 */
import { describe, expect, it } from 'vitest';
import { formatError } from '../../engine/load/index.js';
import { header, loadWith } from './helpers.js';

/** The minimal bundle's entity, with a location, and a second one without. */
const entities = `${header('entities')}kind: entities
entities:
  - id: unit
    label: { fa: واحد, en: Unit }
    location: location
    schema: { type: object, properties: { id: { type: string }, place: { type: string }, location: { type: object } }, required: [id] }
  - id: person
    label: { fa: شخص, en: Person }
    schema: { type: object, properties: { id: { type: string } }, required: [id] }
`;
const facts = (nearestType = 'object') => `${header('facts')}kind: facts
facts:
  - id: unit-count
    type: integer
    params: [place]
    count: { entity: unit, where: { "==": [{ var: place }, { var: $args.place }] } }
  - id: nearest-unit
    type: ${nearestType}
    params: [point, exclude_id]
    nearest: { entity: unit }
`;
/** A form whose one location field has the given map (flow YAML, on line 7). */
const form = (map: string, type = 'location') => `${header('forms')}kind: forms
forms:
  - id: request
    title: { fa: درخواست, en: Request }
    fields:
      - { id: area, type: number, label: { fa: مساحت, en: Area }, required: true }
      - { id: site, type: ${type}, label: { fa: محل, en: Site }, map: ${map} }
`;

interface Case {
  name: string;
  changes: Record<string, string>;
  code: string;
  file: string;
  line: number;
  col: number;
  warning?: boolean;
  message?: RegExp;
}

const cases: Case[] = [
  {
    name: 'a map of an unknown fact', changes: { 'forms.yaml': form('{ nearby: nearest-unti }') },
    code: 'unknown-fact', file: 'forms.yaml', line: 8, col: 82, message: /did you mean "nearest-unit"\?/,
  },
  {
    name: 'a map of a fact that is not a nearest fact', changes: { 'forms.yaml': form('{ nearby: unit-count }') },
    code: 'not-nearest-fact', file: 'forms.yaml', line: 8, col: 82, message: /nearest facts: nearest-unit/,
  },
  {
    name: 'a circle of an unknown parameter', changes: { 'forms.yaml': form('{ nearby: nearest-unit, circle: { param: area.mni } }') },
    code: 'unknown-parameter', file: 'forms.yaml', line: 8, col: 113, message: /did you mean "area.min"\?/,
  },
  {
    name: 'a circle of a parameter that is not a number', changes: { 'forms.yaml': form('{ nearby: nearest-unit, circle: { param: start.date } }') },
    code: 'param-type', file: 'forms.yaml', line: 8, col: 113, message: /is a date; a circle's radius needs a number of metres/,
  },
  {
    name: 'a landmark of an unknown entity', changes: { 'forms.yaml': form('{ nearby: nearest-unit, landmarks: [unti] }') },
    code: 'unknown-entity', file: 'forms.yaml', line: 8, col: 108, message: /did you mean "unit"\?/,
  },
  {
    name: 'a landmark entity without a location', changes: { 'forms.yaml': form('{ nearby: nearest-unit, landmarks: [unit, person] }') },
    code: 'no-location', file: 'forms.yaml', line: 8, col: 114, message: /entity "person" has no location field/,
  },
  {
    name: 'a map on a field that is not a location (warning)', changes: { 'forms.yaml': form('{ nearby: nearest-unit }', 'string') },
    code: 'ignored-property', file: 'forms.yaml', line: 8, col: 65, warning: true,
  },
  {
    name: 'a nearest fact of a type it cannot answer', changes: { 'facts.yaml': facts('list'), 'forms.yaml': form('{ nearby: nearest-unit }') },
    code: 'nearest-type', file: 'facts.yaml', line: 9, col: 11, message: /type: number.*type: object/,
  },
];

describe('location field maps', () => {
  it.each(cases)('reports $name as $code at its line and column', (c) => {
    const r = loadWith({ 'entities.yaml': entities, 'facts.yaml': facts(), ...c.changes });
    const list = c.warning ? r.warnings : r.errors;
    if (c.warning) expect(r.errors).toEqual([]);
    else expect(r.bundle).toBeUndefined();
    const hit = list.find((e) => e.code === c.code && e.file === `defs/b/${c.file}`);
    expect(hit, `problems were:\n${[...r.errors, ...r.warnings].map(formatError).join('\n')}`).toBeDefined();
    expect({ line: hit?.line, col: hit?.col }).toEqual({ line: c.line, col: c.col });
    if (c.message) expect(hit?.message).toMatch(c.message);
  });

  it('compiles a good map into the field schema as x-map, with the entity of its fact and the default limit', () => {
    const r = loadWith({ 'entities.yaml': entities, 'facts.yaml': facts(), 'forms.yaml': form('{ nearby: nearest-unit, circle: { param: area.min }, landmarks: [unit] }') });
    expect(r.errors.map(formatError)).toEqual([]);
    const site = (r.bundle!.forms.get('request')!.schema.properties as Record<string, Record<string, unknown>>).site;
    expect(site['x-widget']).toBe('location');
    expect(site['x-map']).toEqual({ nearby: 'nearest-unit', entity: 'unit', circle: { param: 'area.min' }, landmarks: ['unit'], limit: 5 });
    // A location field without a map has none.
    const plain = loadWith({ 'entities.yaml': entities, 'facts.yaml': facts(), 'forms.yaml': form('{ nearby: nearest-unit }').replace(', map: { nearby: nearest-unit }', '') });
    expect((plain.bundle!.forms.get('request')!.schema.properties as Record<string, Record<string, unknown>>).site['x-map']).toBeUndefined();
  });

  it('refuses a limit outside 1..20 through the forms schema', () => {
    const r = loadWith({ 'entities.yaml': entities, 'facts.yaml': facts(), 'forms.yaml': form('{ nearby: nearest-unit, limit: 50 }') });
    expect(r.bundle).toBeUndefined();
    expect(r.errors.some((e) => e.file === 'defs/b/forms.yaml' && e.line === 8)).toBe(true);
  });
});
