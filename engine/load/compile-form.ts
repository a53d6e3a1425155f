/**
 * Compiles a form's fields into a JSON Schema 2020-12 that ajv validates submissions with and the UI renders from.
 * Labels and hints travel as `x-` annotations (`x-label`, `x-unit`, `x-widget`, `x-options`, …); a validator in
 * strict mode must be told about them (see FORM_SCHEMA_KEYWORDS).
 */
import type { FormField, Text } from '../model.js';

/** The annotation keywords compiled form schemas use (add them to a strict ajv with `ajv.addKeyword`). */
export const FORM_SCHEMA_KEYWORDS = [
  'x-label', 'x-title', 'x-help', 'x-unit', 'x-widget', 'x-options', 'x-entity', 'x-visible-when', 'x-required', 'x-order', 'x-map',
] as const;

/** Jalali dates: `YYYY-MM-DD` with ASCII digits. */
export const JALALI_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

type Schema = Record<string, unknown>;

/**
 * The JSON Schema of a form. Required fields without `visible_when` go in `required`; a required field that may be
 * hidden is marked `x-required: true` only (the UI and the server require it when it is visible).
 */
export function compileFormSchema(title: Text, fields: FormField[], description?: Text): Schema {
  const schema: Schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...objectOf(fields),
    title: title.fa,
    'x-title': title,
  };
  if (description) schema.description = description.fa;
  return schema;
}

function objectOf(fields: FormField[]): Schema {
  const properties: Schema = {};
  const required: string[] = [];
  for (const f of fields) {
    properties[f.id] = fieldSchema(f);
    if (f.required && f.visible_when === undefined) required.push(f.id);
  }
  const out: Schema = { type: 'object', properties, additionalProperties: false, 'x-order': fields.map((f) => f.id) };
  if (required.length) out.required = required;
  return out;
}

/** The JSON Schema of one field (with its annotations). */
export function fieldSchema(f: FormField): Schema {
  const s: Schema = { ...valueSchema(f.type, f), title: f.label.fa, 'x-label': f.label };
  if (f.help) {
    s.description = f.help.fa;
    s['x-help'] = f.help;
  }
  if (f.unit !== undefined) s['x-unit'] = f.unit;
  if (f.required) s['x-required'] = true;
  if (f.visible_when !== undefined) s['x-visible-when'] = f.visible_when;
  return s;
}

function valueSchema(type: FormField['type'], f: Partial<FormField>): Schema {
  switch (type) {
    case 'string':
    case 'text':
      return strip({
        type: 'string', minLength: f.min_length, maxLength: f.max_length, pattern: f.pattern,
        'x-widget': type === 'text' ? 'textarea' : undefined,
      });
    case 'number':
    case 'integer':
      return strip({ type, minimum: f.min, maximum: f.max });
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', pattern: JALALI_DATE_PATTERN, 'x-widget': 'date' };
    case 'enum': {
      const options = f.options ?? [];
      const types = [...new Set(options.map((o) => typeof o.value))];
      return strip({ type: types.length === 1 ? types[0] : undefined, enum: options.map((o) => o.value), 'x-options': options });
    }
    case 'location':
      // `x-map`: what the UI's map shows (the records of a `nearest` fact, a parameter's circle, landmarks).
      return strip({
        type: 'object',
        properties: { lat: { type: 'number', minimum: -90, maximum: 90 }, lon: { type: 'number', minimum: -180, maximum: 180 } },
        required: ['lat', 'lon'],
        additionalProperties: false,
        'x-widget': 'location',
        'x-map': f.map,
      });
    case 'ref':
      return strip({ type: 'string', minLength: 1, 'x-widget': 'ref', 'x-entity': f.entity });
    case 'file':
      return { type: 'string', minLength: 1, 'x-widget': 'file' };
    case 'list': {
      const items = f.fields ? objectOf(f.fields) : valueSchema(f.of ?? 'string', {});
      return strip({ type: 'array', items, minItems: f.min_length, maxItems: f.max_length });
    }
    default:
      return {};
  }
}

function strip(s: Schema): Schema {
  for (const k of Object.keys(s)) if (s[k] === undefined) delete s[k];
  return s;
}
