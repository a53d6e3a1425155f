/**
 * Issue 11 item 7: the registry files and the live registry agree. Publishing a change of a registry file through
 * the definitions editor applies it to the live records — adds, changes (only the fields the file changed: what
 * keepers and cases wrote since stays) and removals (retired) — after the check said what it would do; a change that
 * would not hold together with the live registry is refused with the reason, and changes nothing.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, REPO, testEnv, userWith, type Client, type TestEnv } from './helpers.js';

const COUNTIES = 'ardabil/registry/counties.yaml';
const PLACES = 'ardabil/registry/places.yaml';
const NEW_COUNTY = '    - { id: county-test, name: { fa: شهرستان آزمون, en: Test County }, population: 1000, census: "برآورد" }\n';

describe('publishing registry files applies them to the live registry', () => {
  let copy: string;
  let env: TestEnv;
  let admin: Client;
  let secretariat: Client;

  beforeAll(async () => {
    copy = mkdtempSync(join(tmpdir(), 'dabir-registry-publish-'));
    cpSync(join(REPO, 'definitions'), join(copy, 'definitions'), { recursive: true });
    env = await testEnv({}, { definitionsDir: join(copy, 'definitions/ardabil'), now: '2026-05-10T04:30:00.000Z' });
    admin = await adminClient(env);
    secretariat = await userWith(env, admin, 'pub-secretariat', ['secretariat']);
  });
  afterEach(() => expect(env.openapi.take()).toEqual([]));
  afterAll(async () => {
    await env?.cleanup();
    rmSync(copy, { recursive: true, force: true });
  });

  const file = async (path: string) => (await admin.get(`/api/definitions/file?path=${path}`)).body.content as string;
  const base = async () => (await admin.get('/api/definitions')).body.version.hash as string;

  it('previews adds and changes in the check, then publishes them into the live registry, keeping the fields kept by hand', async () => {
    // A keeper changed a field the file does not change.
    const nir = (await secretariat.get('/api/registry/county/county-nir')).body;
    expect((await secretariat.put('/api/registry/county/county-nir', { ...nir, census: 'برآورد دبیرخانه' })).status).toBe(200);

    const content = (await file(COUNTIES)).replace('population: 20864', 'population: 21000') + NEW_COUNTY;
    const check = await admin.post('/api/definitions/check', { files: [{ path: COUNTIES, content }] });
    expect(check.status).toBe(200);
    expect(check.body.ok).toBe(true);
    expect(check.body.registry.adds).toEqual([{ entity: 'county', entityLabel: { fa: 'شهرستان', en: 'County' }, id: 'county-test', title: 'شهرستان آزمون' }]);
    expect(check.body.registry.changes).toEqual([{
      entity: 'county', entityLabel: { fa: 'شهرستان', en: 'County' }, id: 'county-nir', title: 'شهرستان نیر',
      fields: [{ path: 'population', label: 'جمعیت', before: '20864', after: '21000' }],
    }]);
    expect(check.body.registry.removals).toEqual([]);
    expect((await secretariat.get('/api/registry/county/county-test')).status).toBe(404);

    const pub = await admin.post('/api/definitions/publish', { files: [{ path: COUNTIES, content }], message: 'شهرستان آزمون', baseVersion: await base() });
    expect(pub.status).toBe(201);
    expect((await secretariat.get('/api/registry/county/county-test')).body).toMatchObject({ name: { fa: 'شهرستان آزمون' }, population: 1000, $retired: null });
    expect((await secretariat.get('/api/registry/county?q=آزمون')).body.total).toBe(1);
    expect((await secretariat.get('/api/registry/county/county-nir')).body).toMatchObject({ population: 21000, census: 'برآورد دبیرخانه' });
  });

  it('retires the records a file removes; they stay readable', async () => {
    const content = (await file(COUNTIES)).replace(NEW_COUNTY, '');
    const check = await admin.post('/api/definitions/check', { files: [{ path: COUNTIES, content }] });
    expect(check.body.registry.removals).toEqual([{ entity: 'county', entityLabel: { fa: 'شهرستان', en: 'County' }, id: 'county-test', title: 'شهرستان آزمون' }]);
    expect(check.body.registry.adds).toEqual([]);
    const pub = await admin.post('/api/definitions/publish', { files: [{ path: COUNTIES, content }], baseVersion: await base() });
    expect(pub.status).toBe(201);
    const gone = (await secretariat.get('/api/registry/county/county-test')).body;
    expect(gone.$retired.reason).toContain('از فایل‌های ثبت برداشته شد');
    expect((await secretariat.get('/api/registry/county?q=آزمون')).body.total).toBe(0);
  });

  it('refuses a publish whose records would name a retired record, with the reason, and changes nothing', async () => {
    expect((await secretariat.post('/api/registry/county/county-kowsar/retire', { reason: 'ادغام شد' })).status).toBe(200);
    const places = await file(PLACES);
    const content = places.replace(/(\n {2}place:\n)/, '$1    - {"id": "village-test", "name": {"fa": "روستای آزمون"}, "kind": "village", "county": "county-kowsar", "population": 10}\n');
    expect(content).not.toBe(places);
    const check = await admin.post('/api/definitions/check', { files: [{ path: PLACES, content }] });
    expect(check.body.ok).toBe(false);
    expect(check.body.registry.problems).toEqual([{ entity: 'place', id: 'village-test', title: 'روستای آزمون', message: { fa: expect.stringContaining('بایگانی شده است'), en: expect.any(String) } }]);
    const before = await base();
    const pub = await admin.post('/api/definitions/publish', { files: [{ path: PLACES, content }], baseVersion: before });
    expect(pub.status).toBe(422);
    expect(pub.body.detail).toContain('چیزی منتشر نشد');
    expect(pub.body.detail).toContain('روستای آزمون');
    expect(await base()).toBe(before);
    expect(await file(PLACES)).toBe(places);
    expect((await secretariat.get('/api/registry/place/village-test')).status).toBe(404);
  });
});
