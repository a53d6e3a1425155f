/**
 * Checks the vocabulary values are named in: every unit a parameter, a field, a checklist item or a rule's shown
 * value names is declared (`kind: units`); every `options_from` names a table parameter and columns it has; a field is
 * derived or prefilled, not both; every `show:` entry names one of its rule's values, a known entity, a known unit and
 * options that exist. (The logic of `derive`, `prefill` and `options_from.where` is checked with all logic.)
 */
import type { Problems } from './errors.js';
import { at } from './layer.js';
import type { Item } from './layer.js';
import type { Merged } from './overlay.js';
import { pointer } from './pointer.js';
import { optionsOf } from './compile-show.js';
import { didYouMean } from './suggest.js';

type Obj = Record<string, unknown>;
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/** Checks units, table options, derive/prefill and rules' shown values. */
export function checkVocabulary(m: Merged, problems: Problems): void {
  const unit = (item: Item, ptr: string, id: unknown): void => {
    if (typeof id !== 'string' || m.units.has(id)) return;
    problems.error(at(item.file, ptr, 'unknown-unit',
      `unknown unit "${id}"${didYouMean(id, m.units.keys()) || ' — declare it in a units file (kind: units) with its label'}`));
  };
  for (const p of m.parameters.values()) unit(p.decl, pointer(p.decl.pointer, 'unit'), p.decl.data.unit);
  for (const f of m.forms.values()) checkFields(m, f, pointer(f.pointer, 'fields'), f.data.fields, unit, problems);
  for (const c of m.checklists.values()) checkFields(m, c, pointer(c.pointer, 'items'), c.data.items, unit, problems);
  for (const r of m.rules.values()) checkShow(m, r, unit, problems);
}

function checkFields(m: Merged, item: Item, ptr: string, fields: unknown, unit: (item: Item, ptr: string, id: unknown) => void, problems: Problems): void {
  list(fields).forEach((f, i) => {
    const fp = pointer(ptr, i);
    unit(item, pointer(fp, 'unit'), f.unit);
    if (f.derive !== undefined && f.prefill !== undefined) {
      problems.error(at(item.file, pointer(fp, 'derive'), 'derive-and-prefill', `field "${String(f.id)}" is both derived and prefilled — a derived value is never asked; keep one of them`));
    }
    if (f.derive !== undefined && f.required === true) {
      problems.warn(at(item.file, pointer(fp, 'required'), 'ignored-property', `field "${String(f.id)}" is derived: it is never asked, so "required" has no effect`, true));
    }
    const from = obj(f.options_from);
    if (from) checkOptionsFrom(m, item, pointer(fp, 'options_from'), from, f, problems);
    checkFields(m, item, pointer(fp, 'fields'), f.fields, unit, problems);
  });
}

function checkOptionsFrom(m: Merged, item: Item, ptr: string, from: Obj, field: Obj, problems: Problems): void {
  if (field.type !== 'enum' && !(field.type === 'list' && field.of === 'enum')) {
    problems.warn(at(item.file, ptr, 'ignored-property', `"options_from" gives the options of an enum field; field "${String(field.id)}" is a ${String(field.type)}`, true));
  }
  const id = String(from.param);
  const p = m.parameters.get(id);
  if (!p) {
    problems.error(at(item.file, pointer(ptr, 'param'), 'unknown-parameter', `unknown parameter "${id}"${didYouMean(id, m.parameters.keys()) || ' — declare it in a parameters file'}`));
    return;
  }
  if (p.type !== 'table') {
    problems.error(at(item.file, pointer(ptr, 'param'), 'param-type', `"options_from" needs a table parameter; "${id}" is a ${p.type}`));
    return;
  }
  const columns = Object.keys(obj(obj(p.decl.data.columns)?.properties) ?? {});
  for (const which of ['value', 'label'] as const) {
    const col = from[which];
    if (typeof col !== 'string' || columns.includes(col)) continue;
    problems.error(at(item.file, pointer(ptr, which), 'unknown-column', `table "${id}" has no column "${col}"${didYouMean(col, columns) || ` (its columns: ${columns.join(', ')})`}`));
  }
}

function checkShow(m: Merged, r: Item, unit: (item: Item, ptr: string, id: unknown) => void, problems: Problems): void {
  const values = Object.keys(obj(r.data.values) ?? {});
  for (const [key, raw] of Object.entries(obj(r.data.show) ?? {})) {
    const sp = pointer(r.pointer, 'show', key);
    const d = obj(raw) ?? {};
    if (!values.includes(key)) {
      problems.error(at(r.file, sp, 'unknown-value', `"${key}" is not one of this rule's values${didYouMean(key, values) || (values.length ? ` (${values.join(', ')})` : ' (it has none)')} — only a value can be shown`, true));
    }
    unit(r, pointer(sp, 'unit'), d.unit);
    if (typeof d.entity === 'string' && !m.entities.has(d.entity)) {
      problems.error(at(r.file, pointer(sp, 'entity'), 'unknown-entity', `unknown entity "${d.entity}"${didYouMean(d.entity, m.entities.keys())}`));
    }
    const of = obj(d.options_of);
    if (of && !optionsOf(m, of)) {
      const what = of.entity !== undefined ? `entity "${String(of.entity)}" has no field "${String(of.field)}" with options (x-options)`
        : of.form !== undefined ? `form "${String(of.form)}" has no enum field "${String(of.field)}" with options`
          : `table "${String(of.param)}" has no column "${String(of.column)}" with options (x-options)`;
      problems.error(at(r.file, pointer(sp, 'options_of'), 'unknown-options', `${what} — name one that lists its options with labels`));
    }
  }
}
