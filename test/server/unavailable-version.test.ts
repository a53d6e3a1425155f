/**
 * Cases whose stored definition version no longer loads (the engine moved on): their timers wait — pending, retried
 * with backoff and at every start — instead of failing for good, and fire once the version loads again; an
 * administrator can still cancel such a case (cancelling needs no definition), closing its tasks and timers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, testEnv, userWith, type Client, type TestEnv } from './helpers.js';

const RES = 'testprov/resolutions.yaml';
const HOUR = 3_600_000;
const START = (subject: string, lat: number, lon: number) => ({ procedure: 'move', subject, input: { area: 50, location: { lat, lon } } });

describe('cases on a definition version that no longer loads', () => {
  let env: TestEnv;
  let admin: Client;
  let clerk: Client;
  let board: Client;
  let waiting = '';
  let open = '';
  let old = '';
  let stored = '';

  const timerJob = () => env.server.deps.store.jobs.list({ kind: 'timer', limit: 100, offset: 0 }).items.find((j) => j.key.startsWith(`timer:${waiting}:`))!;
  const tick = () => env.server.services.scheduler.tick();

  beforeAll(async () => {
    env = await testEnv();
    admin = await adminClient(env);
    clerk = await userWith(env, admin, 'clerk1', ['clerk']);
    board = await userWith(env, admin, 'board1', ['board']);
    // One case waiting on its three-day timer, one at its first task — both on version 1.
    let a = (await clerk.post('/api/cases', START('o1', 38.4, 48.5))).body;
    a = (await clerk.post(`/api/cases/${a.id}/tasks/${a.openTasks[0].id}/complete`, { expectedVersion: a.version, outcome: 'accept' })).body;
    a = (await board.post(`/api/cases/${a.id}/tasks/${a.openTasks[0].id}/complete`, { expectedVersion: a.version, outcome: 'approve', data: { note: 'ok' } })).body;
    expect(Object.keys(a.timers)).toHaveLength(1);
    waiting = a.id;
    old = a.bundleHash;
    open = (await clerk.post('/api/cases', START('o2', 38.7, 48.9))).body.id;
    // Version 2 is published; then the engine "moves on" and no longer reads version 1 (its stored snapshot is made to
    // fail to load, as publish.test.ts does).
    const base = (await admin.get('/api/definitions')).body.version.hash;
    const v2 = await admin.put('/api/definitions/file', { path: RES, content: (await admin.get(`/api/definitions/file?path=${RES}`)).body.content.replace('30', '31'), baseVersion: base });
    expect(v2.status).toBe(201);
    const db = env.server.deps.store.db;
    stored = (db.prepare('SELECT content FROM bundle_files WHERE hash = ? AND path = ?').get(old, RES) as { content: string }).content;
    db.prepare('UPDATE bundle_files SET content = ? WHERE hash = ? AND path = ?').run('kind: resolutions\nresolutions:\n  - { id: x, bogus: 1 }\n', old, RES);
    await env.restart();
  });
  afterAll(async () => env?.cleanup());

  it('leaves a due timer pending and retries it later with backoff, instead of failing it for good', async () => {
    const first = timerJob();
    env.clock.advance(4 * 24 * HOUR);
    const r1 = await tick();
    expect(r1).toMatchObject({ postponed: 1, failed: 0 });
    const j1 = timerJob();
    expect(j1).toMatchObject({ status: 'pending', attempts: 1, result: { postponed: { dueAt: first.dueAt, error: { code: 'definition-version-unavailable', definitionVersion: old } } } });
    expect(Date.parse(j1.dueAt)).toBe(env.clock.now().getTime() + HOUR);
    expect((await tick()).postponed).toBe(0); // not due again yet
    env.clock.advance(HOUR + 1);
    expect((await tick()).postponed).toBe(1);
    const j2 = timerJob();
    expect(j2).toMatchObject({ status: 'pending', attempts: 2 });
    expect(Date.parse(j2.dueAt)).toBe(env.clock.now().getTime() + 2 * HOUR);
    expect((await admin.get(`/api/cases/${waiting}`)).body.status).toBe('active');
  });

  it('lets an administrator cancel such a case (no definition needed); anyone else gets 409', async () => {
    const c = (await clerk.get(`/api/cases/${open}`)).body;
    const refused = await clerk.post(`/api/cases/${open}/cancel`, { expectedVersion: c.version });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('definition-version-unavailable');
    expect((await admin.post(`/api/cases/${open}/cancel`, { expectedVersion: c.version - 1 })).status).toBe(409); // stale stays stale
    const done = await admin.post(`/api/cases/${open}/cancel`, { expectedVersion: c.version, reason: 'engine no longer reads its version' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'cancelled', version: c.version + 1, openTasks: [] });
    const detail = (await admin.get(`/api/cases/${open}`)).body;
    expect(detail.timeline.at(-1)).toMatchObject({ type: 'case.cancelled', reason: 'engine no longer reads its version' });
    expect(detail.tasks.every((t: { status: string }) => t.status !== 'open')).toBe(true);
    expect((await clerk.get(`/api/inbox?case=${open}`)).body.items).toEqual([]);
    expect((await admin.get(`/api/audit?target=case/${open}`)).body.items[0]).toMatchObject({ action: 'POST /api/cases/:id/cancel', status: 200 });
  });

  it('tries postponed timers again at start-up, and fires them once the version loads again', async () => {
    await env.restart(); // still broken: due again at once, postponed again
    const due = timerJob();
    expect(due.dueAt).toBe((due.result as { postponed: { dueAt: string } }).postponed.dueAt);
    expect((await tick()).postponed).toBe(1);
    // "A new engine release" that reads version 1 again.
    env.server.deps.store.db.prepare('UPDATE bundle_files SET content = ? WHERE hash = ? AND path = ?').run(stored, old, RES);
    await env.restart();
    const r = await tick();
    expect(r).toMatchObject({ fired: 1, postponed: 0, failed: 0 });
    expect(timerJob().status).toBe('done');
    const a = (await admin.get(`/api/cases/${waiting}`)).body;
    expect(a).toMatchObject({ status: 'ended', result: 'approved', bundleHash: old });
  });
});
