import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../server/openapi/document.js';
import { ADMIN_PASSWORD, adminClient, testEnv, userWith, type Client, type TestEnv } from './helpers.js';

type Op = { 'x-access': 'public' | 'user' | 'admin' };
const paths = openApiDocument.paths as Record<string, Record<string, Op>>;
/** Every documented operation, with sample path parameters filled in. */
const operations = Object.entries(paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path: `/api${path.replace(/\{(\w+)\}/g, 'x')}`, access: op['x-access'] })),
);

describe('authentication and roles', () => {
  let env: TestEnv;
  let admin: Client;
  let clerk: Client;

  beforeAll(async () => {
    env = await testEnv({ config: { loginLimit: { windowMs: 60_000, limit: 1000 } } });
    admin = await adminClient(env);
    clerk = await userWith(env, admin, 'clerk1', ['clerk']);
  });
  afterAll(async () => env?.cleanup());

  it('serves health and logs the admin in', async () => {
    const h = await env.client().get('/api/health');
    expect(h.status).toBe(200);
    expect(h.body.bundle.id).toBe('testprov');
    const me = await admin.get('/api/auth/me');
    expect(me.body.roles).toEqual(['admin']);
  });

  it('denies every non-public endpoint to an anonymous client (401)', async () => {
    const anon = env.client();
    const t = await anon.get('/api/auth/csrf');
    anon.csrf = t.body.csrfToken;
    for (const op of operations.filter((o) => o.access !== 'public')) {
      const r = await anon.req(op.method, op.path, op.method === 'GET' || op.method === 'DELETE' ? undefined : {});
      expect(r.status, `${op.method} ${op.path}`).toBe(401);
      expect(r.body.code).toBe('unauthenticated');
    }
  });

  it('denies every administrator endpoint to a non-administrator (403)', async () => {
    const adminOps = operations.filter((o) => o.access === 'admin');
    expect(adminOps.length).toBeGreaterThan(10);
    for (const op of adminOps) {
      const r = await clerk.req(op.method, op.path, op.method === 'GET' || op.method === 'DELETE' ? undefined : {});
      expect(r.status, `${op.method} ${op.path}`).toBe(403);
    }
    // With valid bodies the answer is 403, not 400.
    expect((await clerk.post('/api/users', { username: 'x1', password: 'long-enough-pw', roles: [] })).status).toBe(403);
    expect((await clerk.put('/api/definitions/file', { path: 'testprov/x.yaml', content: 'kind: roles' })).status).toBe(403);
    expect((await clerk.put('/api/registry/office/o9', { id: 'o9', name: 'x', status: 'active' })).status).toBe(403);
    expect((await clerk.get('/api/audit')).status).toBe(403);
  });

  it('rejects writes without a valid CSRF token', async () => {
    const noToken = await clerk.req('POST', '/api/procedures/move/what-if', {}, { 'x-csrf-token': '' });
    expect(noToken.status).toBe(403);
    expect(noToken.body.code).toBe('csrf-invalid');
    const wrong = await clerk.req('POST', '/api/procedures/move/what-if', {}, { 'x-csrf-token': 'forged' });
    expect(wrong.status).toBe(403);
    const anon = env.client();
    expect((await anon.post('/api/auth/login', { username: 'admin', password: 'x' })).status).toBe(403);
  });

  it('sets an httpOnly SameSite=Strict session cookie and hashes passwords with scrypt', async () => {
    const c = env.client();
    const t = await c.get('/api/auth/csrf');
    c.csrf = t.body.csrfToken;
    const r = await c.req('POST', '/api/auth/login', { username: 'clerk1', password: 'clerk1-password-123' });
    expect(r.status).toBe(200);
    const cookie = r.headers.getSetCookie().find((x) => x.startsWith('dabir.sid='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const row = env.server.deps.store.users.byUsername('clerk1')!;
    expect(row.passwordHash).toMatch(/^scrypt\$1024\$8\$1\$/); // the test cost; the production default is checked in durability.test.ts
    expect(r.body.csrfToken).toBeTruthy();
    // Sessions live in SQLite: they survive a restart.
    await env.restart();
    expect((await clerk.get('/api/auth/me')).body.username).toBe('clerk1');
    admin = await adminClient(env);
  });

  it('refuses wrong passwords with 401 and disabled users', async () => {
    const c = env.client();
    expect((await c.login('clerk1', 'wrong-password')).status).toBe(401);
    expect((await c.login('nobody', 'wrong-password')).status).toBe(401);
    const u = env.server.deps.store.users.byUsername('clerk1')!;
    expect((await admin.patch(`/api/users/${u.id}`, { disabled: true })).status).toBe(200);
    expect((await clerk.get('/api/auth/me')).status).toBe(401);
    expect((await admin.patch(`/api/users/${u.id}`, { disabled: false })).status).toBe(200);
    expect((await clerk.get('/api/auth/me')).status).toBe(200);
  });

  it('only accepts roles of the bundle (plus admin) for users', async () => {
    const r = await admin.post('/api/users', { username: 'bad1', password: 'long-enough-pw', roles: ['wizard'] });
    expect(r.status).toBe(400);
    expect(r.body.unknownRoles).toEqual(['wizard']);
    expect((await admin.post('/api/users', { username: 'clerk1', password: 'long-enough-pw', roles: ['clerk'] })).status).toBe(409);
  });

  it('changes one\'s own password and signs out', async () => {
    const c = await userWith(env, admin, 'pw1', ['viewer']);
    expect((await c.post('/api/auth/password', { current: 'wrong', next: 'a-new-password-1' })).status).toBe(401);
    expect((await c.post('/api/auth/password', { current: 'pw1-password-123', next: 'a-new-password-1' })).status).toBe(204);
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    expect((await env.client().login('pw1', 'a-new-password-1')).status).toBe(200);
  });

  it('keeps an audit log of writes: who, what, when, from where', async () => {
    const log = await admin.get('/api/audit?limit=200');
    expect(log.status).toBe(200);
    const create = log.body.items.find((e: { action: string; status: number }) => e.action === 'POST /api/users' && e.status === 201);
    expect(create).toMatchObject({ username: 'admin', ip: expect.stringContaining('127.0.0.1') });
    expect(create.at).toMatch(/^\d{4}-/);
    const failed = log.body.items.find((e: { action: string; status: number }) => e.action === 'POST /api/auth/login' && e.status === 401);
    expect(failed).toBeTruthy();
  });

  it('sends security headers (helmet) and 404 problems for unknown routes', async () => {
    const r = await env.client().get('/api/nowhere');
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toBeTruthy();
  });
});

describe('login rate limit', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv({ config: { loginLimit: { windowMs: 60_000, limit: 3 } } });
  });
  afterAll(async () => env?.cleanup());

  it('answers 429 after too many sign-in attempts', async () => {
    const c = env.client();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await c.login('admin', 'wrong-password')).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });
});

describe('login rate limit counts failures only', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv({ config: { loginLimit: { windowMs: 60_000, limit: 3 } } });
  });
  afterAll(async () => env?.cleanup());

  it('lets an office sign in many times from one address, and still stops a guesser', async () => {
    // Twenty sign-ins from one address (one office behind one NAT), far past the limit of three.
    for (let i = 0; i < 20; i++) {
      const r = await env.client().login('admin', ADMIN_PASSWORD);
      expect(r.status, `sign-in ${i + 1}`).toBe(200);
    }
    // Reading the session or the CSRF token many times does not count either.
    const c = env.client();
    for (let i = 0; i < 10; i++) expect((await c.get('/api/auth/csrf')).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await c.login('admin', 'wrong-password')).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const limited = await env.client().login('admin', 'wrong-password');
    expect(limited.body.code).toBe('too-many-requests');
    expect(limited.body.title).toMatch(/[\u0600-\u06FF]/);
  });
});
