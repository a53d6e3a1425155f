/**
 * A store that reports the case changes it commits: every `cases.append` is noted, and the notes of a transaction are
 * published once its outermost `tx` has committed (those of a rolled-back inner transaction are dropped). Whatever
 * writes a case — a command, a timer, an attachment, a child telling its parent — goes through `append`, so nothing
 * is missed and nothing is published before it is durable.
 */
import type { CaseState } from '../../engine/index.js';
import type { Store } from '../store/types.js';
import type { CaseChange } from './hub.js';

const rolesOf = (s: CaseState | undefined): string[] => Object.values(s?.tasks ?? {}).map((t) => t.role);

/** `store` with its case writes reported to `publish` after they commit. */
export function watchCaseChanges<S extends Store>(store: S, publish: (changes: CaseChange[]) => void): S {
  let depth = 0;
  let pending: CaseChange[] = [];
  const flush = () => {
    const out = pending;
    pending = [];
    publish(out);
  };
  const cases: Store['cases'] = {
    ...store.cases,
    append(caseId, expected, events, startedBy, prev) {
      const after = store.cases.append(caseId, expected, events, startedBy, prev);
      const opened = events.flatMap((e) => (e.type === 'task.opened' ? [(e as { task: { role: string } }).task.role] : []));
      pending.push({ caseId, procedure: after.procedure, version: after.version, roles: [...new Set([...rolesOf(prev), ...rolesOf(after), ...opened])] });
      if (depth === 0) flush();
      return after;
    },
  };
  const tx = <T>(fn: () => T): T => {
    const mark = pending.length;
    depth++;
    let out: T;
    try {
      out = store.tx(fn);
    } catch (err) {
      pending.length = mark;
      throw err;
    } finally {
      depth--;
    }
    if (depth === 0) flush();
    return out;
  };
  return { ...store, tx, cases };
}
