/**
 * Validates submitted data against a compiled JSON Schema (a form's, or a checklist's) and explains each problem in
 * fa and en, naming the field by its label (the label of the innermost field for a list of objects).
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from '../load/ajv.js';
import type { FormField, Text } from '../model.js';


const ajv = createAjv({ strict: false, coerceTypes: false, useDefaults: true });
const cache = new WeakMap<object, ValidateFunction>();

export interface FieldError {
  path: string;
  message: Text;
}

/** What data is validated against: a compiled schema and the fields it was compiled from (for their labels). */
export interface FieldsDef {
  schema: Record<string, unknown>;
  fields: readonly FormField[];
}

/** The field a JSON pointer into the data lands in (through list items and objects), or undefined. */
export function fieldAt(fields: readonly FormField[], path: string): FormField | undefined {
  let list: readonly FormField[] | undefined = fields;
  let found: FormField | undefined;
  for (const seg of path.split('/').filter(Boolean)) {
    if (/^\d+$/.test(seg) && found?.type === 'list') continue;
    const f: FormField | undefined = list?.find((x) => x.id === seg);
    if (!f) return found;
    found = f;
    list = f.fields;
  }
  return found;
}

/** A field's label (its id when the path names no field). */
export function labelAt(fields: readonly FormField[], path: string): Text {
  const f = fieldAt(fields, path);
  const id = path.split('/').filter(Boolean)[0] ?? '';
  return f ? f.label : { fa: id, en: id };
}

function explain(fields: readonly FormField[], e: ErrorObject): FieldError {
  const missing = e.keyword === 'required' ? String((e.params as { missingProperty: string }).missingProperty) : undefined;
  const path = missing ? `${e.instancePath}/${missing}` : e.instancePath || '/';
  const label = labelAt(fields, path);
  const en = label.en ?? label.fa;
  const p = e.params as Record<string, unknown>;
  const byKeyword: Record<string, Text> = {
    required: { fa: `«${label.fa}» الزامی است.`, en: `"${en}" is required.` },
    type: { fa: `«${label.fa}» باید از نوع ${p.type} باشد.`, en: `"${en}" must be of type ${p.type}.` },
    minimum: { fa: `«${label.fa}» باید دست‌کم ${p.limit} باشد.`, en: `"${en}" must be at least ${p.limit}.` },
    maximum: { fa: `«${label.fa}» باید حداکثر ${p.limit} باشد.`, en: `"${en}" must be at most ${p.limit}.` },
    enum: { fa: `مقدار «${label.fa}» مجاز نیست؛ از فهرست برگزینید.`, en: `"${en}" has a value that is not allowed; choose one from the list.` },
    pattern: { fa: `قالب «${label.fa}» درست نیست.`, en: `"${en}" has the wrong format.` },
    minLength: { fa: `«${label.fa}» کوتاه است.`, en: `"${en}" is too short.` },
    maxLength: { fa: `«${label.fa}» بلند است.`, en: `"${en}" is too long.` },
    minItems: { fa: `«${label.fa}» دست‌کم ${p.limit} مورد لازم دارد.`, en: `"${en}" needs at least ${p.limit} item(s).` },
    maxItems: { fa: `«${label.fa}» حداکثر ${p.limit} مورد می‌پذیرد.`, en: `"${en}" takes at most ${p.limit} item(s).` },
    uniqueItems: { fa: `در «${label.fa}» یک مورد دو بار آمده است.`, en: `"${en}" names the same item twice.` },
    additionalProperties: {
      fa: `فیلد ناشناخته «${String(p.additionalProperty)}».`,
      en: `Unknown field "${String(p.additionalProperty)}".`,
    },
  };
  return {
    path,
    message: byKeyword[e.keyword] ?? { fa: `«${label.fa}» نادرست است: ${e.message ?? ''}`, en: `"${en}" is invalid: ${e.message ?? ''}` },
  };
}

/** The problems of `data` against a compiled schema, or an empty list. Applies schema defaults to `data` in place. */
export function validateFields(def: FieldsDef, data: Record<string, unknown>): FieldError[] {
  let validate = cache.get(def.schema);
  if (!validate) {
    validate = ajv.compile(def.schema);
    cache.set(def.schema, validate);
  }
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => explain(def.fields, e));
}

/** The problems of `data` against a form's compiled schema (see validateFields). */
export function validateForm(form: FieldsDef, data: Record<string, unknown>): FieldError[] {
  return validateFields(form, data);
}
