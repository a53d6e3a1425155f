/**
 * `dabir users reset-admin`, run for real: spawned processes over a real database file. It refuses while a server has
 * the database open (unless --force); it re-enables a locked-out administrator with a one-time password that opens
 * nothing but setting a new one; with no administrator left it creates one.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../server/auth/password.js';
import { evolve } from '../server/engine.js';
import { sqliteStore } from '../server/store/index.js';
import { Client } from './server/helpers.js';

const ADMIN_PASSWORD = 'cli-admin-password-1';

describe('dabir users reset-admin', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'dabir-reset-'));
  const db = join(dir, 'dabir.db');
  let server: ChildProcess | undefined;
  let base = '';
  const env = { ...process.env, DABIR_DB: db, DABIR_ADMIN_PASSWORD: ADMIN_PASSWORD, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' };
  const dabir = (...args: string[]) => spawnSync(process.execPath, ['bin/dabir.js', 'users', ...args], { encoding: 'utf8', env: { ...env, DABIR_DB: undefined } });
  const oneTime = (out: string) => /one-time password: (\S+)/.exec(out)?.[1] ?? '';

  beforeAll(async () => {
    server = spawn(process.execPath, ['bin/dabir.js', 'serve', '--definitions', 'definitions/ardabil'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    base = await new Promise<string>((ok, fail) => {
      let out = '';
      server!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) ok(m[1]);
      });
      server!.once('exit', (code) => fail(new Error(`the server exited (${code}): ${out}`)));
    });
  });
  afterAll(() => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const signIn = async (username: string, password: string) => {
    const c = new Client(() => base);
    return { c, res: await c.login(username, password) };
  };

  it('refuses while the server runs; with --force re-enables the administrator with a one-time password that opens only a password change', async () => {
    // The only administrator is locked out (as a direct write would leave it: the API refuses to).
    const store = sqliteStore(db, evolve);
    const admin = store.users.byUsername('admin')!;
    store.users.update(admin.id, { disabled: true }, new Date().toISOString());
    store.close();
    expect((await signIn('admin', ADMIN_PASSWORD)).res.status).toBe(401);

    const refused = dabir('reset-admin', '--db', db);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('open in another process');
    expect(refused.stdout).toBe('');

    const forced = dabir('reset-admin', '--db', db, '--force');
    expect(forced.status, forced.stderr).toBe(0);
    const password = oneTime(forced.stdout);
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(forced.stdout).toContain('re-enabled administrator "admin"');

    // The running server sees it at once. The one-time password signs in, and opens nothing else until changed.
    expect((await signIn('admin', ADMIN_PASSWORD)).res.status).toBe(401);
    const { c, res } = await signIn('admin', password);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'admin', roles: ['admin'], mustChangePassword: true });
    const blocked = await c.get('/api/users');
    expect(blocked.status).toBe(403);
    expect(blocked.body).toMatchObject({ code: 'password-change-required', detail: expect.stringContaining('گذرواژهٔ تازه') });
    expect((await c.post('/api/auth/password', { current: password, next: 'a-new-admin-password-1' })).status).toBe(204);
    expect((await c.get('/api/auth/me')).body.mustChangePassword).toBeUndefined();
    expect((await c.get('/api/users')).status).toBe(200);
  });

  it('creates an administrator when none is left, once the server is stopped', async () => {
    server!.kill('SIGTERM');
    await new Promise((ok) => server!.once('exit', ok));
    const store = sqliteStore(db, evolve);
    const admin = store.users.byUsername('admin')!;
    store.users.update(admin.id, { roles: ['secretariat'] }, new Date().toISOString());
    store.close();

    const r = dabir('reset-admin', '--db', db, '--username', 'rescue');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('created administrator "rescue"');
    const check = sqliteStore(db, evolve);
    try {
      const rescue = check.users.byUsername('rescue')!;
      expect(rescue).toMatchObject({ roles: ['admin'], disabled: false, mustChangePassword: true });
      expect(await verifyPassword(oneTime(r.stdout), rescue.passwordHash)).toBe(true);
      expect(check.audit.list({ action: 'cli users reset-admin', limit: 10, offset: 0 }).total).toBe(2);
    } finally {
      check.close();
    }
    expect(dabir('reset-admin', '--db', join(dir, 'missing.db')).status).toBe(1);
    expect(dabir('nothing').status).toBe(2);
  });
});
