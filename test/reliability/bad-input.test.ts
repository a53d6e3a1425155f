/**
 * Bad input, case by case: size and depth limits, YAML bombs, oversized files and uploads, wrong content types, path
 * traversal in definition file names, and script in labels. Each is refused with a 4xx problem or neutralised; none
 * hangs, none is a 5xx. (Random bodies to every endpoint: fuzz.test.ts.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, Client, testEnv, userWith, type Res, type TestEnv } from '../server/helpers.js';
import { fillPath, operations } from './openapi-ops.js';

const SCRIPT = '<script>alert(1)</script>';
const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepLogic = (n: number): unknown => (n === 0 ? true : { '!': [deepLogic(n - 1)] });
const ruleFile = (check: unknown) => `kind: rules\nrules:\n  - id: deep.x\n    label: { fa: x, en: x }\n    check: ${JSON.stringify(check)}\n    message: { fa: x, en: x }\n`;
const billionLaughs = () => {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]`);
  return `kind: roles\n${lines.join('\n')}\nroles: []\n`;
};
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

/** A JSON API answer: never HTML, problem+json for errors. */
function expectJsonAnswer(r: Res, what: string): void {
  const type = r.headers.get('content-type') ?? '';
  expect(type, what).not.toContain('html');
  expect(type, what).toMatch(r.status >= 400 ? /^application\/problem\+json/ : /^application\/json/);
  expect(r.headers.get('x-content-type-options'), what).toBe('nosniff');
}

describe('bad input', () => {
  let env: TestEnv;
  let admin: Client;
  let clerk: Client;
  let caseId: string;
  const errors: string[] = [];

  beforeAll(async () => {
    env = await testEnv({ log: pino({ level: 'error' }, { write: (l: string) => void errors.push(l) }), config: { maxUploadBytes: 64 * 1024, loginLimit: { windowMs: 60_000, limit: 1000 } } });
    // Junk in, junk answers out: these tests judge answers themselves (never 5xx, never HTML), not against the document.
    env.client = () => new Client(() => env.server.url);
    admin = await adminClient(env);
    clerk = await userWith(env, admin, 'clerk1', ['clerk']);
    caseId = (await clerk.post('/api/cases', { procedure: 'move', subject: 'o1', input: { area: 50, location: { lat: 38.4, lon: 48.5 } } })).body.id;
  });
  afterAll(async () => env?.cleanup());

  it('refuses a JSON body over the size limit with 413 problem+json, on every JSON endpoint', async () => {
    const big = JSON.stringify({ input: { blob: 'x'.repeat(6 * 1024 * 1024) } });
    const ops = operations((await admin.get('/api/openapi.json')).body).filter((o) => o.body?.contentType === 'application/json');
    for (const op of ops) {
      const r = await admin.req(op.method, fillPath(op.path, { id: caseId, task: 'x', entity: 'office' }), big, { 'content-type': 'application/json' });
      expect(r.status, `${op.method} ${op.path}`).toBe(413);
      expectJsonAnswer(r, op.path);
    }
  });

  it('refuses deeply nested JSON (10,000 levels) with 400 validation-failed on every JSON endpoint', async () => {
    const ops = operations((await admin.get('/api/openapi.json')).body).filter((o) => o.body?.contentType === 'application/json');
    for (const op of ops) {
      for (const body of [deepArray(10_000), `{"input":{"x":${deepArray(10_000)}},"data":{"x":${deepArray(10_000)}},"subject":"o1"}`]) {
        const r = await admin.req(op.method, fillPath(op.path, { id: op.path.startsWith('/rules') ? 'site.min-area' : op.path.startsWith('/procedures') ? 'move' : caseId, task: 'x', entity: 'office' }), body, { 'content-type': 'application/json' });
        expect(r.status, `${op.method} ${op.path}`).toBe(400);
        expect(r.body.code).toBe('validation-failed');
        expectJsonAnswer(r, op.path);
      }
    }
    expect((await admin.get('/api/health')).status).toBe(200);
  });

  // Regression: routes/cases.ts hashes the body for Idempotency-Key with a recursive canonical(); a deeply nested input
  // overflowed the stack and answered 500. Bodies nested deeper than 64 are now refused before any route (json-depth.ts).
  it('answers a case start with deeply nested input with 4xx, not 500 (regression)', async () => {
    const r = await clerk.req('POST', '/api/cases', `{"procedure":"move","subject":"o1","input":{"area":50,"x":${deepArray(10_000)}}}`, { 'content-type': 'application/json' });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([{
      in: 'body', path: '/', keyword: 'depth', field: { fa: 'بدنهٔ درخواست', en: 'The request body' },
      message: { fa: 'بدنهٔ درخواست بیش از ۶۴ سطح تودرتو است.', en: 'The body is nested deeper than 64 levels.' },
    }]);
    // 64 levels are still accepted (the start is judged by the rules, not refused for its shape).
    const ok = await clerk.req('POST', '/api/cases', `{"procedure":"move","subject":"o1","input":{"area":50,"x":${deepArray(62)}}}`, { 'content-type': 'application/json' });
    expect(ok.status).toBeLessThan(500);
    expect(ok.body.code).not.toBe('validation-failed');
  });

  it('answers a what-if whose input the rules cannot evaluate with 422 cannot-evaluate, not 500 (regression)', async () => {
    for (const [path, body] of [['/api/procedures/move/what-if', { subject: 'o1', input: { area: 50 } }], ['/api/procedures/move/what-if', {}], ['/api/rules/site.min-distance/what-if', { input: {} }]] as const) {
      const r = await clerk.post(path, body);
      expect(r.status, path).toBe(422);
      expect(r.body.code).toBe('cannot-evaluate');
      expectJsonAnswer(r, path);
    }
  });

  it('rebuilds a case that has documents, and refuses absurd offsets with 400 (regressions)', async () => {
    expect((await clerk.req('POST', `/api/cases/${caseId}/documents?name=a.png`, PNG, { 'content-type': 'image/png' })).status).toBe(201);
    const r = await admin.post(`/api/cases/${caseId}/rebuild`);
    expect(r.status).toBe(200);
    for (const p of ['/api/audit?offset=1e309', '/api/cases?offset=1e20', '/api/jobs?offset=99999999999999999999', '/api/inbox?offset=1e300']) {
      const q = await admin.get(p);
      expect(q.status, p).toBe(400);
      expectJsonAnswer(q, p);
    }
  });

  it('refuses YAML alias bombs, deep YAML and oversized or deeply nested JSON-Logic quickly, and publishes none of them', async () => {
    const before = (await admin.get('/api/definitions')).body.version.hash;
    const cases: [string, string, string][] = [
      ['testprov/bomb.yaml', billionLaughs(), 'yaml-alias-limit'],
      ['testprov/deep.yaml', `kind: roles\nroles: ${deepArray(100_000)}\n`, 'yaml-too-deep'],
      ['testprov/deep-logic.yaml', ruleFile(deepLogic(70)), 'logic-too-large'],
      ['testprov/wide-logic.yaml', ruleFile({ and: Array(12_000).fill({ '==': [1, 1] }) }), 'logic-too-large'],
      ['testprov/huge.yaml', `kind: roles\nroles: []\n# ${'x'.repeat(1_500_000)}\n`, 'file-too-large'],
    ];
    for (const [path, content, code] of cases) {
      const t = Date.now();
      const check = await admin.post('/api/definitions/check', { path, content });
      expect(check.status, path).toBe(200);
      expect(check.body.ok, path).toBe(false);
      expect(check.body.errors.map((e: { code: string }) => e.code), path).toContain(code);
      const put = await admin.put('/api/definitions/file', { path, content });
      expect(put.status, path).toBe(422);
      expectJsonAnswer(put, path);
      expect(Date.now() - t, `${path} answered in time`).toBeLessThan(5000);
    }
    const over = await admin.put('/api/definitions/file', { path: 'testprov/x.yaml', content: 'x'.repeat(2_000_001) });
    expect(over.status).toBe(400);
    expect((await admin.get('/api/definitions')).body.version.hash).toBe(before);
    expect(readdirSync(env.defs).filter((f) => /bomb|deep|wide|huge|^x\.yaml/.test(f))).toEqual([]);
  });

  it('refuses oversized uploads (413), and files whose bytes are not an accepted type or not the declared one (415)', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(65 * 1024)]);
    const r = await clerk.req('POST', `/api/cases/${caseId}/documents`, big, { 'content-type': 'image/png' });
    expect(r.status).toBe(413);
    expectJsonAnswer(r, 'upload');
    for (const [bytes, type] of [[Buffer.from(`<html>${SCRIPT}</html>`), 'text/html'], [Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg">${SCRIPT}</svg>`), 'image/svg+xml'], [PNG, 'application/pdf'], [Buffer.from('MZ\x90\x00'), 'application/octet-stream']] as const) {
      const u = await clerk.req('POST', `/api/cases/${caseId}/documents`, bytes, { 'content-type': type });
      expect(u.status, type).toBe(415);
    }
  });

  it('refuses JSON endpoints any other content type (415)', async () => {
    for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/html']) {
      const r = await clerk.req('POST', '/api/cases', '{"procedure":"move"}', { 'content-type': type });
      expect(r.status, type).toBe(415);
      expectJsonAnswer(r, type);
    }
  });

  it('refuses path traversal and odd names in definition files on every definitions endpoint', async () => {
    const bad = [
      '../evil.yaml', '../../evil.yaml', 'testprov/../../evil.yaml', '/etc/evil.yaml', 'C:/evil.yaml', 'testprov\\..\\..\\evil.yaml', 'testprov/./evil.yaml',
      'testprov//evil.yaml', 'testprov/.evil.yaml', '.git/config.yaml', 'testprov/evil.yaml\u0000.txt', 'testprov/evil.sh', 'testprov/evil.yaml/', 'testprov/%2e%2e/evil.yaml',
      'testprov/..%2fevil.yaml', 'testprov/ev il.yaml', 'testprov/\u202eevil.yaml', 'testprov/ﾠ.yaml', `testprov/${'a'.repeat(400)}.yaml`, '',
    ];
    const hash = (await admin.get('/api/definitions')).body.version.hash;
    for (const path of bad) {
      const q = encodeURIComponent(path);
      const answers = [
        await admin.put('/api/definitions/file', { path, content: 'kind: roles\nroles: []\n' }),
        await admin.post('/api/definitions/check', { path, content: 'kind: roles\nroles: []\n' }),
        await admin.del(`/api/definitions/file?path=${q}`),
        await admin.get(`/api/definitions/file?path=${q}`),
        await admin.get(`/api/definitions/versions/${hash}/file?path=${q}`),
      ];
      for (const r of answers) {
        expect(r.status, JSON.stringify(path)).toBe(400);
        expectJsonAnswer(r, path);
      }
    }
    const stray = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? stray(join(dir, d.name)) : /evil/.test(d.name) ? [join(dir, d.name)] : []));
    expect(stray(env.dir)).toEqual([]);
  });

  it('keeps script in labels as text: JSON round trip, escaped in SVG, never HTML', async () => {
    // A role label, a step label, a user name, case input and a document name, all carrying markup.
    const roles = `kind: roles\nroles:\n  - { id: scripted, label: { fa: "${SCRIPT}", en: "${SCRIPT}" }, external: false }\n`;
    const base = (await admin.get('/api/definitions')).body.version.hash;
    const published = await admin.put('/api/definitions/file', { path: 'testprov/scripted-roles.yaml', content: roles, baseVersion: base });
    expect(published.status).toBe(201);
    const role = (await clerk.get('/api/roles')).body.find((r: { id: string }) => r.id === 'scripted');
    expect(role.label).toEqual({ fa: SCRIPT, en: SCRIPT });
    const move = readFileSync(join(env.defs, '..', 'testbase', 'move.yaml'), 'utf8').replace('label: { fa: بررسی, en: Review }', `label: { fa: "${SCRIPT}", en: "${SCRIPT}" }`);
    expect((await admin.put('/api/definitions/file', { path: 'testbase/move.yaml', content: move, baseVersion: published.body.hash })).status).toBe(201);
    const proc = await clerk.get('/api/procedures/move');
    expectJsonAnswer(proc, 'procedure');
    expect(proc.body.steps.find((s: { id: string }) => s.id === 'review').label.en).toBe(SCRIPT);
    for (const lang of ['en', 'fa']) {
      const svg = await clerk.get(`/api/procedures/move/diagram?lang=${lang}`);
      expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(svg.text).not.toMatch(/<script/i);
      expect(svg.text).toContain('&lt;script&gt;');
    }
    const mermaid = await clerk.get('/api/procedures/move/diagram?format=mermaid&lang=en');
    expect(mermaid.headers.get('content-type')).toMatch(/^text\/plain/);

    const u = await admin.post('/api/users', { username: 'scripted', password: 'scripted-password-1', roles: ['viewer'], name: SCRIPT });
    expect(u.status).toBe(201);
    expect((await admin.get('/api/users')).body.find((x: { username: string }) => x.username === 'scripted').name).toBe(SCRIPT);

    const rec = await admin.put('/api/registry/office/o9', { id: 'o9', name: SCRIPT, status: 'closed', location: { lat: 30, lon: 50 } });
    expect(rec.status).toBeLessThan(300);
    const got = await clerk.get('/api/registry/office/o9');
    expectJsonAnswer(got, 'record');
    expect(got.body.name).toBe(SCRIPT);

    const d = await clerk.req('POST', `/api/cases/${caseId}/documents?name=${encodeURIComponent(`../../${SCRIPT}.png`)}`, PNG, { 'content-type': 'image/png' });
    expect(d.status).toBe(201);
    expect(d.body.name).not.toMatch(/[\\/]/);
    const dl = await clerk.get(`/api/documents/${d.body.id}`);
    expect(dl.headers.get('content-type')).toBe('image/png');
    expect(dl.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''[^<>"/\\]+$/);

    // Unknown routes and malformed URLs are problem+json too, whatever they carry.
    for (const path of [`/api/${encodeURIComponent(SCRIPT)}`, '/api/cases/%E0%A4%A', `/api/procedures/${encodeURIComponent(SCRIPT)}`]) {
      const r = await clerk.get(path);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.status, path).toBeLessThan(500);
      expectJsonAnswer(r, path);
    }
  });

  it('logged no unexpected server error', () => {
    const unexpected = errors.filter((l) => !/Maximum call stack/.test(l));
    expect(unexpected).toEqual([]);
  });
});
