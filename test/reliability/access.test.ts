/**
 * Access: a matrix generated from the OpenAPI document (every operation × every role of the bundle × admin × signed
 * out) against the expected allow/deny; the public surface; CSRF on every cookie-authenticated write; session expiry
 * and invalidation; the login rate limit; and secrets kept out of logs and answers.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logTransport } from '../../server/scheduler/transport.js';
import { adminClient, ADMIN_PASSWORD, Client, testEnv, userWith, type Res, type TestEnv } from '../server/helpers.js';
import { fillPath, operations, type Op } from './openapi-ops.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
type Verdict = 'allow' | 'deny';

/** How an answer reads: denied for access (401 unauthenticated / 403 forbidden), or let through. */
function verdictOf(r: Res): Verdict {
  if (r.status === 401 && r.body?.code === 'unauthenticated') return 'deny';
  if (r.status === 403 && r.body?.code === 'forbidden') return 'deny';
  return 'allow';
}

describe('access matrix', () => {
  let env: TestEnv;
  let doc: Record<string, unknown>;
  /** Roles that keep the registry (keeps_registry; administrators always). */
  let keeperRoles: string[] = [];
  const principals: { name: string; roles: string[]; client: Client; password?: string }[] = [];
  let caseId = '';
  let taskId = '';
  let docId = '';
  let hash = '';
  let userId = '';
  let startRoles: string[] = [];
  let involvedRoles: string[] = [];

  beforeAll(async () => {
    env = await testEnv({ config: { loginLimit: { windowMs: 60_000, limit: 10_000 } } });
    const admin = await adminClient(env);
    doc = (await admin.get('/api/openapi.json')).body;
    // Every role of the bundle gets a user; plus the administrator and a client that never signs in.
    const roleList = (await admin.get('/api/roles')).body as { id: string; keepsRegistry?: boolean }[];
    keeperRoles = roleList.filter((r) => r.keepsRegistry).map((r) => r.id);
    const roles = roleList.map((r) => r.id).filter((r) => r !== 'admin');
    expect(roles.length).toBeGreaterThanOrEqual(3);
    principals.push({ name: 'anonymous', roles: [], client: env.client() }, { name: 'admin', roles: ['admin'], client: admin, password: ADMIN_PASSWORD });
    for (const role of roles) principals.push({ name: role, roles: [role], client: await userWith(env, admin, `u-${role}`, [role]), password: `u-${role}-password-123` });
    const anon = principals[0].client;
    anon.csrf = (await anon.get('/api/auth/csrf')).body.csrfToken;

    // Who may do what follows from the bundle, not from this file: the procedure's start roles and the roles it involves.
    const proc = (await admin.get('/api/procedures/move')).body as { start: { roles: string[] }; steps: { role?: string }[] };
    startRoles = proc.start.roles;
    involvedRoles = [...new Set([...proc.start.roles, ...proc.steps.map((s) => s.role).filter((r): r is string => typeof r === 'string')])];
    const starter = principals.find((p) => startRoles.includes(p.name))!.client;
    const c = await starter.post('/api/cases', { procedure: 'move', subject: 'o1', input: { area: 50, location: { lat: 38.4, lon: 48.5 } } });
    caseId = c.body.id;
    taskId = c.body.openTasks[0].id;
    docId = (await starter.req('POST', `/api/cases/${caseId}/documents?name=a.png`, PNG, { 'content-type': 'image/png' })).body.id;
    hash = (await admin.get('/api/definitions')).body.version.hash;
    userId = (await admin.post('/api/users', { username: 'patch-me', password: 'patch-me-password-1', roles: [] })).body.id;
  });
  afterAll(async () => env?.cleanup());

  /** The expected verdict: `x-access` of the document, narrowed by what the bundle says about cases and reports. */
  const expected = (op: Op, p: (typeof principals)[number]): Verdict => {
    if (op.access === 'public') return 'allow';
    if (p.name === 'anonymous') return 'deny';
    const admin = p.roles.includes('admin');
    if (op.access === 'admin') return admin ? 'allow' : 'deny';
    if (op.access === 'keeper') return p.roles.some((r) => keeperRoles.includes(r)) ? 'allow' : 'deny';
    const has = (roles: string[]) => p.roles.some((r) => roles.includes(r));
    const key = `${op.method} ${op.path}`;
    if (key === 'POST /cases') return has(startRoles) ? 'allow' : 'deny';
    if (key === 'POST /cases/{id}/cancel') return admin || has(startRoles) ? 'allow' : 'deny';
    if (op.path.startsWith('/reports/')) return admin || has(startRoles) ? 'allow' : 'deny';
    if (op.path.startsWith('/cases/{id}') || op.path.startsWith('/documents/{id}')) return admin || has(involvedRoles) ? 'allow' : 'deny';
    return 'allow';
  };

  /** A request that passes validation, so the answer is about access; writes are made harmless (stale versions). */
  const request = (op: Op, p: (typeof principals)[number], n: number): { path: string; body?: unknown; headers?: Record<string, string> } => {
    const ids: Record<string, string> = { id: caseId, task: taskId, entity: 'office', hash };
    const key = `${op.method} ${op.path}`;
    const samples: Record<string, () => { path?: string; body?: unknown; headers?: Record<string, string> }> = {
      'POST /auth/login': () => ({ body: { username: 'nobody', password: 'wrong-password' } }),
      'POST /auth/password': () => ({ body: { current: 'wrong-password', next: 'another-password-1' } }),
      'POST /users': () => ({ body: { username: `m-${p.name}-${n}`, password: 'matrix-password-1', roles: [] } }),
      'PATCH /users/{id}': () => ({ path: `/api/users/${userId}`, body: { name: `by ${p.name}` } }),
      'GET /procedures/{id}': () => ({ path: '/api/procedures/move' }),
      'GET /procedures/{id}/diagram': () => ({ path: '/api/procedures/move/diagram' }),
      'POST /procedures/{id}/what-if': () => ({ path: '/api/procedures/move/what-if', body: { subject: 'o1', input: { area: 50, location: { lat: 38.4, lon: 48.5 } } } }),
      'POST /rules/{id}/what-if': () => ({ path: '/api/rules/site.min-area/what-if', body: { input: { area: 50 } } }),
      'GET /forms/{id}': () => ({ path: '/api/forms/move-request' }),
      'GET /parameters/{id}': () => ({ path: '/api/parameters/site.min_area' }),
      'GET /registry/{entity}/{id}': () => ({ path: '/api/registry/office/o1' }),
      'PUT /registry/{entity}/{id}': () => ({ path: '/api/registry/office/o-matrix', body: { id: 'o-matrix', name: 'Matrix', status: 'closed' } }),
      'DELETE /registry/{entity}/{id}': () => ({ path: '/api/registry/office/o-matrix' }),
      'POST /registry/{entity}': () => ({ body: { name: 'Matrix', status: 'weird' } }),
      'POST /registry/{entity}/{id}/retire': () => ({ path: '/api/registry/office/o1/retire', body: { reason: 'matrix', $version: 9999 } }),
      'POST /registry/{entity}/{id}/restore': () => ({ path: '/api/registry/office/o1/restore', body: { $version: 9999 } }),
      'POST /registry/{entity}/import': () => ({ body: 'id,name,status\no-import,Imported,closed\n', headers: { 'content-type': 'text/csv' } }),
      'POST /cases': () => ({ body: { procedure: 'move', subject: 'o2', input: { area: 50, location: { lat: 38.7, lon: 48.9 } } } }),
      'POST /cases/{id}/tasks/{task}/complete': () => ({ body: { expectedVersion: 9999, outcome: 'accept' } }),
      'POST /cases/{id}/cancel': () => ({ body: { expectedVersion: 9999 } }),
      'POST /cases/{id}/return': () => ({ body: { expectedVersion: 9999, task: taskId, to: 'review', reason: 'matrix' } }),
      'POST /cases/{id}/tasks/{task}/preview': () => ({ body: { outcome: 'accept' } }),
      'POST /cases/{id}/documents': () => ({ path: `/api/cases/${caseId}/documents?name=m.png`, body: PNG, headers: { 'content-type': 'image/png' } }),
      'GET /documents/{id}': () => ({ path: `/api/documents/${docId}` }),
      'GET /definitions/file': () => ({ path: '/api/definitions/file?path=testprov/bundle.yaml' }),
      'PUT /definitions/file': () => ({ body: { path: 'testprov/roles-x.yaml', content: 'kind: roles\nroles: []\n', baseVersion: 'stale' } }),
      'DELETE /definitions/file': () => ({ path: '/api/definitions/file?path=testprov/bundle.yaml&baseVersion=stale' }),
      'POST /definitions/check': () => ({ body: { path: 'testprov/bundle.yaml', content: 'kind: bundle\n' } }),
      'POST /definitions/publish': () => ({ body: { files: [{ path: 'testprov/roles-x.yaml', content: 'kind: roles\nroles: []\n' }], baseVersion: 'stale' } }),
      'POST /admin/parameters/{id}/proposal': () => ({ path: '/api/admin/parameters/site.min_area/proposal', body: { value: 35, date: '1404-06-01', title: { fa: 'مصوبهٔ آزمون' } } }),
      'GET /definitions/versions/{hash}/file': () => ({ path: `/api/definitions/versions/${hash}/file?path=testprov/bundle.yaml` }),
    };
    const s = samples[key]?.() ?? {};
    return { path: s.path ?? fillPath(op.path, ids), body: s.body ?? (op.method === 'GET' || op.method === 'DELETE' ? undefined : op.body ? {} : undefined), headers: s.headers };
  };

  it('answers every operation × every principal as the document and the bundle say', async () => {
    const ops = operations(doc);
    const wrong: string[] = [];
    let n = 0;
    for (const op of ops) {
      for (const p of principals) {
        // Signing out is checked last, with a client of its own.
        if (op.path === '/auth/logout') continue;
        const r0 = request(op, p, n++);
        const r = await p.client.req(op.method, r0.path, r0.body, r0.headers);
        const got = verdictOf(r);
        const want = expected(op, p);
        if (got !== want || r.status >= 500) wrong.push(`${op.method} ${op.path} as ${p.name}: expected ${want}, got ${r.status} ${r.body?.code ?? ''}`);
        if (want === 'deny' && p.name === 'anonymous') expect(r.status, `${op.method} ${op.path}`).toBe(401);
      }
    }
    for (const p of principals.slice(1)) {
      const c = env.client();
      await c.login(p.name === 'admin' ? 'admin' : `u-${p.name}`, p.password!);
      if (verdictOf(await c.post('/api/auth/logout')) !== 'allow') wrong.push(`POST /auth/logout as ${p.name}: denied`);
    }
    expect(verdictOf(await principals[0].client.post('/api/auth/logout'))).toBe('deny');
    expect(wrong).toEqual([]);
    console.log(`access matrix: ${ops.length} operations × ${principals.length} principals = ${ops.length * principals.length} cells`);
  });

  it('lets nothing but health, the OpenAPI document, the CSRF token, sign-in and static files answer without a session', async () => {
    const pub = operations(doc).filter((o) => o.access === 'public').map((o) => `${o.method} ${o.path}`).sort();
    expect(pub).toEqual(['GET /auth/csrf', 'GET /auth/session', 'GET /health', 'GET /openapi.json', 'POST /auth/login']);
    const anon = env.client();
    for (const path of ['/api/health', '/api/openapi.json', '/api/auth/csrf']) expect((await anon.get(path)).status, path).toBe(200);
    // Static files are outside the API document, so a client that does not check answers against it.
    expect((await new Client(() => env.server.url).get('/docs/')).status).toBe(200);
    // Anything else under /api is 401 (documented) or 404 (unknown): never data.
    for (const path of ['/api/cases', '/api/users', '/api/nothing-here', '/api/definitions/file?path=testprov/bundle.yaml']) {
      const r = await anon.get(path);
      expect([401, 404], path).toContain(r.status);
    }
  });

  it('enforces CSRF on every cookie-authenticated write', async () => {
    const admin = principals[1].client;
    const other = env.client();
    const foreign = (await other.get('/api/auth/csrf')).body.csrfToken as string;
    const writes = operations(doc).filter((o) => o.method !== 'GET');
    expect(writes.length).toBeGreaterThan(15);
    for (const op of writes) {
      const r0 = request(op, principals[1], 0);
      for (const token of ['', 'forged', foreign]) {
        const r = await admin.req(op.method, r0.path, r0.body, { ...r0.headers, 'x-csrf-token': token });
        expect(r.status, `${op.method} ${op.path} token=${token.slice(0, 8)}`).toBe(403);
        expect(r.body.code).toBe('csrf-invalid');
      }
    }
    // Still signed in: the refused writes changed nothing.
    expect((await admin.get('/api/auth/me')).status).toBe(200);
  });
});

describe('sessions', () => {
  let env: TestEnv;
  const logLines: string[] = [];
  const answers: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) });
    const log = pino({ level: 'trace' }, sink);
    // Notifications go to the log, so the log carries real content (recipients, messages) to search.
    env = await testEnv({ log, transport: logTransport(log), config: { loginLimit: { windowMs: 60_000, limit: 10_000 } } });
    env.clock.set(new Date());
  });
  afterAll(async () => env?.cleanup());

  /** A client whose every answer (headers but Set-Cookie, and body) is kept for the secrets check. */
  const recording = () => {
    const c = env.client();
    const req = c.req.bind(c);
    c.req = async (...args: Parameters<Client['req']>) => {
      const r = await req(...args);
      answers.push([...r.headers].filter(([k]) => k !== 'set-cookie').map(([k, v]) => `${k}: ${v}`).join('\n'), r.text);
      return r as never;
    };
    return c;
  };

  it('expires a session after its max age, idle', async () => {
    // A server of its own with a short max age; the injected clock moves with real time, so the expiry holds whichever
    // of the two the session store judges by.
    const short = await testEnv({ config: { sessionMaxAgeMs: 1500, loginLimit: { windowMs: 60_000, limit: 100 } } });
    try {
      short.clock.set(new Date());
      const c = short.client();
      await c.login('admin', ADMIN_PASSWORD);
      expect((await c.get('/api/auth/me')).status).toBe(200);
      await new Promise((ok) => setTimeout(ok, 2000));
      short.clock.advance(2000);
      const r = await c.get('/api/auth/me');
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('unauthenticated');
    } finally {
      await short.cleanup();
    }
  });

  it('ends a session on logout: the old cookie no longer works', async () => {
    const c = recording();
    await c.login('admin', ADMIN_PASSWORD);
    const stolen = c.cookie;
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    const replay = recording();
    replay.cookie = stolen;
    expect((await replay.get('/api/auth/me')).status).toBe(401);
    expect(env.server.deps.store.db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE sid = ?').get(decodeURIComponent(stolen.split('=')[1]).slice(2).split('.')[0])).toEqual({ n: 0 });
  });

  it('gives a new session id at sign-in (no fixation)', async () => {
    const c = recording();
    c.csrf = (await c.get('/api/auth/csrf')).body.csrfToken;
    const before = c.cookie;
    expect(before).toMatch(/^dabir\.sid=/);
    expect((await c.post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).status).toBe(200);
    expect(c.cookie).not.toBe(before);
    const fixed = recording();
    fixed.cookie = before;
    expect((await fixed.get('/api/auth/me')).status).toBe(401);
  });

  // Regression: changing a password (POST /auth/password, or an administrator's PATCH /users/{id} with a password)
  // left the user's other sessions signed in. Both now end them (SqliteSessionStore.destroyUser).
  it('ends the other sessions of a user whose password changes (regression)', async () => {
    const admin = recording();
    await admin.login('admin', ADMIN_PASSWORD);
    await admin.post('/api/users', { username: 'pw-user', password: 'pw-user-password-1', roles: ['viewer'] });
    const laptop = recording();
    const phone = recording();
    await laptop.login('pw-user', 'pw-user-password-1');
    await phone.login('pw-user', 'pw-user-password-1');
    expect((await laptop.post('/api/auth/password', { current: 'pw-user-password-1', next: 'pw-user-password-2' })).status).toBe(204);
    expect((await laptop.get('/api/auth/me')).status).toBe(200);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
    // An administrator's reset ends every session of the user (the administrator's own stays).
    await phone.login('pw-user', 'pw-user-password-2');
    const id = (await admin.get('/api/users')).body.find((u: { username: string }) => u.username === 'pw-user').id;
    expect((await admin.patch(`/api/users/${id}`, { password: 'pw-user-password-3' })).status).toBe(200);
    expect((await laptop.get('/api/auth/me')).status).toBe(401);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
    expect((await admin.get('/api/auth/me')).status).toBe(200);
    expect((await laptop.login('pw-user', 'pw-user-password-3')).status).toBe(200);
  });

  it('keeps secrets out of logs and answers: passwords, hashes, session ids, the session secret', async () => {
    const admin = recording();
    await admin.login('admin', ADMIN_PASSWORD);
    const secrets = ['s3cret-Passw0rd-A', 's3cret-Passw0rd-B', 's3cret-Passw0rd-C'];
    const u = await admin.post('/api/users', { username: 'secretive', password: secrets[0], roles: ['clerk'] });
    const c = recording();
    await c.login('secretive', 'wrong-password-x');
    await c.login('secretive', secrets[0]);
    await c.post('/api/auth/password', { current: secrets[0], next: secrets[1] });
    await admin.patch(`/api/users/${u.body.id}`, { password: secrets[2] });
    await c.req('POST', '/api/auth/login', `{"username":"secretive","password":"${secrets[2]}"`, { 'content-type': 'application/json' });
    await c.login('secretive', secrets[2]);
    // A case taken to its notification (logged by the transport), and a request that fails inside the server.
    const board = await userWith(env, admin, 'secret-board', ['board']);
    let k = (await c.post('/api/cases', { procedure: 'move', subject: 'o1', input: { area: 50, location: { lat: 38.4, lon: 48.5 } } })).body;
    k = (await c.post(`/api/cases/${k.id}/tasks/${k.openTasks[0].id}/complete`, { expectedVersion: k.version, outcome: 'accept' })).body;
    k = (await board.post(`/api/cases/${k.id}/tasks/${k.openTasks[0].id}/complete`, { expectedVersion: k.version, outcome: 'approve', data: { note: 'x' } })).body;
    // Five days on (sessions would expire: the scheduler is ticked in process), then back.
    env.clock.advance(5 * 86_400_000);
    await env.server.services.scheduler.tick();
    env.clock.set(new Date());
    await c.post('/api/procedures/move/what-if', { subject: 'o1', input: {} });
    await c.req('POST', '/api/cases', `{"procedure":"move","subject":"o1","input":{"x":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`, { 'content-type': 'application/json' });
    for (const path of ['/api/audit?limit=1000', '/api/users', '/api/auth/me', '/api/jobs', '/api/outbox', '/api/health']) await admin.get(path);

    const store = env.server.deps.store;
    const hashes = (store.db.prepare('SELECT password_hash AS h FROM users').all() as { h: string }[]).map((r) => r.h);
    const sids = (store.db.prepare('SELECT sid FROM sessions').all() as { sid: string }[]).map((r) => r.sid);
    const forbidden = [ADMIN_PASSWORD, ...secrets, 'wrong-password-x', ...hashes, ...hashes.map((h) => h.split('$').pop()!), ...sids, env.server.deps.config.sessionSecret];
    expect(sids.length).toBeGreaterThan(2);
    expect(logLines.some((l) => l.includes('notification'))).toBe(true);
    const logs = logLines.join('');
    const said = answers.join('\n');
    for (const s of forbidden) {
      expect(logs.includes(s), `log leaks ${s.slice(0, 6)}…`).toBe(false);
      expect(said.includes(s), `an answer leaks ${s.slice(0, 6)}…`).toBe(false);
    }
  });
});

describe('login rate limit', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv({ config: { loginLimit: { windowMs: 60_000, limit: 5 } } });
  });
  afterAll(async () => env?.cleanup());

  it('answers 429 problem+json after the limit, even to the right password, and leaves other endpoints alone', async () => {
    const c = env.client();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await c.login('admin', `guess-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const r = await c.login('admin', ADMIN_PASSWORD);
    expect(r.status).toBe(429);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.body.code).toBe('too-many-requests');
    expect((await c.get('/api/health')).status).toBe(200);
  });
});
