/**
 * Definition safety: a definition that fails validation or its scenarios never becomes active; a crash at any point
 * of publishing (fault injected in a server child process, see fixtures/serve-child.ts) leaves disk, history and the
 * active version in agreement — the previous version when the new files were not all written (rolled back, no temp
 * file left), the new one, recorded under its publisher, when they were; cases started on an old version finish on it.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, testEnv, type TestEnv } from '../server/helpers.js';
import { adminAt, type Client, signIn, spawnServer, workspace, type ChildServer, type Workspace } from './harness.js';

const resolutions = (area: number) => `kind: resolutions
resolutions:
  - id: prov-1400
    title: { fa: مصوبه استانی, en: Provincial resolution }
    date: 1400-01-01
    sample: true
    sets:
      site.min_area: ${area}
`;
const RES = 'testprov/resolutions.yaml';
const MOVE = 'testbase/move.yaml';
/** Version 2 of the procedure: after the board approves, the board is told before the wait (a step version 1 lacks). */
const moveV2 = (v1: string) =>
  v1.replace('next: wait }', 'next: tell-board }').replace(
    '  - { id: wait,',
    '  - { id: tell-board, kind: notify, label: { fa: ابلاغ به هیئت, en: Tell the board }, to: board, message: { fa: "تصویب شد", en: "Approved" }, next: wait }\n  - { id: wait,',
  );

describe('publishing survives a crash at any point', () => {
  let ws: Workspace;
  let server: ChildServer | undefined;
  let url = '';
  const base = () => url;
  let admin: Client;
  let clerk: Client;
  let board: Client;
  let v1 = '';
  let caseA = '';
  let afterRecordCrash: { before: string; after: string; author: string } | undefined;
  const clock = `${Date.now()},${Date.now()},100000`;

  const start = async (fault?: string) => {
    server = await spawnServer(ws, { RELIABILITY_CLOCK: clock, RELIABILITY_SCHEDULER_MS: '100', ...(fault ? { RELIABILITY_FAULT: fault } : {}) });
    url = server.url;
  };
  const state = async () => {
    const defs = (await admin.get('/api/definitions')).body;
    const versions = (await admin.get('/api/definitions/versions?limit=100')).body;
    return { current: defs.version.hash as string, author: defs.version.author as string, versions: versions.items as { hash: string; author: string }[] };
  };
  /** Disk, the active version and the history agree: the active version is recorded and its files are those on disk. */
  const agree = async () => {
    const s = await state();
    expect(s.versions.map((v) => v.hash)).toContain(s.current);
    for (const path of [RES, MOVE]) {
      const served = (await admin.get(`/api/definitions/file?path=${path}`)).body.content;
      expect(served, path).toBe(readFileSync(join(ws.dir, 'definitions', path), 'utf8'));
      expect((await admin.get(`/api/definitions/versions/${s.current}/file?path=${path}`)).body.content, path).toBe(served);
    }
    return s;
  };
  /** Publishes with a fault armed: the server dies mid-way, the request gets no answer. */
  const publishAndDie = async (path: string, content: string) => {
    const baseVersion = (await state()).current;
    await expect(admin.put('/api/definitions/file', { path, content, message: 'crash me', baseVersion })).rejects.toThrow();
    expect(await server!.exited).toBe('SIGKILL');
    expect(server!.stderr()).toMatch(/FAULT \w+: SIGKILL/);
  };

  beforeAll(async () => {
    ws = workspace('dabir-defs-');
    v1 = readFileSync(join(ws.dir, 'definitions', MOVE), 'utf8');
    await start();
    admin = await adminAt(base);
    clerk = await signIn(base, admin, 'clerk1', ['clerk']);
    board = await signIn(base, admin, 'board1', ['board']);
    const c = await clerk.post('/api/cases', { procedure: 'move', subject: 'o1', input: { area: 50, location: { lat: 38.4, lon: 48.5 } } });
    caseA = c.body.id;
    expect((await clerk.post(`/api/cases/${caseA}/tasks/${c.body.openTasks[0].id}/complete`, { expectedVersion: c.body.version, outcome: 'accept' })).status).toBe(200);
  });
  afterAll(async () => {
    await server?.kill();
    ws?.cleanup();
  });

  it('never activates a change that fails validation or the scenarios', async () => {
    const before = await state();
    const broken = await admin.put('/api/definitions/file', { path: RES, content: 'kind: resolutions\nresolutions:\n  - id: x\n    date: [oops\n' });
    expect(broken.status).toBe(422);
    expect(broken.body.code).toBe('invalid-definition');
    const failing = await admin.put('/api/definitions/file', { path: RES, content: resolutions(60) });
    expect(failing.status).toBe(422);
    expect(failing.body.code).toBe('scenarios-failed');
    const after = await agree();
    expect(after.current).toBe(before.current);
    expect(after.versions).toHaveLength(before.versions.length);
  });

  it('a crash while the new file is written (temp file fsynced, not yet renamed) leaves the previous version', async () => {
    const before = await state();
    await server!.kill();
    await start('rename');
    await publishAndDie(MOVE, moveV2(v1));
    expect(readFileSync(join(ws.dir, 'definitions', MOVE), 'utf8')).toBe(v1);
    await start('record');
    const after = await agree();
    expect(after.current).toBe(before.current);
    expect(after.versions).toHaveLength(before.versions.length);
    // The orphaned temp file of the interrupted write is removed at start-up.
    expect(readdirSync(join(ws.dir, 'definitions', 'testbase')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(server!.stderr()).toMatch(/removed 1 temp file/);
  });

  it('a crash between the file write and the version record comes back as the new, checked version — in agreement', async () => {
    const before = await state();
    await publishAndDie(MOVE, moveV2(v1));
    await start('activate');
    const after = await agree();
    // Every new file was on disk and they load to the hash that passed validation and the scenarios: the publish is
    // completed at start-up from its intent.
    expect(after.current).not.toBe(before.current);
    expect(after.versions).toHaveLength(before.versions.length + 1);
    afterRecordCrash = { before: before.current, after: after.current, author: after.author };
    const active = (await clerk.get('/api/procedures/move')).body.steps.map((s: { id: string }) => s.id);
    expect(active).toContain('tell-board');
    expect(server!.stderr()).toMatch(/completed a publish by admin that a crash interrupted/);
  });

  // Regression: the completed version used to be recorded as written by "filesystem", losing who published it.
  it('after a crash between the file write and the version record, records the version under its publisher (regression)', async () => {
    expect(afterRecordCrash).toBeDefined();
    const r = afterRecordCrash!;
    expect(r.author).toBe('admin');
    const v = (await admin.get(`/api/definitions/versions/${r.after}`)).body;
    expect(v).toMatchObject({ author: 'admin', message: 'crash me', parentHash: r.before, changed: [MOVE] });
  });

  it('a crash between the version record and the activation comes back as the new version, recorded under its publisher', async () => {
    const before = await state();
    await publishAndDie(RES, resolutions(35));
    await start();
    const after = await agree();
    expect(after.current).not.toBe(before.current);
    expect(after.author).toBe('admin');
    expect((await clerk.post('/api/procedures/move/what-if', { subject: 'o1', input: { area: 34, location: { lat: 38.4, lon: 48.5 } } })).body.ok).toBe(false);
  });

  it('finishes a case started on an old version on that version, across the crashes', async () => {
    const a = (await board.get(`/api/cases/${caseA}`)).body;
    const current = (await state()).current;
    expect(a.bundleHash).not.toBe(current);
    const task = a.openTasks[0];
    expect(task.step).toBe('decide');
    expect((await board.post(`/api/cases/${caseA}/tasks/${task.id}/complete`, { expectedVersion: a.version, outcome: 'approve', data: { note: 'ok' } })).status).toBe(200);
    // The fast clock makes the three-day wait a few seconds; the scheduler fires it.
    let done = a;
    for (let i = 0; i < 100 && done.status === 'active'; i++) {
      await new Promise((ok) => setTimeout(ok, 200));
      done = (await board.get(`/api/cases/${caseA}`)).body;
    }
    expect(done.status).toBe('ended');
    expect(done.result).toBe('approved');
    expect(done.bundleHash).toBe(a.bundleHash);
    expect(done.path).not.toContain('tell-board');
    expect(done.path).toContain('tell');
    // A case started now runs on the current version, with its extra step.
    const b = await clerk.post('/api/cases', { procedure: 'move', subject: 'o2', input: { area: 50, location: { lat: 38.7, lon: 48.9 } } });
    expect(b.body.bundleHash).toBe(current);
  });
});

describe('definitions on disk at start-up', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv();
  });
  afterAll(async () => env?.cleanup());

  it('serves the last published version when the files on disk do not load', async () => {
    const admin = await adminClient(env);
    const before = (await admin.get('/api/definitions')).body.version.hash;
    writeFileSync(join(env.defs, 'resolutions.yaml'), 'kind: resolutions\nresolutions:\n  - id: x\n    date: [oops\n');
    await env.restart();
    const again = await adminClient(env);
    expect((await again.get('/api/definitions')).body.version.hash).toBe(before);
  });

  // Regression: definitions on disk that loaded were activated at start-up without running their scenarios, so a file
  // edited by hand that broke a scenario became active at the next start. Now they fall back like files that do not load.
  it('never activates definitions on disk that fail their scenarios (regression)', async () => {
    writeFileSync(join(env.defs, 'resolutions.yaml'), resolutions(30));
    await env.restart();
    const admin = await adminClient(env);
    const good = (await admin.get('/api/definitions')).body.version.hash;
    writeFileSync(join(env.defs, 'resolutions.yaml'), resolutions(60));
    await env.restart();
    const again = await adminClient(env);
    expect((await again.get('/api/definitions')).body.version.hash).toBe(good);
  });
});

