/**
 * Issue 12: a YAML syntax error points at the real line and column — the quote or bracket that was opened and never
 * closed, the tab in an indentation, the first character of a badly indented line, the repeated key — never column 1
 * of the end of the file, with a Persian hint that says what to do (and the English beside it).
 */
import { describe, expect, it } from 'vitest';
import { formatError } from '../../engine/load/index.js';
import { expectPersianBeside, header, loadWith } from './helpers.js';

const rules = (body: string): string => `${header('rules')}kind: rules\nrules:\n${body}`;
const ok = '    label: { fa: مساحت, en: Area }\n    check: true\n    message: { fa: کم, en: Low }\n';

const cases = [
  { name: 'an unclosed double quote', body: `  - id: "area.ok\n${ok}`, line: 4, col: 9, token: '"area.ok', en: /the " quote opened here is never closed — end the text with "/, fa: /گیومهٔ " که اینجا باز شده هرگز بسته نشده است/ },
  { name: 'an unclosed single quote in a flow mapping', body: `  - { id: 'area.ok, label: { fa: م, en: A }, check: true }\n`, line: 4, col: 11, token: "'area.ok", en: /the ' quote opened here is never closed/, fa: /گیومهٔ ' که اینجا باز شده/ },
  { name: 'an unclosed bracket', body: `  - { id: area.ok, label: { fa: م, en: A }, check: { "==": [1, 1 } }\n`, line: 4, col: 60, token: '[1, 1', en: /the "\[" opened here is never closed — close it with "\]"/, fa: /«\[» که اینجا باز شده هرگز بسته نشده است — آن را با «\]» ببندید/ },
  { name: 'a tab in the indentation', body: `  - id: area.ok\n  \tlabel: { fa: م, en: A }\n`, line: 5, col: 3, token: '\tlabel', en: /a tab in the indentation — indent with spaces, not tabs/, fa: /Tab را با فاصله \(Space\) جایگزین کنید/ },
  { name: 'a line indented less than its siblings', body: `  - id: area.ok\n    label: { fa: م, en: A }\n   check: true\n`, line: 6, col: 4, token: 'check', en: /Sequence item without - indicator/, fa: /تورفتگی این سطر با کلیدهای بالای آن یکی نیست/ },
  { name: 'a duplicate key', body: `  - id: area.ok\n${ok}    check: false\n`, line: 8, col: 5, token: 'check', en: /a key may appear only once/, fa: /کلید تکراری است/ },
];

describe('YAML syntax errors', () => {
  it.each(cases)('reports $name at its real line and column, with a Persian hint', (c) => {
    const text = rules(c.body);
    const r = loadWith({ 'rules.yaml': text });
    const hit = r.errors.find((e) => e.file === 'defs/b/rules.yaml' && c.en.test(e.message));
    expect(hit, `errors were:\n${r.errors.map(formatError).join('\n')}`).toBeDefined();
    expect({ line: hit?.line, col: hit?.col }).toEqual({ line: c.line, col: c.col });
    expect(text.split('\n')[c.line - 1].slice(c.col - 1).startsWith(c.token)).toBe(true);
    expect(hit?.message_fa).toMatch(c.fa);
    expectPersianBeside(hit!);
  });
});
