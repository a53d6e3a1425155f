/** Finding a case's open task by what a command names. */
import type { CaseState, TaskInfo } from './types.js';

/** Finds an open task by id, or by step id (and item) when that is unambiguous. */
export function findTask(state: CaseState, ref: string, item?: string): TaskInfo | undefined {
  if (state.tasks[ref] && item === undefined) return state.tasks[ref];
  const open = Object.values(state.tasks).filter((t) => t.step === ref && (item === undefined || t.item === item));
  return open.length === 1 ? open[0] : undefined;
}
