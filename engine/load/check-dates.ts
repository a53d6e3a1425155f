/**
 * Dates in data, checked with the Jalali calendar: registry records' date fields (an entity schema's date-pattern
 * or `x-widget: date` properties, nested objects and lists included), a scenario's own records, and the date fields
 * of a scenario's start input and step data (by the forms that read them). Dates in the definitions' own keys
 * (resolutions' `date`, `now`, holidays, `fires_on`) are checked by the schemas' `jalali-date` format instead.
 */
import type { FormField } from '../model.js';
import { isDateSchema, jalaliDateProblem } from './dates.js';
import type { Problems } from './errors.js';
import { at } from './layer.js';
import type { Item } from './layer.js';
import type { Merged } from './overlay.js';
import { pointer } from './pointer.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

/** One impossible date found in data: where it is (pointer inside the data) and why. */
interface BadDate { path: string; value: string }

/** Impossible dates in `value` by a JSON Schema (properties, items; `$ref`s and combinators are not followed). */
export function schemaDates(schema: unknown, value: unknown, path = '', out: BadDate[] = []): BadDate[] {
  const s = obj(schema);
  if (!s || value === undefined || value === null) return out;
  if (typeof value === 'string' && isDateSchema(s) && jalaliDateProblem(value)) out.push({ path, value });
  if (Array.isArray(value) && s.items) value.forEach((v, i) => { schemaDates(s.items, v, `${path}/${i}`, out); });
  const props = obj(s.properties);
  const data = obj(value);
  if (props && data) for (const [k, sub] of Object.entries(props)) schemaDates(sub, data[k], `${path}/${k}`, out);
  return out;
}

/** Impossible dates in form data, by the form's fields (lists of rows included). */
export function formDates(fields: readonly FormField[], data: Obj, path = '', out: BadDate[] = []): BadDate[] {
  for (const f of fields) {
    const v = data[f.id];
    if (typeof v === 'string' && f.type === 'date' && jalaliDateProblem(v)) out.push({ path: `${path}/${f.id}`, value: v });
    if (f.type === 'list' && Array.isArray(v)) {
      v.forEach((row, i) => {
        if (f.of === 'date' && typeof row === 'string' && jalaliDateProblem(row)) out.push({ path: `${path}/${f.id}/${i}`, value: row });
        else if (f.fields && obj(row)) formDates(f.fields, obj(row)!, `${path}/${f.id}/${i}`, out);
      });
    }
  }
  return out;
}

/** Checks the dates of registry records and of scenarios' data. Linear in the size of the data. */
export function checkDataDates(m: Merged, problems: Problems): void {
  const report = (item: Item, ptr: string, value: string): void => {
    const why = jalaliDateProblem(value)!;
    problems.error(at(item.file, ptr, 'bad-date', why));
  };
  const schemaOf = (entity: string) => obj(m.entities.get(entity)?.data.schema);
  for (const [entity, recs] of m.records) {
    const schema = schemaOf(entity);
    for (const rec of recs.values()) for (const b of schemaDates(schema, rec.data)) report(rec, rec.pointer + b.path, b.value);
  }
  const fieldsOf = (formId: unknown): FormField[] => (typeof formId === 'string' ? ((m.forms.get(formId)?.data.fields ?? []) as unknown as FormField[]) : []);
  for (const sc of m.scenarios) {
    for (const [entity, recs] of Object.entries(obj(sc.data.registry) ?? {})) {
      list(recs).forEach((rec, i) => {
        for (const b of schemaDates(schemaOf(entity), rec)) report(sc, pointer(sc.pointer, 'registry', entity, i) + b.path, b.value);
      });
    }
    const proc = m.procedures.get(String(sc.data.procedure));
    if (!proc) continue;
    const input = obj(sc.data.input);
    if (input) for (const b of formDates(fieldsOf(obj(proc.data.start)?.form), input)) report(sc, pointer(sc.pointer, 'input') + b.path, b.value);
    const steps = new Map(list(proc.data.steps).map((s) => [String(s.id), s]));
    list(sc.data.steps).forEach((c, i) => {
      const step = typeof c.complete === 'string' ? steps.get(c.complete) : undefined;
      const data = obj(c.data);
      if (step && data) for (const b of formDates(fieldsOf(step.form), data)) report(sc, pointer(sc.pointer, 'steps', i, 'data') + b.path, b.value);
    });
  }
}
