/**
 * Checks what a procedure's steps say besides their transitions — where a case may be sent back to (`returns:`) and
 * what a task shows as evidence (`evidence:`) — and the bundle's case-number pattern (`case_number:`).
 */
import { casePatternProblem } from '../numbers.js';
import { ADMIN_ROLE } from './check-refs.js';
import { closure } from './check-graph.js';
import type { Problems } from './errors.js';
import { at } from './layer.js';
import type { Item } from './layer.js';
import type { Merged } from './overlay.js';
import { pointer } from './pointer.js';
import { stepEdges } from './step-edges.js';
import { didYouMean } from './suggest.js';

type Obj = Record<string, unknown>;
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const ids = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Checks the returns and evidence of every procedure, and the case-number pattern of every layer. */
export function checkProcedures(m: Merged, problems: Problems): void {
  for (const proc of m.procedures.values()) checkProcedure(m, proc, problems);
  for (const layer of m.layers) {
    const pattern = layer.info?.data.case_number;
    if (typeof pattern !== 'string' || !layer.info) continue;
    const problem = casePatternProblem(pattern);
    if (problem) problems.error(at(layer.info.file, '/case_number', 'bad-case-number', problem));
  }
}

function checkProcedure(m: Merged, proc: Item, problems: Problems): void {
  const steps = list(proc.data.steps);
  const byId = new Map(steps.map((s) => [String(s.id), s]));
  const succ = new Map(steps.map((s) => [String(s.id), stepEdges(s).map((e) => e.to)]));
  const roles = new Set([...m.roles.keys(), ADMIN_ROLE]);
  const start = (proc.data.start ?? {}) as Obj;
  const startForm = typeof start.form === 'string' ? m.forms.get(start.form) : undefined;
  const startFields = startForm ? list(startForm.data.fields).map((f) => String(f.id)) : undefined;
  const err = (ptr: string, code: string, message: string) => problems.error(at(proc.file, ptr, code, message));

  steps.forEach((s, i) => {
    const sp = pointer(proc.pointer, 'steps', i);
    const id = String(s.id);
    list(s.returns).forEach((r, j) => {
      const rp = pointer(sp, 'returns', j);
      const to = String(r.to);
      if (!byId.has(to)) {
        err(pointer(rp, 'to'), 'unknown-step', `unknown step "${to}"${didYouMean(to, byId.keys()) || ` — procedure "${proc.id}" has no such step`}`);
      } else if (to === id) {
        err(pointer(rp, 'to'), 'bad-return', `step "${id}" returns to itself — a return sends a case back to an earlier step`);
      } else if (!closure([to], (x) => succ.get(x) ?? []).has(id)) {
        err(pointer(rp, 'to'), 'bad-return', `step "${to}" is not earlier than "${id}": no path leads from it to "${id}", so a case here never passed it — name a step before this one`);
      }
      ids(r.roles).forEach((role, k) => {
        if (typeof role === 'string' && !roles.has(role)) err(pointer(rp, 'roles', k), 'unknown-role', `unknown role "${role}"${didYouMean(role, roles) || ' — declare it in a roles file'}`);
      });
    });
    const ev = (s.evidence ?? undefined) as Obj | undefined;
    if (!ev) return;
    ids(ev.steps).forEach((x, k) => {
      if (typeof x === 'string' && !byId.has(x)) err(pointer(sp, 'evidence', 'steps', k), 'unknown-step', `unknown step "${x}"${didYouMean(x, byId.keys()) || ` — procedure "${proc.id}" has no such step`}`);
    });
    ids(ev.input).forEach((x, k) => {
      if (typeof x !== 'string' || startFields?.includes(x)) return;
      err(pointer(sp, 'evidence', 'input', k), 'unknown-field',
        startFields ? `the start form "${String(start.form)}" has no field "${x}"${didYouMean(x, startFields)}` : `procedure "${proc.id}" has no start form, so no start field "${x}"`);
    });
    ids(ev.parameters).forEach((x, k) => {
      if (typeof x === 'string' && !m.parameters.has(x)) err(pointer(sp, 'evidence', 'parameters', k), 'unknown-parameter', `unknown parameter "${x}"${didYouMean(x, m.parameters.keys()) || ' — declare it in a parameters file'}`);
    });
  });
}
