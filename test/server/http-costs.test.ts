/**
 * What one HTTP request costs the disk and the CPU: reads commit nothing (the session's expiry is moved at most once a
 * minute), a case write commits once (its audit row in its own transaction), an anonymous visitor's CSRF token stores
 * no session, and a task completion parses the case's state once.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminClient, testEnv, userWith, type Client, type TestEnv } from './helpers.js';

const START = { procedure: 'move', subject: 'o1', input: { area: 50, location: { lat: 38.4, lon: 48.5 } } };

describe('the cost of a request', () => {
  let env: TestEnv;
  let admin: Client;
  let clerk: Client;
  const changes = () => (env.server.deps.store.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  const sessions = () => (env.server.deps.store.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;

  beforeAll(async () => {
    // A short session lifetime makes the touch interval short (a tenth of it) for the sliding-expiry test.
    env = await testEnv({ config: { sessionMaxAgeMs: 6000 } });
    env.clock.set(new Date());
    admin = await adminClient(env);
    clerk = await userWith(env, admin, 'clerk1', ['clerk']);
  });
  afterAll(async () => env?.cleanup());

  it('hands anonymous visitors CSRF tokens without storing a session, and they still sign in with them', async () => {
    const before = sessions();
    const visitors = Array.from({ length: 20 }, () => env.client());
    for (const v of visitors) v.csrf = (await v.get('/api/auth/csrf')).body.csrfToken;
    expect(sessions()).toBe(before);
    // The same visitor (same cookie) keeps its token; another visitor's token is not valid with this cookie.
    const [a, b] = visitors;
    expect((await a.get('/api/auth/csrf')).body.csrfToken).toBe(a.csrf);
    expect(a.csrf).not.toBe(b.csrf);
    const forged = await a.req('POST', '/api/auth/login', { username: 'clerk1', password: 'clerk1-password-123' }, { 'x-csrf-token': b.csrf });
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('csrf-invalid');
    const ok = await a.post('/api/auth/login', { username: 'clerk1', password: 'clerk1-password-123' });
    expect(ok.status).toBe(200);
    expect(sessions()).toBe(before + 1);
  });

  it('commits nothing for reads, and moves a session’s expiry at most once per tenth of its lifetime', async () => {
    const sid = decodeURIComponent(clerk.cookie.split('=')[1]).slice(2).split('.')[0];
    const expires = () => (env.server.deps.store.db.prepare('SELECT expires FROM sessions WHERE sid = ?').get(sid) as { expires: number }).expires;
    await clerk.get('/api/auth/me');
    await new Promise((ok) => setTimeout(ok, 700));
    await clerk.get('/api/auth/me'); // > 600 ms since the last write: moves the expiry
    const first = expires();
    const n = changes();
    for (const path of ['/api/auth/me', '/api/cases', '/api/inbox', '/api/procedures', '/api/auth/me']) expect((await clerk.get(path)).status, path).toBe(200);
    expect(changes()).toBe(n);
    expect(expires()).toBe(first);
    await new Promise((ok) => setTimeout(ok, 700));
    expect((await clerk.get('/api/auth/me')).status).toBe(200);
    expect(expires()).toBeGreaterThan(first);
  });

  it('writes a case command’s audit row in the command’s transaction, and a refused one’s after the answer', async () => {
    const { store } = env.server.deps;
    const seen: { action: string; status: number | null; inTx: boolean }[] = [];
    const add = store.audit.add.bind(store.audit);
    store.audit.add = (e) => (seen.push({ action: e.action, status: e.status, inTx: store.db.inTransaction }), add(e));
    try {
      const c = await clerk.post('/api/cases', START);
      expect(c.status).toBe(201);
      const done = await clerk.post(`/api/cases/${c.body.id}/tasks/${c.body.openTasks[0].id}/complete`, { expectedVersion: c.body.version, outcome: 'accept' });
      expect(done.status).toBe(200);
      const stale = await clerk.post(`/api/cases/${c.body.id}/cancel`, { expectedVersion: c.body.version });
      expect(stale.status).toBe(409);
      // The refused command's row is written after its answer: wait for it rather than for a fixed time.
      await vi.waitFor(() => expect(seen).toHaveLength(3), { timeout: 5_000, interval: 10 });
      expect(seen).toEqual([
        { action: 'POST /api/cases', status: 201, inTx: true },
        { action: 'POST /api/cases/:id/tasks/:task/complete', status: 200, inTx: true },
        { action: 'POST /api/cases/:id/cancel', status: 409, inTx: false },
      ]);
      // Each row is written once.
      expect(store.audit.list({ target: `case/${c.body.id}`, limit: 10, offset: 0 }).total).toBe(2);
    } finally {
      store.audit.add = add;
    }
  });

  it('parses the case’s stored state once for a task completion', async () => {
    const c = await clerk.post('/api/cases', { ...START, subject: 'o2', input: { ...START.input, location: { lat: 38.7, lon: 48.9 } } });
    expect(c.status).toBe(201);
    const parse = JSON.parse;
    let states = 0;
    JSON.parse = ((text: string, reviver?: Parameters<typeof parse>[1]) => {
      if (typeof text === 'string' && text.includes('"tokens":')) states++;
      return parse(text, reviver);
    }) as typeof JSON.parse;
    try {
      const done = await clerk.post(`/api/cases/${c.body.id}/tasks/${c.body.openTasks[0].id}/complete`, { expectedVersion: c.body.version, outcome: 'accept' });
      expect(done.status).toBe(200);
    } finally {
      JSON.parse = parse;
    }
    expect(states).toBe(1);
  });
});
