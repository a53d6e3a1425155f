/**
 * Issue 11, item 4 (the definitions' side): a role may be a party to cases (`party: { entity }`) and a procedure says
 * how its party is found (`party: subject.holder`, `input.applicant`, `steps.<step>.data.<field>`); a mistake in
 * either is refused at its file:line:col with a Persian message and a fix.
 */
import { describe, expect, it } from 'vitest';
import { formatError } from '../../engine/load/index.js';
import { expectPersianBeside, header, loadWith, minimalFiles } from './helpers.js';

const roles = (party: string, external = '') => `${header('roles')}kind: roles
roles:
  - { id: clerk, label: { fa: کارمند, en: Clerk } }
  - { id: board, label: { fa: هیئت, en: Board } }
  - { id: police, label: { fa: پلیس, en: Police }, external: true }
  - { id: resident, label: { fa: ساکن, en: Resident }, party: { entity: ${party} }${external} }
`;

const entities = `${header('entities')}kind: entities
entities:
  - id: unit
    label: { fa: واحد, en: Unit }
    schema: { type: object, properties: { id: { type: string }, place: { type: string } }, required: [id] }
  - id: person
    label: { fa: شخص, en: Person }
    schema: { type: object, properties: { id: { type: string }, name: { type: string } }, required: [id] }
`;

/** The minimal procedure on a unit, its review step given to `role`, with `party` (a line of its own) when given. */
const procedure = (party: string | undefined, role = 'resident') => minimalFiles()['procedure.yaml']
  .replace('start: {', `subject: { entity: unit }\n${party === undefined ? '' : `party: ${party}\n`}start: {`)
  .replace('    role: clerk\n', `    role: ${role}\n`);

const at = (text: string, needle: string) => {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return { line: line + 1, col: lines[line].indexOf(needle) + 1 };
};

const ok = { 'roles.yaml': roles('person'), 'entities.yaml': entities };

const cases: { name: string; files: Record<string, string>; file: string; needle: string; code: string; message: RegExp }[] = [
  { name: 'a party role of an unknown entity', files: { ...ok, 'roles.yaml': roles('persn'), 'procedure.yaml': procedure('subject.id') }, file: 'roles.yaml', needle: 'persn', code: 'unknown-entity', message: /unknown entity "persn" — did you mean "person"\?/ },
  { name: 'an external party role', files: { ...ok, 'roles.yaml': roles('person', ', external: true'), 'procedure.yaml': procedure('subject.id', 'clerk') }, file: 'roles.yaml', needle: '{ entity: person }', code: 'external-party', message: /role "resident" is external .* cannot be a party/ },
  { name: 'a party role given tasks without a party', files: { ...ok, 'procedure.yaml': procedure(undefined) }, file: 'procedure.yaml', needle: 'resident', code: 'party-missing', message: /procedure "p" gives tasks to the party role "resident" but does not say who its party is/ },
  { name: 'an unknown field of the subject', files: { ...ok, 'procedure.yaml': procedure('subject.plase') }, file: 'procedure.yaml', needle: 'subject.plase', code: 'bad-party', message: /party "subject.plase": the subject "unit" has no field "plase" — did you mean "place"\?/ },
  { name: 'an unknown start-form field', files: { ...ok, 'procedure.yaml': procedure('input.aera') }, file: 'procedure.yaml', needle: 'input.aera', code: 'bad-party', message: /the start form has no field "aera" — did you mean "area"\?/ },
  { name: 'an unknown step', files: { ...ok, 'procedure.yaml': procedure('steps.reviw.data.who') }, file: 'procedure.yaml', needle: 'steps.reviw', code: 'bad-party', message: /the procedure has no step "reviw" — did you mean "review"\?/ },
];

describe('parties in the definitions', () => {
  it.each(cases)('refuses $name at its line and column', (c) => {
    const r = loadWith(c.files);
    const hit = r.errors.find((e) => c.message.test(e.message));
    expect(hit, `errors were:\n${r.errors.map(formatError).join('\n')}`).toBeDefined();
    const pos = at(c.files[c.file], c.needle);
    expect({ file: hit?.file, line: hit?.line, col: hit?.col, code: hit?.code }).toEqual({ file: `defs/b/${c.file}`, ...pos, code: c.code });
    expectPersianBeside(hit!);
  });

  it('refuses a party path that names a record of another entity than the party role\'s', () => {
    const r = loadWith({ ...ok, 'roles.yaml': roles('unit'), 'entities.yaml': entities, 'procedure.yaml': procedure('subject.id').replace('subject: { entity: unit }', 'subject: { entity: person }') });
    const hit = r.errors.find((e) => e.code === 'bad-party');
    expect(hit?.message, r.errors.map(formatError).join('\n')).toMatch(/names a record of "person", not of a party role's entity \(unit\)/);
  });

  it('compiles valid declarations into the bundle', () => {
    const r = loadWith({ ...ok, 'procedure.yaml': procedure('subject.id').replace('subject: { entity: unit }', 'subject: { entity: person }') });
    expect(r.errors.map(formatError)).toEqual([]);
    expect(r.bundle?.roles.get('resident')?.party).toEqual({ entity: 'person' });
    expect(r.bundle?.roles.get('clerk')?.party).toBeUndefined();
    expect(r.bundle?.procedures.get('p')?.party).toBe('subject.id');
  });

  it('refuses a party path outside the case\'s data by the schema', () => {
    const r = loadWith({ ...ok, 'procedure.yaml': procedure('case.id') });
    expect(r.errors.some((e) => e.file === 'defs/b/procedure.yaml' && e.line === 6), r.errors.map(formatError).join('\n')).toBe(true);
  });
});
