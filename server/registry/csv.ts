/**
 * Registry records as CSV, both ways. An export has Persian headers (each field's title; a computed field's label),
 * a reference or an option in two columns — the code (what an import reads back) and its label (what a person reads)
 * — nested fields as `title — part` columns, and a UTF-8 byte order mark so Excel reads the Persian. An import
 * reads a header by the field's key (`place`, `location.lat`) or by the export's Persian header; label and computed
 * columns are skipped. Parsing and writing are csv-parse's and csv-stringify's (RFC 4180).
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { toPersianDigits, type EntityDef, type Text } from '../../engine/index.js';
import { optionLabel, refEntityOf } from '../engine.js';
import { Problem } from '../problem.js';

type Schema = Record<string, unknown>;

/** One column of an export: the header, and where its value comes from. */
export interface CsvColumn {
  header: string;
  /** The field's path (`place`, `location.lat`). */
  path: string;
  /** `value`: the stored value (read back by an import); `label`: how it reads; `computed`: a derived field. */
  role: 'value' | 'label' | 'computed';
}

const PART_LABELS: Record<string, string> = { lat: 'عرض جغرافیایی', lon: 'طول جغرافیایی', fa: 'فارسی', en: 'انگلیسی' };
const YES = 'بله';
const NO = 'خیر';

const titleOf = (s: Schema | undefined, key: string): string => {
  const l = s?.['x-label'] as Text | undefined;
  return l?.fa ?? (typeof s?.title === 'string' ? s.title : key);
};

/** The columns of an entity's export, in schema order, then its computed fields. */
export function csvColumns(def: EntityDef): CsvColumn[] {
  const props = ((def.schema as Schema).properties ?? {}) as Record<string, Schema>;
  const cols: CsvColumn[] = [];
  for (const [key, s] of Object.entries(props)) {
    const title = titleOf(s, key);
    const parts = s.type === 'object' ? ((s.properties ?? {}) as Record<string, Schema>) : undefined;
    if (parts && Object.keys(parts).length) {
      for (const [part, ps] of Object.entries(parts)) cols.push({ header: `${title} — ${titleOf(ps, PART_LABELS[part] ?? part)}`, path: `${key}.${part}`, role: 'value' });
      continue;
    }
    cols.push({ header: title, path: key, role: 'value' });
    if (refEntityOf(s) || s['x-options'] || (s.items as Schema | undefined)?.['x-options']) cols.push({ header: `${title} (عنوان)`, path: key, role: 'label' });
  }
  for (const key of Object.keys(def.computed)) cols.push({ header: def.computedLabels?.[key]?.fa ?? key, path: key, role: 'computed' });
  return cols;
}

const get = (rec: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), rec);

function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'boolean') return v ? YES : NO;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * The CSV of records (with their computed fields and `$display`, as the registry API reads them): header row, one row
 * per record, a BOM first.
 */
export function recordsToCsv(def: EntityDef, recs: Record<string, unknown>[]): string {
  const cols = csvColumns(def);
  const props = ((def.schema as Schema).properties ?? {}) as Record<string, Schema>;
  const rows = recs.map((r) => cols.map((c) => {
    const v = get(r, c.path);
    if (c.role !== 'label') return cell(v);
    const shown = (r.$display as Record<string, Text> | undefined)?.[c.path]?.fa;
    if (shown !== undefined) return shown;
    const label = optionLabel(props[c.path], v);
    return label?.fa ?? '';
  }));
  return stringify([cols.map((c) => c.header), ...rows], { bom: true, record_delimiter: 'windows' });
}

/**
 * Parses CSV text (RFC 4180: quotes, doubled quotes, CRLF; a BOM is dropped; blank lines skipped) into rows of
 * strings. Text that is not CSV (an unclosed quote) is a 400 that names the line.
 */
export function parseCsv(text: string): string[][] {
  try {
    return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    const fa = line === undefined ? '' : ` (سطر ${toPersianDigits(String(line))})`;
    throw new Problem('bad-request', {
      detail: `متن فرستاده‌شده CSV درستی نیست${fa}؛ نقل‌قول‌ها را بررسی کنید.`,
      detail_en: `The text is not valid CSV${line === undefined ? '' : ` (line ${line})`}: ${(err as Error).message}`,
    });
  }
}

/**
 * Turns CSV rows into records typed by the entity's schema: numbers and booleans are converted (`true`/`1`/«بله»), a
 * column `a.b` (or the export's «title — part») fills a nested object, a JSON-looking cell (`{…}`, `[…]`) is parsed;
 * the export's label and computed columns are skipped.
 */
export function csvRecords(def: EntityDef, rows: string[][]): Record<string, unknown>[] {
  const [header, ...body] = rows;
  if (!header) return [];
  const props = ((def.schema as Schema).properties ?? {}) as Record<string, Schema>;
  const known = new Map(csvColumns(def).map((c) => [c.header, c]));
  const paths = header.map((h) => {
    const col = known.get(h.trim());
    if (col) return col.role === 'value' ? col.path : undefined;
    return def.computed[h.trim()] !== undefined ? undefined : h.trim();
  });
  return body.map((cells) => {
    const rec: Record<string, unknown> = {};
    paths.forEach((p, i) => {
      const raw = (cells[i] ?? '').trim();
      if (!p || raw === '') return;
      const path = p.split('.');
      const types = ([] as string[]).concat((props[path[0]]?.type as string | string[] | undefined) ?? []);
      let value: unknown = raw;
      if (/^[[{]/.test(raw)) {
        try {
          value = JSON.parse(raw);
        } catch {
          value = raw;
        }
      } else if (path.length > 1 || types.includes('number') || types.includes('integer')) {
        const n = Number(raw);
        value = Number.isFinite(n) && (path.length > 1 || types.some((t) => t === 'number' || t === 'integer')) ? n : raw;
      } else if (types.includes('boolean')) value = raw === 'true' || raw === '1' || raw === YES;
      let target = rec;
      for (const seg of path.slice(0, -1)) target = (target[seg] ??= {}) as Record<string, unknown>;
      target[path[path.length - 1]] = value;
    });
    return rec;
  });
}
