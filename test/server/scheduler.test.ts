import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, testEnv, userWith, type Client, type TestEnv } from './helpers.js';

const DAY = 86_400_000;

describe('durable scheduler', () => {
  let env: TestEnv;
  let admin: Client;
  let clerk: Client;
  let board: Client;

  beforeAll(async () => {
    env = await testEnv();
    admin = await adminClient(env);
    clerk = await userWith(env, admin, 'clerk1', ['clerk']);
    board = await userWith(env, admin, 'board1', ['board']);
  });
  afterAll(async () => env?.cleanup());

  it('fires a case timer after a restart, exactly once', async () => {
    const s = await clerk.post('/api/cases', { procedure: 'move', subject: 'o1', input: { area: 50, location: { lat: 38.4, lon: 48.5 } } });
    const id = s.body.id;
    const r1 = await clerk.post(`/api/cases/${id}/tasks/review/complete`, { expectedVersion: s.body.version, outcome: 'accept' });
    const r2 = await board.post(`/api/cases/${id}/tasks/decide/complete`, { expectedVersion: r1.body.version, outcome: 'approve' });
    expect(Object.keys(r2.body.timers)).toHaveLength(1);
    const jobs = await admin.get('/api/jobs?kind=timer&status=pending');
    expect(jobs.body.total).toBe(1);

    // The server goes away; time passes; a new process picks the job up from the database.
    await env.server.close();
    env.clock.advance(5 * DAY);
    await env.start();
    admin = await adminClient(env);
    const tick = await admin.post('/api/scheduler/tick');
    expect(tick.body.fired).toBe(1);
    expect((await admin.get(`/api/cases/${id}`)).body.status).toBe('ended');
    expect((await admin.get('/api/jobs?kind=timer&status=done')).body.total).toBe(1);
    expect((await admin.post('/api/scheduler/tick')).body.fired).toBe(0);
    const fired = (await admin.get(`/api/cases/${id}`)).body.timeline.filter((e: { type: string }) => e.type === 'timer.fired');
    expect(fired).toHaveLength(1);
  });

  it('plans data-driven triggers once per record and instant, and moves them when the record changes', async () => {
    const { store } = env.server.deps;
    const pending = () => store.jobs.list({ kind: 'trigger', status: 'pending', limit: 100, offset: 0 }).items;
    // o1 and o2 are active with an expiry far ahead: one reminder each; the closed o3 has none.
    expect(pending().map((j) => j.payload.id).sort()).toEqual(['o1', 'o2']);
    // Re-planning (as at every start) adds nothing.
    expect(env.server.services.scheduler.planTriggers()).toBe(0);

    // Expiry moved close: the reminder moves too (old job cancelled, new one planned).
    const now = env.clock.now();
    const o2 = (await admin.get('/api/registry/office/o2')).body;
    const put = await admin.put('/api/registry/office/o2', { id: 'o2', name: o2.name, status: 'active', place: 'p1', location: o2.location, expires_on: '1404-07-20' });
    expect(put.status).toBe(200);
    const o2jobs = pending().filter((j) => j.payload.id === 'o2');
    expect(o2jobs).toHaveLength(1);
    const at = Date.parse(o2jobs[0].dueAt);
    expect(at).toBeGreaterThan(now.getTime());
    expect((await admin.get('/api/jobs?kind=trigger&status=cancelled')).body.total).toBe(1);

    env.clock.set(new Date(at + 60_000));
    const before = env.transport.sent.length;
    const tick = await admin.post('/api/scheduler/tick');
    expect(tick.body.fired).toBe(1);
    const msgs = env.transport.sent.slice(before);
    expect(msgs).toHaveLength(1);
    expect(msgs[0].recipient).toBe('clerk');
    expect(msgs[0].message.fa).toContain('Office two');
    // After a restart nothing fires again.
    await env.restart();
    admin = await adminClient(env);
    expect((await admin.post('/api/scheduler/tick')).body.fired).toBe(0);
    expect((await admin.get('/api/outbox?status=sent')).body.total).toBeGreaterThanOrEqual(2);
  });

  it('says when a trigger cannot be planned for a record (never a reminder silently dropped)', async () => {
    const { planTriggersForRecord } = await import('../../server/scheduler/triggers.js');
    const { store, bundles } = env.server.deps;
    const bundle = bundles.current();
    const warned: { trigger: string; id: string; error: string }[] = [];
    const rec = { ...(store.entities.get('office', 'o1') as Record<string, unknown>), expires_on: 'not-a-date' };
    const added = planTriggersForRecord(bundle, store.jobs, 'office', rec, env.server.services.cases.ctx(bundle), (info) => warned.push(info));
    expect(added).toBe(0);
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ trigger: 'expiry-reminder', id: 'o1' });
    expect(warned[0].error.length).toBeGreaterThan(0);
  });

  it('retries a failing transport later and records the error', async () => {
    const { store } = env.server.deps;
    const original = env.transport.send;
    let fail = true;
    env.transport.send = async (m) => {
      if (fail) throw new Error('gateway down');
      return original(m);
    };
    store.outbox.add({ recipient: 'clerk', message: { fa: 'آزمون' } }, env.clock.now().toISOString());
    expect((await admin.post('/api/scheduler/tick')).body.delivered).toBe(0);
    const pend = await admin.get('/api/outbox?status=pending');
    expect(pend.body.items[0].lastError).toBe('gateway down');
    fail = false;
    expect((await admin.post('/api/scheduler/tick')).body.delivered).toBe(1);
    env.transport.send = original;
  });
});
