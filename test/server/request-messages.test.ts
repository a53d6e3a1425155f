/**
 * Issue 10, item 8: request-validation errors are Persian first and name each field by its label, with the English
 * beside — never "body /password: must NOT have fewer than 10 characters" and a JSON dump. `GET /api/auth/session`
 * answers the signed-out first page with a 200.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../server/openapi/document.js';
import { adminClient, testEnv, type Client, type TestEnv } from './helpers.js';

type Schema = Record<string, unknown>;

describe('request validation in plain Persian', () => {
  let env: TestEnv;
  let admin: Client;

  beforeAll(async () => {
    env = await testEnv();
    admin = await adminClient(env);
  });
  afterAll(async () => env?.cleanup());

  it('names the field by its label: a short password', async () => {
    const r = await admin.post('/api/users', { username: 'clerk9', password: 'short', roles: [] });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('validation-failed');
    expect(r.body.detail).toBe('«گذرواژه» باید دست‌کم ۱۰ نویسه باشد.');
    expect(r.body.detail_en).toBe('Password must have at least 10 characters.');
    expect(r.body.fieldErrors).toEqual([{ path: '/password', message: { fa: '«گذرواژه» باید دست‌کم ۱۰ نویسه باشد.', en: 'Password must have at least 10 characters.' } }]);
    expect(r.body.errors[0]).toMatchObject({ in: 'body', path: '/password', keyword: 'minLength', field: { fa: 'گذرواژه', en: 'Password' } });
    expect(r.text).not.toContain('must NOT');
  });

  it('says what is missing, what is unknown, of which type and format a value must be', async () => {
    const r = await admin.post('/api/users', { password: 'long-enough-1', roles: 'x', colour: 'blue' });
    expect(r.status).toBe(400);
    const fa = (r.body.errors as { message: { fa: string } }[]).map((e) => e.message.fa);
    expect(fa).toContain('«نام کاربری» لازم است.');
    expect(fa).toContain('«نقش‌ها» باید فهرست باشد.');
    expect(fa).toContain('«colour» در بدنهٔ درخواست شناخته نیست.');
    const en = (r.body.errors as { message: { en: string } }[]).map((e) => e.message.en);
    expect(en).toContain('Username is required.');
    expect(en).toContain('"colour" is not known in the request body.');
    // Every sentence is in the Persian detail; nothing of ajv's wording or of a JSON dump.
    for (const s of fa) expect(r.body.detail).toContain(s);
    expect(r.body.detail).not.toMatch(/body \/|must|\{/);
  });

  it('explains a query parameter by its label, with the allowed values', async () => {
    const r = await admin.get('/api/cases?status=sleeping&limit=5000');
    expect(r.status).toBe(400);
    expect(r.body.detail).toContain('«وضعیت» باید یکی از این‌ها باشد: "active"، "ended"، "cancelled"، "failed".');
    expect(r.body.detail).toContain('«تعداد در هر صفحه» باید حداکثر ۱۰۰۰ باشد.');
    expect(r.body.errors.every((e: { in: string }) => e.in === 'query')).toBe(true);
    // Query problems are not form fields.
    expect(r.body.fieldErrors).toEqual([]);
  });

  it('gives every request field and parameter of the document a label', () => {
    const unlabelled: string[] = [];
    const components = (openApiDocument.components as { schemas: Record<string, Schema> }).schemas;
    const resolve = (s: Schema): Schema => (typeof s.$ref === 'string' ? components[s.$ref.split('/').pop()!] : s);
    const walk = (s: Schema, where: string) => {
      const r = resolve(s);
      for (const [k, p] of Object.entries((r.properties ?? {}) as Record<string, Schema>)) {
        if (!(resolve(p)['x-label'] ?? p['x-label'])) unlabelled.push(`${where}.${k}`);
        walk(p, `${where}.${k}`);
      }
    };
    for (const [path, item] of Object.entries(openApiDocument.paths as Record<string, Record<string, Schema>>)) {
      for (const [method, op] of Object.entries(item)) {
        for (const p of (op.parameters as { name: string; schema: Schema }[] | undefined) ?? []) if (!p.schema['x-label']) unlabelled.push(`${method} ${path} ?${p.name}`);
        const body = (op.requestBody as { content: Record<string, { schema: Schema }> } | undefined)?.content['application/json'];
        if (body) walk(body.schema, `${method} ${path} body`);
      }
    }
    expect(unlabelled).toEqual([]);
  });

  it('answers who is signed in with 200 either way', async () => {
    const anonymous = env.client();
    const none = await anonymous.get('/api/auth/session');
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ user: null });
    const me = await admin.get('/api/auth/session');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ username: 'admin', roles: ['admin'] });
  });
});
