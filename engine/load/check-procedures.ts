/**
 * Checks what a procedure's steps say besides their transitions — where a case may be sent back to (`returns:`) and
 * what a task shows as evidence (`evidence:`) — and the bundle's case-number pattern (`case_number:`).
 */
import { casePatternProblem } from '../numbers.js';
import { ADMIN_ROLE } from './check-refs.js';
import { closure } from './check-graph.js';
import type { Msg, Problems } from './errors.js';
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
  const err = (ptr: string, code: string, message: Msg) => problems.error(at(proc.file, ptr, code, message));

  steps.forEach((s, i) => {
    const sp = pointer(proc.pointer, 'steps', i);
    const id = String(s.id);
    list(s.returns).forEach((r, j) => {
      const rp = pointer(sp, 'returns', j);
      const to = String(r.to);
      if (!byId.has(to)) {
        const hint = didYouMean(to, byId.keys());
        err(pointer(rp, 'to'), 'unknown-step', {
          en: `unknown step "${to}"${hint.en || ` — procedure "${proc.id}" has no such step`}`,
          fa: `مرحلهٔ «${to}» تعریف نشده است${hint.fa || ` — فرایند «${proc.id}» چنین مرحله‌ای ندارد`}`,
        });
      } else if (to === id) {
        err(pointer(rp, 'to'), 'bad-return', {
          en: `step "${id}" returns to itself — a return sends a case back to an earlier step`,
          fa: `مرحلهٔ «${id}» به خودش بازمی‌گردد — بازگشت، پرونده را به مرحله‌ای پیش‌تر می‌فرستد`,
        });
      } else if (!closure([to], (x) => succ.get(x) ?? []).has(id)) {
        err(pointer(rp, 'to'), 'bad-return', {
          en: `step "${to}" is not earlier than "${id}": no path leads from it to "${id}", so a case here never passed it — name a step before this one`,
          fa: `مرحلهٔ «${to}» پیش از «${id}» نیست: هیچ مسیری از آن به «${id}» نمی‌رسد، پس پرونده‌ای که اینجاست از آن نگذشته — مرحله‌ای پیش از این را نام ببرید`,
        });
      }
      ids(r.roles).forEach((role, k) => {
        if (typeof role !== 'string' || roles.has(role)) return;
        const hint = didYouMean(role, roles);
        err(pointer(rp, 'roles', k), 'unknown-role', {
          en: `unknown role "${role}"${hint.en || ' — declare it in a roles file'}`,
          fa: `نقش «${role}» تعریف نشده است${hint.fa || ' — آن را در فایل نقش‌ها تعریف کنید'}`,
        });
      });
    });
    const ev = (s.evidence ?? undefined) as Obj | undefined;
    if (!ev) return;
    ids(ev.steps).forEach((x, k) => {
      if (typeof x !== 'string' || byId.has(x)) return;
      const hint = didYouMean(x, byId.keys());
      err(pointer(sp, 'evidence', 'steps', k), 'unknown-step', {
        en: `unknown step "${x}"${hint.en || ` — procedure "${proc.id}" has no such step`}`,
        fa: `مرحلهٔ «${x}» تعریف نشده است${hint.fa || ` — فرایند «${proc.id}» چنین مرحله‌ای ندارد`}`,
      });
    });
    ids(ev.input).forEach((x, k) => {
      if (typeof x !== 'string' || startFields?.includes(x)) return;
      const hint = startFields ? didYouMean(x, startFields) : { en: '', fa: '' };
      err(pointer(sp, 'evidence', 'input', k), 'unknown-field', startFields
        ? { en: `the start form "${String(start.form)}" has no field "${x}"${hint.en}`, fa: `فرم شروع «${String(start.form)}» فیلدی به نام «${x}» ندارد${hint.fa}` }
        : { en: `procedure "${proc.id}" has no start form, so no start field "${x}"`, fa: `فرایند «${proc.id}» فرم شروع ندارد، پس فیلد شروعی به نام «${x}» نیست` });
    });
    ids(ev.parameters).forEach((x, k) => {
      if (typeof x !== 'string' || m.parameters.has(x)) return;
      const hint = didYouMean(x, m.parameters.keys());
      err(pointer(sp, 'evidence', 'parameters', k), 'unknown-parameter', {
        en: `unknown parameter "${x}"${hint.en || ' — declare it in a parameters file'}`,
        fa: `پارامتر «${x}» تعریف نشده است${hint.fa || ' — آن را در یک فایل parameters تعریف کنید'}`,
      });
    });
  });
}
