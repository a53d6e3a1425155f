/**
 * Issue 10's safety nets over the HTTP API, on the Ardabil definitions as they are: human case numbers (in the case,
 * the list and its search, the inbox with the subject's title), one open case per subject (409 naming the open case;
 * race-free), the preview of a completion, the evidence a decision shows, a failed inspection sent back and recorded
 * again, cancelling only with a reason (and the diagram of a cancelled case), and the last administrator kept. Every
 * answer is checked against the OpenAPI document.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, testEnv, userWith, type Client, type TestEnv } from './helpers.js';

/** 1405-02-20 08:00 in Tehran. */
const NOW = '2026-05-10T04:30:00.000Z';
const fa = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);

const checklist = (overrides: Record<string, unknown> = {}) => ({
  kind: 'urban', area: 60, land_use: true, client_space: true, sign: true, accessibility: true, in_complex: true, counter_signs: true, tariff_board: true,
  client_furniture: true, computers: true, data_lines: true, card_reader: true, fire_extinguisher: true, burglar_alarm: true, ...overrides,
});
/** A relocation to the README's site (556 m from the nearest office): no case here is approved, so all may use it. */
const relocation = (office: string) => ({
  procedure: 'relocation', subject: office, input: { place: 'ardabil-city', kind: 'urban', area: 60, location: { lat: 38.2807, lon: 48.2933 }, address: 'اردبیل (نمونه)' },
});

describe('safety over the API (Ardabil definitions)', () => {
  let env: TestEnv;
  let admin: Client;
  let secretariat: Client;
  let inspector: Client;
  let committee: Client;
  let expert: Client;

  beforeAll(async () => {
    env = await testEnv({ config: { loginLimit: { windowMs: 60_000, limit: 1000 } } }, { definitionsDir: 'definitions/ardabil', now: NOW });
    admin = await adminClient(env);
    secretariat = await userWith(env, admin, 's-secretariat', ['secretariat']);
    inspector = await userWith(env, admin, 's-inspector', ['inspectors']);
    committee = await userWith(env, admin, 's-committee', ['committee']);
    expert = await userWith(env, admin, 's-expert', ['expert-subcommittee']);
  });
  afterEach(() => {
    expect(env.openapi.take()).toEqual([]);
  });
  afterAll(async () => env?.cleanup());

  const get = async (id: string) => (await admin.get(`/api/cases/${id}`)).body;
  const complete = async (c: Client, id: string, task: string, body: Record<string, unknown>) => {
    const v = (await get(id)).version;
    return c.post(`/api/cases/${id}/tasks/${encodeURIComponent(task)}/complete`, { expectedVersion: v, ...body });
  };

  it('numbers every case per Jalali year from the bundle pattern, and finds it by number; the inbox names the case and its subject', async () => {
    const a = await secretariat.post('/api/cases', relocation('office-ard-1001'));
    const b = await secretariat.post('/api/cases', relocation('office-ard-1002'));
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.number).toBe('1405-0001');
    expect(b.body.number).toBe('1405-0002');
    expect(a.body.subjectTitle.fa).toContain((await admin.get('/api/registry/office/office-ard-1001')).body.licence_no);
    expect((await get(a.body.id)).number).toBe('1405-0001');
    // Searched by number, typed with Persian digits or ASCII ones.
    const found = await secretariat.get(`/api/cases?number=${encodeURIComponent('۰۰۰۲')}`);
    expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([b.body.id]);
    expect(found.body.items[0].subjectTitle.fa).toBeTruthy();
    expect((await secretariat.get('/api/cases?number=1405-0001')).body.items.map((c: { number: string }) => c.number)).toEqual(['1405-0001']);
    const inbox = (await secretariat.get(`/api/inbox?case=${a.body.id}`)).body.items;
    expect(inbox[0]).toMatchObject({ caseNumber: '1405-0001', subjectTitle: a.body.subjectTitle });
    for (const c of [a, b]) expect((await secretariat.post(`/api/cases/${c.body.id}/cancel`, { expectedVersion: c.body.version, reason: 'آزمون شماره‌ها' })).status).toBe(200);
  });

  it('refuses a second open case of one subject with 409 naming the open one, before and at the start; race-free', async () => {
    const first = await secretariat.post('/api/cases', relocation('office-ard-1003'));
    expect(first.status).toBe(201);
    const second = await secretariat.post('/api/cases', relocation('office-ard-1003'));
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'case-already-open', refusal: 'case-already-open', openCase: { id: first.body.id, number: first.body.number } });
    expect(second.body.detail).toContain(fa(first.body.number));
    // The start page learns it before the form is filled.
    const whatIf = await secretariat.post('/api/procedures/relocation/what-if', { subject: 'office-ard-1003', input: relocation('office-ard-1003').input });
    expect(whatIf.body.openCase).toEqual({ id: first.body.id, number: first.body.number });
    // Once it is closed, a new one may start.
    expect((await secretariat.post(`/api/cases/${first.body.id}/cancel`, { expectedVersion: first.body.version, reason: 'درخواست پس گرفته شد' })).status).toBe(200);
    expect((await secretariat.post('/api/procedures/relocation/what-if', { subject: 'office-ard-1003', input: relocation('office-ard-1003').input })).body.openCase).toBeUndefined();
    // Two starts at the same moment: exactly one is accepted.
    const both = await Promise.all([secretariat.post('/api/cases', relocation('office-ard-1003')), secretariat.post('/api/cases', relocation('office-ard-1003'))]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const open = (await admin.get('/api/cases?procedure=relocation&status=active&subject=office-ard-1003')).body.items;
    expect(open).toHaveLength(1);
    expect((await secretariat.post(`/api/cases/${open[0].id}/cancel`, { expectedVersion: open[0].version, reason: 'پایان آزمون' })).status).toBe(200);
  });

  it('previews a completion without writing: the next step, the end it reaches, the failed checklist items, the missing decision fields', async () => {
    const c = (await secretariat.post('/api/cases', relocation('office-ard-1004'))).body;
    const preview = await secretariat.post(`/api/cases/${c.id}/tasks/request/preview`, { outcome: 'accept', data: {} });
    expect(preview.body).toMatchObject({ ok: true, outcome: 'accept', ends: null, next: [{ step: 'site-inspection', kind: 'inspection' }] });
    expect((await get(c.id)).version).toBe(c.version);
    expect((await complete(secretariat, c.id, 'request', { outcome: 'accept' })).status).toBe(200);
    const failing = (await inspector.post(`/api/cases/${c.id}/tasks/site-inspection/preview`, { data: checklist({ fire_extinguisher: false }) })).body;
    expect(failing).toMatchObject({ ok: true, outcome: 'fail', ends: null, next: [{ step: 'site-failed', kind: 'decision' }], checklist: { passed: false } });
    expect(failing.checklist.failed.map((f: { label: { fa: string } }) => f.label.fa)).toEqual(['کپسول اطفای حریق']);
    const passing = (await inspector.post(`/api/cases/${c.id}/tasks/site-inspection/preview`, { data: checklist() })).body;
    expect(passing).toMatchObject({ ok: true, outcome: 'pass', next: [{ step: 'committee' }], checklist: { passed: true, failed: [] } });
    expect((await complete(inspector, c.id, 'site-inspection', { data: checklist() })).status).toBe(200);
    // A decision without its meeting number and date would be refused: said by field, before any confirmation.
    const blank = (await committee.post(`/api/cases/${c.id}/tasks/committee/preview`, { outcome: 'reject', data: {} })).body;
    expect(blank.ok).toBe(false);
    expect(blank.fieldErrors.map((f: { path: string }) => f.path).sort()).toEqual(['/meeting_date', '/meeting_no']);
    const reject = (await committee.post(`/api/cases/${c.id}/tasks/committee/preview`, { outcome: 'reject', data: { meeting_no: '12', meeting_date: '1405-02-20' } })).body;
    expect(reject).toMatchObject({ ok: true, outcome: 'reject', next: [], ends: { result: 'refused', refused: true, label: { fa: 'در کارگروه تصویب نشد' } } });
    expect((await get(c.id)).openTasks.map((t: { step: string }) => t.step)).toEqual(['committee']);
    expect((await secretariat.post(`/api/cases/${c.id}/cancel`, { expectedVersion: (await get(c.id)).version, reason: 'پایان آزمون' })).status).toBe(200);
  });

  it('sends a failed inspection back to the inspectors with a reason; the evidence shows the answers; the second visit passes', async () => {
    const c = (await secretariat.post('/api/cases', relocation('office-ard-1005'))).body;
    await complete(secretariat, c.id, 'request', { outcome: 'accept' });
    expect((await complete(inspector, c.id, 'site-inspection', { data: checklist({ fire_extinguisher: false }) })).body.openTasks.map((t: { id: string }) => t.id)).toEqual(['site-failed']);

    // The secretariat's review shows what it decides on: the checklist answers item by item, with their verdicts.
    const ev = (await secretariat.get(`/api/cases/${c.id}/tasks/site-failed/evidence`)).body;
    expect(ev.shown).toBe(true);
    expect(ev.steps.map((s: { step: string }) => s.step)).toEqual(['site-inspection']);
    const items = ev.steps[0].checklist.items as { key: string; passed: boolean; display?: { fa: string } }[];
    expect(items.find((i) => i.key === 'fire_extinguisher')).toMatchObject({ passed: false, display: { fa: 'خیر' } });
    expect(items.find((i) => i.key === 'sign')).toMatchObject({ passed: true, display: { fa: 'بله' } });
    expect(ev.input.find((v: { key: string }) => v.key === 'place')).toMatchObject({ label: { fa: expect.any(String) }, value: 'ardabil-city', display: { fa: 'اردبیل' } });

    const send = async (who: Client, reason: string) =>
      who.post(`/api/cases/${c.id}/return`, { expectedVersion: (await get(c.id)).version, task: 'site-failed', to: 'site-inspection', reason });
    const byInspector = await send(inspector, 'پاسخ اشتباه');
    expect(byInspector.status).toBe(403);
    const blank = await send(secretariat, '   ');
    expect(blank.status).toBe(422);
    expect(blank.body.fieldErrors).toEqual([{ path: '/reason', message: expect.objectContaining({ fa: expect.stringContaining('دلیل') }) }]);
    const sent = await send(secretariat, 'کپسول در انبار دفتر بود');
    expect(sent.status).toBe(200);
    expect(sent.body.openTasks.map((t: { id: string; step: string }) => [t.id, t.step])).toEqual([['site-inspection#2', 'site-inspection']]);
    expect(sent.body.steps['site-inspection'].previous.data.fire_extinguisher).toBe(false);
    const detail = await get(c.id);
    expect(detail.timeline.filter((e: { type: string }) => e.type === 'case.returned')).toEqual([
      expect.objectContaining({ from: 'site-failed', to: 'site-inspection', reason: 'کپسول در انبار دفتر بود', task: 'site-failed' }),
    ]);
    const marks = (await secretariat.get(`/api/procedures/relocation/diagram?format=mermaid&case=${c.id}`)).text;
    expect(marks).toContain('class site_inspection active;');
    expect(marks).toMatch(/class [\w,]*request[\w,]* done;/);
    expect(marks).not.toMatch(/class [\w,]*site_failed[\w,]* done;/);

    expect((await complete(inspector, c.id, 'site-inspection#2', { data: checklist() })).body.openTasks.map((t: { step: string }) => t.step)).toEqual(['committee']);
    // The committee sees the second visit's answers, the start's values by label and the start rules judged now.
    const cev = (await committee.get(`/api/cases/${c.id}/tasks/committee/evidence`)).body;
    expect(cev.steps.map((s: { step: string }) => s.step)).toEqual(['request', 'site-inspection']);
    expect(cev.steps[1].checklist.passed).toBe(true);
    expect(cev.rules.map((r: { rule: string; passed: boolean | null }) => [r.rule, r.passed])).toEqual([['office.active', true], ['office.min-area', true], ['office.min-distance', true]]);
    // And may send it back to the inspection too.
    const back = await committee.post(`/api/cases/${c.id}/return`, { expectedVersion: (await get(c.id)).version, task: 'committee', to: 'site-inspection', reason: 'صورتجلسه امضا ندارد' });
    expect(back.body.openTasks.map((t: { id: string }) => t.id)).toEqual(['site-inspection#3']);
    // Not to a step the definitions do not allow.
    const nowhere = await inspector.post(`/api/cases/${c.id}/return`, { expectedVersion: back.body.version, task: 'site-inspection#3', to: 'request', reason: 'x' });
    expect(nowhere.status).toBe(422);
    expect(nowhere.body.refusal).toBe('return-not-allowed');
    expect((await secretariat.post(`/api/cases/${c.id}/cancel`, { expectedVersion: back.body.version, reason: 'پایان آزمون' })).status).toBe(200);
  });

  it('shows the penalty table beside the subcommittee\'s task, with its columns by label', async () => {
    // Two approved violations on record: this one is the third (the occurrence is counted from the records, not typed).
    for (const n of [1, 2]) {
      const v = { office: 'office-ard-1006', code: 'overcharge', occurrence: n, penalty: n === 1 ? 'written-warning' : 'suspension', decided_on: `1404-0${n}-10` };
      expect((await admin.put(`/api/registry/office-violation/safety-v${n}`, v)).status).toBe(201);
    }
    const c = (await secretariat.post('/api/cases', { procedure: 'violations', input: { reporter: 'client', offender_kind: 'office', office: 'office-ard-1006', description: 'آزمون' } })).body;
    await complete(secretariat, c.id, 'report', { outcome: 'accept' });
    const ev = (await expert.get(`/api/cases/${c.id}/tasks/subcommittee/evidence`)).body;
    expect(ev.shown).toBe(true);
    const table = ev.parameters.find((p: { id: string }) => p.id === 'violations.penalties');
    expect(table.rows.length).toBeGreaterThan(5);
    expect(table.columns.map((col: { key: string }) => col.key)).toEqual(['violation', 'occurrence', 'penalty', 'suspension_months']);
    expect(table.columns.every((col: { label: { fa: string } }) => /[\u0600-\u06FF]/.test(col.label.fa))).toBe(true);
    expect(table.rows[0].penalty.display.fa).toMatch(/[\u0600-\u06FF]/);
    // A revocation penalty starts the revocation procedure as a child case: it has a number of its own, the next one.
    expect((await complete(expert, c.id, 'subcommittee', { outcome: 'propose', data: { violation: 'overcharge', occurrence: 3, penalty: 'revocation' } })).status).toBe(200);
    expect((await complete(committee, c.id, 'committee', { outcome: 'approve', data: { meeting_no: '31', meeting_date: '1405-02-20' } })).status).toBe(200);
    const children = (await admin.get(`/api/cases?parent=${c.id}`)).body.items as { number: string; procedure: string }[];
    expect(children.map((x) => x.procedure)).toEqual(['revocation']);
    const [year, seq] = c.number.split('-');
    expect(children[0].number).toBe(`${year}-${String(Number(seq) + 1).padStart(4, '0')}`);
    expect((await secretariat.post(`/api/cases/${c.id}/cancel`, { expectedVersion: (await get(c.id)).version, reason: 'پایان آزمون' })).status).toBe(200);
  });

  it('cancels only with a reason; a cancelled case\'s diagram marks no step done that never completed', async () => {
    const c = (await secretariat.post('/api/cases', relocation('office-ard-1007'))).body;
    const blank = await secretariat.post(`/api/cases/${c.id}/cancel`, { expectedVersion: c.version, reason: ' ' });
    expect(blank.status).toBe(422);
    expect(blank.body.fieldErrors[0]).toMatchObject({ path: '/reason', message: { fa: expect.stringContaining('دلیل ابطال') } });
    expect((await secretariat.post(`/api/cases/${c.id}/cancel`, { expectedVersion: c.version })).status).toBe(422);
    expect((await get(c.id)).status).toBe('active');
    expect((await secretariat.post(`/api/cases/${c.id}/cancel`, { expectedVersion: c.version, reason: 'متقاضی منصرف شد' })).body.status).toBe('cancelled');
    const marks = (await secretariat.get(`/api/procedures/relocation/diagram?format=mermaid&case=${c.id}`)).text;
    expect(marks).not.toMatch(/ done;/);
    expect(marks).not.toMatch(/ active;/);
  });

  it('keeps an active administrator: the last one can be neither disabled nor lose the role, also not by two quick requests', async () => {
    const users = (await admin.get('/api/users')).body as { id: string; username: string }[];
    const me = users.find((u) => u.username === 'admin')!;
    const off = await admin.patch(`/api/users/${me.id}`, { disabled: true });
    expect(off.status).toBe(409);
    expect(off.body).toMatchObject({ code: 'last-admin', field: 'disabled' });
    expect(off.body.detail).toContain('تنها مدیر فعال');
    expect((await admin.patch(`/api/users/${me.id}`, { roles: ['secretariat'] })).body.code).toBe('last-admin');
    expect((await admin.get('/api/users')).body.find((u: { id: string }) => u.id === me.id)).toMatchObject({ disabled: false, roles: ['admin'] });
    // With a second administrator, either may go — but not both: two quick requests of one administrator (disable the
    // other, give up the role) leave exactly one active administrator whichever lands first.
    const second = (await admin.post('/api/users', { username: 's-admin2', password: 's-admin2-password-1', roles: ['admin'] })).body;
    const both = await Promise.all([admin.patch(`/api/users/${second.id}`, { disabled: true }), admin.patch(`/api/users/${me.id}`, { roles: ['secretariat'] })]);
    expect(both.filter((r) => r.status === 200)).toHaveLength(1);
    expect(both.map((r) => r.body?.code).filter((x) => x !== undefined)).toEqual([expect.stringMatching(/^(last-admin|forbidden)$/)]);
    const db = env.server.deps.store.users.list().filter((u) => u.roles.includes('admin') && !u.disabled);
    expect(db).toHaveLength(1);
  });
});
