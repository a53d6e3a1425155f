import { describe, expect, it } from 'vitest';
import { toJalaliDate } from '../../engine/calendar/index.js';
import { evolve, fold } from '../../engine/interpret/index.js';
import type { CaseEvent, CaseState } from '../../engine/interpret/types.js';
import { at, board, checker, clerk, Driver, loadToy } from './toy.js';

const bundle = loadToy();
const start = (d: Driver, input: Record<string, unknown> = { size: 40, kind: 'a', spot: { lat: 38.3, lon: 48.3 } }, subject = 't1') =>
  d.send({ type: 'start', caseId: 'c1', procedure: 'full', subject, input, actor: clerk });

function throughJoin(d: Driver) {
  d.ok({ type: 'complete', task: 'intake', actor: clerk });
  d.ok({ type: 'complete', task: 'vet', outcome: 'clear', actor: clerk });
  d.ok({ type: 'complete', task: 'board-vote', outcome: 'approve', data: { note: 'ok' }, actor: board });
}

describe('starting a case', () => {
  it('refuses when a guard fails and explains every failed rule with values and resolution', () => {
    const d = new Driver(bundle, at('1404-02-01'));
    const r = start(d, { size: 5 }, 't2');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusal.code).toBe('guard-failed');
    expect(r.refusal.failures.map((f) => f.rule).sort()).toEqual(['old-enough', 'size-enough']);
    const size = r.refusal.failures.find((f) => f.rule === 'size-enough')!;
    expect(size.values).toEqual({ found: 5, required: 30 });
    expect(size.message.en).toBe('Size is 5; at least 30 is required. — "Second resolution" (1403-07-01)');
    expect(size.message.fa).toContain('۳۰');
    expect(size.resolutions[0]).toMatchObject({ id: 'second', parameter: 'size.min', value: 30, date: '1403-07-01' });
    expect(d.events).toHaveLength(0);
  });

  it('judges parameters as of the start date: 25 passes under the first resolution and fails under the second', () => {
    const before = new Driver(bundle, at('1403-06-30'));
    expect(start(before, { size: 25 }).ok).toBe(true);
    const after = new Driver(bundle, at('1403-07-01'));
    const r = start(after, { size: 25 });
    expect(r.ok || r.refusal.failures.map((f) => f.rule)).toEqual(['size-enough']);
  });

  it('refuses a role that may not start the procedure, an unknown subject and an invalid form', () => {
    const d = new Driver(bundle, at('1404-02-01'));
    const r1 = d.send({ type: 'start', caseId: 'c1', procedure: 'full', subject: 't1', input: { size: 40 }, actor: board });
    expect(r1.ok || r1.refusal.code).toBe('not-permitted');
    const r2 = start(d, { size: 40 }, 'nope');
    expect(r2.ok || r2.refusal.code).toBe('unknown-subject');
    const r3 = start(d, { kind: 'z' });
    expect(r3.ok).toBe(false);
    if (r3.ok) return;
    expect(r3.refusal.code).toBe('invalid-form');
    expect(r3.refusal.fieldErrors!.map((e) => e.path).sort()).toEqual(['/kind', '/size']);
    expect(r3.refusal.fieldErrors!.find((e) => e.path === '/size')!.message.fa).toContain('اندازه');
  });

  it('opens the first task with the clock stopped and no due date', () => {
    const d = new Driver(bundle, at('1404-02-01'));
    expect(start(d).ok).toBe(true);
    expect(d.state!.tasks.intake).toMatchObject({ role: 'clerk', clockStopped: true });
    expect(d.state!.tasks.intake.due).toBeUndefined();
    expect(d.state!.judgedOn).toBe('1404-02-01');
  });
});

describe('moving through the steps', () => {
  it('runs split and join: both branches open, the join waits for the last one', () => {
    const d = new Driver(bundle, at('1404-02-01'));
    start(d);
    d.ok({ type: 'complete', task: 'intake', actor: clerk });
    expect(d.tasks).toEqual(['board-vote', 'vet']);
    d.ok({ type: 'complete', task: 'vet', outcome: 'clear', actor: clerk });
    expect(d.tasks).toEqual(['board-vote']);
    d.ok({ type: 'complete', task: 'board-vote', outcome: 'approve', data: { note: 'ok' }, actor: board });
    expect(d.tasks).toEqual(['inspect']);
    expect(d.state!.path).toEqual(['intake', 'fork', 'vet', 'board-vote', 'meet', 'meet', 'inspect']);
  });

  it('computes due dates in Jalali months and in working days that skip Friday', () => {
    // 1404-02-03 is a Wednesday: three working days later skips Friday 1404-02-05 → Sunday 1404-02-07.
    const d = new Driver(bundle, at('1404-02-03'));
    start(d);
    d.ok({ type: 'complete', task: 'intake', actor: clerk });
    expect(toJalaliDate(d.state!.tasks['board-vote'].due!, 'Asia/Tehran')).toBe('1404-02-07');
    expect(toJalaliDate(d.state!.tasks.vet.due!, 'Asia/Tehran')).toBe('1404-03-03');
  });

  it('guards an outcome and lets only the task role complete it', () => {
    const d = new Driver(bundle, at('1404-02-01'));
    start(d);
    d.ok({ type: 'complete', task: 'intake', actor: clerk });
    const noNote = d.send({ type: 'complete', task: 'board-vote', outcome: 'approve', data: {}, actor: board });
    expect(noNote.ok || noNote.refusal.failures.map((f) => f.rule)).toEqual(['note-given']);
    const wrongRole = d.send({ type: 'complete', task: 'board-vote', outcome: 'approve', data: { note: 'x' }, actor: clerk });
    expect(wrongRole.ok || wrongRole.refusal.code).toBe('not-permitted');
    const badOutcome = d.send({ type: 'complete', task: 'board-vote', outcome: 'maybe', actor: board });
    expect(badOutcome.ok || badOutcome.refusal.code).toBe('unknown-outcome');
  });

  it('computes an inspection outcome from its checklist (non-critical items do not fail it)', () => {
    const d = new Driver(bundle, at('1404-02-01'));
    start(d);
    throughJoin(d);
    const missing = d.send({ type: 'complete', task: 'inspect', data: { size: 40 }, actor: checker });
    expect(missing.ok || missing.refusal.code).toBe('invalid-form');
    d.ok({ type: 'complete', task: 'inspect', data: { size: 40, sign: true, extra: false }, actor: checker });
    expect(d.state!.steps.inspect.outcome).toBe('pass');
    expect(d.tasks).toEqual(['partners:x', 'partners:y']);
  });

  it('fails an inspection when a critical item fails and routes to its fail step', () => {
    const d = new Driver(bundle, at('1404-02-01'));
    start(d);
    throughJoin(d);
    d.ok({ type: 'complete', task: 'inspect', data: { size: 29, sign: true, extra: true }, actor: checker });
    expect(d.state!.status).toBe('ended');
    expect(d.state!.result).toBe('refused');
  });

  it('asks one inquiry per item and refuses when one objects', () => {
    const d = new Driver(bundle, at('1404-02-01'));
    start(d);
    throughJoin(d);
    d.ok({ type: 'complete', task: 'inspect', data: { size: 40, sign: true, extra: true }, actor: checker });
    d.ok({ type: 'complete', task: 'partners:x', outcome: 'yes', actor: clerk });
    expect(d.state!.status).toBe('active');
    d.ok({ type: 'complete', task: 'partners:y', outcome: 'no', actor: clerk });
    expect(d.state!.result).toBe('refused');
    expect(d.state!.steps.partners.items).toMatchObject({ x: { outcome: 'yes' }, y: { outcome: 'no' } });
  });

  it('routes by rule, notifies, runs a sub-procedure and applies the end effects', () => {
    const d = new Driver(bundle, at('1404-02-01'));
    start(d);
    throughJoin(d);
    d.ok({ type: 'complete', task: 'inspect', data: { size: 40, sign: true, extra: true }, actor: checker });
    d.ok({ type: 'complete', task: 'partners:x', outcome: 'yes', actor: clerk });
    const events = d.ok({ type: 'complete', task: 'partners:y', outcome: 'yes', actor: clerk });
    const note = events.find((e) => e.type === 'notification.requested') as Extract<CaseEvent, { type: 'notification.requested' }>;
    expect(note.message.en).toBe('Case c1 is ready.');
    const sub = events.find((e) => e.type === 'subcase.requested') as Extract<CaseEvent, { type: 'subcase.requested' }>;
    expect(sub).toMatchObject({ procedure: 'mini', subject: 't1' });
    const end = d.ok({ type: 'child-ended', childCaseId: sub.childCaseId, result: 'done' });
    expect(end.find((e) => e.type === 'entity.updated')).toMatchObject({ entity: 'thing', id: 't1', set: { state: 'moved', spot: { lat: 38.3, lon: 48.3 } } });
    expect(d.state).toMatchObject({ status: 'ended', result: 'approved' });
  });

  it('waits on a timer until it fires', () => {
    const d = new Driver(bundle, at('1404-02-01'));
    start(d, { size: 40, kind: 'b' });
    throughJoin(d);
    d.ok({ type: 'complete', task: 'inspect', data: { size: 40, sign: true, extra: true }, actor: checker });
    d.ok({ type: 'complete', task: 'partners:x', outcome: 'yes', actor: clerk });
    d.ok({ type: 'complete', task: 'partners:y', outcome: 'yes', actor: clerk });
    const [timer, t] = Object.entries(d.state!.timers)[0];
    expect(toJalaliDate(t.fireAt, 'Asia/Tehran')).toBe('1404-02-11');
    expect(d.state!.children).toEqual({});
    d.now = at('1404-02-12');
    const fired = d.ok({ type: 'fire-timer', timer });
    expect(fired.map((e) => e.type)).toContain('subcase.requested');
    const again = d.send({ type: 'fire-timer', timer });
    expect(again.ok || again.refusal.code).toBe('unknown-timer');
  });

  it('refuses commands on a closed case and cancels only for a starting role', () => {
    const d = new Driver(bundle, at('1404-02-01'));
    start(d);
    const r = d.send({ type: 'cancel', actor: board });
    expect(r.ok || r.refusal.code).toBe('not-permitted');
    d.ok({ type: 'cancel', reason: 'withdrawn', actor: clerk });
    expect(d.state!.status).toBe('cancelled');
    const after = d.send({ type: 'complete', task: 'intake', actor: clerk });
    expect(after.ok || after.refusal.code).toBe('case-closed');
  });

  it('refuses a start whose guards cannot be judged, storing nothing', () => {
    // Before the first resolution no value of the parameter is in force.
    const d = new Driver(bundle, at('1399-01-01'));
    const r = start(d);
    expect(r.ok || r.refusal.code).toBe('cannot-evaluate');
    expect(r.ok || r.refusal.message.en).toMatch(/size\.min/);
    expect(d.events).toHaveLength(0);
  });

  it('puts a running case into an error state with an event instead of throwing', () => {
    const d = new Driver(bundle, at('1404-02-01'));
    const r = d.send({ type: 'start', caseId: 'c9', procedure: 'fragile', input: { when: 'soon' }, actor: clerk });
    expect(r.ok).toBe(true);
    expect(d.state!.status).toBe('failed');
    expect(d.events.at(-1)).toMatchObject({ type: 'case.failed', error: { code: 'bad-timer' } });
    const next = d.send({ type: 'cancel', actor: clerk });
    expect(next.ok || next.refusal.code).toBe('case-closed');
    const ok = new Driver(bundle, at('1404-02-01'));
    ok.ok({ type: 'start', caseId: 'c10', procedure: 'fragile', input: { when: '1404-03-01' }, actor: clerk });
    expect(Object.values(ok.state!.timers)[0].fireAt).toBe(at('1404-03-01'));
  });
});

describe('state as the fold of events', () => {
  it('evolving event by event equals folding them all', () => {
    const d = new Driver(bundle, at('1404-02-01'));
    start(d);
    throughJoin(d);
    let s: CaseState | undefined;
    for (const e of d.events) s = evolve(s, e);
    expect(s).toEqual(fold(d.events));
    expect(s!.version).toBe(d.events.length);
  });
});
