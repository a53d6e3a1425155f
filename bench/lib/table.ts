/** The results table: plain text for the terminal, Markdown for docs/performance.md. */
import type { BenchResult } from './result.js';

const num = (v: number | null): string => (v === null ? '—' : v.toLocaleString('en', { maximumFractionDigits: v >= 100 ? 0 : v >= 1 ? 2 : 4 }));
const mark = (ok: boolean | null): string => (ok === null ? '' : ok ? 'met' : 'MISSED');

function rows(results: BenchResult[]): string[][] {
  return results.map((r) => [r.name, `${num(r.value)} ${r.unit}`, r.baseline_value === null ? '—' : num(r.baseline_value), r.ratio === null ? '—' : num(r.ratio), r.goal ?? '—', mark(r.ok)]);
}

const HEAD = ['figure', 'value', 'baseline', 'ratio', 'goal', ''];

export function textTable(results: BenchResult[]): string {
  const all = [HEAD, ...rows(results)];
  const widths = HEAD.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 1 || i === 2 || i === 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(HEAD), widths.map((w) => '─'.repeat(w)).join('  '), ...rows(results).map(line)].join('\n');
}

export function markdownTable(results: BenchResult[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '| figure | value | baseline | ratio | goal | |',
    '|---|---:|---:|---:|---|---|',
    ...rows(results).map((r) => `| \`${r[0]}\` | ${esc(r[1])} | ${r[2]} | ${r[3]} | ${esc(r[4])} | ${r[5] === 'MISSED' ? '**missed**' : r[5]} |`),
  ].join('\n');
}
