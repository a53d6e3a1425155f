/**
 * Runs a bundle's YAML scenarios through the interpreter against an in-memory registry.
 * A scenario passes when its start is refused by exactly the expected rules, or when its commands lead
 * to the expected result, path, open tasks and registry records. Every result says, in Persian and English, what
 * the scenario expected, what happened (also as data, `outcome`) and why it failed.
 */
import { addDays, addDuration, jalaliToInstant, toJalaliDate, toPersianDigits } from '../calendar/index.js';
import { formatCaseNumber } from '../numbers.js';
import { memoryFacts, mergeRegistry, type Registry } from '../facts/index.js';
import { applyCommand, findTask, fold } from '../interpret/index.js';
import type { CaseEvent, CaseState, Command, Ctx, Decision, Refusal } from '../interpret/types.js';
import type { Bundle, Scenario, SourcePos } from '../model.js';
import { briefs, expectWords, happenedWords, refusalText, rulesIn, stepLabel, type Outcome, type Words } from './outcome.js';
import { playTrigger, stateOutcome } from './trigger.js';

export interface ScenarioResult {
  id: string;
  title?: Scenario['title'];
  passed: boolean;
  /** Why it failed, one sentence each in both languages (empty when it passed). */
  problems: Words[];
  /** What the scenario expects, in words. */
  expected: Words;
  /** What happened, as data. */
  outcome: Outcome;
  /** What happened and why, in words. */
  happened: Words;
  source: SourcePos;
}

export interface ScenarioReport {
  results: ScenarioResult[];
  passed: number;
  failed: number;
}

/** Runs every scenario of the bundle (or those whose id contains `filter`). */
export function runScenarios(bundle: Bundle, filter?: string): ScenarioReport {
  const results = bundle.scenarios.filter((s) => !filter || s.id.includes(filter)).map((s) => runScenario(bundle, s));
  const passed = results.filter((r) => r.passed).length;
  return { results, passed, failed: results.length - passed };
}

/** The default "now" of a scenario: the day after the latest resolution, so every resolution is in force. */
function defaultNow(bundle: Bundle): string {
  let latest = '1400-01-01';
  for (const r of bundle.resolutions.values()) if (r.date > latest) latest = r.date;
  return jalaliToInstant(addDays(latest, 1), bundle.info.timeZone);
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Deep partial match: every key of `want` equals in `got`. */
function matches(got: unknown, want: unknown): boolean {
  if (want === null || typeof want !== 'object') return got === want || (typeof got === 'number' && typeof want === 'number' && Math.abs(got - want) < 1e-9);
  if (got === null || typeof got !== 'object') return false;
  if (Array.isArray(want)) return Array.isArray(got) && got.length === want.length && want.every((w, i) => matches(got[i], w));
  return Object.entries(want).every(([k, v]) => matches((got as Record<string, unknown>)[k], v));
}

function isSubsequence(seq: string[], of: string[]): boolean {
  let i = 0;
  for (const x of of) if (x === seq[i]) i++;
  return i === seq.length;
}

/** Runs one scenario. Never throws: an unexpected error is reported as a problem. */
export function runScenario(bundle: Bundle, sc: Scenario): ScenarioResult {
  const problems: Words[] = [];
  let outcome: Outcome = { kind: 'error', message: { fa: 'سناریو اجرا نشد', en: 'the scenario did not run' } };
  try {
    outcome = play(bundle, sc, problems);
  } catch (err) {
    const e = err as { code?: unknown; message?: string; stack?: string };
    const what = typeof e?.code === 'string' ? `${e.code}: ${e.message}` : (e?.stack ?? String(err));
    problems.push({ fa: `خطای پیش‌بینی‌نشده: ${what}`, en: `unexpected error: ${what}` });
    outcome = { kind: 'error', message: { fa: `خطای پیش‌بینی‌نشده: ${what}`, en: `unexpected error: ${what}` } };
  }
  return {
    id: sc.id, title: sc.title, passed: problems.length === 0, problems, source: sc.source,
    expected: expectWords(bundle, sc), outcome, happened: happenedWords(bundle, sc, outcome),
  };
}

/**
 * The bundle with a scenario's assumed parameter values (`assume:`) in force on every date: each assumed parameter's
 * history becomes the one value, from a resolution that says it is the scenario's assumption.
 */
export function withAssumptions(bundle: Bundle, sc: Pick<Scenario, 'id' | 'assume' | 'source'>): Bundle {
  if (!sc.assume || !Object.keys(sc.assume).length) return bundle;
  const parameters = new Map(bundle.parameters);
  for (const [id, value] of Object.entries(sc.assume)) {
    const p = parameters.get(id);
    if (!p) continue;
    const resolution = {
      id: `scenario:${sc.id}`, date: '0001-01-01', sample: true, modellingDefault: false, source: sc.source,
      title: { fa: `فرض سناریوی «${sc.id}»`, en: `assumed by scenario "${sc.id}"` },
    };
    parameters.set(id, { ...p, history: [{ value, resolution, source: sc.source }] });
  }
  return { ...bundle, parameters };
}

/** Plays a scenario's commands, collecting why it fails into `problems`; returns what happened. */
function play(original: Bundle, sc: Scenario, problems: Words[]): Outcome {
  const bundle = withAssumptions(original, sc);
  const tz = bundle.info.timeZone;
  const registry: Registry = mergeRegistry(bundle, bundle.registry, sc.registry);
  let now = sc.now ? (sc.now.includes('T') ? sc.now : jalaliToInstant(sc.now, tz)) : defaultNow(bundle);
  let seq = 0;
  const cases = new Map<string, { events: CaseEvent[]; state: CaseState; number: string }>();
  // Case numbers as a host gives them: the next of the year in the bundle's pattern, at each start that is accepted.
  const lastOfYear = new Map<number, number>();
  const nextNumber = (): string => {
    const year = Number(toJalaliDate(now, tz).slice(0, 4));
    const n = (lastOfYear.get(year) ?? 0) + 1;
    lastOfYear.set(year, n);
    return formatCaseNumber(bundle.info.caseNumber, year, n);
  };
  const ctx = (): Ctx => ({
    now,
    facts: memoryFacts(bundle, registry, { asOf: toJalaliDate(now, tz), now }),
    newId: () => `${sc.id}-${++seq}`,
    openCase: (procedure, subject) => {
      const open = [...cases.entries()].find(([, c]) => c.state.status === 'active' && c.state.procedure === procedure && c.state.subject === subject);
      return open ? { id: open[0], number: open[1].number } : undefined;
    },
  });

  const send = (caseId: string, cmd: Command): Decision => {
    const c = cases.get(caseId);
    const decision = applyCommand(bundle, c?.state, cmd, ctx());
    if (!decision.ok) return decision;
    const events = [...(c?.events ?? []), ...decision.events];
    cases.set(caseId, { events, state: fold(events), number: c?.number ?? nextNumber() });
    for (const e of decision.events) sideEffect(caseId, e);
    return decision;
  };

  const sideEffect = (caseId: string, e: CaseEvent): void => {
    if (e.type === 'entity.updated') {
      const key = bundle.entities.get(e.entity)?.key ?? 'id';
      const rec = (registry[e.entity] ?? []).find((r) => String(r[key]) === e.id);
      if (rec) Object.assign(rec, e.set);
      else problems.push({ fa: `اثری رکورد «${e.id}» از نوع ${e.entity} را به‌روز می‌کند که در ثبت‌ها نیست`, en: `effect updates ${e.entity} "${e.id}", which is not in the registry` });
    } else if (e.type === 'entity.created') {
      (registry[e.entity] ??= []).push({ ...e.values });
    } else if (e.type === 'subcase.requested') {
      const parent = cases.get(caseId)!.state;
      const d = send(e.childCaseId, {
        type: 'start',
        caseId: e.childCaseId,
        procedure: e.procedure,
        subject: e.subject,
        input: e.input,
        actor: { id: 'system', roles: [] },
        parent: { caseId: parent.caseId, step: e.step },
      });
      if (!d.ok) send(caseId, { type: 'child-ended', childCaseId: e.childCaseId, result: 'refused' });
    } else if (e.type === 'case.ended') {
      const parent = cases.get(caseId)?.state.parent;
      if (parent) send(parent.caseId, { type: 'child-ended', childCaseId: caseId, result: e.result });
    } else if (e.type === 'case.failed') {
      problems.push({
        fa: `پروندهٔ ${caseId} دچار خطا شد: ${e.error.code} — ${e.error.message.fa}`,
        en: `case ${caseId} failed: ${e.error.code} — ${e.error.message.en ?? e.error.message.fa}`,
      });
    }
  };

  if (sc.trigger) return playTrigger(bundle, sc, ctx(), problems);
  const proc = bundle.procedures.get(sc.procedure);
  const mainId = `${sc.id}-case`;
  const role = sc.actor ?? proc?.start.roles[0] ?? '';
  const started = send(mainId, { type: 'start', caseId: mainId, procedure: sc.procedure, subject: sc.subject, input: sc.input, actor: { id: 'scenario', roles: [role] } });
  const step = (id: string): Words => stepLabel(bundle, sc.procedure, id);
  if (sc.expect.refused) {
    const expected = sc.expect.refused;
    const want = rulesIn(bundle, expected);
    if (started.ok) {
      problems.push({ fa: `انتظار می‌رفت شروع پرونده با قاعدهٔ ${want.fa} رد شود، ولی پرونده آغاز شد`, en: `expected the start to be refused by [${expected.join(', ')}], but the case started` });
    } else {
      const got = started.refusal.failures.map((f) => f.rule);
      const okCode = expected.length === 1 && expected[0] === started.refusal.code;
      if (!okCode && !sameSet(got, expected)) {
        const why = refusalText(started.refusal);
        problems.push({ fa: `انتظار می‌رفت شروع پرونده با قاعدهٔ ${want.fa} رد شود، ولی چنین شد: ${why.fa}`, en: `expected refusal by [${expected.join(', ')}], got ${why.en}` });
      }
      for (const [rule, wanted] of Object.entries(sc.expect.values ?? {})) {
        const failure = started.refusal.failures.find((f) => f.rule === rule);
        if (failure && !matches(failure.values, wanted)) {
          const v = JSON.stringify(failure.values);
          const w = JSON.stringify(wanted);
          problems.push({ fa: `قاعدهٔ «${failure.label.fa}» با این مقدارها رد شد: ${v}؛ انتظار می‌رفت: ${w}`, en: `rule "${rule}" failed with values ${v}; expected ${w}` });
        }
      }
      fieldsProblem(sc.expect.fields, started.refusal, { fa: 'شروع پرونده', en: 'the start' });
    }
    if (started.ok) return stateOutcome(cases.get(mainId)!.state);
    return { kind: 'refused', code: started.refusal.code, message: started.refusal.message, failures: briefs(started.refusal) };
  }
  if (!started.ok) {
    const why = refusalText(started.refusal);
    problems.push({ fa: `شروع پرونده رد شد: ${why.fa}`, en: `start refused: ${why.en}` });
    return { kind: 'refused', code: started.refusal.code, message: started.refusal.message, failures: briefs(started.refusal) };
  }

  let others = 0;
  for (const st of sc.steps) {
    const where = { fa: `فرمان سطر ${toPersianDigits(String(st.source.line))}`, en: `step at line ${st.source.line}` };
    if (st.advance) {
      now = addDuration(now, st.advance, bundle.calendar, tz);
      fireDueTimers();
      continue;
    }
    let d: Decision;
    let what: Words;
    let stepId = '';
    if (st.start) {
      // Another case of the scenario (e.g. a second one for the same subject).
      const id = `${sc.id}-case-${++others + 1}`;
      const role = st.as ?? bundle.procedures.get(st.start)?.start.roles[0] ?? '';
      d = send(id, { type: 'start', caseId: id, procedure: st.start, subject: st.subject, input: st.input ?? {}, actor: { id: 'scenario', roles: [role] } });
      const title = bundle.procedures.get(st.start)?.title ?? { fa: st.start };
      what = { fa: `شروع «${title.fa}»`, en: `starting "${st.start}"` };
      stepId = st.start;
    } else {
      const ref = st.complete ?? st.return;
      if (!ref) continue;
      const owner = [...cases.entries()].find(([, c]) => findTask(c.state, ref, st.item));
      if (!owner) {
        const open = [...cases.values()].flatMap((c) => Object.values(c.state.tasks));
        const openFa = open.map((t) => `«${step(t.step).fa}»`).join('، ') || 'هیچ';
        problems.push({
          fa: `${where.fa}: کار بازی در مرحلهٔ «${step(ref).fa}»${st.item ? ` برای «${st.item}»` : ''} نیست؛ کارهای باز: ${openFa}`,
          en: `${where.en}: no open task "${ref}"${st.item ? ` for item "${st.item}"` : ''}; open: [${open.map((t) => t.id).join(', ')}]`,
        });
        return stateOutcome(cases.get(mainId)!.state);
      }
      const task = findTask(owner[1].state, ref, st.item)!;
      stepId = ref;
      if (st.return !== undefined) {
        const def = bundle.procedures.get(owner[1].state.procedure)?.stepIndex.get(task.step);
        const declared = def && 'returns' in def ? def.returns.find((r) => r.to === st.to) : undefined;
        const role = st.as ?? declared?.roles[0] ?? task.role;
        d = send(owner[0], { type: 'return', task: task.id, to: st.to ?? '', reason: st.reason ?? '', actor: { id: 'scenario', roles: [role] } });
        what = { fa: `بازگرداندن پرونده از «${step(ref).fa}» به «${step(st.to ?? '').fa}»`, en: `sending the case back from "${ref}" to "${st.to}"` };
      } else {
        d = send(owner[0], { type: 'complete', task: task.id, outcome: st.outcome, data: st.data ?? {}, actor: { id: 'scenario', roles: [st.as ?? task.role] } });
        what = { fa: `انجام «${step(ref).fa}»`, en: `completing "${ref}"` };
      }
    }
    if (st.expect_refused) {
      const want = rulesIn(bundle, st.expect_refused);
      if (d.ok) {
        problems.push({
          fa: `${where.fa}: انتظار می‌رفت ${what.fa} با قاعدهٔ ${want.fa || '(هر قاعده‌ای)'} رد شود، ولی پذیرفته شد`,
          en: `${where.en}: expected ${what.en} to be refused by [${st.expect_refused.join(', ')}], but it was accepted`,
        });
      } else {
        const got = d.refusal.failures.map((f) => f.rule);
        const codeOk = st.expect_refused.length === 1 && st.expect_refused[0] === d.refusal.code;
        if (!codeOk && !sameSet(got, st.expect_refused)) {
          const why = refusalText(d.refusal);
          problems.push({
            fa: `${where.fa}: انتظار می‌رفت ${what.fa} با قاعدهٔ ${want.fa} رد شود، ولی چنین شد: ${why.fa}`,
            en: `${where.en}: expected refusal by [${st.expect_refused.join(', ')}], got ${why.en}`,
          });
        }
        fieldsProblem(st.expect_fields, d.refusal, where);
      }
    } else if (!d.ok) {
      const why = refusalText(d.refusal);
      problems.push({ fa: `${where.fa}: ${what.fa} رد شد: ${why.fa}`, en: `${where.en}: ${what.en} was refused: ${why.en}` });
      return { kind: 'step-refused', step: stepId, code: d.refusal.code, message: d.refusal.message, failures: briefs(d.refusal) };
    }
  }

  const main = cases.get(mainId)!;
  const rebuilt = fold(main.events);
  if (JSON.stringify(rebuilt) !== JSON.stringify(main.state)) problems.push({ fa: 'وضعیت پرونده با بازسازی آن از رویدادهایش یکی نیست', en: 'the case state differs from the fold of its events' });
  const ex = sc.expect;
  const outcome = stateOutcome(main.state);
  if (ex.result !== undefined) {
    const want = expectWords(bundle, { ...sc, expect: { result: ex.result } });
    if (main.state.status !== 'ended') {
      const got = happenedWords(bundle, sc, outcome);
      problems.push({
        fa: `انتظار می‌رفت ${want.fa}، ولی ${got.fa}`,
        en: `expected result "${ex.result}", but the case is ${main.state.status}; open tasks: [${Object.keys(main.state.tasks).join(', ')}]`,
      });
    } else if (main.state.result !== ex.result) {
      const got = happenedWords(bundle, sc, outcome);
      problems.push({ fa: `انتظار می‌رفت ${want.fa}، ولی ${got.fa}`, en: `expected result "${ex.result}", got "${main.state.result}"` });
    }
  }
  if (ex.path && !isSubsequence(ex.path, main.state.path)) {
    const path = (ids: string[]) => ids.map((s) => `«${step(s).fa}»`).join(' ← ');
    problems.push({
      fa: `انتظار می‌رفت پرونده از ${path(ex.path)} بگذرد، ولی از ${path(main.state.path)} گذشت`,
      en: `expected path [${ex.path.join(' → ')}] within [${main.state.path.join(' → ')}]`,
    });
  }
  if (ex.number !== undefined && main.number !== ex.number) {
    problems.push({ fa: `انتظار می‌رفت شمارهٔ پرونده «${ex.number}» باشد، ولی «${main.number}» است`, en: `expected case number "${ex.number}", got "${main.number}"` });
  }
  if (ex.active) {
    const open = [...new Set(Object.values(main.state.tasks).map((t) => t.step))];
    if (!sameSet(open, ex.active)) {
      const labels = (ids: string[]) => ids.map((s) => `«${step(s).fa}»`).join('، ') || 'هیچ';
      problems.push({
        fa: `انتظار می‌رفت کارهای باز ${labels(ex.active)} باشند، ولی ${labels(open)} هستند`,
        en: `expected open tasks [${ex.active.join(', ')}], got [${open.join(', ')}]`,
      });
    }
  }
  const sent = [...cases.values()].flatMap((c) => c.events).filter((e): e is Extract<CaseEvent, { type: 'notification.requested' }> => e.type === 'notification.requested');
  for (const want of ex.notices ?? []) {
    const hit = sent.find((n) => (!want.to || n.to === want.to) && n.message.fa.includes(want.contains));
    const all = sent.map((n) => `[${n.to}] ${n.message.fa}`).join(' | ');
    if (!hit) {
      problems.push({
        fa: `انتظار می‌رفت پیامی${want.to ? ` به «${roleLabel(want.to)}»` : ''} شامل «${want.contains}» فرستاده شود؛ فرستاده‌ها: ${all || 'هیچ'}`,
        en: `expected a notice${want.to ? ` to ${want.to}` : ''} containing «${want.contains}»; sent: ${all || 'none'}`,
      });
    } else if (want.not_contains && hit.message.fa.includes(want.not_contains)) {
      problems.push({ fa: `پیام «${hit.message.fa}» شامل «${want.not_contains}» است`, en: `the notice «${hit.message.fa}» contains «${want.not_contains}»` });
    }
  }
  if (ex.children) {
    const kids = [...cases.values()].filter((c) => c.state.parent?.caseId === main.state.caseId);
    const childStep = (proc: string, id: string): string => `«${stepLabel(bundle, proc, id).fa}»`;
    if (kids.length !== ex.children.length) {
      problems.push({ fa: `انتظار می‌رفت ${toPersianDigits(String(ex.children.length))} پروندهٔ فرعی آغاز شود، ولی ${toPersianDigits(String(kids.length))} آغاز شد`, en: `expected ${ex.children.length} child cases, got ${kids.length}` });
    }
    ex.children.forEach((want, i) => {
      const kid = kids[i];
      if (!kid) return;
      const k = kid.state;
      const n = { fa: `پروندهٔ فرعی ${toPersianDigits(String(i + 1))}`, en: `child case ${i + 1}` };
      if (want.procedure !== undefined && k.procedure !== want.procedure) problems.push({ fa: `${n.fa} از فرایند «${k.procedure}» است، نه «${want.procedure}»`, en: `${n.en} is of procedure "${k.procedure}", not "${want.procedure}"` });
      if (want.input !== undefined && !matches(k.input, want.input)) problems.push({ fa: `ورودی ${n.fa} چنین است: ${JSON.stringify(k.input)}؛ انتظار می‌رفت: ${JSON.stringify(want.input)}`, en: `${n.en} input is ${JSON.stringify(k.input)}; expected ${JSON.stringify(want.input)}` });
      if (want.result !== undefined && (k.status !== 'ended' || k.result !== want.result)) problems.push({ fa: `${n.fa} با نتیجهٔ «${want.result}» پایان نیافت (وضعیت: ${k.status}${k.result ? `، ${k.result}` : ''})`, en: `${n.en}: expected result "${want.result}", it is ${k.status}${k.result ? ` (${k.result})` : ''}` });
      if (want.path && !isSubsequence(want.path, k.path)) problems.push({ fa: `${n.fa} از ${want.path.map((x) => childStep(k.procedure, x)).join(' ← ')} نگذشت (مسیر: ${k.path.map((x) => childStep(k.procedure, x)).join(' ← ')})`, en: `${n.en}: expected path [${want.path.join(' → ')}] within [${k.path.join(' → ')}]` });
      if (want.active) {
        const open = [...new Set(Object.values(k.tasks).map((t) => t.step))];
        if (!sameSet(open, want.active)) problems.push({ fa: `کارهای باز ${n.fa} ${open.map((x) => childStep(k.procedure, x)).join('، ') || 'هیچ'} است، نه ${want.active.map((x) => childStep(k.procedure, x)).join('، ')}`, en: `${n.en}: expected open tasks [${want.active.join(', ')}], got [${open.join(', ')}]` });
      }
    });
  }
  for (const [stepId, want] of Object.entries(ex.selection ?? {})) {
    const data = main.state.steps[stepId]?.data as { selected?: { key: string }[]; skipped?: { key: string; rules: string[] }[]; beyond?: { key: string }[] } | undefined;
    const label = step(stepId);
    if (!data?.selected) {
      problems.push({ fa: `مرحلهٔ «${label.fa}» انتخابی نکرد (به آن نرسید)`, en: `step "${stepId}" made no selection` });
      continue;
    }
    const keys = (xs: { key: string }[] | undefined) => (xs ?? []).map((x) => x.key);
    if (want.selected && JSON.stringify(keys(data.selected)) !== JSON.stringify(want.selected)) {
      problems.push({ fa: `در «${label.fa}» این‌ها برگزیده شدند: ${keys(data.selected).join('، ') || 'هیچ'}؛ انتظار می‌رفت: ${want.selected.join('، ') || 'هیچ'}`, en: `step "${stepId}" selected [${keys(data.selected).join(', ')}]; expected [${want.selected.join(', ')}]` });
    }
    if (want.beyond && !sameSet(keys(data.beyond), want.beyond)) {
      problems.push({ fa: `در «${label.fa}» این‌ها بیرون از ظرفیت ماندند: ${keys(data.beyond).join('، ') || 'هیچ'}؛ انتظار می‌رفت: ${want.beyond.join('، ') || 'هیچ'}`, en: `step "${stepId}" left [${keys(data.beyond).join(', ')}] beyond its limit; expected [${want.beyond.join(', ')}]` });
    }
    if (want.skipped) {
      const got = Object.fromEntries((data.skipped ?? []).map((x) => [x.key, x.rules]));
      const same = sameSet(Object.keys(got), Object.keys(want.skipped)) && Object.entries(want.skipped).every(([k, rules]) => sameSet(got[k] ?? [], rules));
      if (!same) problems.push({ fa: `در «${label.fa}» این‌ها کنار گذاشته شدند: ${JSON.stringify(got)}؛ انتظار می‌رفت: ${JSON.stringify(want.skipped)}`, en: `step "${stepId}" skipped ${JSON.stringify(got)}; expected ${JSON.stringify(want.skipped)}` });
    }
  }
  for (const [id, want] of Object.entries(ex.registry ?? {})) {
    const [entity, key] = id.includes('/') ? id.split('/', 2) : [undefined, id];
    const rec = Object.entries(registry)
      .filter(([e]) => !entity || e === entity)
      .flatMap(([e, rs]) => rs.filter((r) => String(r[bundle.entities.get(e)?.key ?? 'id']) === key))[0];
    if (!rec) problems.push({ fa: `رکورد «${id}» در ثبت‌ها پیدا نشد`, en: `expected registry record "${id}", none found` });
    else if (!matches(rec, want)) {
      problems.push({
        fa: `رکورد «${id}» چنین است: ${JSON.stringify(rec)}؛ انتظار می‌رفت: ${JSON.stringify(want)}`,
        en: `registry record "${id}" is ${JSON.stringify(rec)}; expected ${JSON.stringify(want)}`,
      });
    }
  }
  return outcome;

  /** The fields a form refusal named must be exactly the expected ones (when the scenario names them). */
  function fieldsProblem(expected: string[] | undefined, r: Refusal, what: Words): void {
    if (!expected) return;
    const got = [...new Set((r.fieldErrors ?? []).map((f) => f.path))];
    if (sameSet(got, expected)) return;
    const why = refusalText(r);
    problems.push({
      fa: `${what.fa}: انتظار می‌رفت فیلدهای ${expected.join('، ')} رد شوند، ولی ${got.join('، ') || 'هیچ'} رد شدند (${why.fa})`,
      en: `${what.en}: expected the fields [${expected.join(', ')}] refused, got [${got.join(', ')}] (${why.en})`,
    });
  }

  function roleLabel(id: string): string {
    return bundle.roles.get(id)?.label.fa ?? id;
  }

  function fireDueTimers(): void {
    for (let guard = 0; guard < 1000; guard++) {
      const due = [...cases.entries()]
        .flatMap(([id, c]) => Object.entries(c.state.timers).map(([timer, t]) => ({ id, timer, fireAt: t.fireAt })))
        .filter((t) => t.fireAt <= now)
        .sort((a, b) => a.fireAt.localeCompare(b.fireAt));
      if (due.length === 0) return;
      const d = send(due[0].id, { type: 'fire-timer', timer: due[0].timer });
      if (!d.ok) {
        const why = refusalText(d.refusal);
        problems.push({ fa: `زمان‌سنج ${due[0].timer} اجرا نشد: ${why.fa}`, en: `timer ${due[0].timer} could not fire: ${why.en}` });
      }
    }
  }
}
