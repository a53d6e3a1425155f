/**
 * What completing a task would do, without doing it: the interpreter is pure, so the command runs and its events are
 * read instead of kept — the outcome it records (an inspection's is computed from its checklist), the steps the case
 * would wait in next, the end it would reach, or why it would be refused. The UI names the consequence from this
 * before it asks for confirmation.
 */
import type { Bundle, StepKind, Text } from '../model.js';
import { applyCommand } from './apply.js';
import type { ChecklistResult } from './checklist.js';
import type { FieldError } from './forms.js';
import type { CaseState, Command, Ctx, RuleFailure } from './types.js';

/** The result a host reports for a start that was refused, and the conventional result of a refused request. */
export const REFUSED_RESULT = 'refused';

export interface Preview {
  ok: boolean;
  /** The outcome the task would be completed with. */
  outcome?: string;
  /** The steps the case would wait in afterwards (new tasks, timers, sub-cases), in order. */
  next: { step: string; label: Text; kind: StepKind }[];
  /** The end the case would reach, if completing it ends it. `refused`: that end's result is "refused". */
  ends: { result: string; label: Text; refused: boolean } | null;
  failures: RuleFailure[];
  fieldErrors: FieldError[];
  /** Inspections: whether the checklist passes, and the critical items that fail. */
  checklist?: { passed: boolean; failed: { id: string; label: Text }[] };
  /** Why it would be refused (when not ok). */
  refusal?: { code: string; message: Text };
}

/** Previews completing an open task of a case (see the file comment). Never writes, never throws. */
export function previewCompletion(bundle: Bundle, state: CaseState, cmd: Extract<Command, { type: 'complete' }>, ctx: Ctx): Preview {
  const decision = applyCommand(bundle, state, cmd, ctx);
  if (!decision.ok) {
    const r = decision.refusal;
    return { ok: false, next: [], ends: null, failures: r.failures, fieldErrors: r.fieldErrors ?? [], refusal: { code: r.code, message: r.message } };
  }
  const proc = bundle.procedures.get(state.procedure);
  const step = (id: string) => proc?.stepIndex.get(id);
  const out: Preview = { ok: true, next: [], ends: null, failures: [], fieldErrors: [] };
  const seen = new Set<string>();
  const rest = (id: string) => {
    const s = step(id);
    if (!s || seen.has(id)) return;
    seen.add(id);
    out.next.push({ step: id, label: s.label, kind: s.kind });
  };
  for (const e of decision.events) {
    if (e.type === 'task.completed' && out.outcome === undefined) {
      out.outcome = e.outcome;
      const list = (e.data as { $checklist?: ChecklistResult }).$checklist;
      const checklist = step(e.step)?.kind === 'inspection' ? bundle.checklists.get((step(e.step) as { checklist: string }).checklist) : undefined;
      if (list && checklist) {
        out.checklist = { passed: list.passed, failed: list.failed.map((id) => ({ id, label: checklist.items.find((i) => i.id === id)?.label ?? { fa: id, en: id } })) };
      }
    } else if (e.type === 'task.opened') rest(e.task.step);
    else if (e.type === 'timer.scheduled' || e.type === 'subcase.requested') rest(e.step);
    else if (e.type === 'case.ended') {
      out.ends = { result: e.result, label: step(e.step)?.label ?? { fa: e.result, en: e.result }, refused: e.result === REFUSED_RESULT };
    } else if (e.type === 'case.failed') {
      return { ok: false, next: [], ends: null, failures: [], fieldErrors: [], refusal: { code: e.error.code, message: e.error.message } };
    }
  }
  return out;
}
