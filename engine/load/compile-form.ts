/**
 * Compiles a form's fields into a JSON Schema 2020-12 that ajv validates submissions with and the UI renders from.
 * Labels and hints travel as `x-` annotations (`x-label`, `x-unit`, `x-unit-label`, `x-widget`, `x-options`,
 * `x-options-from`, `x-derived`, …); a validator in strict mode must be told about them (see FORM_SCHEMA_KEYWORDS).
 * Checklists compile the same way (`compileChecklistSchema`): an item is a field.
 */
import type { ChecklistItem, FormField, Text } from '../model.js';

/** The annotation keywords compiled form schemas use (add them to a strict ajv with `ajv.addKeyword`). */
export const FORM_SCHEMA_KEYWORDS = [
  'x-label', 'x-title', 'x-help', 'x-unit', 'x-unit-label', 'x-widget', 'x-options', 'x-options-from', 'x-entity', 'x-visible-when',
  'x-required', 'x-order', 'x-derived', 'x-critical', 'x-applies-when', 'x-map',
] as const;

/** Jalali dates: `YYYY-MM-DD` with ASCII digits. */
export const JALALI_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

type Schema = Record<string, unknown>;

/** The labels of declared units, by id (a field's `unit` is shown by its label). */
export type UnitLabels = ReadonlyMap<string, { label: Text }>;

/**
 * The JSON Schema of a form. Required fields without `visible_when` go in `required`; a required field that may be
 * hidden is marked `x-required: true` only (the UI and the server require it when it is visible). A derived field is
 * never required of the user: it is `readOnly`, marked `x-derived`, and the engine sets it on submission.
 */
export function compileFormSchema(title: Text, fields: FormField[], description?: Text, units?: UnitLabels): Schema {
  const schema: Schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...objectOf(fields, units),
    title: title.fa,
    'x-title': title,
  };
  if (description) schema.description = description.fa;
  return schema;
}

/**
 * The JSON Schema of a checklist's answers: one property per item, compiled like a form field (boolean items as a
 * yes/no choice), with `x-critical` and `x-applies-when`. No item is in `required`: an item must be answered when it
 * applies, which only the case's data can tell (the engine checks it; each property carries `x-required`).
 */
export function compileChecklistSchema(title: Text, items: ChecklistItem[], units?: UnitLabels): Schema {
  const properties: Schema = {};
  for (const item of items) {
    const s = fieldSchema({ ...item, required: true }, units);
    if (item.type === 'boolean') s['x-widget'] = 'yesno';
    s['x-critical'] = item.critical;
    if (item.applies_when !== undefined) s['x-applies-when'] = item.applies_when;
    properties[item.id] = s;
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object', properties, additionalProperties: false, 'x-order': items.map((i) => i.id), title: title.fa, 'x-title': title,
  };
}

function objectOf(fields: FormField[], units?: UnitLabels): Schema {
  const properties: Schema = {};
  const required: string[] = [];
  for (const f of fields) {
    properties[f.id] = fieldSchema(f, units);
    if (f.required && f.visible_when === undefined && f.derive === undefined) required.push(f.id);
  }
  const out: Schema = { type: 'object', properties, additionalProperties: false, 'x-order': fields.map((f) => f.id) };
  if (required.length) out.required = required;
  return out;
}

/** The JSON Schema of one field (with its annotations). */
export function fieldSchema(f: FormField, units?: UnitLabels): Schema {
  const s: Schema = { ...valueSchema(f.type, f, units), title: f.label.fa, 'x-label': f.label };
  if (f.help) {
    s.description = f.help.fa;
    s['x-help'] = f.help;
  }
  if (f.unit !== undefined) {
    s['x-unit'] = f.unit;
    const label = units?.get(f.unit)?.label;
    if (label) s['x-unit-label'] = label;
  }
  if (f.derive !== undefined) {
    s.readOnly = true;
    s['x-derived'] = true;
  } else if (f.required) s['x-required'] = true;
  if (f.visible_when !== undefined) s['x-visible-when'] = f.visible_when;
  return s;
}

function valueSchema(type: FormField['type'], f: Partial<FormField>, units?: UnitLabels): Schema {
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
      // Options from a table are known only on a date (the table in force): the host fills `enum` and `x-options`
      // (engine/interpret/options.ts) and the engine checks a submitted value against them.
      if (f.options_from) return { 'x-options-from': f.options_from };
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
      // A list of references names each record once.
      const items = f.fields ? objectOf(f.fields, units) : valueSchema(f.of ?? 'string', { entity: f.entity, options: f.options, options_from: f.options_from }, units);
      return strip({ type: 'array', items, minItems: f.min_length, maxItems: f.max_length, uniqueItems: f.of === 'ref' ? true : undefined });
    }
    default:
      return {};
  }
}

function strip(s: Schema): Schema {
  for (const k of Object.keys(s)) if (s[k] === undefined) delete s[k];
  return s;
}
