/**
 * Issue 12: every `var` of a procedure's logic and of the rules it uses is checked against the schemas it reads —
 * `subject.*` the procedure's subject entity (with its computed fields), `input.*` its start form — with
 * "did you mean"; a rule is typed where it is used; a path that cannot be typed is a warning.
 */
import { describe, expect, it } from 'vitest';
import { formatError } from '../../engine/load/index.js';
import { expectPersianBeside, header, loadWith, minimalFiles } from './helpers.js';

const base = minimalFiles();
const rules = (check: string): string => `${header('rules')}kind: rules
rules:
  - id: area.ok
    label: { fa: مساحت, en: Area }
    check: ${check}
    message: { fa: کم است, en: Too small }
`;
const withSubject = base['procedure.yaml'].replace('start:', 'subject: { entity: unit }\nstart:');
const entities = `${header('entities')}kind: entities
entities:
  - id: unit
    label: { fa: واحد, en: Unit }
    schema: { type: object, properties: { id: { type: string }, place: { type: string } }, required: [id] }
    computed:
      place_count: { fact: [unit-count, { var: place }] }
`;

describe('data paths', () => {
  it('refuses a misspelt start-form path in a guard rule, with did-you-mean, at the path', () => {
    const r = loadWith({ 'rules.yaml': rules('{ ">=": [{ var: input.aera }, { param: area.min }] }') });
    const hit = r.errors.find((e) => e.code === 'unknown-path');
    expect(hit, r.errors.map(formatError).join('\n')).toMatchObject({ file: 'defs/b/rules.yaml', line: 6, col: 28 });
    expect(hit?.message).toBe('unknown data path "input.aera": the start form "request" of procedure "p" has no field "aera" — did you mean "area"? (rule "area.ok" is used by procedure "p")');
    expectPersianBeside(hit!);
  });

  it("refuses a subject path the subject's entity lacks, and accepts its fields and computed fields", () => {
    const bad = loadWith({ 'procedure.yaml': withSubject, 'entities.yaml': entities, 'rules.yaml': rules('{ "==": [{ var: subject.plce }, x] }') });
    const hit = bad.errors.find((e) => e.code === 'unknown-path');
    expect(hit, bad.errors.map(formatError).join('\n')).toMatchObject({ file: 'defs/b/rules.yaml', line: 6, col: 28 });
    expect(hit?.message).toMatch(/the subject of procedure "p" \(entity "unit"\) has no field "plce" — did you mean "place"\?/);
    const good = loadWith({ 'procedure.yaml': withSubject, 'entities.yaml': entities, 'rules.yaml': rules('{ "and": [{ "==": [{ var: subject.place }, x] }, { ">": [{ var: subject.place_count }, 0] }, { ">=": [{ var: input.area }, { param: area.min }] }] }') });
    expect(good.errors.map(formatError)).toEqual([]);
  });

  it('accepts a fallback chain when some procedure has the path, and refuses one that no procedure has', () => {
    const ok = loadWith({ 'rules.yaml': rules('{ ">=": [{ var: [form.area, { var: [input.area, { var: subject.area }] }] }, { param: area.min }] }') });
    expect(ok.errors.map(formatError)).toEqual([]);
    const bad = loadWith({ 'rules.yaml': rules('{ ">=": [{ var: [form.area, { var: input.arae }] }, { param: area.min }] }') });
    const hit = bad.errors.find((e) => e.code === 'unknown-path');
    expect(hit?.message).toMatch(/unknown data path "input.arae": no procedure that reads it \(p\) has a field "arae" there — did you mean "area"\?/);
  });

  it('warns that a computed path cannot be typed', () => {
    const r = loadWith({ 'rules.yaml': rules('{ ">=": [{ var: { cat: [input., area] } }, { param: area.min }] }') });
    expect(r.errors.map(formatError)).toEqual([]);
    const w = r.warnings.find((e) => e.code === 'untyped-path');
    expect(w, r.warnings.map(formatError).join('\n')).toMatchObject({ file: 'defs/b/rules.yaml', line: 6, col: 28 });
    expectPersianBeside(w!);
  });
});
