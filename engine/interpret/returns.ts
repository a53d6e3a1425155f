/**
 * Sending a case back: from an open task to an earlier step its step declares (`returns:`), by one of the roles named
 * there, with a reason. The task is withdrawn, `case.returned` records who sent it back from where to where and why,
 * and the earlier step is entered again (a new visit, with the previous answers kept as `previous`).
 */
import { findTask } from './find-task.js';
import { enter } from './enter.js';
import { refuse } from './refusal.js';
import type { Run } from './run.js';
import type { Command, Decision } from './types.js';

type Return = Extract<Command, { type: 'return' }>;

/** The refusal of a blank reason, as a field error of `reason` (cancelling and returning both need one). */
export function reasonRequired(what: { fa: string; en: string }): Decision {
  return refuse('invalid-form', { fa: `${what.fa} لازم است.`, en: `${what.en} is required.` }, [], [
    { path: '/reason', message: { fa: `${what.fa} را بنویسید.`, en: `Write the ${what.en.toLowerCase()}.` } },
  ]);
}

/** Applies a return command to the run; undefined when done, else the refusal. */
export function sendBack(run: Run, cmd: Return): Decision | undefined {
  const task = findTask(run.state, cmd.task);
  if (!task) return refuse('unknown-task', { fa: `کار «${cmd.task}» در این پرونده باز نیست.`, en: `Task "${cmd.task}" is not open in this case.` });
  const step = run.procedure.stepIndex.get(task.step);
  const target = run.procedure.stepIndex.get(cmd.to);
  const label = target ? target.label : { fa: cmd.to, en: cmd.to };
  const allowed = step && 'returns' in step ? step.returns.find((r) => r.to === cmd.to) : undefined;
  if (!step || !allowed) {
    return refuse('return-not-allowed', {
      fa: `از «${step?.label.fa ?? task.step}» نمی‌توان پرونده را به «${label.fa}» بازگرداند.`,
      en: `The case cannot be sent back from "${step?.label.en ?? task.step}" to "${label.en ?? label.fa}".`,
    });
  }
  if (!cmd.actor.roles.some((r) => allowed.roles.includes(r))) {
    const names = allowed.roles.map((r) => run.bundle.roles.get(r)?.label.fa ?? r).join('، ');
    return refuse('not-permitted', {
      fa: `بازگرداندن پرونده به «${label.fa}» با این نقش‌هاست: ${names}`,
      en: `Only these roles may send the case back to "${label.en ?? label.fa}": ${allowed.roles.join(', ')}`,
    });
  }
  const reason = (cmd.reason ?? '').trim();
  if (!reason) return reasonRequired({ fa: 'دلیل بازگرداندن', en: 'Reason for sending back' });
  if (!run.state.path.includes(cmd.to)) {
    return refuse('return-not-allowed', { fa: `این پرونده هنوز از «${label.fa}» نگذشته است.`, en: `This case has not been through "${label.en ?? label.fa}".` });
  }
  const tokens = Object.entries(run.state.tokens).filter(([, st]) => st === task.step);
  // In parallel branches a return would have to withdraw the other branches as well: not supported, and said so.
  if (tokens.length !== 1 || Object.keys(run.state.tokens).length !== 1) {
    return refuse('return-not-allowed', {
      fa: 'تا شاخه‌های موازی این پرونده باز است، نمی‌توان آن را بازگرداند.',
      en: 'The case cannot be sent back while parallel branches of it are open.',
    });
  }
  const token = tokens[0][0];
  run.emit({ type: 'case.returned', task: task.id, from: task.step, to: cmd.to, reason, actor: cmd.actor.id, token });
  enter(run, cmd.to, token);
  return undefined;
}
