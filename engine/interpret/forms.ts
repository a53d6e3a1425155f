/**
 * Validates submitted form data against a form's compiled JSON Schema and explains each problem in fa and en.
 */
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { FormDef, Text } from '../model.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

const ajv = new Ajv2020({ allErrors: true, strict: false, coerceTypes: false, useDefaults: true });
addFormats(ajv);
const cache = new WeakMap<FormDef, ValidateFunction>();

export interface FieldError {
  path: string;
  message: Text;
}

function fieldLabel(form: FormDef, path: string): Text {
  const id = path.split('/').filter(Boolean)[0];
  const field = form.fields.find((f) => f.id === id);
  return field ? field.label : { fa: id ?? '', en: id ?? '' };
}

function explain(form: FormDef, e: ErrorObject): FieldError {
  const missing = e.keyword === 'required' ? String((e.params as { missingProperty: string }).missingProperty) : undefined;
  const path = missing ? `${e.instancePath}/${missing}` : e.instancePath || '/';
  const label = fieldLabel(form, path);
  const p = e.params as Record<string, unknown>;
  const byKeyword: Record<string, Text> = {
    required: { fa: `«${label.fa}» الزامی است.`, en: `"${label.en ?? label.fa}" is required.` },
    type: { fa: `«${label.fa}» باید از نوع ${p.type} باشد.`, en: `"${label.en ?? label.fa}" must be of type ${p.type}.` },
    minimum: { fa: `«${label.fa}» باید دست‌کم ${p.limit} باشد.`, en: `"${label.en ?? label.fa}" must be at least ${p.limit}.` },
    maximum: { fa: `«${label.fa}» باید حداکثر ${p.limit} باشد.`, en: `"${label.en ?? label.fa}" must be at most ${p.limit}.` },
    enum: { fa: `مقدار «${label.fa}» مجاز نیست.`, en: `"${label.en ?? label.fa}" has a value that is not allowed.` },
    pattern: { fa: `قالب «${label.fa}» درست نیست.`, en: `"${label.en ?? label.fa}" has the wrong format.` },
    minLength: { fa: `«${label.fa}» کوتاه است.`, en: `"${label.en ?? label.fa}" is too short.` },
    maxLength: { fa: `«${label.fa}» بلند است.`, en: `"${label.en ?? label.fa}" is too long.` },
    additionalProperties: {
      fa: `فیلد ناشناخته «${String(p.additionalProperty)}».`,
      en: `Unknown field "${String(p.additionalProperty)}".`,
    },
  };
  return {
    path,
    message: byKeyword[e.keyword] ?? { fa: `«${label.fa}» نادرست است: ${e.message ?? ''}`, en: `"${label.en ?? label.fa}" is invalid: ${e.message ?? ''}` },
  };
}

/** The problems of `data` against the form, or an empty list. Applies schema defaults to `data` in place. */
export function validateForm(form: FormDef, data: Record<string, unknown>): FieldError[] {
  let validate = cache.get(form);
  if (!validate) {
    validate = ajv.compile(form.schema);
    cache.set(form, validate);
  }
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => explain(form, e));
}
