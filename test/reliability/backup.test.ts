/**
 * Backup and restore through the real command (`dabir backup` / `dabir restore`): an online backup while the server
 * runs and writes is consistent; a restored database serves every case exactly as before; restore refuses while a
 * server holds the database, and refuses a backup that does not verify.
 */
import { execFile } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { databaseInUse, restoreDatabase, verifyDatabase } from '../../server/backup.js';
import { adminClient, REPO, testEnv, userWith, type Client, type TestEnv } from '../server/helpers.js';
import { checkInvariants, openStore } from './invariants.js';

const run = promisify(execFile);
const BIN = join(REPO, 'bin/dabir.js');
async function dabir(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await run(process.execPath, [BIN, ...args], { cwd: REPO });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('backup and restore', () => {
  let env: TestEnv;
  let admin: Client;
  let clerk: Client;
  let board: Client;

  beforeAll(async () => {
    env = await testEnv({ config: { loginLimit: { windowMs: 60_000, limit: 1000 } } });
    admin = await adminClient(env);
    clerk = await userWith(env, admin, 'clerk1', ['clerk']);
    board = await userWith(env, admin, 'board1', ['board']);
  });
  afterAll(async () => env?.cleanup());

  /** Starts a case and takes it `steps` tasks further (0: just started). */
  const advance = async (i: number, steps: number) => {
    const s = i % 2 ? { subject: 'o1', location: { lat: 38.4, lon: 48.5 } } : { subject: 'o2', location: { lat: 38.7, lon: 48.9 } };
    let c = (await clerk.post('/api/cases', { procedure: 'move', subject: s.subject, input: { area: 40 + i, location: s.location } })).body;
    for (let k = 0; k < steps && c.openTasks.length; k++) {
      const t = c.openTasks[0];
      const who = t.step === 'review' ? clerk : board;
      c = (await who.post(`/api/cases/${c.id}/tasks/${t.id}/complete`, { expectedVersion: c.version, outcome: t.step === 'review' ? 'accept' : i % 3 ? 'approve' : 'reject', data: t.step === 'review' ? {} : { note: `n${i}` } })).body;
    }
    return c.id as string;
  };

  /** Every case as the API serves it (list, then each case in full). */
  const everything = async () => {
    const list = (await admin.get('/api/cases?limit=1000')).body;
    const detail: Record<string, unknown> = {};
    for (const c of list.items) detail[c.id] = (await admin.get(`/api/cases/${c.id}`)).body;
    return { list, detail, inbox: (await admin.get('/api/inbox?limit=1000')).body, registry: (await admin.get('/api/registry/office?limit=1000')).body };
  };

  it('takes an online backup while writes go on: consistent, verified, every earlier write in it', async () => {
    const before: string[] = [];
    for (let i = 0; i < 6; i++) before.push(await advance(i, i % 3));
    let stop = false;
    let written = 0;
    const during: Promise<void> = (async () => {
      for (let i = 100; !stop; i++, written++) await advance(i, 2);
    })();
    // The backup starts once writes are going on.
    await vi.waitFor(() => expect(written).toBeGreaterThanOrEqual(2), { timeout: 10_000, interval: 10 });
    const file = join(env.dir, 'under-load.db');
    const r = await dabir('backup', file, '--db', env.db);
    stop = true;
    await during;
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^backed up .* to .*under-load\.db: \d+ cases, \d+ events, \d+ documents, \d+ bytes in \d+ ms; integrity ok\n$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const v = verifyDatabase(file);
    expect(v).toMatchObject({ ok: true, problems: [] });
    const store = openStore(file);
    try {
      for (const id of before) expect(store.cases.get(id), id).toBeTruthy();
      const inv = checkInvariants(store);
      expect(inv.problems).toEqual([]);
      expect(inv.cases).toBeGreaterThanOrEqual(before.length);
    } finally {
      store.close();
    }
  });

  it('restores a backup that serves every case exactly as before; refuses while the server runs', async () => {
    for (let i = 0; i < 4; i++) await advance(200 + i, i);
    await clerk.req('POST', `/api/cases/${await advance(300, 1)}/documents?name=a.png`, PNG, { 'content-type': 'image/png' });
    const then = await everything();
    expect(then.list.total).toBeGreaterThan(8);
    const file = join(env.dir, 'quiet.db');
    expect((await dabir('backup', file, '--db', env.db)).code).toBe(0);

    // Later writes, which the restore takes back.
    const later = await advance(400, 1);
    expect((await admin.get(`/api/cases/${later}`)).status).toBe(200);

    // A running server holds the database: restore refuses and changes nothing.
    expect(databaseInUse(env.db)).toBe(true);
    const busy = await dabir('restore', file, '--db', env.db);
    expect(busy.code).toBe(1);
    expect(busy.err).toMatch(/open in another process/);
    expect((await admin.get(`/api/cases/${later}`)).status).toBe(200);

    await env.server.close();
    expect(databaseInUse(env.db)).toBe(false);
    const ok = await dabir('restore', file, '--db', env.db);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^restored .* integrity ok; the database it replaced is at .*before-restore-/);
    const previous = /replaced is at (\S+)\n/.exec(ok.out)![1];
    expect(verifyDatabase(previous).ok).toBe(true);

    await env.start();
    admin = await adminClient(env);
    const now = await everything();
    expect(now).toEqual(then);
    expect((await admin.get(`/api/cases/${later}`)).status).toBe(404);
    // And it goes on: the restored cases take writes.
    const open = now.inbox.items.find((t: { step: string }) => t.step === 'review');
    const clerkAgain = env.client();
    await clerkAgain.login('clerk1', 'clerk1-password-123');
    const done = await clerkAgain.post(`/api/cases/${open.caseId}/tasks/${open.taskId}/complete`, { expectedVersion: open.caseVersion, outcome: 'accept' });
    expect(done.status).toBe(200);
    clerk = clerkAgain;
    board = env.client();
    await board.login('board1', 'board1-password-123');
  });

  it('refuses to restore a file that does not verify, and leaves the database alone', async () => {
    const good = join(env.dir, 'quiet.db');
    const bad = join(env.dir, 'garbled.db');
    const bytes = readFileSync(good);
    // Garble the middle of the file (table pages), keep the header so it still opens as SQLite.
    for (let i = 4096 * 2; i < Math.min(bytes.length, 4096 * 6); i += 7) bytes[i] ^= 0xa5;
    writeFileSync(bad, bytes);
    const text = join(env.dir, 'not-a-db.db');
    writeFileSync(text, 'hello');
    await env.server.close();
    try {
      const r = await dabir('restore', bad, '--db', env.db);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/does not verify/);
      for (const f of [text, join(env.dir, 'missing.db')]) expect(() => restoreDatabase(f, env.db), f).toThrow(/does not verify|no database/);
      expect(verifyDatabase(env.db).ok).toBe(true);
    } finally {
      await env.start();
    }
  });
});
