import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument, openApiForBundle } from '../../server/openapi/document.js';
import { adminClient, testEnv, type TestEnv } from './helpers.js';
import { OpenApiChecker } from './openapi-check.js';

describe('OpenAPI', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv();
  });
  afterAll(async () => env?.cleanup());

  it('serves a complete OpenAPI 3.1 document', async () => {
    const r = await env.client().get('/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.1.0');
    const b = env.server.deps.bundles.current();
    expect(r.body).toEqual(JSON.parse(JSON.stringify(openApiForBundle(b.hash, [...b.roles.keys()]))));
    // What the server enforces from the bundle is declared: the roles a user may be given.
    expect(r.body.components.schemas.NewUser.properties.roles.items.enum).toEqual([...new Set([...b.roles.keys(), "admin"])].sort());
    for (const [path, item] of Object.entries(r.body.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(item)) {
        expect(op.operationId, `${method} ${path}`).toBeTruthy();
        expect(op.responses, `${method} ${path}`).toBeTruthy();
        expect(['public', 'user', 'keeper', 'admin']).toContain(op['x-access']);
      }
    }
    // Every $ref resolves.
    const refs = JSON.stringify(r.body).match(/"\$ref":"#\/components\/schemas\/(\w+)"/g) ?? [];
    for (const ref of refs) expect(r.body.components.schemas[ref.split('/').pop()!.replace('"', '')]).toBeTruthy();
  });

  it('answers a wrong method on a known path with 405 and Allow, an unknown path with 404', async () => {
    const anon = env.client();
    const del = await anon.req('DELETE', '/api/health');
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, HEAD');
    expect(del.body.code).toBe('method-not-allowed');
    expect(del.body.title).toMatch(/[\u0600-\u06FF]/);
    expect(del.body.detail_en).toBe('DELETE is not allowed on /health; allowed: GET, HEAD');
    const login = await anon.get('/api/auth/login');
    expect(login.status).toBe(405);
    expect(login.headers.get('allow')).toBe('POST');
    // A path with parameters, and the more specific of two matching templates.
    const rec = await anon.req('POST', '/api/registry/office/o1');
    expect(rec.status).toBe(405);
    expect(rec.headers.get('allow')?.split(', ').sort()).toEqual(Object.keys((openApiDocument.paths as any)['/registry/{entity}/{id}']).map((m) => m.toUpperCase()).concat('HEAD').sort());
    expect((await anon.get('/api/no-such-thing')).status).toBe(404);
  });

  it('says what was not found in Persian and in English, each in its own language', async () => {
    const admin = await adminClient(env);
    for (const [path, en] of [
      ['/api/cases/nope', 'Case "nope" not found'],
      ['/api/procedures/nope', 'Procedure "nope" not found'],
      ['/api/registry/office/nope', '"nope" not found'],
    ] as const) {
      const r = await admin.get(path);
      expect(r.status, path).toBe(404);
      expect(r.body.detail_en, path).toContain(en);
      expect(r.body.detail_en, path).not.toMatch(/[\u0600-\u06FF]/);
      expect(r.body.detail, path).toMatch(/[\u0600-\u06FF]/);
    }
  });

  it('documents every route the server answers', async () => {
    const { app } = env.server;
    // Walk Express's router stack for the /api routes.
    const routes = new Set<string>();
    const walk = (stack: any[], prefix: string) => {
      for (const layer of stack) {
        if (layer.route) for (const m of Object.keys(layer.route.methods)) routes.add(`${m} ${prefix}${layer.route.path}`);
        else if (layer.handle?.stack) walk(layer.handle.stack, prefix);
      }
    };
    walk((app as any).router.stack, '');
    const documented = new Set(
      Object.entries(openApiDocument.paths as Record<string, Record<string, unknown>>).flatMap(([p, item]) => Object.keys(item).map((m) => `${m} ${p.replace(/\{(\w+)\}/g, ':$1')}`)),
    );
    expect(routes.size).toBeGreaterThan(40);
    const undocumented = [...routes].filter((r) => !documented.has(r) && !r.includes('/docs') && !r.startsWith('_'));
    expect(undocumented).toEqual([]);
  });

  it('checks responses against the document: undocumented fields, statuses, media types and operations are reported', () => {
    const checker = new OpenApiChecker();
    const res = (status: number, type: string, body: unknown) => ({ status, headers: new Headers({ 'content-type': type }), body, text: JSON.stringify(body) });
    expect(checker.check('GET', '/api/auth/csrf', res(200, 'application/json; charset=utf-8', { csrfToken: 't' }))).toEqual([]);
    expect(checker.check('GET', '/api/auth/csrf', res(200, 'application/json', { csrfToken: 't', secret: 1 }))[0]).toContain('(secret)');
    expect(checker.check('GET', '/api/auth/csrf', res(200, 'application/json', { csrfToken: 1 }))[0]).toContain('/csrfToken must be string');
    expect(checker.check('GET', '/api/auth/csrf', res(418, 'application/json', {}))[0]).toContain('status 418 is not documented');
    expect(checker.check('GET', '/api/auth/csrf', res(200, 'text/html', '<p>'))[0]).toContain('Content-Type text/html is not documented');
    expect(checker.check('PATCH', '/api/auth/csrf', res(200, 'application/json', {}))[0]).toContain('not documented');
    const problem = { type: 'urn:dabir:problem:not-found', code: 'not-found', status: 404, title: 'پیدا نشد', title_en: 'Not found' };
    expect(checker.check('GET', '/api/nowhere', res(404, 'application/problem+json', problem))).toEqual([]);
    // Open schemas stay open: a registry record may carry any field.
    expect(checker.check('GET', '/api/registry/office/o1', res(200, 'application/json', { id: 'o1', anything: true }))).toEqual([]);
  });

  it('validates query, path and body against the document', async () => {
    const admin = await adminClient(env);
    const q = await admin.get('/api/cases?status=sleeping');
    expect(q.status).toBe(400);
    expect(q.body.errors[0]).toMatchObject({ in: 'query' });
    const b = await admin.post('/api/users', { username: 'a b', password: 'short', roles: 'x' });
    expect(b.status).toBe(400);
    expect(b.body.errors.length).toBeGreaterThanOrEqual(3);
    const json = await admin.req('POST', '/api/cases', '{"procedure":', { 'content-type': 'application/json' });
    expect(json.status).toBe(400);
    expect(json.body.code).toBe('bad-request');
    const ct = await admin.req('POST', '/api/cases', 'procedure=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(ct.status).toBe(415);
  });
});
