/**
 * Prefill: the values an open task's form and checklist start with, each field's (and item's) `prefill` logic over
 * the case's data (subject, input, steps). The user sees them filled in and may change them; nothing is stored until
 * the task is completed. A prefill that cannot be evaluated, or gives nothing, leaves its field empty.
 */
import type { Bundle, FormField } from '../model.js';
import { evaluate } from '../rules/index.js';
import { caseData } from './context.js';
import { openRun } from './run.js';
import type { CaseState, Ctx } from './types.js';

/** Field id → prefilled value for an open task of the case ({} when it has none, or the task is not open). */
export function prefillFor(bundle: Bundle, state: CaseState, taskId: string, ctx: Ctx): Record<string, unknown> {
  const task = state.tasks[taskId];
  const proc = bundle.procedures.get(state.procedure);
  const step = task && proc?.stepIndex.get(task.step);
  if (!step || !proc) return {};
  const fields: FormField[] = [];
  if ('form' in step && step.form) fields.push(...(bundle.forms.get(step.form)?.fields ?? []));
  if (step.kind === 'inspection') fields.push(...(bundle.checklists.get(step.checklist)?.items ?? []));
  if (!fields.some((f) => f.prefill !== undefined)) return {};
  const run = openRun(bundle, proc, state, ctx);
  const data = caseData(run, task.item !== undefined ? { item: task.item } : {});
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.prefill === undefined) continue;
    try {
      const v = evaluate(f.prefill, data, run.env());
      if (v !== undefined && v !== null && v !== '') out[f.id] = v;
    } catch {
      // Prefill is a convenience: a value that cannot be computed is simply asked.
    }
  }
  return out;
}
