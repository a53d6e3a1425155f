/**
 * How a value of a case's data reads in a message: a placeholder such as `{input.<field>}` or
 * `{steps.<step>.data.<field>}` names a field of the start form, of a step's form or of its checklist, so an option
 * shows its label (also an option of a table in force) and a reference the record's title — never the code or the id.
 */
import type { FormField, Option } from '../model.js';
import { recordTitle } from '../records/display.js';
import type { Describe, Lang } from '../rules/index.js';
import { fieldAt } from './forms.js';
import { tableOptions } from './options.js';
import type { Run } from './run.js';

/** The fields a dotted data path's root names: the start form's (`input.…`) or a step's form and checklist (`steps.<id>.data.…`). */
function fieldsFor(run: Run, path: string[]): { fields: FormField[]; rest: string[] } | undefined {
  const { bundle, procedure } = run;
  if (path[0] === 'input') return { fields: procedure.start.form ? bundle.forms.get(procedure.start.form)?.fields ?? [] : [], rest: path.slice(1) };
  if (path[0] === 'steps' && path[2] === 'data') {
    const step = procedure.stepIndex.get(path[1]);
    if (!step) return undefined;
    const fields: FormField[] = [];
    if ('form' in step && step.form) fields.push(...(bundle.forms.get(step.form)?.fields ?? []));
    if (step.kind === 'inspection') fields.push(...(bundle.checklists.get(step.checklist)?.items ?? []));
    return { fields, rest: path.slice(3) };
  }
  return undefined;
}

/** A describer of the case's data for message templates. */
export function describer(run: Run): Describe {
  const text = (t: { fa: string; en?: string }, lang: Lang) => (lang === 'en' ? (t.en ?? t.fa) : t.fa);
  const one = (field: FormField, v: unknown, lang: Lang): string | undefined => {
    const options: Option[] | undefined = field.options_from ? tableOptions(run.bundle, field.options_from, run.env()) : field.options;
    const option = options?.find((o) => o.value === v);
    if (option) return text(option.label, lang);
    if (field.entity && (field.type === 'ref' || field.of === 'ref') && typeof v === 'string') {
      const rec = run.ctx.facts.record(field.entity, v);
      if (rec) return text(recordTitle(run.bundle, field.entity, rec, (e, id) => run.ctx.facts.record(e, id)), lang);
    }
    return undefined;
  };
  return (path, v, lang) => {
    const at = fieldsFor(run, path.split('.'));
    if (!at || at.rest.length === 0) return undefined;
    const field = fieldAt(at.fields, `/${at.rest.join('/')}`);
    if (!field || field.id !== at.rest[at.rest.length - 1]) return undefined;
    if (Array.isArray(v)) {
      const parts = v.map((x) => one(field, x, lang));
      return parts.every((p) => p !== undefined) ? parts.join(lang === 'fa' ? '، ' : ', ') : undefined;
    }
    return one(field, v, lang);
  };
}
