/**
 * What a submission must be beyond its schema: derived fields computed by the engine (a value sent for one is
 * replaced), every reference naming an existing record of its entity (through `ctx.facts.record`, so scenarios and the
 * server agree), and every choice taken from a table being an option of the table in force.
 */
import type { Bundle, FormField } from '../model.js';
import { recordTitle } from '../records/display.js';
import { formRefs } from '../records/refs.js';
import { evaluate, type EvalEnv } from '../rules/index.js';
import { labelAt, validateFields, type FieldError, type FieldsDef } from './forms.js';
import { tableOptions } from './options.js';
import type { FactProvider } from './types.js';

/** How strict a submission's references are. */
export interface SubmissionOptions {
  /** A reference to a retired record is a problem (a start form: a new case names only live records). */
  refuseRetired?: boolean;
}

/**
 * Sets each derived (top-level) field of `values` from its logic over `scope` with `form` = the values as submitted;
 * a null result removes the field. Returns the values derived. Throws LogicError when a logic cannot be evaluated.
 */
export function deriveValues(fields: readonly FormField[], values: Record<string, unknown>, scope: Record<string, unknown>, env: EvalEnv): Record<string, unknown> {
  const derived: Record<string, unknown> = {};
  const submitted = { ...values };
  for (const f of fields) {
    if (f.derive === undefined) continue;
    delete values[f.id];
    const v = evaluate(f.derive, { ...scope, form: submitted }, env);
    if (v === undefined || v === null) continue;
    values[f.id] = v;
    derived[f.id] = v;
  }
  return derived;
}

/**
 * The problems of values that name records or table options: a reference to a record that is not in the registry (or
 * is of another kind), an option that is not in the table in force. Paths already in `skip` are not judged again.
 */
export function valueProblems(
  bundle: Bundle, fields: readonly FormField[], values: Record<string, unknown>, facts: FactProvider, env: EvalEnv, skip = new Set<string>(), opts: SubmissionOptions = {},
): FieldError[] {
  const errors: FieldError[] = [];
  for (const r of formRefs(fields, values)) {
    if (skip.has(r.path) || typeof r.value !== 'string') continue;
    const label = labelAt(fields, r.path);
    const entity = bundle.entities.get(r.entity)?.label ?? { fa: r.entity, en: r.entity };
    const rec = facts.record(r.entity, r.value);
    if (rec && opts.refuseRetired && facts.retired?.(r.entity, r.value)) {
      const title = recordTitle(bundle, r.entity, rec, (e, id) => facts.record(e, id));
      errors.push({
        path: r.path,
        message: {
          fa: `${label.fa}: ${entity.fa} «${title.fa}» بایگانی شده است؛ رکورد دیگری برگزینید یا آن را در ثبت‌ها بازگردانید.`,
          en: `${label.en ?? label.fa}: the ${entity.en ?? entity.fa} "${title.en ?? title.fa}" is retired; choose another or restore it in the registry.`,
        },
      });
      continue;
    }
    if (rec) continue;
    errors.push({
      path: r.path,
      message: {
        fa: `${label.fa}: ${entity.fa} «${r.value}» در ثبت‌ها نیست؛ از فهرست برگزینید.`,
        en: `${label.en ?? label.fa}: there is no ${entity.en ?? entity.fa} "${r.value}" in the registry; choose one from the list.`,
      },
    });
  }
  const tables = (list: readonly FormField[], data: Record<string, unknown>, base: string): void => {
    for (const f of list) {
      const v = data?.[f.id];
      const path = `${base}/${f.id}`;
      if (v === undefined || v === null || v === '' || skip.has(path)) continue;
      if (f.options_from) {
        const allowed = tableOptions(bundle, f.options_from, env).map((o) => o.value);
        const bad = (Array.isArray(v) ? v : [v]).filter((x) => !allowed.includes(x as never));
        if (bad.length) {
          const table = bundle.parameters.get(f.options_from.param)?.label ?? { fa: f.options_from.param };
          errors.push({
            path,
            message: {
              fa: `${f.label.fa}: «${String(bad[0])}» در «${table.fa}» نیست؛ از فهرست برگزینید.`,
              en: `${f.label.en ?? f.label.fa}: "${String(bad[0])}" is not in "${table.en ?? table.fa}"; choose one from the list.`,
            },
          });
        }
      }
      if (f.fields && Array.isArray(v)) v.forEach((item, i) => { if (item && typeof item === 'object') tables(f.fields!, item as Record<string, unknown>, `${path}/${i}`); });
    }
  };
  tables(fields, values, '');
  return errors;
}

/**
 * Checks one submission in place: derives its derived fields (over `scope`), validates it against the schema, then
 * checks its references and table options. Returns every problem and the derived values. Throws LogicError when a
 * derived field's logic cannot be evaluated.
 */
export function checkSubmission(
  bundle: Bundle, def: FieldsDef, values: Record<string, unknown>, scope: Record<string, unknown>, env: EvalEnv & { facts: FactProvider }, opts: SubmissionOptions = {},
): { errors: FieldError[]; derived: Record<string, unknown> } {
  const derived = deriveValues(def.fields, values, scope, env);
  const errors = validateFields(def, values);
  const skip = new Set(errors.map((e) => e.path));
  errors.push(...valueProblems(bundle, def.fields, values, env.facts, env, skip, opts));
  return { errors, derived };
}
