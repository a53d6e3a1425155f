/**
 * Runs a bundle's YAML scenarios through the interpreter against an in-memory registry.
 * A scenario passes when its start is refused by exactly the expected rules, or when its commands lead
 * to the expected result, path, open tasks and registry records.
 */
import { addDays, addDuration, jalaliToInstant, toJalaliDate } from '../calendar/index.js';
import { formatCaseNumber } from '../numbers.js';
import { memoryFacts, mergeRegistry, type Registry } from '../facts/index.js';
import { applyCommand, findTask, fold, triggerTime } from '../interpret/index.js';
import type { CaseEvent, CaseState, Command, Ctx, Decision, Refusal } from '../interpret/types.js';
import type { Bundle, Scenario, SourcePos } from '../model.js';

export interface ScenarioResult {
  id: string;
  title?: Scenario['title'];
  passed: boolean;
  /** Why it failed, one line each (empty when it passed). */
  problems: string[];
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

function refusalText(r: Refusal): string {
  const rules = r.failures.map((f) => `${f.rule}: ${f.message.fa}`).join('; ');
  const fields = (r.fieldErrors ?? []).map((f) => `${f.path}: ${f.message.fa}`).join('; ');
  return `${r.code} — ${r.message.fa}${rules ? ` [${rules}]` : ''}${fields ? ` [${fields}]` : ''}`;
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
  const problems: string[] = [];
  const result = (): ScenarioResult => ({ id: sc.id, title: sc.title, passed: problems.length === 0, problems, source: sc.source });
  try {
    play(bundle, sc, problems);
  } catch (err) {
    const e = err as { code?: unknown; message?: string; stack?: string };
    problems.push(`unexpected error: ${typeof e?.code === 'string' ? `${e.code}: ${e.message}` : (e?.stack ?? String(err))}`);
  }
  return result();
}

function play(bundle: Bundle, sc: Scenario, problems: string[]): void {
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
      else problems.push(`effect updates ${e.entity} "${e.id}", which is not in the registry`);
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
      problems.push(`case ${caseId} failed: ${e.error.code} — ${e.error.message.fa} (${e.error.message.en ?? ''})`);
    }
  };

  if (sc.trigger) return playTrigger(bundle, sc, ctx(), problems);
  const proc = bundle.procedures.get(sc.procedure);
  const mainId = `${sc.id}-case`;
  const role = sc.actor ?? proc?.start.roles[0] ?? '';
  const started = send(mainId, { type: 'start', caseId: mainId, procedure: sc.procedure, subject: sc.subject, input: sc.input, actor: { id: 'scenario', roles: [role] } });
  if (sc.expect.refused) {
    if (started.ok) problems.push(`expected the start to be refused by [${sc.expect.refused.join(', ')}], but the case started`);
    else {
      const got = started.refusal.failures.map((f) => f.rule);
      const expected = sc.expect.refused;
      const okCode = expected.length === 1 && expected[0] === started.refusal.code;
      if (!okCode && !sameSet(got, expected)) problems.push(`expected refusal by [${expected.join(', ')}], got ${refusalText(started.refusal)}`);
    }
    return;
  }
  if (!started.ok) {
    problems.push(`start refused: ${refusalText(started.refusal)}`);
    return;
  }

  let others = 0;
  for (const st of sc.steps) {
    const where = `step at line ${st.source.line}`;
    if (st.advance) {
      now = addDuration(now, st.advance, bundle.calendar, tz);
      fireDueTimers();
      continue;
    }
    let d: Decision;
    let what: string;
    if (st.start) {
      // Another case of the scenario (e.g. a second one for the same subject).
      const id = `${sc.id}-case-${++others + 1}`;
      const role = st.as ?? bundle.procedures.get(st.start)?.start.roles[0] ?? '';
      d = send(id, { type: 'start', caseId: id, procedure: st.start, subject: st.subject, input: st.input ?? {}, actor: { id: 'scenario', roles: [role] } });
      what = `starting "${st.start}"`;
    } else {
      const ref = st.complete ?? st.return;
      if (!ref) continue;
      const owner = [...cases.entries()].find(([, c]) => findTask(c.state, ref, st.item));
      if (!owner) {
        const open = [...cases.values()].flatMap((c) => Object.keys(c.state.tasks));
        problems.push(`${where}: no open task "${ref}"${st.item ? ` for item "${st.item}"` : ''}; open: [${open.join(', ')}]`);
        return;
      }
      const task = findTask(owner[1].state, ref, st.item)!;
      if (st.return !== undefined) {
        const step = bundle.procedures.get(owner[1].state.procedure)?.stepIndex.get(task.step);
        const declared = step && 'returns' in step ? step.returns.find((r) => r.to === st.to) : undefined;
        const role = st.as ?? declared?.roles[0] ?? task.role;
        d = send(owner[0], { type: 'return', task: task.id, to: st.to ?? '', reason: st.reason ?? '', actor: { id: 'scenario', roles: [role] } });
        what = `sending the case back from "${ref}" to "${st.to}"`;
      } else {
        d = send(owner[0], { type: 'complete', task: task.id, outcome: st.outcome, data: st.data ?? {}, actor: { id: 'scenario', roles: [st.as ?? task.role] } });
        what = `completing "${ref}"`;
      }
    }
    if (st.expect_refused) {
      if (d.ok) problems.push(`${where}: expected ${what} to be refused by [${st.expect_refused.join(', ')}], but it was accepted`);
      else {
        const got = d.refusal.failures.map((f) => f.rule);
        const codeOk = st.expect_refused.length === 1 && st.expect_refused[0] === d.refusal.code;
        if (!codeOk && !sameSet(got, st.expect_refused)) problems.push(`${where}: expected refusal by [${st.expect_refused.join(', ')}], got ${refusalText(d.refusal)}`);
      }
    } else if (!d.ok) {
      problems.push(`${where}: ${what} was refused: ${refusalText(d.refusal)}`);
      return;
    }
  }

  const main = cases.get(mainId)!;
  const rebuilt = fold(main.events);
  if (JSON.stringify(rebuilt) !== JSON.stringify(main.state)) problems.push('the case state differs from the fold of its events');
  const ex = sc.expect;
  if (ex.result !== undefined) {
    if (main.state.status !== 'ended') problems.push(`expected result "${ex.result}", but the case is ${main.state.status}; open tasks: [${Object.keys(main.state.tasks).join(', ')}]`);
    else if (main.state.result !== ex.result) problems.push(`expected result "${ex.result}", got "${main.state.result}"`);
  }
  if (ex.number !== undefined && main.number !== ex.number) problems.push(`expected case number "${ex.number}", got "${main.number}"`);
  if (ex.path && !isSubsequence(ex.path, main.state.path)) problems.push(`expected path [${ex.path.join(' → ')}] within [${main.state.path.join(' → ')}]`);
  if (ex.active) {
    const open = [...new Set(Object.values(main.state.tasks).map((t) => t.step))];
    if (!sameSet(open, ex.active)) problems.push(`expected open tasks [${ex.active.join(', ')}], got [${open.join(', ')}]`);
  }
  for (const [id, want] of Object.entries(ex.registry ?? {})) {
    const [entity, key] = id.includes('/') ? id.split('/', 2) : [undefined, id];
    const rec = Object.entries(registry)
      .filter(([e]) => !entity || e === entity)
      .flatMap(([e, rs]) => rs.filter((r) => String(r[bundle.entities.get(e)?.key ?? 'id']) === key))[0];
    if (!rec) problems.push(`expected registry record "${id}", none found`);
    else if (!matches(rec, want)) problems.push(`registry record "${id}" is ${JSON.stringify(rec)}; expected ${JSON.stringify(want)}`);
  }

  function fireDueTimers(): void {
    for (let guard = 0; guard < 1000; guard++) {
      const due = [...cases.entries()]
        .flatMap(([id, c]) => Object.entries(c.state.timers).map(([timer, t]) => ({ id, timer, fireAt: t.fireAt })))
        .filter((t) => t.fireAt <= now)
        .sort((a, b) => a.fireAt.localeCompare(b.fireAt));
      if (due.length === 0) return;
      const d = send(due[0].id, { type: 'fire-timer', timer: due[0].timer });
      if (!d.ok) problems.push(`timer ${due[0].timer} could not fire: ${refusalText(d.refusal)}`);
    }
  }
}

/** A trigger scenario: when (or whether) the trigger fires for the named record. */
function playTrigger(bundle: Bundle, sc: Scenario, ctx: Ctx, problems: string[]): void {
  const trigger = bundle.triggers.get(sc.trigger!);
  const record = sc.subject !== undefined && trigger ? ctx.facts.record(trigger.entity, sc.subject) : undefined;
  if (!trigger || !record) {
    problems.push(`no ${trigger ? `${trigger.entity} record "${sc.subject}"` : `trigger "${sc.trigger}"`} to test`);
    return;
  }
  const at = triggerTime(bundle, trigger, record, ctx);
  const on = at && toJalaliDate(at, bundle.info.timeZone);
  if (sc.expect.fires === false && on) problems.push(`expected trigger "${trigger.id}" not to apply to "${sc.subject}", but it fires on ${on}`);
  if (sc.expect.fires_on !== undefined && on !== sc.expect.fires_on) {
    problems.push(`expected trigger "${trigger.id}" to fire on ${sc.expect.fires_on} for "${sc.subject}", ${on ? `but it fires on ${on}` : 'but it does not apply'}`);
  }
}
