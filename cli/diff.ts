/**
 * `dabir diff <base> <province>`: what a province changes in the bundle it extends — the parameter values it sets
 * (each beside the base's value in force on the same date), and the procedures, forms, rules, checklists, entities,
 * facts, roles and triggers it overrides or adds, each with its file:line.
 */
import type { Bundle } from '../engine/model.js';
import { inForce } from '../engine/rules/params.js';
import { loadOrReport } from './bundle.js';
import { showValue } from './parameters.js';

type Kind = 'procedures' | 'forms' | 'rules' | 'checklists' | 'entities' | 'facts' | 'roles' | 'triggers';
const KINDS: Kind[] = ['procedures', 'forms', 'rules', 'checklists', 'entities', 'facts', 'roles', 'triggers'];
const where = (s: { file: string; line: number; col: number }) => `${s.file}:${s.line}:${s.col}`;

/** The report of what `top` changes in `base`, as lines of text. */
export function bundleDiff(base: Bundle, top: Bundle): string {
  const own = top.info.id;
  const out: string[] = [`${top.info.name.fa} / ${top.info.name.en ?? top.info.id} — changes to ${base.info.name.fa} / ${base.info.name.en ?? base.info.id}`, ''];
  out.push('parameters / پارامترها:');
  let n = 0;
  for (const p of [...top.parameters.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const mine = p.history.filter((h) => h.source.bundle === own);
    if (!mine.length) continue;
    const bp = base.parameters.get(p.id);
    for (const h of mine) {
      const before = bp && inForce(bp, h.resolution.date);
      const was = before ? showValue(p, before.value) : '(none / ندارد)';
      const same = before !== undefined && JSON.stringify(before.value) === JSON.stringify(h.value);
      out.push(`  ${p.id} (${p.label.fa}): ${was} → ${showValue(p, h.value)}${same ? ' (same value, restated / همان مقدار، تکرار شده)' : ''} from ${h.resolution.date} — ${h.resolution.title.fa} (${h.resolution.id}) ${where(h.source)}`);
      n++;
    }
  }
  if (!n) out.push('  (none / هیچ)');
  const dropped = [...base.resolutions.values()].filter((r) => !top.resolutions.has(r.id));
  for (const r of dropped) out.push(`  replaced resolution / مصوبهٔ جایگزین‌شده: ${r.id} (${r.date}) ${where(r.source)}`);
  for (const kind of KINDS) {
    const lines: string[] = [];
    for (const [id, el] of top[kind] as ReadonlyMap<string, { source: { file: string; line: number; col: number; bundle: string } }>) {
      if (el.source.bundle !== own) continue;
      const overridden = (base[kind] as ReadonlyMap<string, unknown>).has(id);
      lines.push(`  ${overridden ? 'overridden / بازنویسی' : 'added / افزوده'}: ${id} ${where(el.source)}`);
    }
    out.push('', `${kind}:`, ...(lines.length ? lines : ['  (none / هیچ)']));
  }
  return `${out.join('\n')}\n`;
}

/** Loads both bundles and prints the diff; exit 1 when either does not load. */
export function diffCommand(positional: string[]): number {
  const [baseDir, topDir] = positional;
  if (!baseDir || !topDir) {
    process.stderr.write('usage: dabir diff <base> <province>\n');
    return 2;
  }
  const base = loadOrReport(baseDir, process.stderr);
  const top = base && loadOrReport(topDir, process.stderr);
  if (!base || !top) return 1;
  process.stdout.write(bundleDiff(base, top));
  return 0;
}
