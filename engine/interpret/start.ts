/**
 * Starting a case: permission, subject, start form, guards — then the first step.
 */
import { toJalaliDate, toPersianDigits, tryParseDate } from '../calendar/index.js';
import type { Bundle, ProcedureDef } from '../model.js';
import { recordTitle } from '../records/display.js';
import { checkRules, evaluate } from '../rules/index.js';
import { caseData } from './context.js';
import { enter } from './enter.js';
import { toCaseError } from './errors.js';
import { formRefusal, guardRefusal, refuse } from './refusal.js';
import { openRun } from './run.js';
import { checkSubmission } from './submission.js';
import type { Command, Ctx, Decision, OpenCaseRef } from './types.js';

type Start = Extract<Command, { type: 'start' }>;

/** Starts a case: the `case.started` event and everything up to the first human task, or a refusal. */
export function startCase(bundle: Bundle, cmd: Start, ctx: Ctx): Decision {
  const proc = bundle.procedures.get(cmd.procedure);
  if (!proc) return refuse('unknown-procedure', { fa: `فرایند «${cmd.procedure}» تعریف نشده است.`, en: `Procedure "${cmd.procedure}" is not defined.` });
  if (!cmd.actor.roles.some((r) => proc.start.roles.includes(r)) && cmd.actor.id !== 'system') {
    return refuse('not-permitted', {
      fa: `شروع «${proc.title.fa}» فقط برای این نقش‌ها مجاز است: ${proc.start.roles.map((r) => bundle.roles.get(r)?.label.fa ?? r).join('، ')}`,
      en: `Only these roles may start "${proc.title.en ?? proc.title.fa}": ${proc.start.roles.join(', ')}`,
    });
  }
  let subjectRecord: Record<string, unknown> | undefined;
  if (proc.subject) {
    const entity = bundle.entities.get(proc.subject.entity);
    if (!cmd.subject) {
      return refuse('unknown-subject', { fa: `این فرایند دربارهٔ یک ${entity?.label.fa ?? proc.subject.entity} است؛ آن را انتخاب کنید.`, en: `This procedure needs a subject (${proc.subject.entity}).` });
    }
    subjectRecord = ctx.facts.record(proc.subject.entity, cmd.subject);
    if (!subjectRecord) {
      return refuse('unknown-subject', { fa: `${entity?.label.fa ?? proc.subject.entity} «${cmd.subject}» یافت نشد.`, en: `${proc.subject.entity} "${cmd.subject}" was not found.` });
    }
    if (ctx.facts.retired?.(proc.subject.entity, cmd.subject)) {
      const title = recordTitle(bundle, proc.subject.entity, subjectRecord, (e, id) => ctx.facts.record(e, id));
      const label = entity?.label ?? { fa: proc.subject.entity };
      return refuse('retired-record', {
        fa: `${label.fa} «${title.fa}» بایگانی شده است؛ پروندهٔ تازه‌ای بر آن آغاز نمی‌شود. اگر به اشتباه بایگانی شده، نخست آن را در ثبت‌ها بازگردانید.`,
        en: `The ${label.en ?? label.fa} "${title.en ?? title.fa}" is retired: no new case starts on it. Restore it in the registry first if it was retired by mistake.`,
      });
    }
  }
  // One open case per subject unless the procedure says otherwise: a second one is refused, naming the open one.
  const open = proc.subject && proc.exclusive && cmd.subject !== undefined ? ctx.openCase?.(proc.id, cmd.subject) : undefined;
  if (open) return alreadyOpen(bundle, proc, open);
  const input = structuredClone(cmd.input ?? {});
  const today = toJalaliDate(ctx.now, bundle.info.timeZone);
  const form = proc.start.form ? bundle.forms.get(proc.start.form) : undefined;
  if (form) {
    // Derived fields are computed here (a value sent for one is replaced); references must name existing records.
    let errors: ReturnType<typeof checkSubmission>['errors'];
    try {
      errors = checkSubmission(bundle, form, input, startScope(subjectRecord, input, ctx.now, today), { bundle, asOf: today, now: ctx.now, facts: ctx.facts }, { refuseRetired: true }).errors;
    } catch (err) {
      const e = toCaseError(err);
      return refuse('cannot-evaluate', { fa: `مقدارهای محاسبه‌شدهٔ فرم را نمی‌توان سنجید: ${e.text.fa}`, en: `The form's derived values cannot be computed: ${e.text.en ?? e.text.fa}` });
    }
    if (errors.length) return formRefusal(errors);
  }
  const run = openRun(bundle, proc, undefined, ctx);
  try {
    let judgedOn = today;
    if (proc.start.judged_on !== undefined) {
      const probe = { subject: subjectRecord ?? null, input, steps: {}, now: ctx.now, today };
      const d = evaluate(proc.start.judged_on, probe, { bundle, asOf: today, now: ctx.now, facts: ctx.facts });
      const parsed = tryParseDate(d, bundle.info.timeZone);
      if (parsed) judgedOn = parsed;
    }
    const started = {
      type: 'case.started' as const,
      caseId: cmd.caseId,
      procedure: proc.id,
      bundleHash: bundle.hash,
      input,
      judgedOn,
      actor: cmd.actor.id,
      ...(cmd.subject !== undefined ? { subject: cmd.subject } : {}),
      ...(subjectRecord ? { subjectRecord } : {}),
      ...(cmd.parent ? { parent: cmd.parent } : {}),
    };
    // Guards are judged before anything is emitted, against the state the case would start with.
    run.emit(started);
    // A guard that cannot be judged (missing data, a parameter not yet in force) refuses the start: no case exists yet.
    let failures: ReturnType<typeof checkRules>;
    try {
      failures = checkRules(proc.start.guards, caseData(run), run.env());
    } catch (err) {
      const e = toCaseError(err);
      return refuse('cannot-evaluate', { fa: `شرایط شروع را نمی‌توان سنجید: ${e.text.fa}`, en: `The start conditions cannot be judged: ${e.text.en ?? e.text.fa}` });
    }
    if (failures.length) return guardRefusal(failures);
    const first = proc.steps[0];
    enter(run, first.id, 't');
    return { ok: true, events: run.events };
  } catch (err) {
    const e = toCaseError(err);
    // Nothing happened yet: the start is refused as one that cannot be judged (the case error says why).
    if (run.events.length === 0) return refuse('cannot-evaluate', e.text);
    run.emit({ type: 'case.failed', error: { code: e.code, message: e.text, detail: e.detail } });
    return { ok: true, events: run.events };
  }
}

/** The data a start form's derived fields see: the subject, the input as submitted (also as `form`), no steps yet. */
export function startScope(subject: Record<string, unknown> | undefined, input: Record<string, unknown>, now: string, today: string): Record<string, unknown> {
  return { subject: subject ?? null, input: { ...input }, steps: {}, now, today, case: { started_on: today } };
}

/** The refusal of a second open case of an exclusive procedure for one subject. */
function alreadyOpen(bundle: Bundle, proc: ProcedureDef, open: OpenCaseRef): Decision {
  const what = bundle.entities.get(proc.subject?.entity ?? '')?.label ?? { fa: 'موضوع', en: 'subject' };
  const no = open.number ?? '';
  return {
    ok: false,
    refusal: {
      code: 'case-already-open',
      message: {
        // The number is a left-to-right isolate: after Persian letters its digits would otherwise read backwards.
        fa: `برای این ${what.fa} پروندهٔ «${proc.title.fa}» دیگری${no ? ` به شمارهٔ \u2066${toPersianDigits(no)}\u2069` : ''} باز است؛ تا آن پرونده بسته نشده، پروندهٔ تازه‌ای از این نوع شروع نمی‌شود.`,
        en: `This ${(what.en ?? what.fa).toLowerCase()} already has an open "${proc.title.en ?? proc.title.fa}" case${no ? ` (number ${no})` : ''}; no new one starts until it is closed.`,
      },
      failures: [],
      openCase: open,
    },
  };
}
