/**
 * Every kind of definition error, each asserted with its stable code and exact position (line and column are
 * 1-based; line 1 of every fixture file is the `$schema` header).
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
  /** What the source holds at that line and column. */
  token?: string;
  message?: RegExp;
}

const proc = (steps: string, start = '{ roles: [clerk] }'): string =>
  `${header('procedure')}kind: procedure\nid: p\ntitle: { fa: روال, en: Procedure }\nstart: ${start}\nsteps:\n${steps}`;
const rules = (body: string): string => `${header('rules')}kind: rules\nrules:\n${body}`;
const rule = (id: string, check: string): string =>
  `  - { id: ${id}, label: { fa: ق, en: R }, message: { fa: پ, en: M }, check: ${check} }\n`;
const END = '  - { id: end, kind: end, label: { fa: پایان, en: End }, result: done }\n';

const cases: Case[] = [
  {
    name: 'a YAML syntax error',
    changes: { 'rules.yaml': rules('  - id: a\n   label: { fa: x, en: y }\n') },
    code: 'yaml-syntax', file: 'rules.yaml', line: 5, col: 4, token: 'label',
  },
  {
    name: 'a value of the wrong type (a plain string for a text)',
    changes: { 'roles.yaml': `${header('roles')}kind: roles\nroles:\n  - id: clerk\n    label: Clerk\n` },
    code: 'wrong-type', file: 'roles.yaml', line: 5, col: 12, token: 'Clerk', message: /"label" must be a text \{ fa: …, en: … \}, not the text "Clerk"/,
  },
  {
    name: 'a missing required property',
    changes: { 'roles.yaml': `${header('roles')}kind: roles\nroles:\n  - id: clerk\n    external: false\n` },
    code: 'missing-property', file: 'roles.yaml', line: 4, col: 5, token: 'id: clerk', message: /missing required property "label"/,
  },
  {
    name: 'an unknown property, with the closest allowed name',
    changes: { 'roles.yaml': `${header('roles')}kind: roles\nroles:\n  - id: clerk\n    lable: { fa: ک, en: C }\n` },
    code: 'unknown-property', file: 'roles.yaml', line: 5, col: 5, token: 'lable', message: /unknown property "lable" — did you mean "label"\?/,
  },
  {
    name: 'a value outside an enum, with the closest allowed value',
    changes: { 'parameters.yaml': `${header('parameters')}kind: parameters\nparameters:\n  - id: area.min\n    type: numbr\n    label: { fa: ح, en: M }\n` },
    code: 'bad-enum', file: 'parameters.yaml', line: 5, col: 11, token: 'numbr', message: /"numbr" is not allowed — did you mean "number"\?.*allowed: "number", "integer"/,
  },
  {
    name: 'an unknown step kind',
    changes: { 'procedure.yaml': proc(`  - { id: a, kind: taks, role: clerk, next: end }\n${END}`) },
    code: 'bad-enum', file: 'procedure.yaml', line: 7, col: 20, token: 'taks', message: /did you mean "task"\?/,
  },
  {
    name: 'a malformed id',
    changes: { 'rules.yaml': rules(rule('Area_OK', 'true')) },
    code: 'bad-pattern', file: 'rules.yaml', line: 4, col: 11, token: 'Area_OK', message: /not a valid id/,
  },
  {
    name: 'a missing kind',
    changes: { 'extra.yaml': 'roles: []\n' },
    code: 'missing-kind', file: 'extra.yaml', line: 1, col: 1,
  },
  {
    name: 'an unknown kind',
    changes: { 'extra.yaml': `${header('rules')}kind: rule\nrules: []\n` },
    code: 'unknown-kind', file: 'extra.yaml', line: 2, col: 7, token: 'rule', message: /did you mean "rules"\?/,
  },
  {
    name: 'an unknown step in next',
    changes: { 'procedure.yaml': proc(`  - { id: a, kind: task, role: clerk, next: ned }\n${END}`) },
    code: 'unknown-step', file: 'procedure.yaml', line: 7, col: 45, token: 'ned', message: /unknown step "ned" — did you mean "end"\?/,
  },
  {
    name: 'an unknown step in a split',
    changes: { 'procedure.yaml': proc(`  - { id: s, kind: split, branches: [end, edn] }\n${END}`) },
    code: 'unknown-step', file: 'procedure.yaml', line: 7, col: 43, token: 'edn',
  },
  {
    name: 'an unknown role',
    changes: { 'procedure.yaml': proc(`  - { id: a, kind: task, role: clerc, next: end }\n${END}`) },
    code: 'unknown-role', file: 'procedure.yaml', line: 7, col: 32, token: 'clerc', message: /unknown role "clerc" — did you mean "clerk"\?/,
  },
  {
    name: 'an unknown form',
    changes: { 'procedure.yaml': proc(END, '{ roles: [clerk], form: requst }') },
    code: 'unknown-form', file: 'procedure.yaml', line: 5, col: 32, token: 'requst', message: /did you mean "request"\?/,
  },
  {
    name: 'an unknown checklist',
    changes: { 'procedure.yaml': proc(`  - { id: i, kind: inspection, role: clerk, checklist: standard, next: { pass: end, fail: end } }\n${END}`) },
    code: 'unknown-checklist', file: 'procedure.yaml', line: 7, col: 56, token: 'standard,', message: /did you mean "standards"\?/,
  },
  {
    name: 'an unknown rule in guards',
    changes: { 'procedure.yaml': proc(END, '{ roles: [clerk], guards: [area.okk] }') },
    code: 'unknown-rule', file: 'procedure.yaml', line: 5, col: 35, token: 'area.okk', message: /did you mean "area.ok"\?/,
  },
  {
    name: 'an unknown parameter in logic',
    changes: { 'rules.yaml': rules(rule('a', '{ ">": [{ var: input.area }, { param: area.mni }] }')) },
    code: 'unknown-parameter', file: 'rules.yaml', line: 4, col: 111, token: 'area.mni', message: /unknown parameter "area.mni" — did you mean "area.min"\?/,
  },
  {
    name: 'an unknown fact',
    changes: { 'rules.yaml': rules(rule('a', '{ "<": [{ fact: [unit-cnt, x] }, 3] }')) },
    code: 'unknown-fact', file: 'rules.yaml', line: 4, col: 89, token: '[unit-cnt', message: /did you mean "unit-count"\?/,
  },
  {
    name: 'an unknown entity',
    changes: { 'procedure.yaml': proc(END).replace('start:', 'subject: { entity: unti }\nstart:') },
    code: 'unknown-entity', file: 'procedure.yaml', line: 5, col: 20, token: 'unti', message: /did you mean "unit"\?/,
  },
  {
    name: 'an unknown procedure',
    changes: { 'procedure.yaml': proc(`  - { id: c, kind: subprocedure, procedure: q, next: { otherwise: end } }\n${END}`) },
    code: 'unknown-procedure', file: 'procedure.yaml', line: 7, col: 45, token: 'q,',
  },
  {
    name: 'a duplicate id across files of one bundle',
    changes: { 'more-rules.yaml': rules(rule('area.ok', 'true')) },
    code: 'duplicate-id', file: 'rules.yaml', line: 4, col: 9, token: 'area.ok', message: /duplicate rule id "area.ok" — already defined at defs\/b\/more-rules.yaml:4:5/,
  },
  {
    name: 'a duplicate step id',
    changes: { 'procedure.yaml': proc(`${END}${END}`) },
    code: 'duplicate-id', file: 'procedure.yaml', line: 8, col: 11, token: 'end,',
  },
  {
    name: 'an unreachable step',
    changes: { 'procedure.yaml': proc(`${END}  - { id: lost, kind: task, role: clerk, next: end }\n`) },
    code: 'unreachable-step', file: 'procedure.yaml', line: 8, col: 11, token: 'lost', message: /step "lost" can never be entered/,
  },
  {
    name: 'a step that cannot reach an end',
    changes: { 'procedure.yaml': proc(`  - { id: a, kind: task, role: clerk, outcomes: [{ id: x, next: b }, { id: y, next: end }] }\n  - { id: b, kind: task, role: clerk, next: b }\n${END}`) },
    code: 'dead-end-step', file: 'procedure.yaml', line: 8, col: 11, token: 'b,', message: /step "b" can never reach an end step/,
  },
  {
    name: 'a join whose split is not a split',
    changes: { 'procedure.yaml': proc(`  - { id: a, kind: task, role: clerk, next: j }\n  - { id: j, kind: join, split: a, next: end }\n${END}`) },
    code: 'bad-join', file: 'procedure.yaml', line: 8, col: 33, token: 'a,', message: /step "a" is a task, not a split/,
  },
  {
    name: 'a join that a branch of its split never reaches',
    changes: {
      'procedure.yaml': proc(`  - { id: s, kind: split, branches: [a, b] }\n  - { id: a, kind: task, role: clerk, next: j }\n  - { id: b, kind: task, role: clerk, next: end }\n  - { id: j, kind: join, split: s, next: end }\n${END}`),
    },
    code: 'bad-join', file: 'procedure.yaml', line: 10, col: 33, token: 's,', message: /branch "b" of split "s" never reaches join "j"/,
  },
  {
    name: 'an unknown JSON-Logic operator',
    changes: { 'rules.yaml': rules(rule('a', '{ days_betwen: [1, 2] }')) },
    code: 'unknown-operator', file: 'rules.yaml', line: 4, col: 75, token: 'days_betwen', message: /unknown operator "days_betwen" — did you mean "days_between"\?/,
  },
  {
    name: 'a parameter used with the wrong type',
    changes: { 'rules.yaml': rules(rule('a', '{ ">": [{ var: input.area }, { param: start.date }] }')) },
    code: 'param-type', file: 'rules.yaml', line: 4, col: 111, token: 'start.date', message: /parameter "start.date" is a date, but it is used where a number is needed/,
  },
  {
    name: 'a fact called with the wrong number of arguments',
    changes: { 'rules.yaml': rules(rule('a', '{ "<": [{ fact: [unit-count] }, 3] }')) },
    code: 'fact-arity', file: 'rules.yaml', line: 4, col: 89, token: '[unit-count]', message: /fact "unit-count" takes 1 argument \(place\), but 0 are given/,
  },
  {
    name: 'a {rule} cycle',
    changes: { 'rules.yaml': rules(rule('a', '{ rule: b }') + rule('b', '{ "!": { rule: a } }')) },
    code: 'rule-cycle', file: 'rules.yaml', line: 5, col: 88, token: 'a }', message: /a → b → a/,
  },
  {
    name: 'a resolution setting an undeclared parameter',
    changes: { 'resolutions.yaml': `${header('resolutions')}kind: resolutions\nresolutions:\n  - id: r1\n    title: { fa: م, en: R }\n    date: 1399-05-12\n    sets:\n      area.max: 30\n` },
    code: 'unknown-parameter', file: 'resolutions.yaml', line: 8, col: 7, token: 'area.max', message: /did you mean "area.min"\?/,
  },
  {
    name: 'a parameter value of the wrong type',
    changes: { 'resolutions.yaml': `${header('resolutions')}kind: resolutions\nresolutions:\n  - id: r1\n    title: { fa: م, en: R }\n    date: 1399-05-12\n    sets:\n      area.min: "30"\n` },
    code: 'param-value-type', file: 'resolutions.yaml', line: 8, col: 17, token: '"30"', message: /must be a number/,
  },
  {
    name: 'a parameter value out of its bounds',
    changes: { 'resolutions.yaml': `${header('resolutions')}kind: resolutions\nresolutions:\n  - id: r1\n    title: { fa: م, en: R }\n    date: 1399-05-12\n    sets:\n      area.min: 10\n` },
    code: 'param-out-of-bounds', file: 'resolutions.yaml', line: 8, col: 17, token: '10', message: /resolution "r1" sets "area.min" to 10, below its minimum 20/,
  },
  {
    name: 'a file over 1 MiB',
    changes: { 'big.yaml': `${header('roles')}kind: roles\nroles: []\n${'#'.repeat(1024 * 1024)}\n` },
    code: 'file-too-large', file: 'big.yaml', line: 1, col: 1,
  },
  {
    name: 'an alias bomb',
    changes: {
      'bomb.yaml': `${header('roles')}kind: roles\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`,
    },
    code: 'yaml-alias-limit', file: 'bomb.yaml', line: 4, col: 8, token: '*a', message: /alias bomb/,
  },
  {
    name: 'a bundle without bundle.yaml',
    changes: { 'bundle.yaml': null },
    code: 'missing-bundle', file: '', line: 1, col: 1,
  },
];

describe('definition errors', () => {
  it.each(cases)('reports $name as $code at its line and column', (c) => {
    const r = loadWith(c.changes);
    expect(r.bundle).toBeUndefined();
    const file = c.file ? `defs/b/${c.file}` : 'defs/b';
    const hit = r.errors.find((e) => e.code === c.code && e.file === file);
    expect(hit, `errors were:\n${r.errors.map(formatError).join('\n')}`).toBeDefined();
    expect({ line: hit?.line, col: hit?.col }).toEqual({ line: c.line, col: c.col });
    if (c.message) expect(hit?.message).toMatch(c.message);
    // Every problem reads in Persian too, naming what the English names.
    expectPersianBeside(hit!);
    if (c.token) {
      const text = c.changes[c.file] ?? minimalFiles()[c.file];
      expect(text.split('\n')[c.line - 1].slice(c.col - 1)).toMatch(new RegExp(`^${c.token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
  });

  it('the minimal bundle has no problems', () => {
    const r = loadWith();
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.bundle).toBeDefined();
  });

  it('gives one error for a misspelt required property, not two', () => {
    const r = loadWith({ 'roles.yaml': `${header('roles')}kind: roles\nroles:\n  - id: clerk\n    lable: { fa: ک, en: C }\n` });
    expect(r.errors.filter((e) => e.file === 'defs/b/roles.yaml')).toHaveLength(1);
  });

  it('reports only the errors of the step kind that applies', () => {
    const r = loadWith({ 'procedure.yaml': proc(`  - { id: a, kind: task, rol: clerk, next: end }\n${END}`) });
    const mine = r.errors.filter((e) => e.file === 'defs/b/procedure.yaml');
    expect(mine.map((e) => e.code)).toEqual(['unknown-property']);
    expect(mine[0].message).toMatch(/did you mean "role"\?/);
  });

  it('says a timer needs wait or until in one error', () => {
    const r = loadWith({ 'procedure.yaml': proc(`  - { id: t, kind: timer, next: end }\n${END}`) });
    const mine = r.errors.filter((e) => e.file === 'defs/b/procedure.yaml');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ code: 'missing-property', line: 7, col: 5 });
    expect(mine[0].message).toMatch(/needs exactly one of "wait", "until"/);
  });

  it('says a timer may not have both wait and until', () => {
    const r = loadWith({ 'procedure.yaml': proc(`  - { id: t, kind: timer, wait: { days: 1 }, until: "1400-01-01", next: end }\n${END}`) });
    expect(r.errors.map((e) => e.code)).toEqual(['conflicting-properties']);
  });

  it('collects every error at once, sorted by file and position', () => {
    const r = loadWith({
      'rules.yaml': rules(rule('a', '{ days_betwen: [1, 2] }')),
      'procedure.yaml': proc(`  - { id: a, kind: task, role: clerc, next: ned }\n${END}`),
    });
    expect(r.errors.map((e) => e.code)).toEqual(['unknown-role', 'unknown-step', 'unknown-operator']);
  });

  it('formats an error as path:LINE:COL: message', () => {
    expect(formatError({ code: 'x', message: 'bad', message_fa: 'بد', file: 'defs/b/a.yaml', pointer: '/a', line: 3, col: 7 })).toBe('defs/b/a.yaml:3:7: bad');
  });

  it('says YAML syntax errors in Persian by their kind, with the English alongside', () => {
    const quote = loadWith({ 'roles.yaml': `${header('roles')}kind: roles\nroles:\n  - { id: clerk, label: { fa: "کارمند, en: Clerk } }\n` });
    const e = quote.errors.find((x) => x.code === 'yaml-syntax')!;
    expect(e.message).toMatch(/^YAML syntax error: the " quote opened here is never closed/);
    expect(e.message_fa).toMatch(/^خطای نگارشی YAML: گیومهٔ " که اینجا باز شده هرگز بسته نشده است/);
    expect({ line: e.line, col: e.col }).toEqual({ line: 4, col: 31 });
    const tab = loadWith({ 'roles.yaml': `${header('roles')}kind: roles\nroles:\n\t- { id: clerk, label: { fa: ک, en: C } }\n` });
    expect(tab.errors.map((x) => x.message_fa).join('\n')).toMatch(/Tab|فاصله/);
  });

  it('says a misspelt reference in Persian with the same suggestion', () => {
    const r = loadWith({ 'procedure.yaml': proc(`  - { id: a, kind: task, role: clerk, next: ned }\n${END}`) });
    const e = r.errors.find((x) => x.code === 'unknown-step')!;
    expect(e.message).toBe('unknown step "ned" — did you mean "end"?');
    expect(e.message_fa).toBe('مرحلهٔ «ned» تعریف نشده است — آیا منظورتان «end» است؟');
  });

  it('hints at quoting when a comma splits a text in a flow mapping', () => {
    const r = loadWith({ 'roles.yaml': `${header('roles')}kind: roles\nroles:\n  - { id: clerk, label: { fa: ک, en: Clerk, senior grade } }\n` });
    expect(r.errors[0].message).toMatch(/put that text in quotes/);
  });

  it('warns (without failing) about a missing English text and a missing $schema line', () => {
    const files = minimalFiles();
    const r = loadWith({ 'roles.yaml': files['roles.yaml'].replace(', en: Clerk', '').replace(/^#.*\n/, '') });
    expect(r.bundle).toBeDefined();
    expect(r.warnings.map((w) => [w.code, w.line])).toEqual([['missing-schema-line', 1], ['missing-en', 3]]);
  });
});
