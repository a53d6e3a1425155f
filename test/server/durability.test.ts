import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evolve } from '../../server/engine.js';
import { sqliteStore } from '../../server/store/index.js';
import { ADMIN_PASSWORD, Client, testEnv, type TestEnv } from './helpers.js';

/** Starts the server in a child process and resolves with its URL. */
function serve(env: TestEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures/serve.ts')], {
    env: { ...process.env, DABIR_DB: env.db, DABIR_DEFINITIONS: env.defs, DABIR_ADMIN_PASSWORD: ADMIN_PASSWORD },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /URL (\S+)/.exec(out);
      if (m) ok({ child, url: m[1] });
    });
    child.once('exit', (code) => fail(new Error(`server exited ${code}`)));
  });
}

describe('durability', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv();
    await env.server.close();
  });
  afterAll(async () => env?.cleanup());

  it('keeps every acknowledged write after kill -9', async () => {
    const { child, url } = await serve(env);
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
    await new Promise((ok) => child.once('exit', ok));
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
});
