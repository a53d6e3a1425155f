/**
 * The Ardabil bundle end to end, through the HTTP API alone: a real server on loopback over a real SQLite file, serving
 * definitions/ardabil as it is, with the clock on 1405-02-20 (the date the bundle's scenarios are written for). Inputs
 * come from definitions/national/procedures/*.yaml, their forms and the scenarios; records are picked by reading the
 * registry through the API. Every response is checked against the OpenAPI document (see openapi-check.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, adminClient, REPO, testEnv, userWith, type Client, type TestEnv } from './helpers.js';
import { casePartyIds } from '../../server/access/party.js';
import { replayScenarios, type ActingOn } from './http-scenarios.js';

/** 1405-02-20 08:00 in Tehran. */
const NOW = '2026-05-10T04:30:00.000Z';
const TODAY = '1405-02-20';
const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const hasCurl = spawnSync('curl', ['--version']).status === 0;
const fa = (s: string | number) => String(s).replace(/\d/g, (d) => PERSIAN_DIGITS[Number(d)]);

interface Office {
  id: string;
  status: string;
  kind: string;
  place: string;
  issued_on: string;
  expires_on: string;
  licence_no: string;
  location: { lat: number; lon: number };
  contracted_agencies: string[];
  [k: string]: unknown;
}

/** Every answer of the office-standards checklist, passing (the relocation scenario's minutes). */
const passingChecklist = (kind: string, area: number) => ({
  kind, area, land_use: true, client_space: true, sign: true, accessibility: true, in_complex: true, counter_signs: true, tariff_board: true,
  client_furniture: true, computers: true, data_lines: true, card_reader: true, fire_extinguisher: true, burglar_alarm: true,
});

describe('Ardabil end to end over the API', () => {
  let env: TestEnv;
  let admin: Client;
  let secretariat: Client;
  let inspector: Client;
  let committee: Client;
  let offices: Office[];

  beforeAll(async () => {
    // Many users sign in from one address here: the sign-in rate limit is raised (auth.test.ts tests it).
    env = await testEnv({ config: { loginLimit: { windowMs: 60_000, limit: 1000 } } }, { definitionsDir: 'definitions/ardabil', now: NOW });
    admin = await adminClient(env);
    // Users holding the bundle's roles, created by the administrator.
    secretariat = await userWith(env, admin, 'e2e-secretariat', ['secretariat']);
    inspector = await userWith(env, admin, 'e2e-inspector', ['inspectors']);
    committee = await userWith(env, admin, 'e2e-committee', ['committee']);
    offices = (await secretariat.get('/api/registry/office?limit=1000')).body.items;
  });
  afterEach(() => {
    expect(env.openapi.take()).toEqual([]);
  });
  afterAll(async () => env?.cleanup());

  /** The caller's open tasks of one case. */
  const inbox = async (c: Client, caseId: string) => (await c.get(`/api/inbox?case=${caseId}&sort=opened`)).body.items as { taskId: string; step: string; item: string | null; role: string; due: string | null; caseVersion: number }[];
  const complete = (c: Client, caseId: string, task: string, body: Record<string, unknown>) => c.post(`/api/cases/${caseId}/tasks/${encodeURIComponent(task)}/complete`, body);

  it('serves the Ardabil bundle, its roles and its sample registry', async () => {
    const health = await env.client().get('/api/health');
    expect(health.body.bundle.id).toBe('ardabil');
    const roles = (await secretariat.get('/api/roles')).body.map((r: { id: string }) => r.id);
    expect(roles).toEqual(expect.arrayContaining(['secretariat', 'inspectors', 'committee', 'agencies', 'regulator', 'admin']));
    expect(offices.length).toBeGreaterThan(40);
    const procedures = (await secretariat.get('/api/procedures')).body as { id: string; canStart: boolean }[];
    for (const id of ['relocation', 'transfer', 'renewal', 'establishment']) expect(procedures.find((p) => p.id === id)?.canStart, id).toBe(true);
    expect((await inspector.get('/api/procedures')).body.every((p: { canStart: boolean }) => !p.canStart)).toBe(true);
  });

  it.concurrent('answers every read of the real definitions without a server error: procedures, diagrams, forms, registry, rules', async ({ expect }) => {
    const procedures = (await admin.get('/api/procedures')).body as { id: string }[];
    const forms = new Set<string>();
    for (const { id } of procedures) {
      const p = await admin.get(`/api/procedures/${id}`);
      expect(p.status, id).toBe(200);
      for (const f of [p.body.start.form, ...p.body.steps.map((x: { form?: string }) => x.form)]) if (f) forms.add(f);
      expect((await admin.get(`/api/procedures/${id}/diagram`)).status, id).toBe(200);
      expect((await admin.get(`/api/procedures/${id}/diagram?format=mermaid&lang=en`)).status, id).toBe(200);
      // A what-if without data either answers or says which rule it cannot evaluate — never a 500.
      const w = await admin.post(`/api/procedures/${id}/what-if`, {});
      expect([200, 422], id).toContain(w.status);
      if (w.status === 422) expect(w.body).toMatchObject({ code: 'cannot-evaluate', rule: expect.any(String), detail: expect.any(String), detail_en: expect.any(String) });
    }
    for (const f of forms) expect((await admin.get(`/api/forms/${f}`)).status, f).toBe(200);
    for (const { id } of (await admin.get('/api/registry')).body as { id: string }[]) {
      const list = await admin.get(`/api/registry/${id}?limit=1000`);
      expect(list.status, id).toBe(200);
      expect(list.body.items.filter((r: Record<string, unknown>) => '$computeError' in r), id).toEqual([]);
    }
    for (const { id } of (await admin.get('/api/rules')).body as { id: string }[]) expect([200, 422], id).toContain((await admin.post(`/api/rules/${id}/what-if`, {})).status);
    const missing = await secretariat.post('/api/procedures/transfer/what-if', { input: { transferee: 'person-ali' } });
    expect(missing.body).toMatchObject({ code: 'cannot-evaluate', rule: 'transfer.min-licence-age' });
    expect((await secretariat.post('/api/procedures/transfer/what-if', { subject: 'office-nowhere' })).status).toBe(404);
    for (const path of ['/api/parameters', '/api/bundle', '/api/definitions', '/api/definitions/versions', '/api/jobs', '/api/reports/cases']) expect((await admin.get(path)).status, path).toBe(200);
  });

  // Concurrent with the read-only sweep above: its shell commands run in other processes while this one computes.
  it.concurrent("runs the README's \"Using the API\" commands as written (curl, cookie jars, CSRF): a relocation to its end", async ({ expect, skip }) => {
    if (!hasCurl) skip('curl is not installed');
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Using the API'));
    const script = /```sh\n([\s\S]*?)```/.exec(section)![1]
      .replace(/^DABIR=.*$/m, `DABIR=${env.server.url}`)
      .replace(/^ADMIN_PASSWORD=.*$/m, `ADMIN_PASSWORD='${ADMIN_PASSWORD}'`);
    const dir = mkdtempSync(join(tmpdir(), 'dabir-readme-'));
    try {
      // Asynchronously: the server answering curl runs in this process.
      const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((ok) => {
        // A clean shell: no rc files (a BASH_ENV pointing at /etc/bash.bashrc would trip `-u` on PS1).
        const shellEnv = { ...process.env };
        delete shellEnv.BASH_ENV;
        delete shellEnv.ENV;
        const child = spawn('bash', ['--norc', '--noprofile', '-eu', '-c', script], { cwd: dir, env: shellEnv });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (status) => ok({ status, stdout, stderr }));
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const lines = run.stdout.trim().split('\n');
      expect(lines.slice(0, 3)).toEqual(['["secretariat"]', '["inspectors"]', '["committee"]']);
      // The place found by its Persian name, then the case's first task.
      expect(lines[3]).toBe('ardabil-city');
      expect(JSON.parse(lines[4])).toMatchObject({ step: 'request', role: 'secretariat', subject: 'office-ard-1001' });
      // The inspection opens prefilled from the start form: the kind derived from the place, the area given.
      expect(JSON.parse(lines[5])).toEqual({ kind: 'urban', area: 52 });
      expect(lines.slice(6, 10)).toEqual(['pass', expect.stringContaining('"step":"regulator"'), 'approved', '{"lat":38.2807,"lon":48.2933}']);
      // The nearest other active office to the new site, in whole metres rounded down (555.93 m).
      expect(lines[10]).toBe('555');
      expect(JSON.parse(lines[11]).en).toContain('older than 5 years');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('relocates a sample office through inspection, committee decision and the regulator; the registry record moves', async () => {
    // An active urban office of Ardabil city, and a new site 556 m north of the city's northernmost office (read now:
    // the README's walk-through, above, moves an office too).
    const live = (await secretariat.get('/api/registry/office?limit=1000')).body.items as Office[];
    const city = live.filter((o) => o.status === 'active' && o.place === 'ardabil-city');
    const north = city.reduce((a, o) => (o.location.lat > a.location.lat ? o : a));
    const office = city.find((o) => o.kind === 'urban' && o !== north)!;
    const site = { lat: north.location.lat + 0.005, lon: north.location.lon };
    const input = { place: 'ardabil-city', kind: 'urban', area: 52, location: site, address: 'اردبیل، خیابان نمونه (نمونه)' };

    // What-if first: 445 m is too close (Ardabil's 500 m), 556 m is fine.
    const close = await secretariat.post('/api/procedures/relocation/what-if', { subject: office.id, input: { ...input, location: { lat: north.location.lat + 0.004, lon: site.lon } } });
    expect(close.body.ok).toBe(false);
    expect(close.body.failures.map((f: { rule: string }) => f.rule)).toEqual(['office.min-distance']);
    expect(close.body.failures[0].values).toMatchObject({ found: 444, required: 500 });
    expect((await secretariat.post('/api/procedures/relocation/what-if', { subject: office.id, input })).body).toMatchObject({ ok: true, failures: [] });

    // Only a role that starts the procedure may start it.
    expect((await inspector.post('/api/cases', { procedure: 'relocation', subject: office.id, input })).status).toBe(403);
    const started = await secretariat.post('/api/cases', { procedure: 'relocation', subject: office.id, input }, { 'Idempotency-Key': 'relocation-1' });
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    expect(started.body).toMatchObject({ status: 'active', subject: office.id, judgedOn: TODAY });

    // 1. The secretariat registers the request.
    const [request] = await inbox(secretariat, id);
    expect(request).toMatchObject({ step: 'request', role: 'secretariat' });
    expect(request.due).not.toBeNull();
    let r = await complete(secretariat, id, request.taskId, { expectedVersion: request.caseVersion, outcome: 'accept', data: { received_on: TODAY, file_no: 'ت-۱۲۳', documents_complete: true } });
    expect(r.status).toBe(200);

    // 2. The inspectors visit the site; the checklist computes the outcome.
    expect(await inbox(secretariat, id)).toEqual([]);
    const [visit] = await inbox(inspector, id);
    expect(visit).toMatchObject({ step: 'site-inspection', role: 'inspectors' });
    r = await complete(inspector, id, visit.taskId, { expectedVersion: r.body.version, data: passingChecklist('urban', 52) });
    expect(r.status).toBe(200);
    expect(r.body.steps['site-inspection'].outcome).toBe('pass');

    // 3. The committee decides, with its signed minutes attached to the case.
    const [decision] = await inbox(committee, id);
    expect(decision.step).toBe('committee');
    const before = r.body.version as number;
    const minutes = Buffer.from('%PDF-1.7\n% صورتجلسه کارگروه (نمونه)\n');
    const up = await committee.req('POST', `/api/cases/${id}/documents?name=minutes.pdf&task=${decision.taskId}&expectedVersion=${before}`, minutes, { 'content-type': 'application/pdf' });
    expect(up.status).toBe(201);
    expect(up.body.caseVersion).toBe(before + 1);
    // The attachment moved the case on: a decision on the version before it is stale.
    expect((await complete(committee, id, decision.taskId, { expectedVersion: before, outcome: 'approve' })).status).toBe(409);
    // A file field must name a document of this case.
    const wrongFile = await complete(committee, id, decision.taskId, { expectedVersion: up.body.caseVersion, outcome: 'approve', data: { minutes: 'no-such-document' } });
    expect(wrongFile.status).toBe(422);
    expect(wrongFile.body.fieldErrors[0].path).toBe('/minutes');
    r = await complete(committee, id, decision.taskId, { expectedVersion: up.body.caseVersion, outcome: 'approve', data: { meeting_no: '۸۷', meeting_date: '1405-03-05', minutes: up.body.id } });
    expect(r.status).toBe(200);

    // 4. The regulator's new licence, recorded by the secretariat, ends the case.
    const [regulator] = await inbox(secretariat, id);
    expect(regulator.step).toBe('regulator');
    const licence = `${office.licence_no}-r`;
    r = await complete(secretariat, id, regulator.taskId, { expectedVersion: r.body.version, outcome: 'issued', data: { licence_no: licence, issued_on: '1405-03-25' } });
    expect(r.body).toMatchObject({ status: 'ended', result: 'approved', openTasks: [] });
    expect(r.body.path).toEqual(['request', 'site-inspection', 'committee', 'notify-office', 'regulator', 'relocated']);

    // The end's effect changed the registry record.
    const moved = (await secretariat.get(`/api/registry/office/${office.id}`)).body;
    expect(moved).toMatchObject({ location: site, area: 52, licence_no: licence, address: input.address, kind: 'urban', place: 'ardabil-city' });

    // The office was told (outbox → transport), and the case shows its whole history.
    const tick = await admin.post('/api/scheduler/tick');
    expect(tick.body.delivered).toBeGreaterThanOrEqual(1);
    expect(env.transport.sent.find((m) => m.caseId === id)).toMatchObject({ recipient: 'applicant' });
    const detail = (await secretariat.get(`/api/cases/${id}`)).body;
    expect(detail.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['case.started', 'document.attached', 'notification.requested', 'entity.updated', 'case.ended']));
    expect(detail.documents).toHaveLength(1);
    expect(detail.steps.committee.data.minutes).toBe(up.body.id);
    const svg = await committee.get(`/api/procedures/relocation/diagram?case=${id}`);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
  });

  it('refuses a transfer of a licence younger than 5 years: the failed rule, its values and the resolution, in Persian and English', async () => {
    const fiveYearsAgo = `${Number(TODAY.slice(0, 4)) - 5}${TODAY.slice(4)}`;
    const office = offices.find((o) => o.status === 'active' && o.issued_on > fiveYearsAgo)!;
    expect(office).toBeTruthy();
    const r = await secretariat.post('/api/cases', { procedure: 'transfer', subject: office.id, input: { transferee: 'person-ali', transferee_name: 'علی رضایی (نمونه)' } });
    expect(r.status).toBe(422);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({ type: 'urn:dabir:problem:rule-refused', code: 'rule-refused', status: 422, refusal: 'guard-failed', instance: '/api/cases' });
    expect(r.body.title).toBe('شرایط لازم برقرار نیست');
    expect(r.body.title_en).toBe('The rules refuse this request');
    expect(r.body.failures).toHaveLength(1);
    const [f] = r.body.failures;
    const years = Number(TODAY.slice(0, 4)) - Number(office.issued_on.slice(0, 4)) - (office.issued_on.slice(5) > TODAY.slice(5) ? 1 : 0);
    expect(f.rule).toBe('transfer.min-licence-age');
    expect(f.label).toEqual({ fa: 'حداقل سابقه پروانه برای انتقال', en: 'Minimum licence age for a transfer' });
    expect(f.values).toMatchObject({ issued: office.issued_on, found: years, required: 5 });
    // The message says it with the values, in Persian (Persian digits) and in English (dates in either notation).
    const date = (d: string, digits: (x: string) => string) => new RegExp(d.split('-').map(digits).join('[-/]'));
    expect(f.message.fa).toMatch(date(office.issued_on, fa));
    expect(f.message.fa).toContain(`${fa(years)} سال`);
    expect(f.message.fa).toContain(`بالای ${fa(5)} سال`);
    expect(f.message.en).toMatch(date(office.issued_on, String));
    expect(f.message.en).toContain(`${years} full years`);
    expect(f.message.en).toContain('older than 5 years');
    expect(r.body.detail).toContain(f.message.fa);
    expect(r.body.detail_en).toContain(f.message.en);
    // The resolution that set the 5 years, with its date and regulation reference.
    expect(f.resolutions).toEqual([
      expect.objectContaining({
        id: 'ardabil-transfer-age', parameter: 'transfer.min_licence_years', value: 5, date: '1399-11-20',
        title: { fa: expect.stringContaining('بالای ۵ سال'), en: expect.stringContaining('older than 5 years') },
        reference: { fa: 'آیین‌نامه — ماده ۱۶', en: 'Regulation — Article 16' },
      }),
    ]);
    // Nothing was started.
    expect((await secretariat.get('/api/cases?procedure=transfer')).body.total).toBe(0);
  });

  it('renews a licence asking every contracted agency: one inquiry per agency in the inbox; an objection blocks it until settled', async () => {
    const deadline = '1405-05-20'; // renewal requests are due 3 months before expiry
    const office = offices.find((o) => o.status === 'active' && o.contracted_agencies.length >= 3 && o.expires_on > deadline)!;
    const agencies = office.contracted_agencies;
    const reminders = async () => (await admin.get('/api/jobs?kind=trigger&status=pending&limit=1000')).body.items.filter((j: { payload: { id: string } }) => j.payload.id === office.id);
    const [reminder] = await reminders();

    const s = await secretariat.post('/api/cases', { procedure: 'renewal', subject: office.id, input: { notes: 'درخواست تمدید (نمونه)' } });
    expect(s.status).toBe(201);
    const id = s.body.id as string;
    let [task] = await inbox(secretariat, id);
    let r = await complete(secretariat, id, task.taskId, { expectedVersion: task.caseVersion, outcome: 'accept' });
    [task] = await inbox(secretariat, id);
    expect(task.step).toBe('guild-inquiry');
    r = await complete(secretariat, id, task.taskId, { expectedVersion: r.body.version, outcome: 'no-objection', data: { letter_no: '۴۵۶', letter_date: TODAY } });

    // One inquiry per contracted agency, each in the secretariat's inbox (the role that records the answers).
    const asks = await inbox(secretariat, id);
    expect(asks.map((t) => t.step)).toEqual(agencies.map(() => 'agencies-no-objection'));
    expect(asks.map((t) => t.item).sort()).toEqual([...agencies].sort());
    expect(asks.every((t) => t.role === 'secretariat' && t.due !== null)).toBe(true);
    expect(await inbox(committee, id)).toEqual([]);

    // One agency objects: the case waits to settle it, and Ardabil's resolution refuses going on without its letter.
    for (const [i, t] of asks.entries()) {
      r = await complete(secretariat, id, t.taskId, { expectedVersion: r.body.version, outcome: i === 1 ? 'objection' : 'no-objection', data: i === 1 ? { reason: 'بدهی تسویه‌نشده (نمونه)' } : {} });
      expect(r.status).toBe(200);
    }
    [task] = await inbox(secretariat, id);
    expect(task.step).toBe('settle-objections');
    const blocked = await complete(secretariat, id, task.taskId, { expectedVersion: r.body.version, outcome: 'proceed', data: { objecting_agencies: [agencies[1]] } });
    expect(blocked.status).toBe(422);
    expect(blocked.body.failures.map((f: { rule: string }) => f.rule)).toEqual(['renewal.agency-no-objection']);
    expect(blocked.body.failures[0].resolutions[0].id).toBe('ardabil-renewal-conditions');

    // Settled and asked again: every agency agrees this time (second visit: new task ids), and the regulator renews.
    r = await complete(secretariat, id, task.taskId, { expectedVersion: r.body.version, outcome: 're-inquire', data: { objecting_agencies: [agencies[1]], settlement: 'تسویه شد (نمونه)' } });
    [task] = await inbox(secretariat, id);
    r = await complete(secretariat, id, task.taskId, { expectedVersion: r.body.version, outcome: 'no-objection' });
    const again = await inbox(secretariat, id);
    expect(again).toHaveLength(agencies.length);
    expect(again.every((t) => t.taskId.endsWith('#2'))).toBe(true);
    for (const t of again) r = await complete(secretariat, id, t.taskId, { expectedVersion: r.body.version, outcome: 'no-objection' });
    [task] = await inbox(secretariat, id);
    expect(task.step).toBe('regulator');
    r = await complete(secretariat, id, task.taskId, { expectedVersion: r.body.version, outcome: 'renewed', data: { letter_no: '۷۸۹', renewed_on: '1405-03-01' } });
    expect(r.body).toMatchObject({ status: 'ended', result: 'renewed' });

    // The licence runs for another term (licence.term_years, read from the API), and its renewal reminder moved with it.
    const term = (await secretariat.get('/api/parameters/licence.term_years')).body.value as number;
    const renewed = (await secretariat.get(`/api/registry/office/${office.id}`)).body;
    expect(renewed.expires_on).toBe(`${Number(office.expires_on.slice(0, 4)) + term}${office.expires_on.slice(4)}`);
    const [moved] = await reminders();
    expect(Date.parse(moved.dueAt)).toBeGreaterThan(Date.parse(reminder.dueAt));
  });

  it('refuses an establishment: no place warrants a new office, as computed from the sample registry', async () => {
    const places = (await secretariat.get('/api/registry/place?limit=1000')).body.items as { id: string; free_capacity: number; warranted: number; active: number }[];
    const free = places.reduce((a, p) => a + p.free_capacity, 0);
    expect(free).toBe(0);
    const city = places.find((p) => p.id === 'ardabil-city')!;
    expect(city.active).toBeGreaterThanOrEqual(city.warranted);

    const r = await secretariat.post('/api/cases', { procedure: 'establishment', input: { place: 'ardabil-city' } });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('rule-refused');
    const byRule = Object.fromEntries(r.body.failures.map((f: { rule: string }) => [f.rule, f]));
    expect(Object.keys(byRule).sort()).toEqual(['capacity.any-place-warrants', 'capacity.place-warrants']);
    expect(byRule['capacity.any-place-warrants'].values).toMatchObject({ found: free, required: 1, places: places.filter((p) => p.free_capacity > 0).length, per_office: 20000 });
    expect(byRule['capacity.place-warrants'].values).toMatchObject({ found: city.active, required: city.warranted });
    expect(byRule['capacity.any-place-warrants'].message.en).toContain('No new office is needed');
    expect(byRule['capacity.any-place-warrants'].resolutions.map((x: { id: string }) => x.id)).toContain('ardabil-establishment-capacity');
    expect((await secretariat.get('/api/cases?procedure=establishment')).body.total).toBe(0);
  });

  it('reminds the secretariat of a renewal on its date (a data-driven trigger), in Persian and English', async () => {
    const pending = (await admin.get('/api/jobs?kind=trigger&status=pending&limit=1000')).body.items as { dueAt: string; payload: { trigger: string; id: string } }[];
    const next = pending.filter((j) => j.payload.trigger === 'renewal-reminder').sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
    const office = offices.find((o) => o.id === next.payload.id)!;
    env.clock.set(new Date(Date.parse(next.dueAt) + 60_000));
    const sent = env.transport.sent.length;
    expect((await admin.post('/api/scheduler/tick')).body.fired).toBeGreaterThanOrEqual(1);
    const reminder = env.transport.sent.slice(sent).find((m) => m.source === `trigger:renewal-reminder:${office.id}`)!;
    expect(reminder.recipient).toBe('secretariat');
    expect(reminder.message.fa).toContain(office.licence_no);
    expect(reminder.message.fa).toContain(fa(office.expires_on.replace(/-/g, '/')));
    expect(reminder.message.en).toContain(office.expires_on);
  });

  it("replays every scenario of the bundle through the API and gets the interpreter's answers (as `dabir test` does)", async () => {
    const bundle = env.server.deps.bundles.current();
    // Outside authorities never sign in; a party role acts as the party of the case (or of the start's subject).
    const staff = [...bundle.roles.values()].filter((r) => !r.external && !r.party).map((r) => r.id);
    const clients = new Map<string, Client>();
    for (const role of staff) clients.set(role, await userWith(env, admin, `scenario-${role}`, [role]));
    const parties = new Map<string, Client>();
    const partyOf = (on: ActingOn): string | undefined => {
      if (on.subject !== undefined) return on.subject;
      const c = on.caseId === undefined ? undefined : env.server.deps.store.cases.get(on.caseId);
      return c ? casePartyIds(env.server.deps.bundles.current().procedures.get(c.row.procedure), c.state)[0] : undefined;
    };
    const as = async (role: string, on: ActingOn): Promise<Client> => {
      if (!bundle.roles.get(role)?.party) return clients.get(role) ?? admin;
      const party = partyOf(on);
      const key = `${role}:${party}`;
      if (!parties.has(key)) parties.set(key, await userWith(env, admin, `scenario-${role}-${parties.size}`, [role], { party }));
      return parties.get(key)!;
    };
    expect(bundle.scenarios.length).toBeGreaterThan(20);
    const problems = await replayScenarios(env, bundle, admin, as);
    expect(problems).toEqual([]);
  });
});
