/**
 * `dabir describe <dir> --parameters`: every parameter with its timeline as a table a person reads — labels in
 * Persian and English, each value with its unit, the date it takes effect, the resolution (title and number) and the
 * file:line where the value is written. Plain text, one block per parameter.
 */
import type { Bundle, Parameter, ParamValue, Text } from '../engine/model.js';
import { loadOrReport } from './bundle.js';

/** A parameter's value for a person: numbers with their unit, tables by row count, booleans in both languages. */
export function showValue(p: Parameter, v: unknown): string {
  if (Array.isArray(v)) return `(table, ${v.length} rows / جدول، ${v.length} ردیف)`;
  if (typeof v === 'boolean') return v ? 'true (بله)' : 'false (خیر)';
  const unit = p.unitLabel ? ` ${p.unitLabel.fa}${p.unitLabel.en ? ` / ${p.unitLabel.en}` : ''}` : '';
  return `${typeof v === 'string' ? v : JSON.stringify(v)}${unit}`;
}

const both = (t: Text | undefined): string => (t ? `${t.fa}${t.en ? ` / ${t.en}` : ''}` : '');
const where = (s: { file: string; line: number; col: number }) => `${s.file}:${s.line}:${s.col}`;

/** One timeline row: date, value, resolution (title, number, id), file:line and the bundle it comes from. */
export function timelineRow(p: Parameter, h: ParamValue): string {
  const r = h.resolution;
  const num = r.number ? ` — شماره ${r.number}` : '';
  return `    ${r.date}  ${showValue(p, h.value)}\n      ${both(r.title)}${num} (${r.id})\n      ${where(h.source)} [${h.source.bundle}]`;
}

/** The readable table of every parameter of a bundle, sorted by id. */
export function parametersTable(bundle: Bundle): string {
  const out: string[] = [];
  for (const p of [...bundle.parameters.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const bounds = p.bounds && (p.bounds.min !== undefined || p.bounds.max !== undefined) ? `, bounds ${p.bounds.min ?? '…'}–${p.bounds.max ?? '…'}` : '';
    out.push(`${p.id} — ${both(p.label)}`);
    out.push(`  ${p.type}${p.unitLabel ? `, ${both(p.unitLabel)}` : ''}${bounds}; declared at ${where(p.source)}`);
    if (!p.history.length) out.push('    (no value: no resolution sets it / هیچ مصوبه‌ای مقدارش را تعیین نکرده است)');
    for (const h of p.history) out.push(timelineRow(p, h));
    out.push('');
  }
  return out.join('\n');
}

/** Prints the table of the bundle at positional[0]; exit 1 when it does not load. */
export function describeParametersCommand(positional: string[]): number {
  const bundle = loadOrReport(positional[0], process.stderr);
  if (!bundle) return 1;
  process.stdout.write(`${both(bundle.info.name)} — ${bundle.parameters.size} parameters / پارامتر\n\n${parametersTable(bundle)}`);
  return 0;
}
