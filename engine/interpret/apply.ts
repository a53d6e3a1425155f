/**
 * Commands on a running case: complete a task, fire a timer, a child case ended, cancel.
 */
import type { Bundle, Outcome, Step } from '../model.js';
import { ADMIN_ROLE } from '../model.js';
import { checkRules } from '../rules/index.js';
import { checkAnswers, scoreChecklist } from './checklist.js';
import { caseData } from './context.js';
import { runEffects } from './effects.js';
import { enter, leave } from './enter.js';
import { toCaseError } from './errors.js';
import type { FieldError } from './forms.js';
import { findTask } from './find-task.js';
import { formRefusal, guardRefusal, refuse } from './refusal.js';
import { reasonRequired, sendBack } from './returns.js';
import { openRun, type Run } from './run.js';
import { startCase } from './start.js';
import { checkSubmission } from './submission.js';
import type { CaseState, Command, Ctx, Decision } from './types.js';

/** What a cancel's reason is called in its refusal. */
export const CANCEL_REASON = { fa: 'دلیل ابطال', en: 'Reason for cancelling' };

/** Applies a command to a case: the new events, or a refusal. Never throws; run-time failures become `case.failed`. */
export function applyCommand(bundle: Bundle, state: CaseState | undefined, cmd: Command, ctx: Ctx): Decision {
  if (cmd.type === 'start') return startCase(bundle, cmd, ctx);
  if (!state?.caseId) return refuse('unknown-case', { fa: 'پرونده یافت نشد.', en: 'No such case.' });
  const proc = bundle.procedures.get(state.procedure);
  if (!proc) return refuse('unknown-procedure', { fa: `فرایند «${state.procedure}» در این نسخه نیست.`, en: `Procedure "${state.procedure}" is not in this version.` });
  if (state.status !== 'active') {
    return refuse('case-closed', { fa: 'این پرونده بسته شده است.', en: 'This case is closed.' });
  }
  const run = openRun(bundle, proc, state, ctx);
  try {
    const refusal = dispatch(run, cmd);
    if (refusal) return refusal;
  } catch (err) {
    const e = toCaseError(err);
    // Whatever the failing command emitted is dropped; the case records the failure instead.
    const failed = openRun(bundle, proc, state, ctx);
    failed.emit({ type: 'case.failed', error: { code: e.code, message: e.text, detail: e.detail } });
    return { ok: true, events: failed.events };
  }
  return { ok: true, events: run.events };
}

function dispatch(run: Run, cmd: Exclude<Command, { type: 'start' }>): Decision | undefined {
  const s = run.state;
  switch (cmd.type) {
    case 'complete':
      return complete(run, cmd);
    case 'fire-timer': {
      const timer = s.timers[cmd.timer];
      if (!timer) return refuse('unknown-timer', { fa: 'این زمان‌سنج فعال نیست.', en: 'No such pending timer.' });
      const step = run.procedure.stepIndex.get(timer.step);
      const token = cmd.timer.slice(cmd.timer.indexOf('@') + 1);
      run.emit({ type: 'timer.fired', timer: cmd.timer });
      leave(run, timer.step, 'fired', token, step && 'next' in step && typeof step.next === 'string' ? step.next : undefined);
      return undefined;
    }
    case 'child-ended': {
      const stepId = s.children[cmd.childCaseId];
      if (!stepId) return refuse('unknown-child', { fa: 'این پروندهٔ فرعی به این پرونده تعلق ندارد.', en: 'No such running child case.' });
      const step = run.procedure.stepIndex.get(stepId);
      const token = Object.entries(s.tokens).find(([, st]) => st === stepId)?.[0] ?? 't';
      run.emit({ type: 'subcase.ended', childCaseId: cmd.childCaseId, result: cmd.result });
      if (step?.kind === 'subprocedure' && step.each) {
        // One child per selected item: the step goes on when the last one ends, by the first `next` entry (in the
        // order written) that some child ended with.
        const results = run.state.steps[stepId]?.children ?? {};
        if (Object.values(results).some((r) => r === '')) return undefined;
        const got = new Set(Object.values(results));
        const hit = Object.keys(step.next).find((k) => k !== 'otherwise' && k !== 'none' && got.has(k));
        leave(run, stepId, hit ?? 'otherwise', token, hit ? step.next[hit] : step.next.otherwise);
        return undefined;
      }
      const next = step?.kind === 'subprocedure' ? (step.next[cmd.result] ?? step.next.otherwise) : undefined;
      leave(run, stepId, cmd.result, token, next);
      return undefined;
    }
    case 'cancel': {
      const may = cmd.actor.roles.includes(ADMIN_ROLE) || cmd.actor.roles.some((r) => run.procedure.start.roles.includes(r));
      if (!may) return refuse('not-permitted', { fa: 'لغو این پرونده برای نقش شما مجاز نیست.', en: 'Your role may not cancel this case.' });
      // Cancelling cannot be undone: it must say why (the timeline shows it).
      const reason = (cmd.reason ?? '').trim();
      if (!reason) return reasonRequired(CANCEL_REASON);
      run.emit({ type: 'case.cancelled', actor: cmd.actor.id, reason });
      return undefined;
    }
    case 'return':
      return sendBack(run, cmd);
  }
}

export { findTask };

function complete(run: Run, cmd: Extract<Command, { type: 'complete' }>): Decision | undefined {
  const task = findTask(run.state, cmd.task);
  if (!task) return refuse('unknown-task', { fa: `کار «${cmd.task}» در این پرونده باز نیست.`, en: `Task "${cmd.task}" is not open in this case.` });
  const step = run.procedure.stepIndex.get(task.step) as Step;
  if (!cmd.actor.roles.includes(task.role)) {
    const role = run.bundle.roles.get(task.role);
    return refuse('not-permitted', { fa: `این کار با نقش «${role?.label.fa ?? task.role}» است.`, en: `This task belongs to the role "${task.role}".` });
  }
  const data = structuredClone(cmd.data ?? {});
  const token = Object.entries(run.state.tokens).find(([, st]) => st === task.step)?.[0] ?? 't';

  if (step.kind === 'inspection') {
    const list = run.bundle.checklists.get(step.checklist);
    if (!list) return refuse('bad-definition', { fa: 'چک‌لیست یافت نشد.', en: 'Checklist not found.' });
    // Checklist answers and the step's own form (minutes, visit date…) arrive in one object: split them by item id.
    const answers: Record<string, unknown> = {};
    const extra: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(data)) (list.items.some((i) => i.id === k) || !step.form ? answers : extra)[k] = v;
    const errors = checkAnswers(list, answers, caseData(run), run);
    const form = step.form ? run.bundle.forms.get(step.form) : undefined;
    const formErrors = form ? submit(run, form, extra) : [];
    if (!Array.isArray(formErrors)) return formErrors;
    errors.push(...formErrors);
    if (errors.length) return formRefusal(errors);
    const result = scoreChecklist(list, answers, caseData(run), run);
    const outcome = result.passed ? 'pass' : 'fail';
    if (cmd.outcome !== undefined && cmd.outcome !== outcome) {
      return refuse('unknown-outcome', { fa: `نتیجهٔ بازدید از روی چک‌لیست «${outcome === 'pass' ? 'قبول' : 'رد'}» است.`, en: `The checklist gives "${outcome}".` });
    }
    run.emit({ type: 'task.completed', task: task.id, step: step.id, outcome, data: { ...answers, ...extra, $checklist: result }, actor: cmd.actor.id });
    runEffects(run, step.effects, caseData(run, { form: data }), step.id);
    leave(run, step.id, outcome, token, step.next[outcome]);
    return undefined;
  }
  if (step.kind !== 'task' && step.kind !== 'decision' && step.kind !== 'inquiry' && step.kind !== 'inquiry-each') {
    return refuse('unknown-task', { fa: 'این مرحله کار انسانی ندارد.', en: 'This step has no human task.' });
  }
  const outcome = pickOutcome(step.outcomes, cmd.outcome);
  if (!outcome) {
    return refuse('unknown-outcome', {
      fa: `نتیجهٔ «${cmd.outcome ?? ''}» برای این کار تعریف نشده؛ یکی از این‌ها: ${step.outcomes.map((o) => o.label?.fa ?? o.id).join('، ')}`,
      en: `Outcome "${cmd.outcome ?? ''}" is not defined; one of: ${step.outcomes.map((o) => o.id).join(', ')}`,
    });
  }
  const form = step.form ? run.bundle.forms.get(step.form) : undefined;
  if (form) {
    const errors = submit(run, form, data);
    if (!Array.isArray(errors)) return errors;
    if (errors.length) return formRefusal(errors);
  }
  const scope = caseData(run, { form: data, ...(task.item !== undefined ? { item: task.item } : {}) });
  const failures = checkRules(outcome.guards, scope, run.env());
  if (failures.length) return guardRefusal(failures);
  run.emit({ type: 'task.completed', task: task.id, step: step.id, outcome: outcome.id, data, actor: cmd.actor.id, ...(task.item !== undefined ? { item: task.item } : {}) });
  runEffects(run, outcome.effects, caseData(run, { form: data, ...(task.item !== undefined ? { item: task.item } : {}) }), step.id);
  if (run.state.status !== 'active') return undefined;

  if (step.kind === 'inquiry-each') {
    const stillOpen = Object.values(run.state.tasks).some((t) => t.step === step.id);
    if (stillOpen) return undefined;
    const answers = Object.values(run.state.steps[step.id]?.items ?? {});
    const all = answers.every((a) => a.outcome === step.next.all);
    leave(run, step.id, all ? step.next.all : 'otherwise', token, all ? step.next.then : step.next.otherwise);
    return undefined;
  }
  leave(run, step.id, outcome.id, token, outcome.next);
  return undefined;
}

/** Checks a task's form data in place (derived fields set); a refusal when a derived value cannot be computed. */
function submit(run: Run, form: NonNullable<ReturnType<Run['bundle']['forms']['get']>>, data: Record<string, unknown>): FieldError[] | Decision {
  try {
    return checkSubmission(run.bundle, form, data, caseData(run), { ...run.env(), facts: run.ctx.facts }).errors;
  } catch (err) {
    const e = toCaseError(err);
    return refuse('cannot-evaluate', { fa: `مقدارهای محاسبه‌شدهٔ فرم را نمی‌توان سنجید: ${e.text.fa}`, en: `The form's derived values cannot be computed: ${e.text.en ?? e.text.fa}` });
  }
}

function pickOutcome(outcomes: readonly Outcome[], id: string | undefined): Outcome | undefined {
  if (id === undefined) return outcomes.length === 1 ? outcomes[0] : undefined;
  return outcomes.find((o) => o.id === id);
}

export { enter };
