import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient, suiteEnv, userWith, type Client, type TestEnv } from './helpers.js';

const RES = 'testprov/resolutions.yaml';
const resolutions = (area: number) => `kind: resolutions
resolutions:
  - id: prov-1400
    title: { fa: مصوبه استانی, en: Provincial resolution }
    date: 1400-01-01
    sample: true
    sets:
      site.min_area: ${area}
`;

describe('publishing definitions', () => {
  const suite = suiteEnv({ clerk1: ['clerk'], board1: ['board'] });
  let env: TestEnv, admin: Client, clerk: Client, board: Client;
  beforeAll(() => void ({ env, admin, users: { clerk1: clerk, board1: board } } = suite));

  const whatIf = async (area: number) => (await clerk.post('/api/procedures/move/what-if', { subject: 'o1', input: { area, location: { lat: 38.4, lon: 48.5 } } })).body.ok;

  it('lists the files and history of the current version', async () => {
    const d = await admin.get('/api/definitions');
    expect(d.status).toBe(200);
    expect(d.body.files.map((f: { path: string }) => f.path)).toContain(RES);
    const file = await admin.get(`/api/definitions/file?path=${RES}`);
    expect(file.body.content).toContain('site.min_area: 30');
    const v = await admin.get('/api/definitions/versions');
    expect(v.body.total).toBe(1);
    expect(v.body.items[0]).toMatchObject({ author: 'filesystem', hash: v.body.current });
  });

  it('publishes a valid change: new version, atomic write, effective without restart; running cases keep theirs', async () => {
    const running = await clerk.post('/api/cases', { procedure: 'move', subject: 'o1', input: { area: 40, location: { lat: 38.4, lon: 48.5 } } });
    expect(running.status).toBe(201);
    const oldHash = running.body.bundleHash;
    expect(await whatIf(40)).toBe(true);

    const base = (await admin.get('/api/definitions')).body.version.hash;
    const pub = await admin.put('/api/definitions/file', { path: RES, content: resolutions(45), message: 'raise the minimum', baseVersion: base });
    expect(pub.status).toBe(201);
    expect(pub.body).toMatchObject({ author: 'admin', message: 'raise the minimum', parentHash: base, changed: [RES] });
    expect(pub.body.diff).toContain('-      site.min_area: 30');
    expect(pub.body.diff).toContain('+      site.min_area: 45');
    expect(readFileSync(join(env.defs, 'resolutions.yaml'), 'utf8')).toBe(resolutions(45));

    // In effect at once for new cases and what-ifs.
    expect(await whatIf(40)).toBe(false);
    const refused = await clerk.post('/api/cases', { procedure: 'move', subject: 'o1', input: { area: 40, location: { lat: 38.4, lon: 48.5 } } });
    expect(refused.status).toBe(422);
    expect(refused.body.failures[0].values.required).toBe(45);
    const fresh = await clerk.post('/api/cases', { procedure: 'move', subject: 'o2', input: { area: 46, location: { lat: 38.5, lon: 48.6 } } });
    expect(fresh.body.bundleHash).toBe(pub.body.hash);

    // The running case stays on its version and goes on.
    const c = (await clerk.get(`/api/cases/${running.body.id}`)).body;
    expect(c.bundleHash).toBe(oldHash);
    const done = await clerk.post(`/api/cases/${c.id}/tasks/review/complete`, { expectedVersion: c.version, outcome: 'accept' });
    expect(done.status).toBe(200);

    // Old versions still load after a restart (from the database).
    await env.restart();
    admin = await adminClient(env);
    clerk = await userWith(env, admin, 'clerk2', ['clerk']);
    board = await userWith(env, admin, 'board2', ['board']);
    const again = (await board.get(`/api/cases/${c.id}`)).body;
    const decided = await board.post(`/api/cases/${c.id}/tasks/decide/complete`, { expectedVersion: again.version, outcome: 'reject' });
    expect(decided.status).toBe(200);
    expect(decided.body.result).toBe('refused');
    expect((await admin.get('/api/definitions/versions')).body.total).toBe(2);
    expect(await whatIf(40)).toBe(false);

    // Publishing the same content again changes nothing.
    const same = await admin.put('/api/definitions/file', { path: RES, content: resolutions(45) });
    expect(same.status).toBe(200);
    expect((await admin.get('/api/definitions/versions')).body.total).toBe(2);

    // History: each version's files and diff remain viewable.
    const hist = await admin.get(`/api/definitions/versions/${oldHash}/file?path=${RES}`);
    expect(hist.body.content).toContain('site.min_area: 30');
  });

  it('refuses a broken definition with file:line:col and changes nothing', async () => {
    const before = (await admin.get('/api/definitions')).body.version.hash;
    const bad = await admin.put('/api/definitions/file', { path: RES, content: 'kind: resolutions\nresolutions:\n  - id: x\n    date: [oops\n' });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('invalid-definition');
    expect(bad.body.errors.length).toBeGreaterThan(0);
    expect(bad.body.errors[0]).toMatchObject({ file: `definitions/${RES}` });
    expect(bad.body.lines[0]).toMatch(/^definitions\/testprov\/resolutions\.yaml:\d+:\d+: /);
    const unknownParam = await admin.put('/api/definitions/file', { path: RES, content: resolutions(45).replace('site.min_area', 'site.min_aera') });
    expect(unknownParam.status).toBe(422);
    expect((await admin.get('/api/definitions')).body.version.hash).toBe(before);
    expect(readFileSync(join(env.defs, 'resolutions.yaml'), 'utf8')).toBe(resolutions(45));
  });

  it('refuses a change that breaks the scenarios', async () => {
    const r = await admin.put('/api/definitions/file', { path: RES, content: resolutions(60) });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('scenarios-failed');
    expect(r.body.scenarios.failed).toBeGreaterThan(0);
    expect(r.body.scenarios.results[0].id).toBe('move-happy');
    const check = await admin.post('/api/definitions/check', { path: RES, content: resolutions(60) });
    expect(check.status).toBe(200);
    expect(check.body.ok).toBe(false);
    expect(await whatIf(50)).toBe(true);
  });

  it('rejects path traversal and non-definition file names', async () => {
    for (const path of ['../evil.yaml', 'testprov/../../evil.yaml', '/etc/passwd.yaml', 'testprov\\x.yaml', 'testprov/.hidden.yaml', 'testprov/x.sh']) {
      const r = await admin.put('/api/definitions/file', { path, content: 'kind: roles\nroles: []\n' });
      expect(r.status, path).toBe(400);
    }
    expect((await admin.get('/api/definitions/file?path=../../package.json')).status).toBe(400);
  });

  it('keeps a case readable when its stored definition version no longer loads, and refuses commands on it with 409 problem+json (fa, en)', async () => {
    const c = await clerk.post('/api/cases', { procedure: 'move', subject: 'o2', input: { area: 50, location: { lat: 38.9, lon: 48.9 } } });
    expect(c.status).toBe(201);
    const old = c.body.bundleHash as string;
    const base = (await admin.get('/api/definitions')).body.version.hash;
    expect((await admin.put('/api/definitions/file', { path: RES, content: resolutions(41), message: 'a newer version', baseVersion: base })).status).toBe(201);
    // The engine moved on and no longer reads the old version (simulated: its stored snapshot now fails to load).
    env.server.deps.store.db.prepare('UPDATE bundle_files SET content = ? WHERE hash = ? AND path = ?').run('kind: resolutions\nresolutions:\n  - { id: x, bogus: 1 }\n', old, RES);
    await env.restart();

    // Reads still work: the case, its timeline, its diagram.
    const read = await clerk.get(`/api/cases/${c.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ bundleHash: old, status: 'active', version: c.body.version });
    expect((await clerk.get(`/api/procedures/move/diagram?case=${c.body.id}`)).status).toBe(200);
    expect((await clerk.get('/api/inbox')).status).toBe(200);

    // Commands are refused with an explanation, not a 500, and nothing is written.
    for (const r of [
      await clerk.post(`/api/cases/${c.body.id}/tasks/review/complete`, { expectedVersion: c.body.version, outcome: 'accept' }),
      await clerk.post(`/api/cases/${c.body.id}/cancel`, { expectedVersion: c.body.version }),
    ]) {
      expect(r.status).toBe(409);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body).toMatchObject({ type: 'urn:dabir:problem:definition-version-unavailable', code: 'definition-version-unavailable', definitionVersion: old });
      expect(r.body.detail).toContain(old.slice(0, 12));
      expect(r.body.detail_en).toContain(`definition version ${old.slice(0, 12)}`);
      expect(r.body.detail_en).toContain('no longer loads');
      expect(r.body.lines[0]).toMatch(/^definitions\/testprov\/resolutions\.yaml:\d+:\d+: /);
    }
    expect((await clerk.get(`/api/cases/${c.body.id}`)).body.version).toBe(c.body.version);
    // New cases run on the current version as ever.
    expect((await clerk.post('/api/cases', { procedure: 'move', subject: 'o1', input: { area: 50, location: { lat: 38.4, lon: 48.5 } } })).status).toBe(201);
  });

  it('publishes a new file (upload) and its deletion', async () => {
    const add = `kind: roles\nroles:\n  - { id: auditor, label: { fa: حسابرس, en: Auditor }, external: false }\n`;
    // A change is written only with the version it was made on (baseVersion): 428 without it, and nothing changes.
    const before = (await admin.get('/api/definitions')).body.version.hash;
    const blind = await admin.put('/api/definitions/file', { path: 'testprov/more-roles.yaml', content: add });
    expect(blind.status).toBe(428);
    expect(blind.body).toMatchObject({ code: 'precondition-required', currentVersion: before });
    expect(existsSync(join(env.defs, 'more-roles.yaml'))).toBe(false);
    const up = await admin.put('/api/definitions/file', { path: 'testprov/more-roles.yaml', content: add, baseVersion: before });
    expect(up.status).toBe(201);
    expect((await admin.get('/api/roles')).body.map((r: { id: string }) => r.id)).toContain('auditor');
    expect((await admin.del('/api/definitions/file?path=testprov/more-roles.yaml')).status).toBe(428);
    const del = await admin.del(`/api/definitions/file?path=testprov/more-roles.yaml&baseVersion=${up.body.hash}`);
    expect(del.status).toBe(200);
    expect((await admin.get('/api/roles')).body.map((r: { id: string }) => r.id)).not.toContain('auditor');
  });
});
