/**
 * A procedure as a graph: one node per step, one edge per possible move, each edge labelled from the definitions —
 * an outcome's label, a route's `label`, a sub-procedure's result by the child procedure's end step that gives it,
 * «در غیر این صورت» for what no condition catches. No label is an id.
 */
import { toPersianDigits } from '../calendar/digits.js';
import type { ProcedureDef, Step, Text } from '../model.js';

export interface Edge {
  from: string;
  to: string;
  label?: Text;
}

/** Finds a procedure by id (the bundle's), to name a sub-procedure's results. */
export type ProcedureLookup = (id: string) => ProcedureDef | undefined;

const faNumber = (n: number) => toPersianDigits(String(n));

export const OTHERWISE: Text = { fa: 'در غیر این صورت', en: 'otherwise' };

/** What a parent's `next` may route on when its child did not reach an end of its own (server/cases/service.ts). */
const CHILD_RESULTS: Record<string, Text> = {
  refused: { fa: 'رد شد', en: 'refused' },
  cancelled: { fa: 'ابطال شد', en: 'cancelled' },
  failed: { fa: 'با خطا پایان یافت', en: 'failed' },
};

/** A selection's way on when no item was selected (`next.none` of a subprocedure with `each`). */
const NONE_SELECTED: Text = { fa: 'هیچ‌کس برگزیده نشد', en: 'none selected' };

/** A child procedure's result in its own words: the label of the end step (or steps) that give it. */
function resultLabel(child: ProcedureDef | undefined, result: string): Text | undefined {
  const ends = (child?.steps ?? []).filter((s) => s.kind === 'end' && s.result === result);
  if (ends.length === 1) return ends[0].label;
  if (ends.length > 1) {
    const fa = [...new Set(ends.map((s) => s.label.fa))];
    const en = [...new Set(ends.map((s) => s.label.en ?? s.label.fa))];
    return fa.length === 1 ? ends[0].label : { fa: fa.join(' / '), en: en.join(' / ') };
  }
  return CHILD_RESULTS[result];
}

/** Every transition a step can take; `lookup` names a sub-procedure's results (without it they read as the generic ones). */
export function stepEdges(step: Step, lookup?: ProcedureLookup): Edge[] {
  const e = (to: string | undefined, label?: Text): Edge[] => (to ? [{ from: step.id, to, ...(label ? { label } : {}) }] : []);
  switch (step.kind) {
    case 'task':
    case 'decision':
    case 'inquiry': {
      // A single way on needs no words; several are told apart by their outcomes' labels.
      const many = step.outcomes.filter((o) => o.next).length > 1;
      return step.outcomes.flatMap((o) => e(o.next, o.label ?? (many ? { fa: o.id, en: o.id } : undefined)));
    }
    case 'inquiry-each': {
      const all = step.outcomes.find((o) => o.id === step.next.all)?.label;
      const then: Text = all ? { fa: `همه: ${all.fa}`, en: `all: ${all.en ?? all.fa}` } : { fa: 'همه', en: 'all' };
      return [...e(step.next.then, then), ...e(step.next.otherwise, OTHERWISE)];
    }
    case 'inspection':
      return [...e(step.next.pass, { fa: 'قبول', en: 'pass' }), ...e(step.next.fail, { fa: 'رد', en: 'fail' })];
    case 'split':
      return step.branches.flatMap((b) => e(b));
    case 'join':
    case 'timer':
    case 'notify':
      return e(step.next);
    case 'route':
      return [
        ...step.routes.flatMap((r, i) => e(r.next, r.label ?? { fa: `شرط ${faNumber(i + 1)}`, en: `condition ${i + 1}` })),
        ...e(step.otherwise, OTHERWISE),
      ];
    case 'subprocedure': {
      const child = lookup?.(step.procedure);
      // With `each`, `none` is the way on when no item was selected (no child started).
      return Object.entries(step.next).flatMap(([result, to]) => e(to, result === 'otherwise' ? OTHERWISE
        : result === 'none' && step.each ? NONE_SELECTED : resultLabel(child, result) ?? { fa: result, en: result }));
    }
    case 'end':
      return [];
  }
}

/** All edges of a procedure, in step order; `lookup` finds the procedures its sub-procedure steps run. */
export function procedureEdges(proc: ProcedureDef, lookup?: ProcedureLookup): Edge[] {
  return proc.steps.flatMap((s) => stepEdges(s, lookup));
}
