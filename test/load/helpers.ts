/**
 * A small valid bundle held in memory, and helpers to load it with one file replaced or added.
 */
import { loadFiles } from '../../engine/load/index.js';
import type { LoadResult, SourceFile } from '../../engine/load/index.js';

/** The `$schema` header line of a file of `kind`. */
export const header = (kind: string): string => `# yaml-language-server: $schema=../../schemas/${kind}.schema.json\n`;

/** A valid bundle, file name → text (line 1 of each is the header). */
export function minimalFiles(): Record<string, string> {
  return {
    'bundle.yaml': `${header('bundle')}kind: bundle
id: b
name: { fa: ب, en: B }
`,
    'roles.yaml': `${header('roles')}kind: roles
roles:
  - { id: clerk, label: { fa: کارمند, en: Clerk } }
  - { id: board, label: { fa: هیئت, en: Board } }
  - { id: police, label: { fa: پلیس, en: Police }, external: true }
`,
    'units.yaml': `${header('units')}kind: units
units:
  - { id: m2, label: { fa: متر مربع, en: m² } }
`,
    'parameters.yaml': `${header('parameters')}kind: parameters
parameters:
  - id: area.min
    type: number
    label: { fa: حداقل, en: Minimum }
    bounds: { min: 20, max: 100 }
  - id: start.date
    type: date
    label: { fa: تاریخ, en: Date }
`,
    'resolutions.yaml': `${header('resolutions')}kind: resolutions
resolutions:
  - id: r1
    title: { fa: مصوبه, en: Resolution }
    date: 1399-05-12
    sets:
      area.min: 30
      start.date: 1390-01-01
`,
    'rules.yaml': `${header('rules')}kind: rules
rules:
  - id: area.ok
    label: { fa: مساحت, en: Area }
    check: { ">=": [{ var: input.area }, { param: area.min }] }
    message: { fa: کم است, en: Too small }
`,
    'facts.yaml': `${header('facts')}kind: facts
facts:
  - id: unit-count
    type: integer
    params: [place]
    count: { entity: unit, where: { "==": [{ var: place }, { var: $args.place }] } }
`,
    'entities.yaml': `${header('entities')}kind: entities
entities:
  - id: unit
    label: { fa: واحد, en: Unit }
    schema: { type: object, properties: { id: { type: string }, place: { type: string } }, required: [id] }
`,
    'forms.yaml': `${header('forms')}kind: forms
forms:
  - id: request
    title: { fa: درخواست, en: Request }
    fields:
      - { id: area, type: number, label: { fa: مساحت, en: Area }, required: true }
`,
    'checklists.yaml': `${header('checklists')}kind: checklists
checklists:
  - id: standards
    title: { fa: استاندارد, en: Standards }
    items:
      - { id: sign, label: { fa: تابلو, en: Sign } }
`,
    'procedure.yaml': `${header('procedure')}kind: procedure
id: p
title: { fa: روال, en: Procedure }
start: { roles: [clerk], form: request, guards: [area.ok] }
steps:
  - id: review
    kind: task
    label: { fa: بررسی, en: Review }
    role: clerk
    outcomes:
      - { id: approve, next: done-ok }
      - { id: refuse, next: done-no }
  - { id: done-ok, kind: end, label: { fa: تایید, en: OK }, result: approved }
  - { id: done-no, kind: end, label: { fa: رد, en: No }, result: refused }
`,
  };
}

/** Source files of folder `dir` from name → text. */
export function toFiles(dir: string, files: Record<string, string>): SourceFile[] {
  return Object.entries(files).map(([name, text]) => ({ path: `${dir}/${name}`, text }));
}

/** Loads the minimal bundle (folder `defs/b`) with some files replaced or added (name → text; null removes). */
export function loadWith(changes: Record<string, string | null> = {}, others: Record<string, SourceFile[]> = {}): LoadResult {
  const files = { ...minimalFiles() } as Record<string, string>;
  for (const [name, text] of Object.entries(changes)) {
    if (text === null) delete files[name];
    else files[name] = text;
  }
  return loadFiles(toFiles('defs/b', files), 'defs/b', others);
}

/**
 * Asserts that a problem reads in Persian with the English alongside: `message_fa` is Persian, says more than the
 * English (it is not a copy), and names every id, key and value the English names (quoted "x" there).
 */
export function expectPersianBeside(e: { message: string; message_fa: string }): void {
  if (!/[\u0600-\u06FF]{3}/.test(e.message_fa)) throw new Error(`no Persian in: ${e.message_fa}`);
  if (e.message_fa === e.message) throw new Error(`the Persian message copies the English: ${e.message}`);
  for (const [, name] of e.message.matchAll(/"([^"\s]{1,60})"/g)) {
    if (!e.message_fa.includes(name)) throw new Error(`the Persian message does not name "${name}":\n  ${e.message}\n  ${e.message_fa}`);
  }
}
