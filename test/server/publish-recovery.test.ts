/**
 * Start-up after a crash in the middle of a publish (server/publish/startup.ts): the publish intent left behind is
 * completed under its author when every new file is on disk and they load to the intended hash, and rolled back
 * otherwise; temp files of an interrupted atomic write are removed; a file edited by hand since is never overwritten.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, testEnv, type TestEnv } from './helpers.js';

const RES = 'testprov/resolutions.yaml';
const ROLES = 'testprov/extra-roles.yaml';
const resolutions = (area: number) => `kind: resolutions
resolutions:
  - id: prov-1400
    title: { fa: مصوبه استانی, en: Provincial resolution }
    date: 1400-01-01
    sample: true
    sets:
      site.min_area: ${area}
`;
const roles = `kind: roles\nroles:\n  - { id: auditor, label: { fa: حسابرس, en: Auditor }, external: false }\n`;

describe('recovering an interrupted publish at start-up', () => {
  let env: TestEnv;
  const file = (path: string) => join(env.dir, 'definitions', path);
  const current = async () => (await (await adminClient(env)).get('/api/definitions')).body.version as { hash: string; author: string; message: string | null };
  const versions = async () => (await (await adminClient(env)).get('/api/definitions/versions')).body.total as number;
  /** What Publisher.publish records before writing a change to `res` and a new `roles` file. */
  const intend = (hash: string, author = 'editor') => {
    const { store, bundles } = env.server.deps;
    store.bundles.intend({
      hash, author, message: 'two files at once', baseHash: bundles.current().hash, createdAt: new Date().toISOString(),
      files: { [RES]: resolutions(35), [ROLES]: roles }, previous: { [RES]: resolutions(30), [ROLES]: null },
    });
  };

  beforeAll(async () => {
    env = await testEnv();
  });
  afterAll(async () => env?.cleanup());

  it('rolls back a publish whose files were not all written, and removes its temp files', async () => {
    const before = await current();
    const n = await versions();
    intend('0'.repeat(64));
    // The crash came after the first file was renamed into place, while the second was still a temp file.
    writeFileSync(file(RES), resolutions(35));
    writeFileSync(`${file(ROLES)}.4242.1760000000000.tmp`, roles);
    await env.restart();
    expect(readFileSync(file(RES), 'utf8')).toBe(resolutions(30));
    expect(existsSync(file(ROLES))).toBe(false);
    expect(readdirSync(join(env.dir, 'definitions', 'testprov')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(env.server.deps.store.bundles.intent()).toBeUndefined();
    expect((await current()).hash).toBe(before.hash);
    expect(await versions()).toBe(n);
  });

  it('completes a publish whose files were all written, under its author and message', async () => {
    const n = await versions();
    const checked = env.server.services.publisher.check([{ path: RES, content: resolutions(35) }, { path: ROLES, content: roles }]);
    expect(checked.ok).toBe(true);
    intend(checked.bundle!.hash);
    writeFileSync(file(RES), resolutions(35));
    writeFileSync(file(ROLES), roles);
    await env.restart();
    expect(await current()).toMatchObject({ hash: checked.bundle!.hash, author: 'editor', message: 'two files at once' });
    expect(await versions()).toBe(n + 1);
    expect(env.server.deps.store.bundles.intent()).toBeUndefined();
    expect((await (await adminClient(env)).get('/api/roles')).body.map((r: { id: string }) => r.id)).toContain('auditor');
  });

  it('never overwrites a file edited by hand since the interrupted publish', async () => {
    const checked = env.server.services.publisher.check([{ path: RES, content: resolutions(30) }]);
    const { store, bundles } = env.server.deps;
    store.bundles.intend({
      hash: checked.bundle!.hash, author: 'editor', message: null, baseHash: bundles.current().hash, createdAt: new Date().toISOString(),
      files: { [RES]: resolutions(30) }, previous: { [RES]: resolutions(35) },
    });
    writeFileSync(file(RES), resolutions(33)); // neither the old nor the new content
    await env.restart();
    expect(readFileSync(file(RES), 'utf8')).toBe(resolutions(33));
    expect(await current()).toMatchObject({ author: 'filesystem' });
    expect(env.server.deps.store.bundles.intent()).toBeUndefined();
  });
});
