/**
 * A procedure as a graph: one node per step, one edge per possible move (labelled by outcome).
 */
import type { ProcedureDef, Step, Text } from '../model.js';

export interface Edge {
  from: string;
  to: string;
  label?: Text;
}

/** Every transition a step can take. */
export function stepEdges(step: Step): Edge[] {
  const e = (to: string | undefined, label?: Text): Edge[] => (to ? [{ from: step.id, to, ...(label ? { label } : {}) }] : []);
  switch (step.kind) {
    case 'task':
    case 'decision':
    case 'inquiry':
      return step.outcomes.flatMap((o) => e(o.next, o.label ?? { fa: o.id, en: o.id }));
    case 'inquiry-each':
      return [...e(step.next.then, { fa: 'همه موافق', en: `all ${step.next.all}` }), ...e(step.next.otherwise, { fa: 'در غیر این صورت', en: 'otherwise' })];
    case 'inspection':
      return [...e(step.next.pass, { fa: 'قبول', en: 'pass' }), ...e(step.next.fail, { fa: 'رد', en: 'fail' })];
    case 'split':
      return step.branches.flatMap((b) => e(b));
    case 'join':
    case 'timer':
    case 'notify':
      return e(step.next);
    case 'route':
      return [...step.routes.flatMap((r, i) => e(r.next, { fa: `مسیر ${String(i + 1).replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)])}`, en: `route ${i + 1}` })), ...e(step.otherwise, { fa: 'در غیر این صورت', en: 'otherwise' })];
    case 'subprocedure':
      return Object.entries(step.next).flatMap(([result, to]) => e(to, { fa: result, en: result }));
    case 'end':
      return [];
  }
}

/** All edges of a procedure, in step order. */
export function procedureEdges(proc: ProcedureDef): Edge[] {
  return proc.steps.flatMap(stepEdges);
}
