/**
 * The engine's safety nets, on a small bundle in memory: returns (who, where, why; the loader's checks at file:line:col),
 * one open case per subject, the preview of a completion, the done/active marks of a closed case, case-number
 * patterns, and cancelling only with a reason.
 */
import { describe, expect, it } from 'vitest';
import { memoryFacts } from '../../engine/facts/index.js';
import { applyCommand, fold, previewCompletion, stepMarks } from '../../engine/interpret/index.js';
import type { CaseEvent, CaseState, Command, Ctx, OpenCaseRef } from '../../engine/interpret/types.js';
import type { Bundle } from '../../engine/model.js';
import { casePatternProblem, formatCaseNumber } from '../../engine/numbers.js';
import { header, loadWith } from '../load/helpers.js';

const NOW = '2026-05-10T04:30:00.000Z';
const clerk = { id: 'c1', roles: ['clerk'] };
const board = { id: 'b1', roles: ['board'] };

const procedure = (returns: string, extra = '') => `${header('procedure')}kind: procedure
id: p
title: { fa: روال, en: Procedure }
subject: { entity: unit }
${extra}start: { roles: [clerk], form: request }
steps:
  - id: review
    kind: task
    label: { fa: بررسی, en: Review }
    role: clerk
    outcomes:
      - { id: accept, label: { fa: پذیرش, en: Accept }, next: check }
  - id: check
    kind: inspection
    label: { fa: بازدید, en: Visit }
    role: clerk
    checklist: standards
    next: { pass: decide, fail: confirm }
  - id: confirm
    kind: decision
    label: { fa: تأیید رد, en: Confirm }
    role: clerk
    outcomes:
      - { id: confirm, label: { fa: رد, en: Refuse }, next: no }
${returns}  - id: decide
    kind: decision
    label: { fa: تصمیم, en: Decide }
    role: board
    outcomes:
      - { id: yes, label: { fa: تصویب, en: Approve }, next: ok }
  - { id: ok, kind: end, label: { fa: تصویب شد, en: Approved }, result: approved }
  - { id: no, kind: end, label: { fa: رد شد, en: Refused }, result: refused }
`;
const RETURNS = `    returns:
      - { to: check, roles: [clerk], label: { fa: بازگشت به بازدید, en: Back to the visit } }
`;
const REGISTRY = `${header('registry')}kind: registry
records:
  unit: [{ id: u1, place: x }, { id: u2, place: x }]
`;

function load(returns = RETURNS, extra = ''): Bundle {
  const r = loadWith({ 'procedure.yaml': procedure(returns, extra), 'registry.yaml': REGISTRY });
  expect(r.errors).toEqual([]);
  return r.bundle!;
}

/** A case driven through the interpreter, with the open cases a host would report. */
class Case {
  events: CaseEvent[] = [];
  state?: CaseState;
  constructor(readonly bundle: Bundle, readonly open: (p: string, s: string) => OpenCaseRef | undefined = () => undefined) {}
  ctx(): Ctx {
    return { now: NOW, facts: memoryFacts(this.bundle, this.bundle.registry, { asOf: '1405-02-20', now: NOW }), newId: () => 'child', openCase: this.open };
  }
  send(cmd: Command) {
    const d = applyCommand(this.bundle, this.state, cmd, this.ctx());
    if (d.ok) this.state = fold((this.events = [...this.events, ...d.events]));
    return d;
  }
}

const started = (b: Bundle, subject = 'u1') => {
  const c = new Case(b);
  expect(c.send({ type: 'start', procedure: 'p', subject, input: { area: 50 }, actor: clerk, caseId: 'k1' }).ok).toBe(true);
  return c;
};

describe('returns', () => {
  it('sends a failed inspection back from the review: the role, a reason and a declared earlier step are required', () => {
    const c = started(load());
    c.send({ type: 'complete', task: 'review', outcome: 'accept', actor: clerk });
    c.send({ type: 'complete', task: 'check', data: { sign: false }, actor: clerk });
    expect(Object.keys(c.state!.tasks)).toEqual(['confirm']);
    const back = (over: Partial<Extract<Command, { type: 'return' }>>) => c.send({ type: 'return', task: 'confirm', to: 'check', reason: 'تابلو نصب است', actor: clerk, ...over });
    expect(back({ actor: board })).toMatchObject({ ok: false, refusal: { code: 'not-permitted' } });
    expect(back({ reason: '  ' })).toMatchObject({ ok: false, refusal: { code: 'invalid-form', fieldErrors: [{ path: '/reason' }] } });
    expect(back({ to: 'review' })).toMatchObject({ ok: false, refusal: { code: 'return-not-allowed' } });
    const d = back({});
    expect(d.ok).toBe(true);
    const returned = c.events.find((e) => e.type === 'case.returned');
    expect(returned).toMatchObject({ from: 'confirm', to: 'check', reason: 'تابلو نصب است', actor: 'c1', task: 'confirm' });
    // The earlier step is entered again: a new visit, its task open again with the previous answers kept aside.
    expect(Object.keys(c.state!.tasks)).toEqual(['check#2']);
    expect(c.state!.steps.check).toMatchObject({ visits: 2, previous: { outcome: 'fail', data: { sign: false } } });
    expect(c.state!.steps.check.outcome).toBeUndefined();
    expect(c.state!.steps.confirm?.outcome).toBeUndefined();
    expect(stepMarks({ ...c.state!, active: ['check'] })).toEqual({ done: ['review'], active: ['check'] });
    c.send({ type: 'complete', task: 'check#2', data: { sign: true }, actor: clerk });
    expect(Object.keys(c.state!.tasks)).toEqual(['decide']);
    // The state is still the fold of the events.
    expect(fold(c.events)).toEqual(c.state);
  });

  it('refuses, at load, a return to an unknown step, to a step that is not earlier, and an unknown role — each at file:line:col', () => {
    // Each error points at the value it is about: line and column of the token in the procedure file.
    const bad = (returns: string, token: string) => {
      const text = procedure(returns);
      const lines = text.split('\n');
      const line = lines.findIndex((l) => l.includes('- { to:')) + 1;
      const col = lines[line - 1].lastIndexOf(token) + 1;
      const errors = loadWith({ 'procedure.yaml': text }).errors;
      expect(errors.map((e) => [e.line, e.col])).toEqual([[line, col]]);
      return [errors[0].code, errors[0].message];
    };
    expect(bad('    returns:\n      - { to: chek, roles: [clerk] }\n', 'chek')).toEqual(['unknown-step', expect.stringContaining('did you mean "check"')]);
    expect(bad('    returns:\n      - { to: decide, roles: [clerk] }\n', 'decide')).toEqual(['bad-return', expect.stringContaining('not earlier')]);
    expect(bad('    returns:\n      - { to: check, roles: [clerck] }\n', 'clerck')).toEqual(['unknown-role', expect.stringContaining('did you mean "clerk"')]);
    expect(bad('    returns:\n      - { to: confirm, roles: [clerk] }\n', 'confirm')).toEqual(['bad-return', expect.stringContaining('returns to itself')]);
  });
});

describe('one open case per subject', () => {
  it('refuses a second start naming the open case, unless the procedure says exclusive: false', () => {
    const open = (p: string, s: string) => (p === 'p' && s === 'u1' ? { id: 'k0', number: '1405-0007' } : undefined);
    const c = new Case(load(), open);
    const d = c.send({ type: 'start', procedure: 'p', subject: 'u1', input: { area: 50 }, actor: clerk, caseId: 'k1' });
    expect(d).toMatchObject({ ok: false, refusal: { code: 'case-already-open', openCase: { id: 'k0', number: '1405-0007' } } });
    expect(!d.ok && d.refusal.message.fa).toContain('۱۴۰۵-۰۰۰۷');
    expect(new Case(load(), open).send({ type: 'start', procedure: 'p', subject: 'u2', input: { area: 50 }, actor: clerk, caseId: 'k2' }).ok).toBe(true);
    expect(new Case(load(RETURNS, 'exclusive: false\n'), open).send({ type: 'start', procedure: 'p', subject: 'u1', input: { area: 50 }, actor: clerk, caseId: 'k3' }).ok).toBe(true);
  });
});

describe('preview', () => {
  it('says what completing would do without changing the case: the outcome, where it waits next, the end it reaches', () => {
    const b = load();
    const c = started(b);
    c.send({ type: 'complete', task: 'review', outcome: 'accept', actor: clerk });
    const before = structuredClone(c.state!);
    const fail = previewCompletion(b, c.state!, { type: 'complete', task: 'check', data: { sign: false }, actor: clerk }, c.ctx());
    expect(fail).toMatchObject({ ok: true, outcome: 'fail', ends: null, next: [{ step: 'confirm', kind: 'decision' }], checklist: { passed: false, failed: [{ id: 'sign', label: { fa: 'تابلو' } }] } });
    expect(c.state).toEqual(before);
    c.send({ type: 'complete', task: 'check', data: { sign: false }, actor: clerk });
    expect(previewCompletion(b, c.state!, { type: 'complete', task: 'confirm', outcome: 'confirm', actor: clerk }, c.ctx()))
      .toMatchObject({ ok: true, next: [], ends: { result: 'refused', refused: true, label: { fa: 'رد شد' } } });
    expect(previewCompletion(b, c.state!, { type: 'complete', task: 'confirm', outcome: 'confirm', actor: board }, c.ctx()))
      .toMatchObject({ ok: false, refusal: { code: 'not-permitted' } });
  });
});

describe('cancelling', () => {
  it('needs a reason; a cancelled case marks only completed steps done', () => {
    const c = started(load());
    expect(c.send({ type: 'cancel', actor: clerk })).toMatchObject({ ok: false, refusal: { code: 'invalid-form', fieldErrors: [{ path: '/reason' }] } });
    expect(c.send({ type: 'cancel', reason: ' ', actor: clerk }).ok).toBe(false);
    expect(c.send({ type: 'cancel', reason: 'منصرف شد', actor: clerk }).ok).toBe(true);
    expect(c.state!.status).toBe('cancelled');
    expect(stepMarks({ ...c.state!, active: [] })).toEqual({ done: [], active: [] });
  });
});

describe('case numbers', () => {
  it.each([
    ['{year}-{seq:4}', '1405-0023'],
    ['{year}/{seq}', '1405/23'],
    ['{seq:6}.{year}', '000023.1405'],
  ])('formats %s as %s', (pattern, out) => {
    expect(casePatternProblem(pattern)).toBeUndefined();
    expect(formatCaseNumber(pattern, 1405, 23)).toBe(out);
  });

  it.each([
    ['{seq:4}', /no \{year\}/],
    ['{year}-{seq}-{seq}', /exactly one \{seq\}/],
    ['{year}-{n}', /unknown placeholder/],
    ['NO-{year}-{seq}', /digits and the separators/],
  ])('refuses the pattern %s', (pattern, why) => {
    expect(casePatternProblem(pattern)?.en).toMatch(why);
  });

  it('refuses a bad pattern in bundle.yaml at its line', () => {
    const r = loadWith({ 'bundle.yaml': `${header('bundle')}kind: bundle\nid: b\nname: { fa: ب, en: B }\ncase_number: "{year}-{seq}-{seq}"\n` });
    expect(r.errors.map((e) => [e.code, e.file, e.line])).toEqual([['bad-case-number', 'defs/b/bundle.yaml', 5]]);
  });
});
