/**
 * Moving a token into a step: open its tasks, schedule its timer, or pass straight through automatic steps.
 */
import { addDuration, jalaliToInstant, tryParseDate } from '../calendar/index.js';
import type { Duration, HumanStep, InquiryEachStep, Step, SubprocedureStep } from '../model.js';
import { checkRules, evaluate } from '../rules/index.js';
import { caseData } from './context.js';
import { fillText, runEffects } from './effects.js';
import { CaseError } from './errors.js';
import type { Run } from './run.js';
import type { SelectedItem, SkippedItem, TaskInfo } from './types.js';

/** Automatic steps entered in one run before we call it a loop. */
const MAX_AUTOMATIC_ENTRIES = 500;

function step(run: Run, id: string): Step {
  const s = run.procedure.stepIndex.get(id);
  if (!s) throw new CaseError('unknown-step', { fa: `مرحلهٔ «${id}» در فرایند نیست.`, en: `Step "${id}" is not in the procedure.` });
  return s;
}

function dueAt(run: Run, due: Duration | undefined): string | undefined {
  if (!due) return undefined;
  return addDuration(run.ctx.now, due, run.bundle.calendar, run.bundle.info.timeZone);
}

/** The id of a task for this visit of its step (and item). */
export function taskId(run: Run, stepId: string, item?: string): string {
  const visits = run.state.steps[stepId]?.visits ?? 1;
  const base = item === undefined ? stepId : `${stepId}:${item}`;
  return visits > 1 ? `${base}#${visits}` : base;
}

function openTask(run: Run, s: HumanStep | Extract<Step, { kind: 'inspection' | 'inquiry' }> | InquiryEachStep, item?: string): void {
  const stopped = 'clock' in s && s.clock === 'stopped';
  const task: TaskInfo = { id: taskId(run, s.id, item), step: s.id, kind: s.kind, role: s.role };
  if (item !== undefined) task.item = item;
  const due = stopped ? undefined : dueAt(run, s.due);
  if (due) task.due = due;
  if (stopped) task.clockStopped = true;
  run.emit({ type: 'task.opened', task });
}

/** Completes a step and moves its token on to `next` (or ends the branch when `next` is undefined). */
export function leave(run: Run, stepId: string, outcome: string, token: string, next: string | undefined, consumed?: string[]): void {
  run.emit(consumed ? { type: 'step.completed', step: stepId, outcome, token, consumed } : { type: 'step.completed', step: stepId, outcome, token });
  if (next !== undefined) enter(run, next, token);
}

function asList(v: unknown): string[] {
  if (v == null) return [];
  if (!Array.isArray(v)) throw new CaseError('items-not-a-list', { fa: 'فهرست موارد استعلام یک فهرست نیست.', en: 'The inquiry items are not a list.' }, v);
  return v.map((x) => (typeof x === 'object' && x !== null && 'id' in x ? String((x as { id: unknown }).id) : String(x)));
}

/** Enters `stepId` with `token`, running automatic steps until every token rests on a human task, a timer, a child case, a join or an end. */
export function enter(run: Run, stepId: string, token: string): void {
  if (run.state.status !== 'active') return;
  if (++run.depth > MAX_AUTOMATIC_ENTRIES) {
    throw new CaseError('loop', { fa: `فرایند در مرحلهٔ «${stepId}» در حلقه افتاد.`, en: `The procedure loops at step "${stepId}".` });
  }
  try {
    const s = step(run, stepId);
    run.emit({ type: 'step.entered', step: s.id, token });
    switch (s.kind) {
      case 'task':
      case 'decision':
      case 'inspection':
      case 'inquiry':
        openTask(run, s);
        return;
      case 'inquiry-each': {
        const items = [...new Set(asList(evaluate(s.items, caseData(run), run.env())))];
        if (items.length === 0) {
          leave(run, s.id, s.next.all, token, s.next.then);
          return;
        }
        for (const item of items) openTask(run, s, item);
        return;
      }
      case 'split':
        run.emit({ type: 'step.completed', step: s.id, outcome: 'split', token });
        s.branches.forEach((b, i) => { enter(run, b, `${token}/${i}`); });
        return;
      case 'join': {
        run.emit({ type: 'join.arrived', step: s.id, token });
        const split = run.procedure.stepIndex.get(s.split);
        const needed = split && split.kind === 'split' ? split.branches.length : 1;
        const arrived = run.state.joins[s.id] ?? [];
        if (arrived.length < needed) return;
        const parent = token.includes('/') ? token.slice(0, token.lastIndexOf('/')) : token;
        leave(run, s.id, 'joined', parent, s.next, arrived);
        return;
      }
      case 'route': {
        const data = caseData(run);
        const hit = s.routes.find((r) => Boolean(evaluate(r.when, data, run.env())));
        leave(run, s.id, hit ? hit.next : 'otherwise', token, hit ? hit.next : s.otherwise);
        return;
      }
      case 'timer': {
        let fireAt: string | undefined;
        if (s.wait) fireAt = dueAt(run, s.wait);
        else if (s.until !== undefined) {
          const when = evaluate(s.until, caseData(run), run.env());
          if (typeof when !== 'string' || !tryParseDate(when)) {
            throw new CaseError('bad-timer', { fa: `زمان تایمر «${s.id}» تاریخ نیست.`, en: `Timer "${s.id}" did not compute a date.` }, when);
          }
          fireAt = when.includes('T') ? when : jalaliToInstant(when, run.bundle.info.timeZone);
        }
        run.emit({ type: 'timer.scheduled', timer: `${s.id}@${token}`, step: s.id, fireAt: fireAt ?? run.ctx.now });
        return;
      }
      case 'notify':
        run.emit({ type: 'notification.requested', to: s.to, message: fillText(run, s.message, caseData(run)), step: s.id });
        leave(run, s.id, 'sent', token, s.next);
        return;
      case 'subprocedure': {
        if (s.each) {
          enterEach(run, s, token);
          return;
        }
        const data = caseData(run);
        const input: Record<string, unknown> = {};
        for (const [k, logic] of Object.entries(s.with?.input ?? {})) input[k] = evaluate(logic, data, run.env());
        const picked = s.with?.subject === undefined ? run.state.subject : evaluate(s.with.subject, data, run.env());
        const subject = picked === null || picked === undefined ? undefined : String(picked);
        run.emit({ type: 'subcase.requested', step: s.id, childCaseId: run.ctx.newId(), procedure: s.procedure, subject, input });
        return;
      }
      case 'end':
        runEffects(run, s.effects, caseData(run), s.id);
        run.emit({ type: 'case.ended', result: s.result, step: s.id });
        return;
    }
  } finally {
    run.depth -= 1;
  }
}

/** The key an item of `each` is named by: `key` logic, else the item itself (a string), else its `id`. */
function itemKey(run: Run, s: SubprocedureStep, item: unknown, index: number): string {
  if (s.each?.key !== undefined) {
    const k = evaluate(s.each.key, caseData(run, { item }), run.env());
    if (k !== null && k !== undefined && k !== '') return String(k);
  }
  if (typeof item === 'string' || typeof item === 'number') return String(item);
  if (item !== null && typeof item === 'object' && 'id' in item) return String((item as { id: unknown }).id);
  return String(index + 1);
}

/**
 * A subprocedure over a list: rank the items by score, judge each in rank order by the eligible rules (a failing one is
 * skipped with the rules it failed), select eligible ones up to the limit, and start one child case per selected item.
 * With none selected the step goes on at once, to `next.none` (or `otherwise`).
 */
function enterEach(run: Run, s: SubprocedureStep, token: string): void {
  const each = s.each!;
  const data = caseData(run);
  const raw = evaluate(each.items, data, run.env());
  if (raw !== null && raw !== undefined && !Array.isArray(raw)) {
    throw new CaseError('items-not-a-list', { fa: `فهرست موارد مرحلهٔ «${s.label.fa}» یک فهرست نیست.`, en: `The items of step "${s.id}" are not a list.` }, raw);
  }
  const items = (raw ?? []) as unknown[];
  const seen = new Set<string>();
  const ranked: { item: unknown; key: string; score?: number; index: number }[] = [];
  items.forEach((item, index) => {
    const key = itemKey(run, s, item, index);
    if (seen.has(key)) return; // one registrant counts once, at its first row
    seen.add(key);
    let score: number | undefined;
    if (each.score !== undefined) {
      const v = evaluate(each.score, caseData(run, { item }), run.env());
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      if (!Number.isFinite(n)) {
        throw new CaseError('bad-score', { fa: `امتیاز «${key}» در مرحلهٔ «${s.label.fa}» عدد نیست.`, en: `The score of "${key}" in step "${s.id}" is not a number.` }, v);
      }
      score = n;
    }
    ranked.push({ item, key, ...(score !== undefined ? { score } : {}), index });
  });
  // Highest score first; equal scores keep the list's order (a stable sort).
  ranked.sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.index - b.index);
  let limit: number | undefined;
  if (each.limit !== undefined) {
    const v = evaluate(each.limit, data, run.env());
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isFinite(n)) throw new CaseError('bad-limit', { fa: `حد انتخاب مرحلهٔ «${s.label.fa}» عدد نیست.`, en: `The limit of step "${s.id}" is not a number.` }, v);
    limit = Math.max(0, Math.floor(n));
  }
  const selected: { entry: SelectedItem; item: unknown }[] = [];
  const skipped: SkippedItem[] = [];
  const beyond: SelectedItem[] = [];
  ranked.forEach((r, i) => {
    const entry: SelectedItem = { key: r.key, rank: i + 1, ...(r.score !== undefined ? { score: r.score } : {}) };
    if (limit !== undefined && selected.length >= limit) {
      beyond.push(entry);
      return;
    }
    const failures = checkRules(each.eligible, caseData(run, { item: r.item }), run.env());
    if (failures.length) {
      skipped.push({ ...entry, rules: failures.map((f) => f.rule), messages: failures.map((f) => f.message) });
      return;
    }
    selected.push({ entry: { ...entry, childCaseId: run.ctx.newId() }, item: r.item });
  });
  run.emit({ type: 'selection.made', step: s.id, selected: selected.map((x) => x.entry), skipped, beyond, ...(limit !== undefined ? { limit } : {}) });
  if (selected.length === 0) {
    leave(run, s.id, 'none', token, s.next.none ?? s.next.otherwise);
    return;
  }
  for (const { entry, item } of selected) {
    const scope = caseData(run, { item });
    const input: Record<string, unknown> = {};
    for (const [k, logic] of Object.entries(s.with?.input ?? {})) input[k] = evaluate(logic, scope, run.env());
    const picked = s.with?.subject === undefined ? run.state.subject : evaluate(s.with.subject, scope, run.env());
    const subject = picked === null || picked === undefined ? undefined : String(picked);
    run.emit({ type: 'subcase.requested', step: s.id, childCaseId: entry.childCaseId!, procedure: s.procedure, subject, input });
  }
}
