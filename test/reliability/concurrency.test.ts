import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, testEnv, userWith, type Client, type TestEnv } from '../server/helpers.js';

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

describe('concurrency', () => {
  let env: TestEnv;
  let admin: Client;
  let clerks: Client[];

  beforeAll(async () => {
    env = await testEnv({ config: { loginLimit: { windowMs: 60_000, limit: 1000 } } });
    admin = await adminClient(env);
    clerks = [await userWith(env, admin, 'clerk1', ['clerk']), await userWith(env, admin, 'clerk2', ['clerk'])];
  });
  afterAll(async () => env?.cleanup());

  it('50 simultaneous completions of one task: exactly one succeeds, 49 get 409, the log holds one completion', async () => {
    const c = await clerks[0].post('/api/cases', { procedure: 'move', subject: 'o1', input: { area: 50, location: { lat: 38.4, lon: 48.5 } } });
    expect(c.status).toBe(201);
    const task = c.body.openTasks[0].id;
    const all = await Promise.all(
      Array.from({ length: 50 }, (_, i) => clerks[i % 2].post(`/api/cases/${c.body.id}/tasks/${task}/complete`, { expectedVersion: c.body.version, outcome: i % 3 ? 'accept' : 'reject' })),
    );
    const statuses = all.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const r of all.filter((x) => x.status === 409)) {
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body).toMatchObject({ code: 'stale-version', expectedVersion: c.body.version, currentVersion: expect.any(Number) });
    }
    const events = (await admin.get(`/api/cases/${c.body.id}/events`)).body as { type: string; task?: string }[];
    expect(events.filter((e) => e.type === 'task.completed' && e.task === task)).toHaveLength(1);
    const winner = all.find((r) => r.status === 200)!;
    expect(events).toHaveLength(winner.body.version);
  });

  it('50 simultaneous starts with one Idempotency-Key create one case', async () => {
    const body = { procedure: 'move', subject: 'o2', input: { area: 51, location: { lat: 38.7, lon: 48.9 } } };
    const before = (await admin.get('/api/cases?limit=1')).body.total;
    const all = await Promise.all(Array.from({ length: 50 }, () => clerks[0].post('/api/cases', body, { 'idempotency-key': 'same-key-1' })));
    expect(all.every((r) => r.status === 201)).toBe(true);
    expect(new Set(all.map((r) => r.body.id)).size).toBe(1);
    expect(all.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(49);
    expect((await admin.get('/api/cases?limit=1')).body.total).toBe(before + 1);
  });

  it('two administrators publish at once: one wins, the other gets 409, nothing half-written', async () => {
    const admin2 = await userWith(env, admin, 'admin2', ['admin']);
    const base = (await admin.get('/api/definitions')).body.version.hash;
    const versionsBefore = (await admin.get('/api/definitions/versions')).body.total;
    const [a, b] = await Promise.all([
      admin.put('/api/definitions/file', { path: RES, content: resolutions(31), message: 'A', baseVersion: base }),
      admin2.put('/api/definitions/file', { path: RES, content: resolutions(32), message: 'B', baseVersion: base }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const [win, lose] = a.status === 201 ? [a, b] : [b, a];
    expect(lose.body).toMatchObject({ code: 'stale-version', expectedVersion: base, currentVersion: win.body.hash });
    const want = win === a ? resolutions(31) : resolutions(32);
    // Disk, the current version, the history and the served file all agree on the winner.
    expect(readFileSync(join(env.defs, 'resolutions.yaml'), 'utf8')).toBe(want);
    const now = (await admin.get('/api/definitions')).body;
    expect(now.version.hash).toBe(win.body.hash);
    const versions = (await admin.get('/api/definitions/versions')).body;
    expect(versions.total).toBe(versionsBefore + 1);
    expect(versions.current).toBe(win.body.hash);
    expect((await admin.get(`/api/definitions/file?path=${RES}`)).body.content).toBe(want);
    expect((await admin.get(`/api/definitions/versions/${win.body.hash}/file?path=${RES}`)).body.content).toBe(want);
    // The loser retries on the new base and wins in turn.
    const retry = await (win === a ? admin2 : admin).put('/api/definitions/file', { path: RES, content: resolutions(33), baseVersion: win.body.hash });
    expect(retry.status).toBe(201);
  });

  it('ten administrators publishing different files on one base: exactly one wins', async () => {
    const base = (await admin.get('/api/definitions')).body.version.hash;
    const all = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        admin.put('/api/definitions/file', { path: `testprov/extra-roles-${i}.yaml`, content: `kind: roles\nroles:\n  - { id: extra${i}, label: { fa: نقش, en: Extra }, external: false }\n`, baseVersion: base }),
      ),
    );
    expect(all.filter((r) => r.status === 201)).toHaveLength(1);
    expect(all.filter((r) => r.status === 409)).toHaveLength(9);
    const files = (await admin.get('/api/definitions')).body.files.map((f: { path: string }) => f.path).filter((p: string) => p.includes('extra-roles'));
    expect(files).toHaveLength(1);
  });
});
