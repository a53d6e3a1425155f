/**
 * CSV imports that explain themselves. The template of an entity has one column per stored field, headed by its
 * Persian title (a nested field's parts in columns of their own: a location as «عرض جغرافیایی» and «طول جغرافیایی»);
 * an import reads those headers back (and the export's, and field keys such as `location.lat`). Every import is first
 * judged row by row — what it would add, what it would change (which fields, from what to what), and every problem
 * by row and column, in Persian — and then, by its mode:
 *  - `preview`: writes nothing, answers the judgement;
 *  - `all`: writes every row in one transaction, or nothing (422 with the judgement) when any row has a problem;
 *  - `valid-only`: writes the rows without problems (those naming a refused row of the same file are refused too).
 * A row without a key adds a record (its key is made as the form's is); a row for an existing record changes the fields of the file's filled cells and keeps the others (an empty cell
 * never clears a field: that is the record form's).
 */
import { stringify } from 'csv-stringify/sync';
import type { EntityDef, Text } from '../../engine/index.js';
import { optionLabel, recordTitle, toPersianDigits } from '../engine.js';
import { Problem } from '../problem.js';
import type { EntityStore } from '../store/types.js';
import { csvColumns, parseCsv } from './csv.js';
import type { RegistryKeeper } from './keeper.js';
import { PART_LABELS } from './records.js';

type Schema = Record<string, unknown>;
type Rec = Record<string, unknown>;

export type ImportMode = 'preview' | 'all' | 'valid-only';

/** One column of the template: its Persian header and the field path it fills. */
export interface TemplateColumn {
  header: string;
  path: string;
}

const propsOf = (s: Schema | undefined) => ((s?.properties ?? {}) as Record<string, Schema>);
const titleOf = (s: Schema | undefined, key: string): string => (typeof s?.title === 'string' ? s.title : PART_LABELS[key]?.fa ?? key);

/**
 * The template's columns: every stored field in schema order (the key first as the schema has it), a nested field's
 * parts by their own titles — qualified by the field's title only when two nested fields share a part name.
 */
export function templateColumns(def: EntityDef): TemplateColumn[] {
  const props = propsOf(def.schema as Schema);
  const partCount = new Map<string, number>();
  for (const s of Object.values(props)) if (s.type === 'object') for (const p of Object.keys(propsOf(s))) partCount.set(p, (partCount.get(p) ?? 0) + 1);
  const cols: TemplateColumn[] = [];
  for (const [key, s] of Object.entries(props)) {
    const parts = s.type === 'object' ? propsOf(s) : undefined;
    if (parts && Object.keys(parts).length) {
      for (const [part, ps] of Object.entries(parts)) {
        const own = titleOf(ps, part);
        const taken = (partCount.get(part) ?? 0) > 1 || Object.values(props).some((x) => x.title === own);
        cols.push({ header: taken ? `${titleOf(s, key)} — ${own}` : own, path: `${key}.${part}` });
      }
    } else cols.push({ header: titleOf(s, key), path: key });
  }
  return cols;
}

/** The template: its header row, with a BOM (Excel reads the Persian), and no rows. */
export function templateCsv(def: EntityDef): string {
  return stringify([templateColumns(def).map((c) => c.header)], { bom: true, record_delimiter: 'windows' });
}

/** One problem of an import, where it is: the row (as a spreadsheet numbers it: the header is 1) and the column. */
export interface ImportError {
  row: number;
  /** The column's header as the file has it (or the template's, for a column the file lacks); null for the whole row. */
  column: string | null;
  message: Text;
}

export interface ImportChange {
  row: number;
  id: string;
  title: string;
  fields?: { path: string; label: string; before: string; after: string }[];
}

export interface ImportReport {
  entity: string;
  mode: ImportMode;
  rows: number;
  adds: ImportChange[];
  changes: ImportChange[];
  unchanged: number;
  errors: ImportError[];
  /** Rows with at least one problem. */
  invalidRows: number;
  /** Records written (0 for a preview, or when `all` refused the file). */
  written: number;
  /** Rows accepted (added, changed or already as the file has them). */
  imported: number;
}

const YES = new Set(['true', '1', 'بله', 'آری', 'yes']);
const NO = new Set(['false', '0', 'خیر', 'نه', 'no']);

/** A cell as the field's type wants it; an option may be written by its Persian label. */
function cellValue(s: Schema | undefined, raw: string): unknown {
  const types = ([] as string[]).concat((s?.type as string | string[] | undefined) ?? []);
  if (/^[[{]/.test(raw)) {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  if (types.includes('number') || types.includes('integer')) {
    const n = Number(raw.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/٫/g, '.'));
    return Number.isFinite(n) ? n : raw;
  }
  if (types.includes('boolean')) return YES.has(raw.toLowerCase()) ? true : NO.has(raw.toLowerCase()) ? false : raw;
  const opts = (s?.['x-options'] ?? (s?.items as Schema | undefined)?.['x-options']) as { value: unknown; label: Text }[] | undefined;
  const byLabel = opts?.find((o) => o.label.fa === raw || o.label.en === raw);
  if (byLabel) return byLabel.value;
  if (types.includes('array') || (s?.items && !types.length)) return raw.split(/[،,]\s*/).filter(Boolean);
  return raw;
}

const shown = (s: Schema | undefined, v: unknown): string => {
  if (v === undefined || v === null || v === '') return '';
  const l = optionLabel(s, v);
  if (l) return l.fa;
  if (typeof v === 'boolean') return v ? 'بله' : 'خیر';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
};

/** Judges (and, by `mode`, writes) a CSV import; see the file comment. */
export function runImport(def: EntityDef, text: string, mode: ImportMode, keeper: RegistryKeeper, entities: EntityStore, tx: <T>(f: () => T) => T, bundle: Parameters<typeof recordTitle>[0]): ImportReport {
  const rows = parseCsv(text);
  const [header = [], ...body] = rows;
  const props = propsOf(def.schema as Schema);
  const known = new Map<string, string | null>();
  for (const c of templateColumns(def)) known.set(c.header, c.path);
  for (const c of csvColumns(def)) known.set(c.header, c.role === 'value' ? c.path : null);
  const paths = header.map((h) => {
    const t = h.trim();
    if (known.has(t)) return known.get(t)!;
    const top = t.split('.')[0];
    if (t in def.computed) return null;
    if (props[top] && (t === top || propsOf(props[top])[t.split('.')[1]])) return t;
    return undefined;
  });
  const report: ImportReport = { entity: def.id, mode, rows: body.length, adds: [], changes: [], unchanged: 0, errors: [], invalidRows: 0, written: 0, imported: 0 };
  const unknown = header.filter((_, i) => paths[i] === undefined);
  if (unknown.length) {
    const expected = templateColumns(def).map((c) => `«${c.header}»`).join('، ');
    for (const h of unknown) report.errors.push({ row: 1, column: h, message: { fa: `ستون «${h}» شناخته نیست؛ سرستون‌ها باید همان‌های الگو باشند: ${expected}.`, en: `Unknown column "${h}"; use the template's headers.` } });
  }
  if (report.errors.length) {
    report.invalidRows = body.length;
    return report;
  }
  const columnOf = (path: string): string => {
    const dotted = path.replace(/^\//, '').split('/').slice(0, 2).join('.');
    const top = dotted.split('.')[0];
    const exact = paths.indexOf(dotted);
    const i = exact >= 0 ? exact : paths.findIndex((p) => p === top || p?.startsWith(`${top}.`));
    if (i >= 0) return header[i].trim();
    return templateColumns(def).find((c) => c.path === dotted || c.path.startsWith(`${dotted}.`))?.header ?? titleOf(props[dotted.split('.')[0]], dotted);
  };
  // Each row as a record: the stored one (if any) with the file's columns over it.
  const parsed = body.map((cells, i) => {
    const row = i + 2;
    const fromFile: Rec = {};
    paths.forEach((p, c) => {
      if (!p) return;
      const raw = (cells[c] ?? '').trim();
      const segs = p.split('.');
      // An empty cell keeps what the record has (a template filled in part never wipes a field); a field is
      // cleared through the record's form.
      if (raw === '') return;
      const s = segs.length > 1 ? propsOf(props[segs[0]])[segs[1]] : props[segs[0]];
      if (segs.length > 1) ((fromFile[segs[0]] ??= {}) as Rec)[segs[1]] = cellValue(s ?? { type: 'number' }, raw);
      else fromFile[segs[0]] = cellValue(s, raw);
    });
    // A row without a key is a new record: it gets one, as a record added through the form does.
    if (fromFile[def.key] === undefined) fromFile[def.key] = keeper.newKey(def);
    const id = String(fromFile[def.key]);
    const previous = id ? entities.get(def.id, id) : undefined;
    const rec: Rec = { ...(previous ?? {}), ...fromFile };
    for (const k of Object.keys(rec)) if (rec[k] === undefined) delete rec[k];
    return { row, id, rec, previous };
  });
  const dup = new Map<string, number>();
  for (const p of parsed) {
    if (!p.id) continue;
    const first = dup.get(p.id);
    if (first !== undefined) report.errors.push({ row: p.row, column: columnOf(`/${def.key}`), message: { fa: `این شناسه در ردیف ${toPersianDigits(String(first))} هم آمده است.`, en: `This key is also on row ${first}.` } });
    else dup.set(p.id, p.row);
  }
  // Rows may name each other: judge against the file's valid rows, until no more rows fall out.
  let valid = parsed.filter((p) => !report.errors.some((e) => e.row === p.row));
  let problems = new Map<number, ImportError[]>();
  for (;;) {
    const batch = new Map(valid.map((p) => [p.id, p.rec]));
    problems = new Map();
    for (const p of valid) {
      const errs = keeper.problems(def, p.rec, { batch, previous: p.previous });
      if (errs.length) problems.set(p.row, errs.map((e) => ({ row: p.row, column: columnOf(e.path), message: e.message })));
    }
    if (!problems.size) break;
    for (const errs of problems.values()) report.errors.push(...errs);
    valid = valid.filter((p) => !problems.has(p.row));
    if (mode !== 'valid-only' && mode !== 'preview') break;
  }
  report.errors.sort((a, b) => a.row - b.row);
  report.invalidRows = new Set(report.errors.map((e) => e.row)).size;
  const lookup = (e: string, id: string) => entities.get(e, id);
  for (const p of valid) {
    const title = recordTitle(bundle, def.id, p.rec, lookup).fa;
    if (!p.previous) {
      report.adds.push({ row: p.row, id: p.id, title });
      continue;
    }
    const fields = [...new Set([...Object.keys(p.previous), ...Object.keys(p.rec)])]
      .filter((k) => JSON.stringify(p.previous![k]) !== JSON.stringify(p.rec[k]))
      .map((k) => ({ path: k, label: titleOf(props[k], k), before: shown(props[k], p.previous![k]), after: shown(props[k], p.rec[k]) }));
    if (fields.length) report.changes.push({ row: p.row, id: p.id, title, fields });
    else report.unchanged++;
  }
  if (mode === 'preview') return report;
  if (mode === 'all' && report.errors.length) {
    throw new Problem('invalid-record', {
      detail: `${toPersianDigits(String(report.invalidRows))} ردیف از ${toPersianDigits(String(report.rows))} ردیف ایراد دارد؛ هیچ رکوردی نوشته نشد. ایرادها را در فایل درست کنید، یا فقط ردیف‌های درست را وارد کنید.`,
      detail_en: `${report.invalidRows} of ${report.rows} rows have problems; nothing was written. Fix them in the file, or import the valid rows only.`,
      extra: { errors: report.errors, report },
    });
  }
  const writes = valid.filter((p) => !p.previous || report.changes.some((c) => c.row === p.row));
  const batch = new Map(valid.map((p) => [p.id, p.rec]));
  tx(() => writes.forEach((p) => { keeper.write(def, p.rec, { batch, previous: p.previous }); }));
  report.written = writes.length;
  report.imported = valid.length;
  return report;
}
