/**
 * Where data names a registry record: the values of a form's `ref` fields (single, lists of refs, refs inside a list
 * of objects) and of an entity's fields marked `x-entity` (on the field, or on `items` for a list). Each comes with
 * its JSON pointer, so the one who checks it (the engine's form validation, the registry's writes, the loader's
 * scenario and sample-record checks) can say which field names a missing record.
 */
import type { FormField } from '../model.js';
import { refEntityOf } from './display.js';

/** One value that names a record: where it is, of which entity, and the field that holds it. */
export interface RefValue {
  /** JSON pointer of the value in the data (e.g. `/<field>`, `/<list>/1`). */
  path: string;
  entity: string;
  value: unknown;
  field: FormField;
}

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

/** Every value of a `ref` field in `data`, by the form's fields. */
export function formRefs(fields: readonly FormField[], data: Record<string, unknown>, base = ''): RefValue[] {
  const out: RefValue[] = [];
  for (const f of fields) {
    const v = data?.[f.id];
    const path = `${base}/${f.id}`;
    if (!present(v)) continue;
    if (f.type === 'ref' && f.entity) out.push({ path, entity: f.entity, value: v, field: f });
    else if (f.type === 'list' && Array.isArray(v)) {
      v.forEach((item, i) => {
        if (f.of === 'ref' && f.entity && present(item)) out.push({ path: `${path}/${i}`, entity: f.entity, value: item, field: f });
        else if (f.fields && item && typeof item === 'object') out.push(...formRefs(f.fields, item as Record<string, unknown>, `${path}/${i}`));
      });
    }
  }
  return out;
}

type Schema = Record<string, unknown>;

/** One value of a record that names another record: where it is, the field's name and the entity it names. */
export interface RecordRef {
  path: string;
  field: string;
  entity: string;
  value: unknown;
}

/**
 * Every value of a record's `x-entity` fields, by the entity's JSON Schema: top-level fields, lists item by item,
 * and fields of nested objects and of lists of objects (`field` is then the dotted path, e.g. `owners.person`).
 */
export function recordRefs(schema: Schema | undefined, rec: Record<string, unknown>, base = '', prefix = ''): RecordRef[] {
  const props = (schema?.properties ?? {}) as Record<string, Schema>;
  const out: RecordRef[] = [];
  for (const [name, s] of Object.entries(props)) {
    const entity = refEntityOf(s);
    const v = rec?.[name];
    const field = prefix + name;
    const path = `${base}/${name}`;
    if (!present(v)) continue;
    if (entity) {
      if (Array.isArray(v)) v.forEach((x, i) => { if (present(x)) out.push({ path: `${path}/${i}`, field, entity, value: x }); });
      else out.push({ path, field, entity, value: v });
      continue;
    }
    const items = s?.items as Schema | undefined;
    if (Array.isArray(v) && items?.properties) {
      v.forEach((x, i) => { if (x && typeof x === 'object') out.push(...recordRefs(items, x as Record<string, unknown>, `${path}/${i}`, `${field}.`)); });
    } else if (v && typeof v === 'object' && !Array.isArray(v) && s?.properties) {
      out.push(...recordRefs(s, v as Record<string, unknown>, path, `${field}.`));
    }
  }
  return out;
}
