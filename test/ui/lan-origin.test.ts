/**
 * Issue 10, item 10, as a province installs Dabir: over plain HTTP at a LAN address (not localhost), where a browser
 * treats the origin as untrustworthy. The first page, the sign-in and /docs must log nothing there either — no
 * "Cross-Origin-Opener-Policy header has been ignored" error, no Origin-Agent-Cluster warning, no CSP violation — and
 * behind HTTPS (DABIR_SECURE_COOKIES=1) those headers are sent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type ServerHandle } from '../../server/main.js';
import { ADMIN_PASSWORD, CHROMIUM, DIST, ROOT, ensureBuilt } from './harness.js';

describe('the first page at a LAN address over plain HTTP', { timeout: 90_000 }, () => {
  let server: ServerHandle;
  let browser: Browser;
  let dir: string;
  let port: string;

  beforeAll(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'dabir-lan-'));
    server = await main({
      port: 0, host: '127.0.0.1', dbFile: join(dir, 'dabir.db'), definitionsDir: join(ROOT, 'definitions/ardabil'), adminPassword: ADMIN_PASSWORD,
      log: pino({ level: 'silent' }), schedulerIntervalMs: 0, handleSignals: false, print: () => undefined, config: { uiDir: DIST },
    });
    port = new URL(server.url).port;
    // dabir.lan stands for the office's intranet name: the browser sees a non-local, plain-HTTP origin.
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP dabir.lan 127.0.0.1'] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs no error, warning or CSP violation on the sign-in page and /docs', async () => {
    const page = await browser.newPage({ locale: 'fa-IR' });
    const said: string[] = [];
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && said.push(`${m.type()}: ${m.text()}`));
    page.on('response', (r) => r.status() >= 400 && said.push(`answer ${r.status()} ${r.url()}`));
    await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective}`)));
    await page.goto(`http://dabir.lan:${port}/`);
    await page.locator('dabir-login #username').waitFor();
    await page.goto(`http://dabir.lan:${port}/docs/`);
    await page.locator('#swagger-ui .info .title').waitFor();
    // Whatever the page still loads has loaded (no request for half a second) before its console is judged.
    await page.waitForLoadState('networkidle');
    expect(said).toEqual([]);
    await page.close();
  });

  it('sends the isolation headers only behind HTTPS', async () => {
    const plain = await fetch(`${server.url}/`);
    expect(plain.headers.get('cross-origin-opener-policy')).toBeNull();
    expect(plain.headers.get('origin-agent-cluster')).toBeNull();
    const { createApp } = await import('../../server/app.js');
    const secure = createApp({ ...server.deps, config: { ...server.deps.config, secureCookies: true } });
    const s = secure.app.listen(0, '127.0.0.1');
    await new Promise((ok) => s.once('listening', ok));
    try {
      const r = await fetch(`http://127.0.0.1:${(s.address() as { port: number }).port}/`);
      expect(r.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(r.headers.get('origin-agent-cluster')).toBe('?1');
    } finally {
      await new Promise((ok) => s.close(ok));
    }
  });
});
