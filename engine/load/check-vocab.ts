/**
 * Checks the vocabulary values are named in: every unit a parameter, a field, a checklist item or a rule's shown
 * value names is declared (`kind: units`); every `options_from` names a table parameter and columns it has; a field is
 * derived or prefilled, not both; every `show:` entry names one of its rule's values, a known entity, a known unit and
 * options that exist. (The logic of `derive`, `prefill` and `options_from.where` is checked with all logic.)
 */
import type { Msg, Problems } from './errors.js';
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
    const hint = didYouMean(id, m.units.keys());
    problems.error(at(item.file, ptr, 'unknown-unit', {
      en: `unknown unit "${id}"${hint.en || ' — declare it in a units file (kind: units) with its label'}`,
      fa: `واحد «${id}» تعریف نشده است${hint.fa || ' — آن را با برچسبش در یک فایل واحدها (kind: units) تعریف کنید'}`,
    }));
  };
  for (const p of m.parameters.values()) unit(p.decl, pointer(p.decl.pointer, 'unit'), p.decl.data.unit);
  for (const f of m.forms.values()) checkFields(m, f, pointer(f.pointer, 'fields'), f.data.fields, unit, problems);
  for (const c of m.checklists.values()) checkFields(m, c, pointer(c.pointer, 'items'), c.data.items, unit, problems);
  for (const r of m.rules.values()) checkShow(m, r, unit, problems);
  // An entity field's options may be a table's rows too (`x-options-from`, on the field or on a list's items).
  for (const e of m.entities.values()) {
    const props = obj(obj(e.data.schema)?.properties) ?? {};
    for (const [name, raw] of Object.entries(props)) {
      for (const [at, fs] of [[pointer(e.pointer, 'schema', 'properties', name), obj(raw)], [pointer(e.pointer, 'schema', 'properties', name, 'items'), obj(obj(raw)?.items)]] as const) {
        const from = obj(fs?.['x-options-from']);
        if (from) checkOptionsFrom(m, e, pointer(at, 'x-options-from'), from, { id: name, type: 'enum' }, problems);
      }
    }
  }
}

function checkFields(m: Merged, item: Item, ptr: string, fields: unknown, unit: (item: Item, ptr: string, id: unknown) => void, problems: Problems): void {
  list(fields).forEach((f, i) => {
    const fp = pointer(ptr, i);
    unit(item, pointer(fp, 'unit'), f.unit);
    if (f.derive !== undefined && f.prefill !== undefined) {
      problems.error(at(item.file, pointer(fp, 'derive'), 'derive-and-prefill', {
        en: `field "${String(f.id)}" is both derived and prefilled — a derived value is never asked; keep one of them`,
        fa: `فیلد «${String(f.id)}» هم محاسبه‌شدنی (derive) است و هم پیش‌پر (prefill) — مقدار محاسبه‌شدنی هرگز پرسیده نمی‌شود؛ یکی را نگه دارید`,
      }));
    }
    if (f.derive !== undefined && f.required === true) {
      problems.warn(at(item.file, pointer(fp, 'required'), 'ignored-property', {
        en: `field "${String(f.id)}" is derived: it is never asked, so "required" has no effect`,
        fa: `فیلد «${String(f.id)}» محاسبه می‌شود و پرسیده نمی‌شود، پس «required» اثری ندارد`,
      }, true));
    }
    const from = obj(f.options_from);
    if (from) checkOptionsFrom(m, item, pointer(fp, 'options_from'), from, f, problems);
    checkFields(m, item, pointer(fp, 'fields'), f.fields, unit, problems);
  });
}

function checkOptionsFrom(m: Merged, item: Item, ptr: string, from: Obj, field: Obj, problems: Problems): void {
  if (field.type !== 'enum' && !(field.type === 'list' && field.of === 'enum')) {
    problems.warn(at(item.file, ptr, 'ignored-property', {
      en: `"options_from" gives the options of an enum field; field "${String(field.id)}" is a ${String(field.type)}`,
      fa: `«options_from» گزینه‌های فیلد چندگزینه‌ای (enum) را می‌دهد؛ فیلد «${String(field.id)}» از نوع ${String(field.type)} است`,
    }, true));
  }
  const id = String(from.param);
  const p = m.parameters.get(id);
  if (!p) {
    const hint = didYouMean(id, m.parameters.keys());
    problems.error(at(item.file, pointer(ptr, 'param'), 'unknown-parameter', {
      en: `unknown parameter "${id}"${hint.en || ' — declare it in a parameters file'}`,
      fa: `پارامتر «${id}» تعریف نشده است${hint.fa || ' — آن را در یک فایل parameters تعریف کنید'}`,
    }));
    return;
  }
  if (p.type !== 'table') {
    problems.error(at(item.file, pointer(ptr, 'param'), 'param-type', {
      en: `"options_from" needs a table parameter; "${id}" is a ${p.type}`,
      fa: `«options_from» پارامتری از نوع جدول لازم دارد؛ «${id}» از نوع ${p.type} است`,
    }));
    return;
  }
  const columns = Object.keys(obj(obj(p.decl.data.columns)?.properties) ?? {});
  for (const which of ['value', 'label'] as const) {
    const col = from[which];
    if (typeof col !== 'string' || columns.includes(col)) continue;
    const hint = didYouMean(col, columns);
    problems.error(at(item.file, pointer(ptr, which), 'unknown-column', {
      en: `table "${id}" has no column "${col}"${hint.en || ` (its columns: ${columns.join(', ')})`}`,
      fa: `جدول «${id}» ستونی به نام «${col}» ندارد${hint.fa || ` (ستون‌های آن: ${columns.join('، ')})`}`,
    }));
  }
}

function checkShow(m: Merged, r: Item, unit: (item: Item, ptr: string, id: unknown) => void, problems: Problems): void {
  const values = Object.keys(obj(r.data.values) ?? {});
  for (const [key, raw] of Object.entries(obj(r.data.show) ?? {})) {
    const sp = pointer(r.pointer, 'show', key);
    const d = obj(raw) ?? {};
    if (!values.includes(key)) {
      const hint = didYouMean(key, values);
      problems.error(at(r.file, sp, 'unknown-value', {
        en: `"${key}" is not one of this rule's values${hint.en || (values.length ? ` (${values.join(', ')})` : ' (it has none)')} — only a value can be shown`,
        fa: `«${key}» از مقادیر (values) این قاعده نیست${hint.fa || (values.length ? ` (${values.join('، ')})` : ' (قاعده مقداری ندارد)')} — فقط یک مقدار را می‌توان نشان داد`,
      }, true));
    }
    unit(r, pointer(sp, 'unit'), d.unit);
    if (typeof d.entity === 'string' && !m.entities.has(d.entity)) {
      const hint = didYouMean(d.entity, m.entities.keys());
      problems.error(at(r.file, pointer(sp, 'entity'), 'unknown-entity', { en: `unknown entity "${d.entity}"${hint.en}`, fa: `نوع رکورد «${d.entity}» تعریف نشده است${hint.fa}` }));
    }
    const of = obj(d.options_of);
    if (of && !optionsOf(m, of)) {
      const what: Msg = of.entity !== undefined
        ? { en: `entity "${String(of.entity)}" has no field "${String(of.field)}" with options (x-options)`, fa: `نوع رکورد «${String(of.entity)}» فیلد «${String(of.field)}» با گزینه (x-options) ندارد` }
        : of.form !== undefined
          ? { en: `form "${String(of.form)}" has no enum field "${String(of.field)}" with options`, fa: `فرم «${String(of.form)}» فیلد چندگزینه‌ای «${String(of.field)}» ندارد` }
          : { en: `table "${String(of.param)}" has no column "${String(of.column)}" with options (x-options)`, fa: `جدول «${String(of.param)}» ستون «${String(of.column)}» با گزینه (x-options) ندارد` };
      problems.error(at(r.file, pointer(sp, 'options_of'), 'unknown-options', {
        en: `${what.en} — name one that lists its options with labels`,
        fa: `${what.fa} — یکی را نام ببرید که گزینه‌هایش را با برچسب فهرست می‌کند`,
      }));
    }
  }
}
