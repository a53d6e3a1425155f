/**
 * Editing definition files in place: a new list item or a replaced value changes only its own lines; every other
 * line of the file — comments, blank lines, quoting, spacing — is the same byte for byte, and the file reads back
 * as the old data with exactly that change.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { appendItem, listText, replaceValue, YamlEditError } from '../../engine/edit/index.js';

const ROOT = join(import.meta.dirname, '../..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

/** Every `kind: <kind>` file under definitions/ and the test fixtures. */
function filesOfKind(kind: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.yaml') && new RegExp(`^kind: ${kind}$`, 'm').test(read(p))) out.push(p);
    }
  };
  walk('definitions');
  walk('test/fixtures');
  return out;
}

/** The lines of `after` that are not in `before` at the same place (a line diff's insertions), and the deletions. */
function lineChanges(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { removed: a.slice(head, a.length - tail), added: b.slice(head, b.length - tail) };
}

const resolution = {
  id: 'test-1405-09-11-urban',
  title: { fa: 'مصوبهٔ آزمایشی: حداقل مساحت شهری ۵۵ متر مربع', en: 'Test resolution — urban minimum, 55 m²' },
  date: '1405-09-11',
  number: '1405/12',
  reference: { fa: 'آیین‌نامه — ماده ۲۰', en: 'Regulation — Article 20' },
  sets: { 'office.min_area.urban': 55 },
};

describe('appending an item to a list', () => {
  it.each(filesOfKind('resolutions'))('keeps every line of %s byte for byte and adds only the new resolution', (path) => {
    const before = read(path);
    const after = appendItem(before, ['resolutions'], resolution);
    const { removed, added } = lineChanges(before, after);
    expect(removed).toEqual([]);
    // Only the item's lines (and a blank line before it) are new, indented like the other items.
    const dash = /^(\s*)- /m.exec(before.slice(before.indexOf('resolutions:')))![1];
    expect(added.find((l) => l.trim().startsWith('- '))).toBe(`${dash}- id: ${resolution.id}`);
    for (const l of added) expect(l === '' || l.startsWith(`${dash}  `) || l.startsWith(`${dash}- `), l).toBe(true);
    const data = parse(after) as { resolutions: unknown[] };
    expect(data.resolutions.at(-1)).toEqual(resolution);
    expect(data.resolutions.slice(0, -1)).toEqual((parse(before) as { resolutions: unknown[] }).resolutions);
  });

  it('writes texts and table rows in flow style, and quotes what needs quotes', () => {
    const before = 'kind: resolutions\nresolutions:\n  - id: a\n    title: { fa: الف }\n    date: 1400-01-01\n    sets: { x: 1 }\n';
    const rows = [{ code: 'late', occurrence: 1, violation: { fa: 'تأخیر، بار اول', en: 'Late, first' }, penalty: 'written-warning' }];
    const after = appendItem(before, ['resolutions'], { id: 'b', title: { fa: 'ب: دوم' }, date: '1401-01-01', sets: { 't.penalties': rows } });
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toBe([
      '  - id: b',
      '    title: { fa: "ب: دوم" }',
      '    date: 1401-01-01',
      '    sets:',
      '      t.penalties:',
      '        - { code: late, occurrence: 1, violation: { fa: تأخیر، بار اول, en: "Late, first" }, penalty: written-warning }',
      '',
    ].join('\n'));
    expect((parse(after) as { resolutions: { sets: unknown }[] }).resolutions[1].sets).toEqual({ 't.penalties': rows });
  });

  it('keeps a comment after the last item where it is, and the file without a final newline gets one', () => {
    const before = 'items:\n  - a  # first\n  - b  # last\n# the end';
    const after = appendItem(before, ['items'], 'c');
    expect(after).toBe('items:\n  - a  # first\n  - b  # last\n  - c\n# the end');
    expect(appendItem('items:\n  - a', ['items'], 'b')).toBe('items:\n  - a\n  - b\n');
  });

  it('renders a new file\'s list like the hand-written ones', () => {
    expect(listText('resolutions', [{ id: 'a', title: { fa: 'الف' }, sets: { x: 1 } }])).toBe('resolutions:\n  - id: a\n    title: { fa: الف }\n    sets:\n      x: 1\n');
  });

  it('refuses what it cannot do, in words, and changes nothing', () => {
    expect(() => appendItem('a: [1\n', ['a'], 2)).toThrow(YamlEditError);
    expect(() => appendItem('a: 1\n', ['a'], 2)).toThrow(/not a list/);
    expect(() => appendItem('a:\n  - 1\n', ['b'], 2)).toThrow(/nothing at b/);
  });
});

describe('replacing a value', () => {
  it.each(filesOfKind('scenarios'))('rewrites only the expect of each scenario of %s', (path) => {
    const before = read(path);
    const data = parse(before) as { scenarios: { expect: unknown }[] };
    data.scenarios.forEach((_, i) => {
      const want = { refused: ['some.rule', 'other-rule'] };
      const after = replaceValue(before, ['scenarios', i, 'expect'], want);
      const { removed, added } = lineChanges(before, after);
      // The old expect's lines go, the new ones come; nothing else moves.
      expect(removed.join('\n')).toMatch(/expect|refused|result|active|path|fires|registry|\]|\}/);
      expect(added.join('\n')).toContain('refused: [some.rule, other-rule]');
      const back = parse(after) as { scenarios: { expect: unknown }[] };
      expect(back.scenarios[i].expect).toEqual(want);
      expect(back.scenarios.filter((_, j) => j !== i)).toEqual(data.scenarios.filter((_, j) => j !== i));
    });
  });

  it('keeps the style of the value it replaces: flow stays flow, block stays block', () => {
    const flow = 'scenarios:\n  - id: a\n    expect: { refused: [r] }   # why\n    steps: []\n';
    expect(replaceValue(flow, ['scenarios', 0, 'expect'], { active: ['intake'] }))
      .toBe('scenarios:\n  - id: a\n    expect: { active: [intake] }   # why\n    steps: []\n');
    const block = 'scenarios:\n  - id: a\n    expect:\n      result: approved\n      path: [a, b]\n\n  - id: b\n';
    expect(replaceValue(block, ['scenarios', 0, 'expect'], { refused: ['office.min-area'] }))
      .toBe('scenarios:\n  - id: a\n    expect:\n      refused: [office.min-area]\n\n  - id: b\n');
  });
});
