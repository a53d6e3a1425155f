/**
 * The web UI served by the server itself: the build's files at `/` (hashed assets immutable, index.html revalidated),
 * index.html for the UI's paths, a how-to page without a build — and the API and /docs untouched, under a CSP that
 * lets the app run.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, testEnv, type TestEnv } from './helpers.js';

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head><body><dabir-app></dabir-app></body></html>';

describe('serving the web UI', () => {
  let env: TestEnv;
  let ui = '';
  // Static files are outside the API document: a client that does not check answers against it.
  const get = (path: string, headers?: Record<string, string>) => new Client(() => env.server.url).get(path, headers);

  beforeAll(async () => {
    env = await testEnv({}, { start: false });
    ui = join(env.dir, 'ui-dist');
    mkdirSync(join(ui, 'assets'), { recursive: true });
    writeFileSync(join(ui, 'index.html'), INDEX);
    writeFileSync(join(ui, 'assets', 'index-AbC123.js'), 'console.log("dabir")');
    writeFileSync(join(ui, 'assets', 'Vazirmatn-x1.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
    await env.start({ config: { uiDir: ui } as never });
  });
  afterAll(async () => env?.cleanup());

  it('answers / and the UI’s paths with index.html, revalidated on every load', async () => {
    for (const path of ['/', '/cases/123', '/admin']) {
      const r = await get(path);
      expect(r.status, path).toBe(200);
      expect(r.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(r.text, path).toBe(INDEX);
      expect(r.headers.get('cache-control'), path).toBe('no-cache');
    }
    const etag = (await get('/')).headers.get('etag');
    expect(etag).toBeTruthy();
    // (fetch adds `Cache-Control: no-cache` to a conditional request unless one is given: a browser revalidating sends max-age=0)
    expect((await get('/', { 'if-none-match': etag!, 'cache-control': 'max-age=0' })).status).toBe(304);
  });

  it('serves hashed assets as immutable, and a missing one as 404 (never the page)', async () => {
    const js = await get('/assets/index-AbC123.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await get('/assets/Vazirmatn-x1.woff2')).headers.get('content-type')).toMatch(/font\/woff2/);
    for (const path of ['/assets/gone-Zz9.js', '/favicon.ico']) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.headers.get('content-type'), path).toMatch(/^application\/problem\+json/);
    }
  });

  it('leaves the API and /docs alone: unknown API paths stay problem+json 404', async () => {
    expect((await get('/api/health')).body.status).toBe('ok');
    const r = await get('/api/no-such-thing');
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await get('/docs/')).text).toMatch(/swagger/i);
    // Writes to the UI's paths are not routes.
    const post = await new Client(() => env.server.url).post('/cases/1', {});
    expect(post.status).toBe(404);
    expect(post.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('sends a CSP that allows the app (own scripts, styles, fonts; inline styles; data: images) and nothing else', async () => {
    const csp = (await get('/')).headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
    expect(directives).toMatchObject({
      'default-src': "'self'", 'script-src': "'self'", 'style-src': "'self' 'unsafe-inline'", 'font-src': "'self'", 'img-src': "'self' data:",
      'connect-src': "'self'", 'object-src': "'none'", 'frame-ancestors': "'self'",
    });
    // Plain HTTP (no DABIR_SECURE_COOKIES): upgrading the page's own requests to https would break it.
    expect(csp).not.toMatch(/upgrade-insecure-requests/);
    expect((await get('/assets/index-AbC123.js')).headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('says how to build the UI when there is no build', async () => {
    rmSync(ui, { recursive: true, force: true });
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.text).toContain('npm run build');
    expect(r.text).toContain('رابط کاربری هنوز ساخته نشده است');
  });
});
