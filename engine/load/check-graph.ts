/**
 * Checks each procedure's step graph: every transition names a step, every step is reachable from the first,
 * every step can reach an end, and every join waits for a split whose branches all reach it.
 */
import type { Problems } from './errors.js';
import { at } from './layer.js';
import type { Item } from './layer.js';
import type { Merged } from './overlay.js';
import { pointer } from './pointer.js';
import { stepEdges } from './step-edges.js';
import { didYouMean } from './suggest.js';

type Obj = Record<string, unknown>;

/** Checks every procedure's graph. */
export function checkGraphs(m: Merged, problems: Problems): void {
  for (const proc of m.procedures.values()) checkGraph(m, proc, problems);
}

function checkGraph(m: Merged, proc: Item, problems: Problems): void {
  const steps = (proc.data.steps ?? []) as Obj[];
  const index = new Map<string, number>();
  steps.forEach((s, i) => {
    const id = String(s.id);
    if (index.has(id)) {
      const n = (index.get(id) as number) + 1;
      problems.error(at(proc.file, pointer(proc.pointer, 'steps', i, 'id'), 'duplicate-id', {
        en: `duplicate step id "${id}" — step ${n} of this procedure already has it`,
        fa: `شناسهٔ مرحلهٔ «${id}» تکراری است — مرحلهٔ ${n} این فرایند همین شناسه را دارد`,
      }));
    } else index.set(id, i);
  });
  const ids = [...index.keys()];
  const succ = new Map<string, string[]>();
  let unknownTargets = 0;
  steps.forEach((s, i) => {
    if (index.get(String(s.id)) !== i) return;
    const targets: string[] = [];
    for (const e of stepEdges(s)) {
      if (index.has(e.to)) targets.push(e.to);
      else {
        unknownTargets++;
        const hint = didYouMean(e.to, ids);
        problems.error(at(proc.file, pointer(proc.pointer, 'steps', i) + e.ptr, 'unknown-step', {
          en: `unknown step "${e.to}"${hint.en || ` — procedure "${proc.id}" has no such step`}`,
          fa: `مرحلهٔ «${e.to}» تعریف نشده است${hint.fa || ` — فرایند «${proc.id}» چنین مرحله‌ای ندارد`}`,
        }));
      }
    }
    succ.set(String(s.id), targets);
  });
  // Reachability errors would only echo an unknown step: report them once the transitions are fixed.
  if (!steps.length || unknownTargets) {
    checkSubprocedureResults(m, proc, steps, problems);
    return;
  }
  const stepPtr = (id: string): string => pointer(proc.pointer, 'steps', index.get(id) as number, 'id');

  const reachable = closure([String(steps[0].id)], (id) => succ.get(id) ?? []);
  for (const id of ids) {
    if (!reachable.has(id)) {
      problems.error(at(proc.file, stepPtr(id), 'unreachable-step', {
        en: `step "${id}" can never be entered: no step leads to it from the first step "${String(steps[0].id)}" — link it or remove it`,
        fa: `هیچ‌گاه به مرحلهٔ «${id}» نمی‌رسیم: از نخستین مرحله («${String(steps[0].id)}») راهی به آن نیست — آن را به مرحله‌ای پیوند دهید یا حذفش کنید`,
      }));
    }
  }
  const pred = new Map<string, string[]>();
  for (const [from, tos] of succ) for (const to of tos) pred.set(to, [...(pred.get(to) ?? []), from]);
  const ends = ids.filter((id) => steps[index.get(id) as number].kind === 'end');
  const canEnd = closure(ends, (id) => pred.get(id) ?? []);
  for (const id of ids) {
    if (reachable.has(id) && !canEnd.has(id)) {
      problems.error(at(proc.file, stepPtr(id), 'dead-end-step', {
        en: `step "${id}" can never reach an end step — a case entering it would never finish; give it a path to an "end"`,
        fa: `از مرحلهٔ «${id}» راهی به مرحلهٔ پایان نیست — پرونده‌ای که به آن برسد هرگز تمام نمی‌شود؛ راهی به یک مرحلهٔ «end» برایش بگذارید`,
      }));
    }
  }
  steps.forEach((s, i) => {
    if (s.kind !== 'join' || index.get(String(s.id)) !== i) return;
    const splitId = String(s.split);
    const ptr = pointer(proc.pointer, 'steps', i, 'split');
    const split = index.has(splitId) ? steps[index.get(splitId) as number] : undefined;
    if (!split) {
      const hint = didYouMean(splitId, ids.filter((x) => steps[index.get(x) as number].kind === 'split'));
      problems.error(at(proc.file, ptr, 'bad-join', {
        en: `unknown split "${splitId}"${hint.en} — a join names the split whose branches it waits for`,
        fa: `انشعاب (split) «${splitId}» تعریف نشده است${hint.fa} — ادغام (join) نام انشعابی را می‌برد که منتظر شاخه‌های آن است`,
      }));
      return;
    }
    if (split.kind !== 'split') {
      problems.error(at(proc.file, ptr, 'bad-join', {
        en: `step "${splitId}" is a ${String(split.kind)}, not a split — a join waits for the branches of a split`,
        fa: `مرحلهٔ «${splitId}» از نوع ${String(split.kind)} است، نه انشعاب (split) — ادغام (join) منتظر شاخه‌های یک انشعاب می‌ماند`,
      }));
      return;
    }
    for (const b of (split.branches ?? []) as string[]) {
      if (!index.has(b)) continue;
      if (!closure([b], (id) => (id === s.id ? [] : succ.get(id) ?? [])).has(String(s.id))) {
        problems.error(at(proc.file, ptr, 'bad-join', {
          en: `branch "${b}" of split "${splitId}" never reaches join "${String(s.id)}" — the join would wait forever`,
          fa: `شاخهٔ «${b}» از انشعاب «${splitId}» هرگز به ادغام «${String(s.id)}» نمی‌رسد — ادغام تا ابد منتظر می‌ماند`,
        }));
      }
    }
  });
  checkSubprocedureResults(m, proc, steps, problems);
}

/** Results a host reports for a child case that did not reach one of its ends. */
export const HOST_RESULTS = ['refused', 'failed', 'cancelled'];

function checkSubprocedureResults(m: Merged, proc: Item, steps: Obj[], problems: Problems): void {
  steps.forEach((s, i) => {
    if (s.kind !== 'subprocedure') return;
    const child = m.procedures.get(String(s.procedure));
    if (!child) return;
    const results = new Set(((child.data.steps ?? []) as Obj[]).filter((c) => c.kind === 'end').map((c) => String(c.result)));
    for (const key of Object.keys((s.next ?? {}) as Obj)) {
      // Besides its own ends, a child case reports "refused" (its start was refused), "failed" and "cancelled".
      // With `each`, `none` is where the step goes when no item was selected.
      if (key === 'otherwise' || results.has(key) || HOST_RESULTS.includes(key) || (key === 'none' && s.each !== undefined)) continue;
      const hint = didYouMean(key, results);
      problems.warn(at(proc.file, pointer(proc.pointer, 'steps', i, 'next', key), 'unknown-result', {
        en: `procedure "${child.id}" never ends with result "${key}"${hint.en} (its results: ${[...results].join(', ')})`,
        fa: `فرایند «${child.id}» هرگز با نتیجهٔ «${key}» پایان نمی‌یابد${hint.fa} (نتیجه‌های آن: ${[...results].join('، ')})`,
      }, true));
    }
  });
}

/** Every node reachable from `start` by `next` (including the start nodes). */
export function closure(start: string[], next: (id: string) => string[]): Set<string> {
  const seen = new Set<string>(start);
  const queue = [...start];
  while (queue.length) {
    const id = queue.shift() as string;
    for (const n of next(id)) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}
