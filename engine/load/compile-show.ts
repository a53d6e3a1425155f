/**
 * A rule's `show:` map compiled: each value meant for a person with its label, its unit's label and its options
 * (resolved here from an entity's field, a form's field or a table's column, so a failure needs no lookup). The
 * checks that every name resolves are in check-show.ts.
 */
import type { Option, ShowSpec, Text, Unit } from '../model.js';
import type { Merged } from './overlay.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/** The options a field schema (or its items) declares with labels (`x-options`), or undefined. */
export function schemaOptions(schema: unknown): Option[] | undefined {
  const s = obj(schema);
  const own = s?.['x-options'] ?? obj(s?.items)?.['x-options'];
  return Array.isArray(own) ? (own as Option[]) : undefined;
}

/** The options `options_of` names, or undefined when it names nothing with options. */
export function optionsOf(m: Merged, of: Obj): Option[] | undefined {
  if (typeof of.entity === 'string') {
    const props = obj(obj(m.entities.get(of.entity)?.data.schema)?.properties);
    return schemaOptions(props?.[String(of.field)]);
  }
  if (typeof of.form === 'string') {
    const fields = (m.forms.get(of.form)?.data.fields ?? []) as Obj[];
    const field = fields.find((f) => f.id === of.field);
    return Array.isArray(field?.options) ? (field.options as Option[]) : undefined;
  }
  if (typeof of.param === 'string') {
    const props = obj(obj(m.parameters.get(of.param)?.decl.data.columns)?.properties);
    return schemaOptions(props?.[String(of.column)]);
  }
  return undefined;
}

/** The compiled `show:` of a rule, in the order written. */
export function compileShow(m: Merged, units: ReadonlyMap<string, Unit>, raw: unknown): ShowSpec[] {
  return Object.entries(obj(raw) ?? {}).map(([key, v]) => {
    const d = obj(v) ?? {};
    const spec: ShowSpec = { key, label: d.label as Text };
    if (typeof d.unit === 'string') {
      spec.unit = d.unit;
      const label = units.get(d.unit)?.label;
      if (label) spec.unitLabel = label;
    }
    const options = Array.isArray(d.options) ? (d.options as Option[]) : obj(d.options_of) ? optionsOf(m, obj(d.options_of)!) : undefined;
    if (options) spec.options = options;
    if (typeof d.entity === 'string') spec.entity = d.entity;
    if (d.as === 'date') spec.as = 'date';
    return spec;
  });
}
