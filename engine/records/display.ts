/**
 * How a registry record and its values read to a person: a record's title and subtitle from its entity's templates,
 * an option's label instead of its code, a referenced record's title instead of its id. Pure: the host passes a
 * `lookup` that finds records (the server's store, a scenario's registry).
 *
 * In an entity's JSON Schema a field names the records it refers to with `x-entity: <entity>` (on the field, or on
 * `items` for a list of references) and its options with `x-options: [{ value, label }]` — or `x-options-from:
 * { param, value, label }` when they are a table parameter's rows — (a plain `enum` is shown as is). Templates (`title`, `subtitle`) are `{path}` placeholders: a field that refers to a record shows that record's
 * title, a field with options its label, a `{ fa, en }` value its text in the language asked.
 */
import type { Bundle, EntityDef, Text } from '../model.js';

/** Finds a record by entity and key, or undefined. */
export type RecordLookup = (entity: string, id: string) => Record<string, unknown> | undefined;

type Schema = Record<string, unknown>;
type Lang = 'fa' | 'en';

/** The schema of a top-level field of an entity, or undefined. */
export function fieldSchemaOf(def: EntityDef | undefined, field: string): Schema | undefined {
  const props = (def?.schema as Schema | undefined)?.properties as Record<string, Schema> | undefined;
  return props?.[field];
}

/** The entity a field (or a list field's items) refers to, or undefined. */
export function refEntityOf(schema: Schema | undefined): string | undefined {
  if (!schema) return undefined;
  if (typeof schema['x-entity'] === 'string') return schema['x-entity'];
  const items = schema.items as Schema | undefined;
  return items && typeof items['x-entity'] === 'string' ? items['x-entity'] : undefined;
}

/** The label of an option value in a field's `x-options` (or its items'), or undefined. */
export function optionLabel(schema: Schema | undefined, value: unknown): Text | undefined {
  const options = (schema?.['x-options'] ?? (schema?.items as Schema | undefined)?.['x-options']) as { value: unknown; label: Text }[] | undefined;
  return options?.find((o) => o.value === value)?.label;
}

/** A field's (or its items') `x-options-from`: its options are the rows of a table parameter. */
function optionsFromOf(schema: Schema | undefined): { param: string; value: string; label?: string } | undefined {
  const from = (schema?.['x-options-from'] ?? (schema?.items as Schema | undefined)?.['x-options-from']) as { param?: unknown; value?: unknown; label?: unknown } | undefined;
  return from && typeof from.param === 'string' && typeof from.value === 'string'
    ? { param: from.param, value: from.value, label: typeof from.label === 'string' ? from.label : undefined }
    : undefined;
}

/**
 * The label of a value whose options are a table's rows (`x-options-from: { param, value, label }`): the label
 * column of the row holding it in the latest table (a catalogue's names rarely change with its dates), else the
 * value column's own `x-options`.
 */
export function tableLabel(bundle: Bundle, schema: Schema | undefined, value: unknown): Text | undefined {
  const from = optionsFromOf(schema);
  const param = from ? bundle.parameters.get(from.param) : undefined;
  if (!from || !param) return undefined;
  const rows = param.history.at(-1)?.value;
  const row = Array.isArray(rows) ? (rows as Record<string, unknown>[]).find((r) => r?.[from.value] === value) : undefined;
  const raw = row && from.label ? row[from.label] : undefined;
  if (isText(raw)) return raw;
  if (typeof raw === 'string') return { fa: raw, en: raw };
  const columns = ((param.columns as Schema | undefined)?.properties ?? {}) as Record<string, Schema>;
  return optionLabel(columns[from.value], value);
}

const textIn = (t: Text, lang: Lang): string => (lang === 'en' ? (t.en ?? t.fa) : t.fa);
const isText = (v: unknown): v is Text => typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as Text).fa === 'string';

function get(rec: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), rec);
}

/**
 * A value of a record's field as a person reads it (`depth` bounds references of references): an option's label, a
 * referenced record's title, a text in the language asked; other values as they are; undefined for no value.
 */
function shown(bundle: Bundle, def: EntityDef | undefined, path: string, v: unknown, lang: Lang, lookup: RecordLookup | undefined, depth: number): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (Array.isArray(v)) {
    const parts = v.map((x) => shown(bundle, def, path, x, lang, lookup, depth)).filter((x): x is string => x !== undefined);
    return parts.length ? parts.join(lang === 'fa' ? '، ' : ', ') : undefined;
  }
  if (isText(v)) return textIn(v, lang);
  const schema = path.includes('.') ? undefined : fieldSchemaOf(def, path);
  const label = optionLabel(schema, v) ?? tableLabel(bundle, schema, v);
  if (label) return textIn(label, lang);
  const ref = refEntityOf(schema);
  if (ref && lookup && depth > 0 && typeof v === 'string') {
    const rec = lookup(ref, v);
    return rec ? templateText(bundle, ref, 'title', rec, lang, lookup, depth - 1) : v;
  }
  return typeof v === 'object' ? undefined : String(v);
}

function templateText(bundle: Bundle, entity: string, which: 'title' | 'subtitle', rec: Record<string, unknown>, lang: Lang, lookup: RecordLookup | undefined, depth: number): string {
  const def = bundle.entities.get(entity);
  const key = String(rec[def?.key ?? 'id'] ?? '');
  const template = which === 'title' ? def?.title : def?.subtitle;
  if (!template) return which === 'title' ? key : '';
  const filled = template.replace(/\{([\w.$]+)\}/g, (_, path: string) => shown(bundle, def, path, get(rec, path), lang, lookup, depth) ?? '');
  // A template whose fields are empty leaves only its separators: tidy them away.
  const tidy = filled.replace(/^[\s—–\-،,:|/]+|[\s—–\-،,:|/]+$/g, '').replace(/\s*([—–])\s*([—–]\s*)+/g, ' $1 ').trim();
  return tidy || (which === 'title' ? key : '');
}

/** A record's title (its entity's `title` template; the key when there is none), in Persian and English. */
export function recordTitle(bundle: Bundle, entity: string, rec: Record<string, unknown>, lookup?: RecordLookup): Text {
  return { fa: templateText(bundle, entity, 'title', rec, 'fa', lookup, 2), en: templateText(bundle, entity, 'title', rec, 'en', lookup, 2) };
}

/** A record's subtitle (its entity's `subtitle` template: what tells two records of one title apart), or undefined. */
export function recordSubtitle(bundle: Bundle, entity: string, rec: Record<string, unknown>, lookup?: RecordLookup): Text | undefined {
  if (!bundle.entities.get(entity)?.subtitle) return undefined;
  const fa = templateText(bundle, entity, 'subtitle', rec, 'fa', lookup, 1);
  return fa ? { fa, en: templateText(bundle, entity, 'subtitle', rec, 'en', lookup, 1) } : undefined;
}

/**
 * How each top-level field of a record reads, for the fields that need it: options by label, references by the
 * referenced record's title, texts by their words. Fields shown as they are (numbers, plain strings) are left out.
 */
export function recordDisplay(bundle: Bundle, entity: string, rec: Record<string, unknown>, lookup?: RecordLookup): Record<string, Text> {
  const def = bundle.entities.get(entity);
  const out: Record<string, Text> = {};
  for (const [field, v] of Object.entries(rec)) {
    const schema = fieldSchemaOf(def, field);
    const first = Array.isArray(v) ? v[0] : v;
    if (!isText(v) && !optionLabel(schema, first) && !optionsFromOf(schema) && !refEntityOf(schema)) continue;
    const fa = shown(bundle, def, field, v, 'fa', lookup, 1);
    if (fa === undefined) continue;
    out[field] = { fa, en: shown(bundle, def, field, v, 'en', lookup, 1) ?? fa };
  }
  return out;
}
