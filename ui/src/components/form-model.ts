/**
 * The pure part of dabir-form: reading a compiled form schema (labels, widgets, options, order, visibility) and
 * validating a value against it with messages in the user's language. No DOM here.
 */
import type { JsonSchema } from '../api/client.js';
import { jalali, show, t, tx, type Lang } from '../i18n/index.js';
import { holds } from '../logic.js';
import { isWithheld } from './withheld.js';

export interface FieldProblem {
  /** JSON pointer of the field, e.g. `/area` or `/items/0/name`. */
  path: string;
  message: string;
}

/** The field's label: `x-label`, else `title`, else its key. */
export const labelOf = (s: JsonSchema, key: string, lang?: Lang): string => (s['x-label'] ? tx(s['x-label'], lang) : s.title ?? key);

/** Property keys in display order (`x-order` first, then the rest). */
export function orderedKeys(s: JsonSchema): string[] {
  const keys = Object.keys(s.properties ?? {});
  const order = (s['x-order'] ?? []).filter((k) => keys.includes(k));
  return [...order, ...keys.filter((k) => !order.includes(k))];
}

/** The patterns of a `YYYY-MM-DD` date (the forms' compiler writes the first; registry schemas often the second). */
const DATE_PATTERNS = new Set(['^\\d{4}-\\d{2}-\\d{2}$', '^[0-9]{4}-[0-9]{2}-[0-9]{2}$']);

/** The widget to draw a field with. */
export function widgetOf(s: JsonSchema): string {
  if (s['x-widget']) return s['x-widget'];
  // An entity schema's field that names records (x-entity) is a reference, with or without an x-widget.
  if (s['x-entity']) return 'ref';
  if (s['x-options'] || s.enum) return 'enum';
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (type === 'object' && s.properties?.lat && s.properties?.lon) return 'location';
  if (type === 'string' && s.pattern !== undefined && DATE_PATTERNS.has(s.pattern)) return 'date';
  return type ?? 'string';
}

/** Options of an enum field: `x-options` with labels, else the bare `enum` values. */
export function optionsOf(s: JsonSchema): { value: string | number | boolean; label: string }[] {
  if (s['x-options']) return s['x-options'].map((o) => ({ value: o.value, label: tx(o.label) }));
  return (s.enum ?? []).map((v) => ({ value: v as string | number | boolean, label: String(v) }));
}

/** How a value is named for display: a referenced record's title, an uploaded file's name (undefined: not known yet). */
export interface ValueNames {
  ref?: (entity: string, id: string) => string | undefined;
  file?: (id: string) => string | undefined;
}

/**
 * A stored value as people read it, by its field's schema: an option's label, a referenced record's title, a file's
 * name, yes/no, a Jalali date, "lat, lon", numbers in the language's digits; lists and groups item by item.
 */
export function displayValue(s: JsonSchema | undefined, v: unknown, names: ValueNames = {}, lang?: Lang): string {
  if (v === undefined || v === null || v === '' || !s || isWithheld(v)) return show(v, lang);
  const w = widgetOf(s);
  if (w === 'enum') {
    const o = s['x-options']?.find((x) => x.value === v);
    return o ? tx(o.label, lang) : show(v, lang);
  }
  if (w === 'ref' && typeof v === 'string' && s['x-entity']) return names.ref?.(s['x-entity'], v) ?? v;
  if (w === 'file' && typeof v === 'string') return names.file?.(v) ?? v;
  if (Array.isArray(v)) return v.map((x) => displayValue(s.items, x, names, lang)).join(t('listSep', {}, lang));
  if (w === 'object' && s.properties && typeof v === 'object' && !('fa' in v)) {
    const o = v as Record<string, unknown>;
    return orderedKeys(s).filter((k) => o[k] !== undefined && o[k] !== null && o[k] !== '')
      .map((k) => `${labelOf(s.properties![k], k, lang)}: ${displayValue(s.properties![k], o[k], names, lang)}`).join(t('clauseSep', {}, lang));
  }
  return show(v, lang);
}

/** Whether a field shows, given the form's values (`x-visible-when` is JSON-Logic over them). */
export function isVisible(s: JsonSchema, values: Record<string, unknown>): boolean {
  const cond = s['x-visible-when'];
  if (cond === undefined) return true;
  // What only the server can judge (a parameter, a rule) shows the field: it is never hidden by a guess.
  return holds(cond, { ...values, form: values, input: values }) ?? true;
}

export function isRequired(parent: JsonSchema, key: string): boolean {
  const s = parent.properties?.[key];
  return Boolean(parent.required?.includes(key) || s?.['x-required']);
}

const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Every problem of `value` against the schema, in the given language. Hidden fields are skipped. */
export function validate(schema: JsonSchema, value: Record<string, unknown>, lang?: Lang, base = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const key of orderedKeys(schema)) {
    const s = schema.properties![key];
    if (!isVisible(s, value)) continue;
    const path = `${base}/${key}`;
    const label = labelOf(s, key, lang);
    const v = value[key];
    if (empty(v)) {
      if (isRequired(schema, key)) out.push({ path, message: t('vRequired', { label }, lang) });
      continue;
    }
    out.push(...validateValue(s, v, label, path, lang));
  }
  return out;
}

function validateValue(s: JsonSchema, v: unknown, label: string, path: string, lang?: Lang): FieldProblem[] {
  const p = (message: string) => [{ path, message }];
  const w = widgetOf(s);
  if (w === 'date') return typeof v === 'string' && jalali.readDate(v) && /^\d{4}-\d{2}-\d{2}$/.test(v) ? [] : p(t('vDate', { label }, lang));
  if (w === 'location') {
    const o = v as { lat?: unknown; lon?: unknown };
    const ok = typeof o?.lat === 'number' && typeof o?.lon === 'number' && Math.abs(o.lat) <= 90 && Math.abs(o.lon) <= 180;
    return ok ? [] : p(t('vLocation', { label }, lang));
  }
  if (w === 'enum') return optionsOf(s).some((o) => o.value === v) ? [] : p(t('vOption', { label }, lang));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'number' || type === 'integer') {
    if (typeof v !== 'number' || Number.isNaN(v)) return p(t('vNumber', { label }, lang));
    if (type === 'integer' && !Number.isInteger(v)) return p(t('vInteger', { label }, lang));
    if (s.minimum !== undefined && v < s.minimum) return p(t('vMin', { label, n: s.minimum }, lang));
    if (s.maximum !== undefined && v > s.maximum) return p(t('vMax', { label, n: s.maximum }, lang));
    return [];
  }
  if (type === 'string' && typeof v === 'string') {
    if (s.minLength !== undefined && v.length < s.minLength) return p(t('vMinLength', { label, n: s.minLength }, lang));
    if (s.maxLength !== undefined && v.length > s.maxLength) return p(t('vMaxLength', { label, n: s.maxLength }, lang));
    if (s.pattern && !new RegExp(s.pattern, 'u').test(v)) return p(t('vPattern', { label }, lang));
    return [];
  }
  if (type === 'array' && Array.isArray(v)) {
    const out: FieldProblem[] = [];
    if (s.minItems !== undefined && v.length < s.minItems) out.push({ path, message: t('vMin', { label, n: s.minItems }, lang) });
    if (s.maxItems !== undefined && v.length > s.maxItems) out.push({ path, message: t('vMax', { label, n: s.maxItems }, lang) });
    const items = s.items;
    v.forEach((item, i) => {
      if (!items) return;
      if (items.properties) out.push(...validate(items, (item ?? {}) as Record<string, unknown>, lang, `${path}/${i}`));
      else if (!empty(item)) out.push(...validateValue(items, item, `${label} ${i + 1}`, `${path}/${i}`, lang));
    });
    return out;
  }
  if (type === 'object' && s.properties && v && typeof v === 'object') return validate(s, v as Record<string, unknown>, lang, path);
  return [];
}

/**
 * The value to send: blank items of lists of plain values dropped (an added but unfilled row of a list of names),
 * recursively. Objects and everything else pass through.
 */
export function compact<T>(v: T): T {
  if (Array.isArray(v)) return v.filter((x) => !(x === undefined || x === null || x === '')).map(compact) as T;
  if (v && typeof v === 'object' && !('lat' in v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, compact(x)])) as T;
  return v;
}

/** A blank value for a new list item. */
export function blank(s: JsonSchema | undefined): unknown {
  if (!s) return '';
  if (s.properties) return {};
  return undefined;
}
