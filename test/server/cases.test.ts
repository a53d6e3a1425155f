import { beforeAll, describe, expect, it } from 'vitest';
import { suiteEnv, type Client, type TestEnv } from './helpers.js';

const FAR = { lat: 38.4, lon: 48.5 };
const DAY = 86_400_000;

describe('cases over HTTP', () => {
  const suite = suiteEnv({ clerk1: ['clerk'], board1: ['board'], viewer1: ['viewer'] });
  let env: TestEnv, admin: Client, clerk: Client, board: Client, viewer: Client;
  beforeAll(() => void ({ env, admin, users: { clerk1: clerk, board1: board, viewer1: viewer } } = suite));

  const start = (c: Client, body: Record<string, unknown>, headers?: Record<string, string>) => c.post('/api/cases', body, headers);

  it('refuses a start with 422 problem+json listing every failed rule with its values', async () => {
    const r = await start(clerk, { procedure: 'move', subject: 'o3', input: { area: 5, location: { lat: 38.2601, lon: 48.3001 } } });
    expect(r.status).toBe(422);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({ type: 'urn:dabir:problem:rule-refused', code: 'rule-refused', status: 422, refusal: 'guard-failed' });
    expect(typeof r.body.title).toBe('string');
    expect(typeof r.body.title_en).toBe('string');
    const rules = r.body.failures.map((f: { rule: string }) => f.rule).sort();
    expect(rules).toEqual(['site.active', 'site.min-area', 'site.min-distance']);
    const area = r.body.failures.find((f: { rule: string }) => f.rule === 'site.min-area');
    expect(area.values).toMatchObject({ found: 5, required: 30 });
    expect(area.message.en).toContain('30');
    expect(area.message.fa).toContain('۳۰');
    // The provincial resolution is named as the source of the value.
    expect(area.resolutions.map((x: { id: string }) => x.id)).toContain('prov-1400');
    const list = await admin.get('/api/cases');
    expect(list.body.total).toBe(0);
  });

  it('forbids starting to a role that does not start the procedure', async () => {
    const r = await start(board, { procedure: 'move', subject: 'o1', input: { area: 50, location: FAR } });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('forbidden');
  });

  it('validates the body against the OpenAPI schema', async () => {
    const r = await start(clerk, { procedure: 'move', subject: 'o1', input: { area: 50, location: FAR }, extra: 1 });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('validation-failed');
    expect(r.body.errors[0]).toMatchObject({ in: 'body' });
  });

  it('runs a case end to end: start, tasks by role, stale 409, timer, notification, entity effect, rebuild', async () => {
    const s = await start(clerk, { procedure: 'move', subject: 'o1', input: { area: 50, location: FAR } }, { 'Idempotency-Key': 'k-1' });
    expect(s.status).toBe(201);
    const id = s.body.id as string;
    expect(s.body.status).toBe('active');
    expect(s.body.openTasks.map((t: { step: string }) => t.step)).toEqual(['review']);
    const v1 = s.body.version as number;

    // Idempotency: same key, same body → same response, no second case; same key, other body → 422.
    const again = await start(clerk, { procedure: 'move', subject: 'o1', input: { area: 50, location: FAR } }, { 'Idempotency-Key': 'k-1' });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await start(clerk, { procedure: 'move', subject: 'o1', input: { area: 60, location: FAR } }, { 'Idempotency-Key': 'k-1' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency-key-reused');
    expect((await admin.get('/api/cases')).body.total).toBe(1);

    // Inbox per role.
    const inboxClerk = await clerk.get('/api/inbox');
    expect(inboxClerk.body.items.map((t: { taskId: string }) => t.taskId)).toEqual(['review']);
    expect(inboxClerk.body.items[0].caseVersion).toBe(v1);
    expect((await board.get('/api/inbox')).body.items).toEqual([]);

    // The board may not complete the clerk's task; the admin neither (no bypass).
    expect((await board.post(`/api/cases/${id}/tasks/review/complete`, { expectedVersion: v1, outcome: 'accept' })).status).toBe(403);
    expect((await admin.post(`/api/cases/${id}/tasks/review/complete`, { expectedVersion: v1, outcome: 'accept' })).status).toBe(403);
    // A role the procedure does not involve cannot even read it.
    expect((await viewer.get(`/api/cases/${id}`)).status).toBe(403);

    const done = await clerk.post(`/api/cases/${id}/tasks/review/complete`, { expectedVersion: v1, outcome: 'accept' });
    expect(done.status).toBe(200);
    const v2 = done.body.version as number;
    expect(v2).toBeGreaterThan(v1);

    // Stale: the old version is refused with 409 and nothing changes.
    const eventsBefore = (await clerk.get(`/api/cases/${id}`)).body.timeline.length;
    const stale = await board.post(`/api/cases/${id}/tasks/decide/complete`, { expectedVersion: v1, outcome: 'approve' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'stale-version', expectedVersion: v1, currentVersion: v2 });
    const after = (await clerk.get(`/api/cases/${id}`)).body;
    expect(after.timeline.length).toBe(eventsBefore);
    expect(after.version).toBe(v2);

    // Unknown outcome → refusal (422), nothing written.
    const bad = await board.post(`/api/cases/${id}/tasks/decide/complete`, { expectedVersion: v2, outcome: 'nope' });
    expect(bad.status).toBe(422);
    expect((await clerk.get(`/api/cases/${id}`)).body.version).toBe(v2);

    const approved = await board.post(`/api/cases/${id}/tasks/decide/complete`, { expectedVersion: v2, outcome: 'approve', data: { note: 'ok' } });
    expect(approved.status).toBe(200);
    expect(approved.body.openTasks).toEqual([]);
    expect(Object.keys(approved.body.timers)).toHaveLength(1);

    // The timer fires only when due, through the scheduler.
    expect((await admin.post('/api/scheduler/tick')).body.fired).toBe(0);
    env.clock.advance(4 * DAY);
    const tick = await admin.post('/api/scheduler/tick');
    expect(tick.body.fired).toBe(1);
    expect(tick.body.delivered).toBe(1);
    const ended = (await clerk.get(`/api/cases/${id}`)).body;
    expect(ended.status).toBe('ended');
    expect(ended.result).toBe('approved');
    expect(ended.timeline.map((e: { type: string }) => e.type)).toContain('timer.fired');
    expect(env.transport.sent.map((m) => m.message.fa)).toContain('جابجایی تصویب شد');
    // A second tick fires nothing again.
    expect((await admin.post('/api/scheduler/tick')).body.fired).toBe(0);

    // The end's effect updated the registry record.
    const o1 = await clerk.get('/api/registry/office/o1');
    expect(o1.body.area).toBe(50);
    expect(o1.body.location).toEqual(FAR);

    // Projection rebuild equals the live projection.
    const live = env.server.deps.store.cases.rows(id)!;
    const rebuilt = await admin.post(`/api/cases/${id}/rebuild`);
    expect(rebuilt.status).toBe(200);
    expect(env.server.deps.store.cases.rows(id)).toEqual(live);

    // Diagram with the case's progress.
    const svg = await clerk.get(`/api/procedures/move/diagram?case=${id}`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    const mermaid = await clerk.get(`/api/procedures/move/diagram?format=mermaid`);
    expect(mermaid.text.length).toBeGreaterThan(10);

    // Reports see it.
    const rep = await clerk.get('/api/reports/cases');
    expect(rep.body.byProcedure.move.ended).toBe(1);
    const dur = await admin.get('/api/reports/durations');
    expect(dur.body[0]).toMatchObject({ procedure: 'move', count: 1 });
    expect(dur.body[0].meanDays).toBeCloseTo(4, 0);
    expect((await board.get('/api/reports/cases')).status).toBe(403);
  });

  it('cancels a case with the expected version; stale cancel is 409; other roles 403', async () => {
    const s = await start(clerk, { procedure: 'move', subject: 'o2', input: { area: 50, location: { lat: 38.5, lon: 48.6 } } });
    expect(s.status).toBe(201);
    const id = s.body.id;
    expect((await board.post(`/api/cases/${id}/cancel`, { expectedVersion: s.body.version })).status).toBe(403);
    expect((await clerk.post(`/api/cases/${id}/cancel`, { expectedVersion: s.body.version - 1 })).status).toBe(409);
    const c = await clerk.post(`/api/cases/${id}/cancel`, { expectedVersion: s.body.version, reason: 'withdrawn' });
    expect(c.status).toBe(200);
    expect(c.body.status).toBe('cancelled');
    const tasks = (await clerk.get(`/api/cases/${id}`)).body.tasks;
    expect(tasks.every((t: { status: string }) => t.status !== 'open')).toBe(true);
    expect((await clerk.post(`/api/cases/${id}/cancel`, { expectedVersion: c.body.version })).status).toBe(409);
  });

  it('attaches documents: type by magic bytes, size limit, sha256', async () => {
    const s = await start(clerk, { procedure: 'move', subject: 'o2', input: { area: 50, location: { lat: 38.5, lon: 48.6 } } });
    const id = s.body.id;
    const pdf = Buffer.from('%PDF-1.7\n% test document\n');
    const up = await clerk.req('POST', `/api/cases/${id}/documents?name=plan.pdf`, pdf, { 'content-type': 'application/pdf' });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ name: 'plan.pdf', mediaType: 'application/pdf', size: pdf.length });
    expect(up.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(up.body.caseVersion).toBe(s.body.version + 1);
    const dl = await clerk.get(`/api/documents/${up.body.id}`);
    expect(dl.status).toBe(200);
    expect(dl.text).toBe(pdf.toString());
    // Declared PNG but the bytes are a PDF: refused.
    const lie = await clerk.req('POST', `/api/cases/${id}/documents`, pdf, { 'content-type': 'image/png' });
    expect(lie.status).toBe(415);
    const exe = await clerk.req('POST', `/api/cases/${id}/documents`, Buffer.from('MZ\x90\x00 not a document'), { 'content-type': 'application/octet-stream' });
    expect(exe.status).toBe(415);
    const big = Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(env.server.deps.config.maxUploadBytes + 1)]);
    const tooBig = await clerk.req('POST', `/api/cases/${id}/documents`, big, { 'content-type': 'application/pdf' });
    expect(tooBig.status).toBe(413);
    expect((await viewer.get(`/api/cases/${id}/documents`)).status).toBe(403);
    const list = await clerk.get(`/api/cases/${id}/documents`);
    expect(list.body).toHaveLength(1);
  });

  it('counts an attachment as a write to the case: an event in its timeline, a new version, expectedVersion honoured', async () => {
    const s = await start(clerk, { procedure: 'move', subject: 'o2', input: { area: 50, location: { lat: 38.55, lon: 48.65 } } });
    const id = s.body.id as string;
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const up = await clerk.req('POST', `/api/cases/${id}/documents?name=site.png&task=review&expectedVersion=${s.body.version}`, png, { 'content-type': 'image/png' });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ taskId: 'review', caseVersion: s.body.version + 1 });
    const c = (await clerk.get(`/api/cases/${id}`)).body;
    expect(c.version).toBe(up.body.caseVersion);
    expect(c.timeline.at(-1)).toMatchObject({
      seq: up.body.caseVersion, type: 'document.attached', actor: up.body.uploadedBy,
      document: { id: up.body.id, name: 'site.png', mediaType: 'image/png', size: png.length, sha256: up.body.sha256, taskId: 'review' },
    });
    // Writes that expected the version before the attachment are stale: the task completion and another upload.
    const stale = await clerk.post(`/api/cases/${id}/tasks/review/complete`, { expectedVersion: s.body.version, outcome: 'accept' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'stale-version', currentVersion: up.body.caseVersion });
    const staleUp = await clerk.req('POST', `/api/cases/${id}/documents?expectedVersion=${s.body.version}`, png, { 'content-type': 'image/png' });
    expect(staleUp.status).toBe(409);
    expect((await clerk.get(`/api/cases/${id}/documents`)).body).toHaveLength(1);
    // With the version after the attachment, the task completes.
    const done = await clerk.post(`/api/cases/${id}/tasks/review/complete`, { expectedVersion: up.body.caseVersion, outcome: 'accept' });
    expect(done.status).toBe(200);
    // The projection rebuilt from the events (the attachment included) equals the live one.
    const live = env.server.deps.store.cases.rows(id)!;
    expect((await admin.post(`/api/cases/${id}/rebuild`)).status).toBe(200);
    expect(env.server.deps.store.cases.rows(id)).toEqual(live);
    // A closed case takes no more documents.
    await clerk.post(`/api/cases/${id}/cancel`, { expectedVersion: done.body.version, reason: "withdrawn" });
    expect((await clerk.req('POST', `/api/cases/${id}/documents`, png, { 'content-type': 'image/png' })).status).toBe(409);
  });

  it('filters, sorts and paginates the inbox; marks overdue tasks', async () => {
    for (const lat of [38.6, 38.7]) {
      env.clock.advance(60_000);
      expect((await start(clerk, { procedure: 'move', subject: 'o2', input: { area: 50, location: { lat, lon: 48.9 } } })).status).toBe(201);
    }
    const all = await clerk.get('/api/inbox?sort=opened');
    expect(all.body.total).toBeGreaterThanOrEqual(3);
    const opened = all.body.items.map((t: { openedAt: string }) => t.openedAt);
    expect([...opened].sort()).toEqual(opened);
    const desc = await clerk.get('/api/inbox?sort=-opened&limit=1&offset=0');
    expect(desc.body.items).toHaveLength(1);
    expect(desc.body.items[0].openedAt).toBe(opened[opened.length - 1]);
    expect((await clerk.get('/api/inbox?overdue=true')).body.total).toBe(0);
    env.clock.advance(30 * DAY);
    const overdue = await clerk.get('/api/inbox?overdue=true');
    expect(overdue.body.total).toBe(all.body.total);
    expect(overdue.body.items.every((t: { overdue: boolean }) => t.overdue)).toBe(true);
    expect((await clerk.get('/api/reports/overdue')).body.total).toBe(all.body.total);
    expect((await clerk.get('/api/inbox?procedure=nothing')).body.total).toBe(0);
    expect((await clerk.get('/api/inbox?sort=sideways')).status).toBe(400);
    expect((await clerk.get('/api/inbox?limit=0')).status).toBe(400);
  });

  it('answers what-if for a procedure and for one rule without starting a case', async () => {
    const before = (await admin.get('/api/cases')).body.total;
    const w = await clerk.post('/api/procedures/move/what-if', { subject: 'o1', input: { area: 10, location: FAR } });
    expect(w.status).toBe(200);
    expect(w.body.ok).toBe(false);
    expect(w.body.failures.map((f: { rule: string }) => f.rule)).toEqual(['site.min-area']);
    // Judged on a date before the provincial resolution, the base value (20) is in force.
    const old = await clerk.post('/api/procedures/move/what-if', { subject: 'o1', input: { area: 25, location: FAR }, asOf: '1395-01-01' });
    expect(old.body.ok).toBe(true);
    const rule = await clerk.post('/api/rules/site.min-area/what-if', { input: { area: 31 } });
    expect(rule.body).toMatchObject({ ok: true, failures: [] });
    expect((await clerk.post('/api/rules/nope/what-if', {})).status).toBe(404);
    expect((await admin.get('/api/cases')).body.total).toBe(before);
  });

  it('serves procedures, parameters with provenance, forms and roles', async () => {
    const procs = await viewer.get('/api/procedures');
    expect(procs.body.map((p: { id: string }) => p.id)).toEqual(['move']);
    expect(procs.body[0].canStart).toBe(false);
    const p = await clerk.get('/api/procedures/move');
    expect(p.body.startForm.schema).toBeTruthy();
    expect((await clerk.get('/api/procedures/none')).status).toBe(404);
    const params = await clerk.get('/api/parameters');
    const area = params.body.parameters.find((x: { id: string }) => x.id === 'site.min_area');
    expect(area.value).toBe(30);
    expect(area.provenance.resolution.id).toBe('prov-1400');
    expect(area.provenance.source.file).toContain('testprov/resolutions.yaml');
    expect(area.history).toHaveLength(2);
    const onOld = await clerk.get('/api/parameters/site.min_area?on=1395-01-01');
    expect(onOld.body.value).toBe(20);
    expect((await clerk.get('/api/parameters?on=yesterday')).status).toBe(400);
    expect((await clerk.get('/api/forms/move-request')).body.schema).toBeTruthy();
    const roles = (await clerk.get('/api/roles')).body.map((r: { id: string }) => r.id);
    expect(roles).toEqual(['clerk', 'board', 'viewer', 'admin']);
  });
});
