/**
 * The pure part of the registry page: which columns a record type's table has and how each cell reads. Every column is
 * labelled (a field's title, a computed field's label); a record is named by its `$title`, a reference by the
 * referenced record's title and an option by its label — all from the one page of records the API answered
 * (`$title`, `$subtitle`, `$display`), so a page of the registry is one request.
 */
import type { EntityType, JsonSchema, Text } from '../api/client.js';
import { tx, type Lang } from '../i18n/index.js';
import { displayValue } from './form-model.js';

export interface Column {
  key: string;
  label: string;
  computed: boolean;
  numeric: boolean;
}

/** Columns shown beside the record's title; the rest is in the record's details. */
export const MAX_COLUMNS = 7;

const labelled = (s: JsonSchema | undefined): boolean => Boolean(s?.['x-label'] || s?.title);
const numeric = (s?: JsonSchema) => s?.type === 'number' || s?.type === 'integer';
const fieldsOf = (template: string | undefined) => new Set([...(template ?? '').matchAll(/\{([\w$]+)/g)].map((m) => m[1]));

/**
 * Every labelled field of a type (its key and the `sample` flag aside), in schema order: what a record's details list.
 */
export function fieldColumns(type: EntityType): Column[] {
  const props = (type.schema.properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(props)
    .filter(([key, s]) => key !== type.key && key !== 'sample' && labelled(s))
    .map(([key, s]) => ({ key, label: s['x-label'] ? tx(s['x-label']) : s.title!, computed: false, numeric: numeric(s) }));
}

/**
 * The table's columns: the labelled fields the record's title and subtitle do not already say (at most
 * MAX_COLUMNS), then the computed fields by their labels.
 */
export function tableColumns(type: EntityType): Column[] {
  const inTitle = new Set([...fieldsOf(type.title), ...fieldsOf(type.subtitle)]);
  const fields = fieldColumns(type).filter((c) => !inTitle.has(c.key)).slice(0, MAX_COLUMNS);
  const computed = type.computed.map((key) => ({ key, label: tx(type.computedLabels?.[key]) || key, computed: true, numeric: true }));
  return [...fields, ...computed];
}

const isText = (v: unknown): v is Text => typeof v === 'object' && v !== null && typeof (v as Text).fa === 'string';

/**
 * How a record's field reads: `$display` (options by label, references by title), else the value by its schema
 * (dates Jalali, numbers in the language's digits). A reference the registry does not hold reads as `missing`.
 */
export function cellText(type: EntityType, rec: Record<string, unknown>, key: string, missing: string, lang?: Lang): string {
  const schema = (type.schema.properties as Record<string, JsonSchema> | undefined)?.[key];
  const v = rec[key];
  const shown = (rec.$display as Record<string, unknown> | undefined)?.[key];
  const ref = schema?.['x-entity'] ?? schema?.items?.['x-entity'];
  if (isText(shown)) {
    // A reference whose record is not in the registry comes back as its own id: say so rather than show the id.
    if (ref && typeof v === 'string' && shown.fa === v) return missing;
    return tx(shown, lang);
  }
  if (ref && v !== undefined && v !== null && v !== '') return missing;
  return displayValue(schema, v, {}, lang);
}

/** A record's title and subtitle as the API reads them (the key only when the type has no title). */
export function recordHeading(type: EntityType, rec: Record<string, unknown>, lang?: Lang): { title: string; subtitle: string } {
  const title = isText(rec.$title) ? tx(rec.$title, lang) : String(rec[type.key] ?? '');
  return { title, subtitle: isText(rec.$subtitle) ? tx(rec.$subtitle, lang) : '' };
}
