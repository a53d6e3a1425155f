/**
 * A form's `file` fields hold the id of a document attached to the case (POST /cases/{id}/documents first). The
 * interpreter only sees a string; the server checks that each one names a document of *this* case, so a task's data
 * cannot point at a missing document or at another case's.
 */
import type { Bundle, FormField } from '../../engine/index.js';
import { Problem } from '../problem.js';

/** Every value of a file field in `data` (top level, lists of files, lists of objects), with its JSON pointer. */
export function fileValues(fields: readonly FormField[], data: Record<string, unknown>, base = ''): { path: string; value: unknown }[] {
  const out: { path: string; value: unknown }[] = [];
  for (const f of fields) {
    const v = data[f.id];
    const path = `${base}/${f.id}`;
    if (v === undefined || v === null) continue;
    if (f.type === 'file') out.push({ path, value: v });
    else if (f.type === 'list' && Array.isArray(v)) {
      v.forEach((item, i) => {
        if (f.of === 'file') out.push({ path: `${path}/${i}`, value: item });
        else if (f.fields && item && typeof item === 'object') out.push(...fileValues(f.fields, item as Record<string, unknown>, `${path}/${i}`));
      });
    }
  }
  return out;
}

/**
 * Throws a 422 `command-refused` problem with a field error for every file field of the step's form whose value is not
 * the id of one of `documentIds`.
 */
export function checkFileFields(bundle: Bundle, procedure: string, step: string, data: Record<string, unknown>, documentIds: ReadonlySet<string>): void {
  const def = bundle.procedures.get(procedure)?.stepIndex.get(step);
  const formId = def && 'form' in def ? def.form : undefined;
  const form = formId ? bundle.forms.get(formId) : undefined;
  if (!form) return;
  const bad = fileValues(form.fields, data).filter((f) => typeof f.value !== 'string' || !documentIds.has(f.value));
  if (!bad.length) return;
  throw new Problem('command-refused', {
    detail: 'فیلد پیوست باید شناسهٔ سندی باشد که پیش‌تر به همین پرونده پیوست شده است.',
    detail_en: 'A file field must hold the id of a document attached to this case (POST /cases/{id}/documents first).',
    extra: {
      refusal: 'invalid-form',
      failures: [],
      fieldErrors: bad.map((f) => ({
        path: f.path,
        message: { fa: `سند «${String(f.value)}» به این پرونده پیوست نشده است.`, en: `Document "${String(f.value)}" is not attached to this case.` },
      })),
    },
  });
}
