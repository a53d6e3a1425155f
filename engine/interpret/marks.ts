/**
 * Which steps of a case a diagram marks as done and which as active. Done means completed — a step the case entered
 * and left undone (a cancelled case's open task, a step sent back) is neither — and an ended case's end step is done.
 */

/** The parts of a case the marks are read from (the engine's state, or the API's view of it). */
export interface MarkedCase {
  status: string;
  path: readonly string[];
  steps: Readonly<Record<string, { outcome?: string } | undefined>>;
  /** Steps holding a token or an open task now. */
  active: readonly string[];
}

/** The done and active steps of a case. */
export function stepMarks(c: MarkedCase): { done: string[]; active: string[] } {
  const active = c.status === 'active' ? [...new Set(c.active)] : [];
  const done = [...new Set(c.path)].filter((s) => !active.includes(s) && c.steps[s]?.outcome !== undefined);
  const last = c.path[c.path.length - 1];
  if (c.status === 'ended' && last !== undefined && !done.includes(last)) done.push(last);
  return { done, active };
}
