/**
 * Proves that every parameter the definitions read (`{ param: id }` in rules, procedures, forms, facts, triggers,
 * checklists) has a value on every date from the bundle's start: the bundle's `in_force_from`, else its earliest
 * resolution. Values never lapse once set (a later resolution only changes them), so it is enough that the first
 * resolution setting the parameter is dated on or before the start. Linear in the size of the definitions.
 */
import { toPersianDigits } from '../calendar/digits.js';
import type { Problems } from './errors.js';
import { at } from './layer.js';
import type { Item } from './layer.js';
import type { Merged } from './overlay.js';
import { pointer } from './pointer.js';

type Obj = Record<string, unknown>;

/** Every `{ param: id }` in `value`, with the pointer of its first use. */
function collectParams(value: unknown, ptr: string, item: Item, out: Map<string, { item: Item; ptr: string }>): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => { collectParams(v, `${ptr}/${i}`, item, out); });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const o = value as Obj;
  if (typeof o.param === 'string' && Object.keys(o).length === 1 && !out.has(o.param)) out.set(o.param, { item, ptr: pointer(ptr, 'param') });
  for (const [k, v] of Object.entries(o)) if (v !== null && typeof v === 'object') collectParams(v, pointer(ptr, k), item, out);
}

/** The date from which the bundle must have every value: `in_force_from`, else its earliest resolution's date. */
export function bundleStart(m: Merged): string | undefined {
  const declared = m.layers[m.layers.length - 1].info?.data.in_force_from;
  if (typeof declared === 'string') return declared;
  let first: string | undefined;
  for (const r of m.resolutions) if (typeof r.data.date === 'string' && (!first || r.data.date < first)) first = r.data.date;
  return first;
}

/** Checks that each parameter read has a value from the bundle's start on. */
export function checkParameterCoverage(m: Merged, problems: Problems): void {
  const start = bundleStart(m);
  if (!start) return;
  const readers = new Map<string, { item: Item; ptr: string }>();
  for (const kind of ['rules', 'procedures', 'forms', 'facts', 'triggers', 'checklists'] as const) {
    for (const it of m[kind].values()) collectParams(it.data, it.pointer, it, readers);
  }
  // Dates are real Jalali dates by now (the schemas' format), so YYYY-MM-DD order is date order.
  const first = new Map<string, Item>();
  for (const r of m.resolutions) {
    for (const id of Object.keys((r.data.sets ?? {}) as Obj)) {
      const seen = first.get(id);
      if (!seen || String(r.data.date) < String(seen.data.date)) first.set(id, r);
    }
  }
  const fa = (d: string) => toPersianDigits(d.replaceAll('-', '/'));
  for (const [id, reader] of readers) {
    if (!m.parameters.has(id)) continue; // an unknown parameter is check-logic's error
    const r = first.get(id);
    const label = (m.parameters.get(id)!.decl.data.label ?? {}) as { fa?: string; en?: string };
    if (!r) {
      problems.error(at(reader.item.file, reader.ptr, 'parameter-without-value', {
        en: `parameter "${id}" (${label.en ?? label.fa ?? id}) is read here but no resolution sets it: it has no value from ${start} on — add a resolution dated ${start} or earlier that sets it`,
        fa: `پارامتر «${id}» (${label.fa ?? id}) اینجا خوانده می‌شود ولی هیچ مصوبه‌ای آن را تعیین نمی‌کند: از ${fa(start)} مقداری ندارد — مصوبه‌ای با تاریخ ${fa(start)} یا پیش از آن بیفزایید که آن را تعیین کند`,
      }));
      continue;
    }
    const from = String(r.data.date);
    if (from <= start) continue;
    const title = (r.data.title ?? {}) as { fa?: string; en?: string };
    problems.error(at(r.file, pointer(r.pointer, 'sets', id), 'parameter-uncovered', {
      en: `parameter "${id}" has no value from ${start} (the bundle's start) until ${from}, when resolution "${r.id}" (${title.en ?? title.fa ?? r.id}) first sets it — date that resolution ${start} or earlier, add one that does, or set "in_force_from: ${from}" in bundle.yaml`,
      fa: `پارامتر «${id}» از ${fa(start)} (آغاز بسته) تا ${fa(from)} که مصوبهٔ «${r.id}» (${title.fa ?? r.id}) نخستین بار آن را تعیین می‌کند مقداری ندارد — تاریخ آن مصوبه را ${fa(start)} یا پیش از آن بگذارید، مصوبهٔ دیگری بیفزایید که آن را تعیین کند، یا در bundle.yaml «in_force_from: ${from}» بنویسید`,
    }));
  }
}
