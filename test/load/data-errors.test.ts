/**
 * Errors and warnings about data-shaped definitions (entities, sample records, scenarios, facts) and bundle
 * structure, each with its code and position.
 */
import { describe, expect, it } from 'vitest';
import { formatError } from '../../engine/load/index.js';
import { expectPersianBeside, header, loadWith, minimalFiles } from './helpers.js';

interface Case {
  name: string;
  changes: Record<string, string | null>;
  code: string;
  file: string;
  line: number;
  col: number;
  warning?: boolean;
  message?: RegExp;
}

const base = minimalFiles();
const scenario = (body: string): string => `${header('scenarios')}kind: scenarios\nscenarios:\n  - id: s\n    procedure: p\n${body}`;
const registry = (body: string): string => `${header('registry')}kind: registry\nrecords:\n${body}`;

const cases: Case[] = [
  {
    name: 'a second bundle file', changes: { 'again.yaml': base['bundle.yaml'] },
    code: 'duplicate-bundle', file: 'bundle.yaml', line: 2, col: 7,
  },
  {
    name: 'a second calendar',
    changes: { 'c1.yaml': `${header('calendar')}kind: calendar\nweekend: [friday]\n`, 'c2.yaml': `${header('calendar')}kind: calendar\nweekend: [friday]\n` },
    code: 'duplicate-calendar', file: 'c2.yaml', line: 2, col: 7,
  },
  {
    name: 'a record of an unknown entity', changes: { 'registry.yaml': registry('  units: [ { id: u-1 } ]\n') },
    code: 'unknown-entity', file: 'registry.yaml', line: 4, col: 3, message: /did you mean "unit"\?/,
  },
  {
    name: 'a record without its key', changes: { 'registry.yaml': registry('  unit:\n    - { place: x }\n') },
    code: 'missing-key', file: 'registry.yaml', line: 5, col: 7,
  },
  {
    name: "a record that breaks its entity's schema", changes: { 'registry.yaml': registry('  unit:\n    - { id: u-1, place: 5 }\n') },
    code: 'bad-record', file: 'registry.yaml', line: 5, col: 25, message: /unit record "u-1": "place" must be a text/,
  },
  {
    name: 'an entity schema that does not compile',
    changes: { 'entities.yaml': `${header('entities')}kind: entities\nentities:\n  - { id: unit, label: { fa: و, en: U }, schema: { type: thing } }\n` },
    code: 'bad-schema', file: 'entities.yaml', line: 4, col: 50,
  },
  {
    name: 'a nearest fact over an entity without a location',
    changes: { 'facts.yaml': `${header('facts')}kind: facts\nfacts:\n  - { id: near, type: number, params: [p, x], nearest: { entity: unit } }\n` },
    code: 'no-location', file: 'facts.yaml', line: 4, col: 66,
  },
  {
    name: 'a fact reading an undeclared argument',
    changes: { 'facts.yaml': `${header('facts')}kind: facts\nfacts:\n  - { id: unit-count, type: integer, params: [place], count: { entity: unit, where: { var: $args.plce } } }\n` },
    code: 'unknown-fact-param', file: 'facts.yaml', line: 4, col: 85, message: /did you mean "place"\?/,
  },
  {
    name: 'an inquiry-each whose `all` is not one of its outcomes',
    changes: {
      'procedure.yaml': `${header('procedure')}kind: procedure\nid: p\ntitle: { fa: ر, en: P }\nstart: { roles: [clerk] }\nsteps:\n  - { id: each, kind: inquiry-each, items: [a], target: police, role: clerk, outcomes: [{ id: ok }], next: { all: okk, then: end, otherwise: end } }\n  - { id: end, kind: end, result: done }\n`,
    },
    code: 'unknown-outcome', file: 'procedure.yaml', line: 7, col: 115, message: /did you mean "ok"\?/,
  },
  {
    name: 'a scenario of an unknown procedure', changes: { 'scenarios.yaml': scenario('    expect: { result: approved }\n').replace('procedure: p', 'procedure: q') },
    code: 'unknown-procedure', file: 'scenarios.yaml', line: 5, col: 16,
  },
  {
    name: 'a scenario completing an unknown step',
    changes: { 'scenarios.yaml': scenario('    steps: [ { complete: reveiw, outcome: approve } ]\n    expect: { result: approved }\n') },
    code: 'unknown-step', file: 'scenarios.yaml', line: 6, col: 26, message: /did you mean "review"\?/,
  },
  {
    name: 'a scenario choosing an unknown outcome',
    changes: { 'scenarios.yaml': scenario('    steps: [ { complete: review, outcome: aprove } ]\n    expect: { result: approved }\n') },
    code: 'unknown-outcome', file: 'scenarios.yaml', line: 6, col: 43, message: /did you mean "approve"\?/,
  },
  {
    name: 'a scenario expecting an unknown rule', changes: { 'scenarios.yaml': scenario('    expect: { refused: [area.ko] }\n') },
    code: 'unknown-rule', file: 'scenarios.yaml', line: 6, col: 25,
  },
  {
    name: 'a scenario expecting a result the procedure never has', changes: { 'scenarios.yaml': scenario('    expect: { result: aproved }\n') },
    code: 'unknown-result', file: 'scenarios.yaml', line: 6, col: 23, message: /did you mean "approved"\?/,
  },
  {
    name: 'a scenario acting as an unknown role', changes: { 'scenarios.yaml': scenario('    actor: clark\n    expect: { result: approved }\n') },
    code: 'unknown-role', file: 'scenarios.yaml', line: 6, col: 12,
  },
  {
    name: 'a scenario testing an unknown trigger',
    changes: { 'scenarios.yaml': `${header('scenarios')}kind: scenarios\nscenarios:\n  - id: s\n    trigger: remind\n    subject: u1\n    expect: { fires: false }\n` },
    code: 'unknown-trigger', file: 'scenarios.yaml', line: 5, col: 14,
  },
  {
    name: 'a scenario naming neither a procedure nor a trigger',
    changes: { 'scenarios.yaml': `${header('scenarios')}kind: scenarios\nscenarios:\n  - id: s\n    expect: { result: approved }\n` },
    code: 'missing-property', file: 'scenarios.yaml', line: 4, col: 5,
  },
  {
    name: 'an unknown role in a trigger',
    changes: { 'triggers.yaml': `${header('triggers')}kind: triggers\ntriggers:\n  - { id: t, entity: unit, at: "1400-01-01", notify: { to: clarks, message: { fa: پ, en: M } } }\n` },
    code: 'unknown-role', file: 'triggers.yaml', line: 4, col: 60,
  },
  {
    name: 'an unknown procedure in a trigger',
    changes: { 'triggers.yaml': `${header('triggers')}kind: triggers\ntriggers:\n  - { id: t, entity: unit, at: "1400-01-01", start: { procedure: pp } }\n` },
    code: 'unknown-procedure', file: 'triggers.yaml', line: 4, col: 66,
  },
  {
    name: 'an inquiry to a role that is not external (warning)',
    changes: { 'procedure.yaml': base['procedure.yaml'].replace('kind: task\n    label: { fa: بررسی, en: Review }\n    role: clerk', 'kind: inquiry\n    label: { fa: بررسی, en: Review }\n    target: board\n    role: clerk') },
    code: 'target-not-external', file: 'procedure.yaml', line: 10, col: 13, warning: true,
  },
  {
    name: 'a placeholder that is not one of the values (warning)',
    changes: { 'rules.yaml': base['rules.yaml'].replace('message: { fa: کم است, en: Too small }', 'message: { fa: کم است, en: "Too small: {area}" }') },
    code: 'unknown-placeholder', file: 'rules.yaml', line: 7, col: 32, warning: true,
  },
  {
    name: 'a parameter no resolution sets (warning)',
    changes: { 'resolutions.yaml': base['resolutions.yaml'].replace('      start.date: 1390-01-01\n', '') },
    code: 'param-unset', file: 'parameters.yaml', line: 8, col: 9, warning: true,
  },
];

describe('data and structure errors', () => {
  it.each(cases)('reports $name as $code at its line and column', (c) => {
    const r = loadWith(c.changes);
    const list = c.warning ? r.warnings : r.errors;
    if (c.warning) expect(r.errors).toEqual([]);
    else expect(r.bundle).toBeUndefined();
    const hit = list.find((e) => e.code === c.code && e.file === `defs/b/${c.file}`);
    expect(hit, `problems were:\n${[...r.errors, ...r.warnings].map(formatError).join('\n')}`).toBeDefined();
    expect({ line: hit?.line, col: hit?.col }).toEqual({ line: c.line, col: c.col });
    if (c.message) expect(hit?.message).toMatch(c.message);
    // Every problem reads in Persian too, naming what the English names.
    expectPersianBeside(hit!);
  });

  it('reports a broken roles file once, without echoing "unknown role" everywhere', () => {
    const r = loadWith({ 'roles.yaml': `${header('roles')}kind: roles\nroles:\n  - { id: clerk }\n` });
    expect(r.errors.map((e) => [e.code, e.file])).toEqual([['missing-property', 'defs/b/roles.yaml']]);
  });
});
