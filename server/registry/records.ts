/**
 * Registry records: validation against the entity's JSON Schema, in Persian per field, and the spatial point (CSV in
 * and out: csv.ts). A field is named by its schema `title` (a nested part by its own title, a location's `lat`/`lon`
 * as «عرض جغرافیایی» / «طول جغرافیایی»), an option by its label — never a raw code.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv, type Bundle, type EntityDef, type Text } from '../../engine/index.js';
import { toPoint } from '../engine.js';
import { explainRequestError } from '../openapi/messages.js';
import { Problem } from '../problem.js';

const ajv = createAjv({ strict: false, verbose: true });
const validators = new WeakMap<EntityDef, ValidateFunction>();

type Schema = Record<string, unknown>;

/** What the parts of nested fields are called when their schema has no title. */
export const PART_LABELS: Record<string, Text> = {
  lat: { fa: 'عرض جغرافیایی', en: 'Latitude' },
  lon: { fa: 'طول جغرافیایی', en: 'Longitude' },
  fa: { fa: 'فارسی', en: 'Persian' },
  en: { fa: 'انگلیسی', en: 'English' },
};

/** One field's problem: where (a JSON pointer) and what, in both languages. */
export interface RecordFieldError {
  path: string;
  message: Text;
}

/** The entity's schema with an `x-label` on every property (from its title), which the request messages name fields by. */
function labelled(schema: Schema, name?: string, parent?: Text): Schema {
  const out: Schema = { ...schema };
  const title = typeof schema.title === 'string' ? schema.title : undefined;
  const own: Text | undefined = title ? { fa: title, en: name } : name ? PART_LABELS[name] : undefined;
  if (own) out['x-label'] = parent && !title ? { fa: `${parent.fa} — ${own.fa}`, en: `${parent.en ?? parent.fa} ${own.en ?? ''}`.trim() } : own;
  const props = schema.properties as Record<string, Schema> | undefined;
  if (props) out.properties = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, labelled(s, k, name ? own : undefined)]));
  if (schema.items && typeof schema.items === 'object') out.items = labelled(schema.items as Schema, undefined, own);
  return out;
}

/** The label of an option value from the field's `x-options`, else the value. */
function optionWords(schema: Schema, v: unknown): Text {
  const opts = schema['x-options'] as { value: unknown; label: Text }[] | undefined;
  const o = opts?.find((x) => x.value === v);
  return o?.label ?? { fa: String(v), en: String(v) };
}

/** Persian and English per field for ajv's errors (an enum lists its options by label), without repeats. */
export function recordErrors(errors: readonly ErrorObject[]): RecordFieldError[] {
  const seen = new Set<string>();
  const out: RecordFieldError[] = [];
  for (const e of errors) {
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if') continue;
    const p = explainRequestError(e, 'body');
    const parent = e.parentSchema as Schema | undefined;
    let message = p.message;
    if (e.keyword === 'enum' && parent?.['x-options']) {
      const allowed = ((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).map((v) => optionWords(parent, v));
      message = { fa: `«${p.field.fa}» باید یکی از این‌ها باشد: ${allowed.map((a) => a.fa).join('، ')}.`, en: `${p.field.en ?? p.field.fa} must be one of: ${allowed.map((a) => a.en ?? a.fa).join(', ')}.` };
    }
    const key = `${p.path}\0${message.fa}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: p.path, message });
  }
  return out;
}

/** The point a record has in its entity's location field (for the spatial index), or null. */
export function pointOf(def: EntityDef | undefined, rec: Record<string, unknown>): { lat: number; lon: number } | null {
  if (!def?.location) return null;
  return toPoint(rec[def.location]) ?? null;
}

/** The entity definition, or 404. */
export function entityDef(bundle: Bundle, entity: string): EntityDef {
  const def = bundle.entities.get(entity);
  if (!def) throw new Problem('not-found', { detail: `نوع «${entity}» در تعاریف نیست`, detail_en: `No entity type "${entity}" in the definitions` });
  return def;
}

/** Every problem of a record against its entity's schema (and a missing key), Persian first; [] when it fits. */
export function recordProblems(def: EntityDef, rec: Record<string, unknown>): RecordFieldError[] {
  let v = validators.get(def);
  if (!v) validators.set(def, (v = ajv.compile(labelled(def.schema as Schema))));
  const out = v(rec) ? [] : recordErrors(v.errors ?? []);
  const key = rec[def.key];
  if ((typeof key !== 'string' || !key.trim()) && typeof key !== 'number' && !out.some((e) => e.path === `/${def.key}`)) {
    out.push({ path: `/${def.key}`, message: { fa: 'شناسهٔ رکورد لازم است.', en: 'The record needs its key.' } });
  }
  return out;
}

/** The 422 `invalid-record` problem of a record's field errors (`fieldErrors` Persian and English, `errors` English). */
export function invalidRecord(def: EntityDef, fieldErrors: RecordFieldError[]): Problem {
  const first = fieldErrors[0]?.message;
  return new Problem('invalid-record', {
    detail: fieldErrors.length === 1 ? first.fa : `رکورد «${def.label.fa}» ${toFa(fieldErrors.length)} ایراد دارد: ${fieldErrors.map((f) => f.message.fa).join(' ')}`,
    detail_en: fieldErrors.length === 1 ? (first.en ?? first.fa) : `The ${def.label.en ?? def.id} record has ${fieldErrors.length} problems: ${fieldErrors.map((f) => f.message.en ?? f.message.fa).join(' ')}`,
    extra: { errors: fieldErrors.map((f) => ({ path: f.path, message: f.message.en ?? f.message.fa })), fieldErrors },
  });
}

const toFa = (n: number) => String(n).replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);

/** Throws 422 with every schema error (Persian per field) when the record does not fit its entity's schema or lacks its key. */
export function validateRecord(def: EntityDef, rec: Record<string, unknown>): void {
  const errors = recordProblems(def, rec);
  if (errors.length) throw invalidRecord(def, errors);
}
