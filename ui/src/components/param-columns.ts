/**
 * The columns of a table parameter as people read them, from the JSON Schema of one row: each column's label
 * (`x-label`), kind of value, options with their labels (`x-options`) and bounds — for showing a table and editing
 * it. Nothing here knows a parameter: everything comes from the schema the definitions give.
 */
import { show, tx, type Text } from '../i18n/index.js';

export type ColumnKind = 'string' | 'number' | 'integer' | 'boolean' | 'text' | 'enum';

export interface Column {
  key: string;
  label: Text;
  kind: ColumnKind;
  required: boolean;
  options?: { value: unknown; label: Text }[];
  min?: number;
  max?: number;
}

type Schema = Record<string, unknown>;

const isText = (v: unknown): v is Text => typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as Text).fa === 'string';

function kindOf(s: Schema): ColumnKind {
  if (Array.isArray(s.enum) || Array.isArray(s['x-options'])) return 'enum';
  const props = s.properties as Schema | undefined;
  if (s.type === 'object' && props && 'fa' in props) return 'text';
  if (s.type === 'integer' || s.type === 'number' || s.type === 'boolean') return s.type;
  return 'string';
}

/** The columns of a row schema, in the schema's order. */
export function columnsOf(schema: unknown): Column[] {
  const s = (schema ?? {}) as Schema;
  const props = (s.properties ?? {}) as Record<string, Schema>;
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  return Object.entries(props).map(([key, c]) => {
    const label = isText(c['x-label']) ? c['x-label'] : { fa: typeof c.title === 'string' ? c.title : key };
    const options = Array.isArray(c['x-options'])
      ? (c['x-options'] as { value: unknown; label: Text }[])
      : Array.isArray(c.enum) ? (c.enum as unknown[]).map((v) => ({ value: v, label: { fa: String(v) } })) : undefined;
    return {
      key, label, kind: kindOf(c), required: required.has(key), options,
      min: typeof c.minimum === 'number' ? c.minimum : undefined, max: typeof c.maximum === 'number' ? c.maximum : undefined,
    };
  });
}

/** A cell as a person reads it: an option by its label, a text in the page's language, a number in its digits. */
export function cellText(col: Column, v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (col.options) {
    const o = col.options.find((x) => x.value === v);
    if (o) return tx(o.label);
  }
  return show(v);
}

/** A long value's size, for a summary line: rows of a list, characters of a text. */
export function isLong(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0 && (v.length > 3 || v.some((x) => typeof x === 'object'));
  return typeof v === 'string' && v.length > 80;
}
