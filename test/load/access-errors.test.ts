/**
 * Issue 11: who sees what is declared in the definitions — an entity's `sensitive:` groups and a step's
 * `confidential:` — and a mistake in them is refused at its file:line:col with a Persian message and a fix.
 */
import { describe, expect, it } from 'vitest';
import { formatError } from '../../engine/load/index.js';
import { expectPersianBeside, header, loadWith, minimalFiles } from './helpers.js';

const entities = (sensitive: string, title = '"{name}"') => `${header('entities')}kind: entities
entities:
  - id: unit
    label: { fa: واحد, en: Unit }
    title: ${title}
    schema:
      type: object
      required: [id]
      properties:
        id: { type: string }
        name: { type: string }
        record: { type: boolean }
        phone: { type: string }
    sensitive:
${sensitive}`;

const confidential = (roles: string) => minimalFiles()['procedure.yaml'].replace('    role: clerk\n', `    role: clerk\n    confidential: { roles: [${roles}] }\n`);

const cases: { name: string; files: Record<string, string>; file: string; line: number; col: number; code: string; message: RegExp }[] = [
  { name: 'an unknown field', files: { 'entities.yaml': entities('      - { fields: [record, phnoe], roles: [board] }\n') }, file: 'entities.yaml', line: 16, col: 28, code: 'unknown-field', message: /entity "unit" has no field "phnoe" — did you mean "phone"\?/ },
  { name: 'an unknown role', files: { 'entities.yaml': entities('      - { fields: [record], roles: [bord] }\n') }, file: 'entities.yaml', line: 16, col: 37, code: 'unknown-role', message: /unknown role "bord" — did you mean "board"\?/ },
  { name: 'a sensitive field in the title', files: { 'entities.yaml': entities('      - { fields: [name], roles: [board] }\n') }, file: 'entities.yaml', line: 16, col: 20, code: 'sensitive-in-title', message: /the sensitive field "name" is part of the entity's title/ },
  { name: 'a sensitive field in the subtitle', files: { 'entities.yaml': entities('      - { fields: [phone], roles: [board] }\n', '"{name}"\n    subtitle: "{phone}"') }, file: 'entities.yaml', line: 17, col: 20, code: 'sensitive-in-title', message: /"phone" is part of the entity's subtitle/ },
  { name: 'a field in two groups', files: { 'entities.yaml': entities('      - { fields: [record], roles: [board] }\n      - { fields: [record], roles: [clerk] }\n') }, file: 'entities.yaml', line: 17, col: 20, code: 'duplicate-sensitive', message: /"record" is already in another sensitive group/ },
  { name: 'an unknown role of a confidential step', files: { 'procedure.yaml': confidential('board, polise') }, file: 'procedure.yaml', line: 11, col: 36, code: 'unknown-role', message: /unknown role "polise" — did you mean "police"\?/ },
];

describe('sensitive fields and confidential steps in the definitions', () => {
  it.each(cases)('refuses $name at its line and column', (c) => {
    const r = loadWith(c.files);
    const hit = r.errors.find((e) => c.message.test(e.message));
    expect(hit, `errors were:\n${r.errors.map(formatError).join('\n')}`).toBeDefined();
    expect({ file: hit?.file, line: hit?.line, col: hit?.col, code: hit?.code }).toEqual({ file: `defs/b/${c.file}`, line: c.line, col: c.col, code: c.code });
    expectPersianBeside(hit!);
  });

  it('compiles valid declarations into the bundle', () => {
    const r = loadWith({ 'entities.yaml': entities('      - { fields: [record, phone], roles: [board], label: { fa: محرمانه, en: Confidential } }\n'), 'procedure.yaml': confidential('board') });
    expect(r.errors.map(formatError)).toEqual([]);
    expect(r.bundle?.entities.get('unit')?.sensitive).toEqual([{ fields: ['record', 'phone'], roles: ['board'], label: { fa: 'محرمانه', en: 'Confidential' } }]);
    const step = r.bundle?.procedures.get('p')?.stepIndex.get('review') as { confidential?: unknown };
    expect(step.confidential).toEqual({ roles: ['board'] });
  });

  it('refuses a confidential: without roles by the schema', () => {
    const r = loadWith({ 'procedure.yaml': minimalFiles()['procedure.yaml'].replace('    role: clerk\n', '    role: clerk\n    confidential: {}\n') });
    expect(r.errors.some((e) => e.file === 'defs/b/procedure.yaml' && e.line === 11)).toBe(true);
  });
});
