import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { evolve } from '../../server/engine.js';
import { sqliteStore } from '../../server/store/index.js';
import { ADMIN_PASSWORD, Client, REPO, testEnv, type TestEnv } from './helpers.js';

/** Starts a server process and resolves with its URL, read from its stdout (`pattern`'s first group). */
function spawnServer(args: string[], env: Record<string, string>, pattern: RegExp): Promise<{ child: ChildProcess; url: string; exited: Promise<{ code: number | null; signal: string | null }> }> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<{ code: number | null; signal: string | null }>((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = pattern.exec(out);
      if (m) ok({ child, url: m[1], exited });
    });
    void exited.then(({ code }) => fail(new Error(`server exited ${code} before listening:\n${out}`)));
  });
}

/** Starts the server in a child process (fixtures/serve.ts) and resolves with its URL. */
function serve(env: TestEnv) {
  return spawnServer(['--import', 'tsx', join(import.meta.dirname, 'fixtures/serve.ts')], { DABIR_DB: env.db, DABIR_DEFINITIONS: env.defs, DABIR_ADMIN_PASSWORD: ADMIN_PASSWORD }, /URL (\S+)/);
}

describe('durability', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv({}, { start: false });
  });
  afterAll(async () => env?.cleanup());

  // The two tests run their own server processes on their own databases, concurrently (the processes boot in parallel).
  it.concurrent('keeps every acknowledged write after kill -9', async ({ expect }) => {
    const { child, url, exited } = await serve(env);
    const c = new Client(() => url);
    expect((await c.login('admin', ADMIN_PASSWORD)).status).toBe(200);
    const u = await c.post('/api/users', { username: 'clerk1', password: 'clerk1-password-123', roles: ['clerk'] });
    expect(u.status).toBe(201);
    const clerk = new Client(() => url);
    expect((await clerk.login('clerk1', 'clerk1-password-123')).status).toBe(200);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await clerk.post('/api/cases', { procedure: 'move', subject: 'o1', input: { area: 50 + i, location: { lat: 38.4, lon: 48.5 } } });
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    child.kill('SIGKILL');
    await exited;
    // Killed, the server could not checkpoint: the acknowledged writes are (also) in the WAL, replayed on open.
    expect(statSync(`${env.db}-wal`).size).toBeGreaterThan(0);
    const store = sqliteStore(env.db, evolve);
    try {
      for (const id of ids) {
        expect(store.cases.get(id)?.row.status).toBe('active');
        expect(store.cases.events(id).length).toBeGreaterThan(0);
      }
      expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
      // A server started with the defaults hashes passwords at the production cost (tests elsewhere use a cheap one).
      expect(store.users.byUsername('clerk1')!.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    } finally {
      store.close();
    }
  });

  it.concurrent('on SIGTERM finishes the request in flight, refuses new connections, exits 0 and leaves the database checkpointed', async ({ expect }) => {
    // The real command, as `npm start` runs it; PORT=0 lets the system choose a free port (the URL is printed).
    const db = join(env.dir, 'data', 'graceful.db');
    const { child, url, exited } = await spawnServer(
      [join(REPO, 'bin/dabir.js'), 'serve'],
      { PORT: '0', HOST: '127.0.0.1', DABIR_DB: db, DABIR_DEFINITIONS: env.defs, DABIR_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'warn' },
      / on (http:\/\/\S+) —/,
    );
    try {
      const admin = new Client(() => url);
      expect((await admin.login('admin', ADMIN_PASSWORD)).status).toBe(200);
      expect((await admin.post('/api/users', { username: 'clerk1', password: 'clerk1-password-123', roles: ['clerk'] })).status).toBe(201);
      const clerk = new Client(() => url);
      expect((await clerk.login('clerk1', 'clerk1-password-123')).status).toBe(200);
      const c = await clerk.post('/api/cases', { procedure: 'move', subject: 'o1', input: { area: 50, location: { lat: 38.4, lon: 48.5 } } });
      expect(c.status).toBe(201);

      // An upload whose body arrives in two parts, with SIGTERM in between. It goes over a connection the server has
      // already served (so it was accepted before the signal), kept alive by a one-socket agent.
      const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(64 * 1024, 0x20)]);
      const { hostname, port } = new URL(url);
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const headers = { cookie: clerk.cookie, 'x-csrf-token': clerk.csrf };
      await new Promise<void>((ok, fail) => request({ host: hostname, port, path: '/api/auth/me', agent, headers }, (res) => res.resume().on('end', ok)).on('error', fail).end());
      const upload = request({
        host: hostname, port, method: 'POST', path: `/api/cases/${c.body.id}/documents?name=slow.pdf`, agent,
        headers: { ...headers, 'content-type': 'application/pdf', 'content-length': pdf.length },
      });
      const response = new Promise<{ status: number; body: string }>((ok, fail) => {
        upload.on('response', (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
        });
        upload.on('error', fail);
      });
      upload.write(pdf.subarray(0, 1024));
      await new Promise((ok) => setTimeout(ok, 300));
      child.kill('SIGTERM');
      // Shutting down: new connections are refused while the upload is still open.
      await expect.poll(async () => fetch(`${url}/api/health`).then(() => 'accepted', () => 'refused'), { timeout: 5_000, interval: 50 }).toBe('refused');
      expect(child.exitCode).toBeNull();
      upload.end(pdf.subarray(1024));
      const done = await response;
      expect(done.status).toBe(201);
      expect(JSON.parse(done.body)).toMatchObject({ name: 'slow.pdf', size: pdf.length, caseVersion: c.body.version + 1 });
      expect(await exited).toEqual({ code: 0, signal: null });
      agent.destroy();
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }

    // Closed cleanly: the WAL was checkpointed into the database file and removed; the in-flight write is there.
    expect(existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0).toBe(0);
    const store = sqliteStore(db, evolve);
    try {
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const [doc] = store.documents.list(store.cases.allIds()[0]);
      expect(doc).toMatchObject({ name: 'slow.pdf', size: 64 * 1024 + 9 });
    } finally {
      store.close();
    }
  });
});
