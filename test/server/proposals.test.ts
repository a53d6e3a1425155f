/**
 * Rule changes by form, through the HTTP API on a copy of the Ardabil definitions: a new value of a parameter is
 * drafted as a dated resolution (nothing written), checked, compared scenario by scenario with the current version
 * (why each verdict turns, in Persian), the turned scenarios' expectations rewritten on request, and the whole
 * published as one change set — after which new cases are judged by the new value. Also: change sets of several
 * files published as one version, all or nothing.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, REPO, testEnv, userWith, type Client, type TestEnv } from './helpers.js';

/** 1405-02-20 08:00 in Tehran: the date the Ardabil relocation scenarios are written for. */
const NOW = '2026-05-10T04:30:00.000Z';
const TODAY = '1405-02-20';
const RES = 'ardabil/resolutions.yaml';
const PARAM = 'office.min_area.urban';

const proposal = (over: Record<string, unknown> = {}) => ({
  value: 55, date: TODAY, number: '1405/07',
  title: { fa: 'مصوبهٔ کارگروه استانی — حداقل مساحت دفاتر شهری ۵۵ متر مربع', en: 'Provincial resolution — urban minimum area 55 m²' },
  reference: { fa: 'آیین‌نامه — ماده ۲۰', en: 'Regulation — Article 20' },
  ...over,
});

const relocation = (area: number) => ({
  procedure: 'relocation', subject: 'office-ard-1001',
  input: { place: 'ardabil-city', kind: 'urban', area, location: { lat: 38.2801997, lon: 48.2933 } },
});

describe('parameter proposals and change sets', () => {
  let copy: string;
  let env: TestEnv;
  let admin: Client;
  let secretariat: Client;

  beforeAll(async () => {
    copy = mkdtempSync(join(tmpdir(), 'dabir-proposals-'));
    cpSync(join(REPO, 'definitions'), join(copy, 'definitions'), { recursive: true });
    env = await testEnv({}, { definitionsDir: join(copy, 'definitions/ardabil'), now: NOW });
    admin = await adminClient(env);
    secretariat = await userWith(env, admin, 'p-secretariat', ['secretariat']);
  });
  afterEach(() => expect(env.openapi.take()).toEqual([]));
  afterAll(async () => {
    await env?.cleanup();
    rmSync(copy, { recursive: true, force: true });
  });

  const onDisk = (path: string) => readFileSync(join(copy, 'definitions', path), 'utf8');
  const versions = async () => (await admin.get('/api/definitions/versions')).body.total as number;

  it('drafts the resolution into the province\'s resolutions file, keeping every line, and writes nothing', async () => {
    const before = onDisk(RES);
    const count = await versions();
    const r = await admin.post(`/api/admin/parameters/${PARAM}/proposal`, proposal());
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ parameter: PARAM, inForce: true, fieldErrors: [], errors: [] });
    expect(r.body.resolution).toMatchObject({ date: TODAY, number: '1405/07', sets: { [PARAM]: 55 } });
    // The id is chosen for the administrator: from the bundle, the date and the English title.
    expect(r.body.resolution.id).toBe('ardabil-1405-02-20-provincial-resolution-urban-minimum-area-55');
    const file = r.body.files.find((f: { path: string }) => f.path === RES);
    expect(file.previous).toBe(before);
    // Every line of the file stays as it was; the new resolution comes after the last one.
    expect(file.content.startsWith(before)).toBe(true);
    expect(parse(file.content).resolutions.at(-1)).toEqual(r.body.resolution);
    expect(file.diff).toContain(`+  - id: ${r.body.resolution.id}`);
    expect(onDisk(RES)).toBe(before);
    expect(await versions()).toBe(count);
  });

  it('says in Persian which scenarios the new value turns, and why', async () => {
    const r = await admin.post(`/api/admin/parameters/${PARAM}/proposal`, proposal());
    expect(r.body.ok).toBe(false);
    const byId = Object.fromEntries(r.body.changes.map((c: { id: string }) => [c.id, c]));
    // Every Ardabil relocation scenario of a 50 or 52 m² urban site dated on or after the change turns.
    expect(Object.keys(byId).sort()).toEqual([
      'relocation-52-in-force', 'relocation-happy-path', 'relocation-inspection-corrected-by-a-return', 'relocation-second-open-case-refused', 'relocation-urban-50-allowed',
    ]);
    const c = byId['relocation-52-in-force'];
    expect(c.before).toMatchObject({ passed: true, outcome: { kind: 'ended', result: 'approved' } });
    expect(c.after).toMatchObject({ passed: false, outcome: { kind: 'refused', failures: [{ rule: 'office.min-area' }] } });
    // Why, by labels: the scenario's title, the end it reached, the rule that now refuses with its values.
    const why = 'سناریوی «تغییر مکان با ۵۲ متر مربع» پیش از این پرونده با «دفتر به محل جدید منتقل شد» پایان می‌یافت و اکنون شروع پرونده رد می‌شود: قاعدهٔ «حداقل مساحت دفتر» — ';
    expect(c.why.fa.startsWith(why)).toBe(true);
    expect(c.why.fa.slice(why.length)).toMatch(/۵۲.*۵۵/);
    expect(c.why.en).toMatch(/^Scenario "Relocation to a 52 m² urban site": before, the case ended with .*; now the start is refused: rule "Minimum office area"/);
    expect(c.expect).toEqual({ refused: ['office.min-area'] });
    expect(byId['relocation-urban-50-allowed'].why.fa).toMatch(/پیش از این پذیرفته می‌شد و در مرحلهٔ «[^»]+» باز می‌ماند و اکنون شروع پرونده رد می‌شود/);
    expect(r.body.scenarios.before.failed).toBe(0);
    expect(r.body.scenarios.after.failed).toBe(5);
    // A scenario that is refused either way is not a change.
    expect(byId['relocation-40-refused-in-force']).toBeUndefined();
  });

  it('refuses a value that does not fit the parameter, a bad date and a missing title, in Persian, at the field', async () => {
    const low = await admin.post(`/api/admin/parameters/${PARAM}/proposal`, proposal({ value: 45 }));
    expect(low.status).toBe(200);
    expect(low.body).toMatchObject({ ok: false, files: [], resolution: null });
    expect(low.body.fieldErrors).toEqual([{ path: '/value', message: { fa: 'مقدار در بازهٔ مجاز نیست: ۴۵ کمتر از کمینهٔ مجاز (۵۰) است', en: 'The value is out of bounds: 45 is below the minimum 50' } }]);
    const text = await admin.post(`/api/admin/parameters/${PARAM}/proposal`, proposal({ value: 'پنجاه', date: '1405-13-40', title: { fa: ' ' } }));
    expect(text.body.fieldErrors.map((e: { path: string }) => e.path)).toEqual(['/value', '/date', '/title/fa']);
    expect(text.body.fieldErrors[0].message.fa).toMatch(/^مقدار باید عدد باشد/);
    const integer = await admin.post('/api/admin/parameters/transfer.min_licence_years/proposal', proposal({ value: 5.5 }));
    expect(integer.body.fieldErrors[0].message.fa).toMatch(/باید عدد صحیح باشد/);
    const row = await admin.post('/api/admin/parameters/violations.penalties/proposal', proposal({ value: [{ code: 'late', occurrence: 0, violation: { fa: 'تأخیر' }, penalty: 'written-warning' }] }));
    expect(row.body.fieldErrors[0].message.fa).toMatch(/ردیف ۱: «occurrence» باید دست‌کم ۱ باشد/);
    expect((await admin.post('/api/admin/parameters/no.such.parameter/proposal', proposal())).status).toBe(404);
    expect((await secretariat.post(`/api/admin/parameters/${PARAM}/proposal`, proposal())).status).toBe(403);
  });

  it('rewrites the turned scenarios\' expectations on request, then publishes everything as one version', async () => {
    const first = await admin.post(`/api/admin/parameters/${PARAM}/proposal`, proposal());
    const ids = first.body.changes.map((c: { id: string }) => c.id);
    const r = await admin.post(`/api/admin/parameters/${PARAM}/proposal`, proposal({ updateScenarios: ids }));
    expect(r.body.ok).toBe(true);
    expect(r.body.scenarios.after.failed).toBe(0);
    expect(r.body.changes.every((c: { updated: boolean; after: { passed: boolean } }) => c.updated && c.after.passed)).toBe(true);
    const paths = r.body.files.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual([RES, 'ardabil/scenarios/relocation-in-force.yaml', 'ardabil/scenarios/relocation.yaml']);
    const sc = r.body.files.find((f: { path: string }) => f.path === 'ardabil/scenarios/relocation-in-force.yaml');
    const scenarios = parse(sc.content).scenarios;
    expect(scenarios[0].expect).toEqual({ refused: ['office.min-area'] });
    // Only the expectation's lines change: the title, input and steps stay as written.
    expect(sc.content.split('\n').slice(0, 18)).toEqual(sc.previous.split('\n').slice(0, 18));

    const count = await versions();
    const pub = await admin.post('/api/definitions/publish', {
      files: r.body.files.map((f: { path: string; content: string }) => ({ path: f.path, content: f.content })),
      message: 'حداقل مساحت شهری ۵۵', baseVersion: r.body.baseVersion,
    });
    expect(pub.status).toBe(201);
    expect([...pub.body.changed].sort()).toEqual(paths);
    expect(await versions()).toBe(count + 1);
    expect(onDisk(RES)).toBe(r.body.files.find((f: { path: string }) => f.path === RES).content);

    const params = (await secretariat.get('/api/parameters')).body.parameters;
    const p = params.find((x: { id: string }) => x.id === PARAM);
    expect(p.value).toBe(55);
    expect(p.provenance.resolution).toMatchObject({ id: r.body.resolution.id, number: '1405/07' });
    expect(p.history.at(-1)).toMatchObject({ value: 55, inForce: true, scheduled: false });

    // The next case is judged by the new value, citing the new resolution.
    const refused = await secretariat.post('/api/cases', relocation(52));
    expect(refused.status).toBe(422);
    expect(refused.body.failures[0]).toMatchObject({ rule: 'office.min-area', values: { required: 55 } });
    expect(refused.body.failures[0].resolutions.map((x: { id: string }) => x.id)).toContain(r.body.resolution.id);
    expect((await secretariat.post('/api/cases', relocation(56))).status).toBe(201);
  });

  it('marks a value dated in the future as scheduled, not in force', async () => {
    const r = await admin.post(`/api/admin/parameters/${PARAM}/proposal`, proposal({ value: 60, date: '1406-01-01', title: { fa: 'مصوبهٔ سال آینده', en: 'Next year' }, number: undefined }));
    expect(r.body).toMatchObject({ inForce: false, resolution: { id: 'ardabil-1406-01-01-next-year', date: '1406-01-01' } });
    const pub = await admin.post('/api/definitions/publish', {
      files: r.body.files.map((f: { path: string; content: string }) => ({ path: f.path, content: f.content })), baseVersion: r.body.baseVersion,
    });
    // The in-force scenarios follow the latest resolution: with 60 from 1406 their expectation (refused) still holds.
    expect(pub.status).toBe(201);
    const p = (await admin.get(`/api/parameters/${PARAM}`)).body;
    expect(p.value).toBe(55);
    expect(p.history.at(-1)).toMatchObject({ value: 60, inForce: false, scheduled: true });
    expect((await admin.get(`/api/parameters/${PARAM}?on=1406-01-01`)).body.value).toBe(60);
  });
});

describe('change sets', () => {
  let env: TestEnv;
  let admin: Client;
  const ROLES = 'testprov/more-roles.yaml';
  const RES_T = 'testprov/resolutions.yaml';

  beforeAll(async () => {
    env = await testEnv();
    admin = await adminClient(env);
  });
  afterEach(() => expect(env.openapi.take()).toEqual([]));
  afterAll(async () => env?.cleanup());

  const roles = 'kind: roles\nroles:\n  - { id: auditor, label: { fa: حسابرس, en: Auditor }, external: false }\n';

  it('checks and publishes several files as one version, or none of them', async () => {
    const base = (await admin.get('/api/definitions')).body.version.hash;
    const res = (await admin.get(`/api/definitions/file?path=${RES_T}`)).body.content as string;
    const changed = res.replace('site.min_area: 30', 'site.min_area: 32');
    const check = await admin.post('/api/definitions/check', { files: [{ path: ROLES, content: roles }, { path: RES_T, content: changed }] });
    expect(check.body).toMatchObject({ ok: true, errors: [] });

    // One broken file refuses the whole change set, in Persian and English, and writes nothing.
    const broken = await admin.post('/api/definitions/publish', { files: [{ path: ROLES, content: roles }, { path: RES_T, content: changed.replace('site.min_area', 'site.min_aera') }], baseVersion: base });
    expect(broken.status).toBe(422);
    expect(broken.body.code).toBe('invalid-definition');
    expect(broken.body.errors[0]).toMatchObject({ code: 'unknown-parameter', file: `definitions/${RES_T}` });
    expect(broken.body.errors[0].message_fa).toMatch(/^مصوبهٔ «prov-1400» مقدار «site.min_aera» را تعیین می‌کند، ولی چنین پارامتری تعریف نشده است — آیا منظورتان «site.min_area» است؟$/);
    expect(broken.body.detail).toMatch(/^تعاریف ۱ خطا دارند:\ndefinitions\/testprov\/resolutions\.yaml:\d+:\d+: مصوبهٔ «prov-1400»/);
    expect((await admin.get('/api/definitions')).body.version.hash).toBe(base);
    expect((await admin.get('/api/roles')).body.map((r: { id: string }) => r.id)).not.toContain('auditor');

    // Failing scenarios say which, what they expected and what happened, in Persian.
    const failing = await admin.post('/api/definitions/publish', { files: [{ path: RES_T, content: res.replace('site.min_area: 30', 'site.min_area: 60') }], baseVersion: base });
    expect(failing.status).toBe(422);
    expect(failing.body.code).toBe('scenarios-failed');
    const sc = failing.body.scenarios.results[0];
    expect(sc.expected.fa).toMatch(/^پرونده با «[^»]+» پایان یابد/);
    expect(sc.happened.fa).toMatch(/^شروع پرونده رد می‌شود: قاعدهٔ «[^»]+» — /);
    expect(failing.body.detail).toContain(`سناریوی «`);

    const pub = await admin.post('/api/definitions/publish', { files: [{ path: ROLES, content: roles }, { path: RES_T, content: changed }], message: 'two at once', baseVersion: base });
    expect(pub.status).toBe(201);
    expect([...pub.body.changed].sort()).toEqual([ROLES, RES_T]);
    expect(pub.body.parentHash).toBe(base);
    expect((await admin.get('/api/roles')).body.map((r: { id: string }) => r.id)).toContain('auditor');

    // Made on an older version: 409, nothing written; the same file twice: 400.
    const stale = await admin.post('/api/definitions/publish', { files: [{ path: ROLES, content: null }], baseVersion: base });
    expect(stale.status).toBe(409);
    const twice = await admin.post('/api/definitions/publish', { files: [{ path: ROLES, content: roles }, { path: ROLES, content: null }], baseVersion: pub.body.hash });
    expect(twice.status).toBe(400);
    expect((await admin.post('/api/definitions/publish', { files: [], baseVersion: pub.body.hash })).status).toBe(400);
  });
});
