/**
 * Issue 10, items 9, 10 and 12 in the browser, as a clerk would meet them: a first page with a clean console (signed
 * out is not an error; no CSP violation, /docs included); the registry in labelled columns from one request, its CSV
 * download, a search that finds nothing saying what to do; the inbox and the case page on a 390 px phone without
 * sideways scrolling; the inbox showing new work without a reload; no request after sign-out; another user's sign-in
 * landing on their own inbox; a start form's attachment arriving on the case; a stale version said plainly with a
 * button that reloads the case. Screenshots at 1360 and 390 px.
 */
import { readFileSync } from 'node:fs';
import type { Request, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, login, logout, pickRecord, shot, startUi, type UiEnv } from './harness.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
/** A village that warrants an office (the province's own places have no free capacity), far from every office. */
const VILLAGE = {
  id: 'place-ui-village', sample: true, name: { fa: 'روستای آزمون (نمونه)', en: 'Test village' }, kind: 'village', county: 'county-khalkhal',
  population: 3000, location: { lat: 37.2, lon: 48.9 },
};
const relocation = (subject: string, lat: number) => ({
  procedure: 'relocation', subject, input: { place: 'ardabil-city', kind: 'urban', area: 70, location: { lat, lon: 48.41 }, address: 'اردبیل، خیابان آزمون' },
});

type Api = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;

describe('the secretariat’s pages', { timeout: 120_000 }, () => {
  let env: UiEnv;
  const pw: Record<string, string> = {};
  let clerkApi: Api;
  let clerk2Api: Api;

  beforeAll(async () => {
    env = await startUi();
    pw.clerk = await env.createUser('clerk-a', ['secretariat']);
    pw.clerk2 = await env.createUser('clerk-b', ['secretariat']);
    pw.inspector = await env.createUser('inspector-a', ['inspectors']);
    clerkApi = await env.apiAs('clerk-a', pw.clerk);
    clerk2Api = await env.apiAs('clerk-b', pw.clerk2);
    const admin = await env.apiAs('admin', ADMIN_PASSWORD);
    expect((await admin('PUT', `/registry/place/${VILLAGE.id}`, VILLAGE)).status).toBe(201);
    for (const [s, lat] of [['office-ard-1002', 38.301], ['office-ard-1004', 38.305]] as const) expect((await clerkApi('POST', '/cases', relocation(s, lat))).status).toBe(201);
    // Every page of this file reports a CSP violation as a console error.
    await env.context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
  });
  afterEach(() => env.assertClean());
  afterAll(async () => env?.close());

  it('opens the first page signed out with no 4xx, no console error and no CSP violation — /docs too', async () => {
    const { page, base } = env;
    const answers: string[] = [];
    const onResponse = (r: Response) => answers.push(`${r.status()} ${new URL(r.url()).pathname}`);
    page.on('response', onResponse);
    await page.goto(`${base}/`);
    await page.locator('dabir-login #username').waitFor();
    await page.evaluate(() => document.fonts.ready);
    expect(answers).toContain('200 /api/auth/session');
    expect(answers.filter((a) => !a.startsWith('2') && !a.startsWith('3'))).toEqual([]);
    await page.goto(`${base}/docs/`);
    await page.locator('#swagger-ui .info .title').waitFor();
    expect(await page.locator('#swagger-ui .info .title').textContent()).toContain('Dabir API');
    page.off('response', onResponse);
  });

  it('lists the registry in labelled columns, each record by its title, from one request', async () => {
    const { page, base } = env;
    await login(page, base, 'clerk-a', pw.clerk);
    // The inbox (the landing page) has named its cases; what follows is the registry page's own.
    await page.locator('dabir-inbox [data-subject]', { hasText: 'ard-' }).first().waitFor();
    await page.waitForLoadState('networkidle');
    const asked: string[] = [];
    const onRequest = (r: Request) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/registry')) asked.push(`${u.pathname}${u.search}`);
    };
    page.on('request', onRequest);
    await page.goto(`${base}/#/registry/office`);
    const table = page.locator('dabir-registry table[data-entity="office"]');
    await table.locator('tbody tr').first().waitFor();
    await page.waitForLoadState('networkidle');
    // The types, and one page of records: nothing per row.
    expect(asked.filter((a) => a.startsWith('/api/registry/office'))).toEqual(['/api/registry/office?limit=50&offset=0']);
    expect(asked.filter((a) => !a.startsWith('/api/registry/office') && a !== '/api/registry')).toEqual([]);
    const headers = (await table.locator('thead th').allTextContents()).map((h) => h.trim()).filter(Boolean);
    expect(headers[0]).toBe('دفتر پیشخوان');
    expect(headers).toEqual(expect.arrayContaining(['نوع پروانه', 'صاحب پروانه', 'شهری / روستایی', 'مساحت (متر مربع)']));
    for (const h of headers) expect(h, h).not.toMatch(/^[a-z_]+$/);
    const text = (await table.locator('tbody').textContent()) ?? '';
    expect(text).toContain('ard-1001 — دفتر پیشخوان ۱۰۰۱ (نمونه)');
    expect(text).toContain('اردبیل');
    expect(text).toContain('شهری');
    expect(text).not.toMatch(/person-ard|ardabil-city|office-ard|\burban\b/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1360);
    await shot(page, 'h5-registry-1360');
    page.off('request', onRequest);
  });

  it('downloads the registry as CSV with Persian headers', async () => {
    const { page } = env;
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('dabir-registry a[data-export]').click()]);
    expect(download.suggestedFilename()).toBe('دفتر پیشخوان.csv');
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const header = bytes.subarray(3).toString('utf8').split('\r\n')[0];
    expect(header).toContain('شماره پروانه');
    expect(header).toContain('شهر / روستا (عنوان)');
  });

  it('says what to do when a registry search finds nothing', async () => {
    const { page } = env;
    await page.locator('dabir-registry #r-q').fill('چیزی‌که‌نیست');
    await page.locator('dabir-registry #r-q').press('Enter');
    const empty = page.locator('dabir-registry [data-empty]');
    await empty.waitFor();
    expect(await empty.textContent()).toContain('رکوردی با «چیزی‌که‌نیست» پیدا نشد');
    await empty.locator('button').click();
    await page.locator('dabir-registry table[data-entity="office"] tbody tr').first().waitFor();
    expect(await page.locator('dabir-registry #r-q').inputValue()).toBe('');
  });

  it('shows the inbox and a case on a 390 px phone without sideways scrolling', async () => {
    const { page, base } = env;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`${base}/#/inbox`);
      const row = page.locator('dabir-inbox tbody tr').first();
      await row.waitFor();
      await page.evaluate(() => document.fonts.ready);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      // A card: the open button spans the card and is big enough to touch.
      const open = row.locator('td.action a');
      const box = (await open.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.width).toBeGreaterThan(250);
      // The case is named by its subject's title, not an id.
      expect(await row.locator('[data-subject]').textContent()).toContain('ard-100');
      await shot(page, 'h5-inbox-390');
      await open.click();
      await page.locator('dabir-case dabir-task').first().waitFor();
      await page.locator('dabir-diagram .canvas[data-diagram="svg"]').waitFor();
      await page.locator('dabir-timeline li').first().waitFor();
      await page.evaluate(() => document.fonts.ready);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shot(page, 'h5-case-390');
    } finally {
      await page.setViewportSize({ width: 1360, height: 900 });
    }
  });

  it('shows new work in the inbox without a reload', async () => {
    const { page, base } = env;
    await logout(page);
    await login(page, base, 'inspector-a', pw.inspector);
    await page.locator('dabir-inbox [data-empty="inbox"]').waitFor();
    expect(await page.locator('dabir-inbox [data-empty="inbox"]').textContent()).toContain('کاری در کارتابل شما نیست');
    await shot(page, 'h5-inbox-empty');
    await page.evaluate(() => ((window as unknown as { stay: number }).stay = 1));
    // Another clerk registers a request: the inspection task opens for the inspectors.
    const inbox = await clerk2Api('GET', '/inbox?procedure=relocation');
    const task = inbox.body.items[0];
    const done = await clerk2Api('POST', `/cases/${task.caseId}/tasks/${task.taskId}/complete`, { expectedVersion: task.caseVersion, outcome: 'accept', data: {} });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const row = page.locator('dabir-inbox tbody tr[data-task="site-inspection"]');
    await row.waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { stay?: number }).stay)).toBe(1);
    expect(await row.textContent()).toContain('بازدید نمایندگان کارگروه');
    await shot(page, 'h5-inbox-live');
  });

  it('asks the server for nothing after sign-out, and closes the live stream', async () => {
    const { page, base } = env;
    await page.goto(`${base}/#/registry/office`);
    await page.locator('dabir-registry table tbody tr').first().waitFor();
    const asked: string[] = [];
    const onRequest = (r: Request) => asked.push(`${r.method()} ${new URL(r.url()).pathname}`);
    page.on('request', onRequest);
    await logout(page);
    // Watching for what must not happen takes a window of time: longer than the live stream's reconnect delay.
    await page.waitForTimeout(4_000);
    expect(asked).toEqual(['POST /api/auth/logout']);
    page.off('request', onRequest);
  });

  it('lands another user on their own inbox, not on the previous user’s page', async () => {
    const { page, base } = env;
    await login(page, base, 'admin', ADMIN_PASSWORD);
    await page.goto(`${base}/#/admin/users`);
    await page.locator('dabir-users tbody tr').first().waitFor();
    // The administrator's session ends (here: its cookie is gone); the next request finds out.
    await env.context.clearCookies();
    env.allowProblem(401, '/api/');
    await page.goto(`${base}/#/admin/history`);
    await page.locator('dabir-login [role=status]').waitFor();
    expect(await page.locator('dabir-login [role=status]').textContent()).toContain('نشست شما پایان یافته است');
    env.assertClean();
    await page.locator('#username').fill('clerk-a');
    await page.locator('#password').fill(pw.clerk);
    await page.locator('button[type=submit]').click();
    await page.locator('dabir-inbox h1').waitFor();
    expect(new URL(page.url()).hash).toBe('#/inbox');
  });

  it('attaches a start form’s file before the case exists, and it arrives on the case', async () => {
    const { page, base } = env;
    await page.goto(`${base}/#/start?procedure=issuance&subject=person-ali`);
    await page.locator('#start-place').waitFor();
    await pickRecord(page, '#start-place', VILLAGE.name.fa);
    await page.locator('#start-area').fill('۶۰');
    await page.locator('#start-location').fill('37.2001');
    await page.locator('#start-location-lon').fill('48.9001');
    await page.locator('#start-documents').click();
    await page.locator('#start-documents-0').setInputFiles({ name: 'شناسنامه.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('dabir-start-case [data-uploaded]', { hasText: 'شناسنامه.png' }).waitFor();
    await page.locator('dabir-start-case [data-guards="ok"]').waitFor({ timeout: 15_000 });
    await shot(page, 'h5-start-attachment');
    await page.locator('dabir-start-case button[type=submit]').click();
    await page.locator('dabir-case h1').waitFor();
    await page.locator('dabir-documents li', { hasText: 'شناسنامه.png' }).waitFor();
    expect(await page.locator('dabir-case dl[data-input] [data-field="documents"]').textContent()).toContain('شناسنامه.png');
    await page.locator('dabir-timeline li', { hasText: 'مدرک پیوست شد' }).waitFor();
  });

  it('says a stale version plainly, with a button that reloads the case', async () => {
    const { page, base } = env;
    // Live updates would refresh the page before the clerk acts: hold them back to see the conflict itself.
    await page.route('**/api/events', (route) => route.fulfill({ status: 200, contentType: 'text/event-stream', body: 'retry: 60000\n\n' }));
    const started = await clerkApi('POST', '/cases', relocation('office-ard-1005', 38.309));
    expect(started.status).toBe(201);
    // A full load (another query), so the page's stream is opened again — through the route.
    await page.goto(`${base}/?held#/cases/${started.body.id}`);
    const accept = page.locator('dabir-task button[data-outcome="accept"]');
    await accept.waitFor();
    // Meanwhile another clerk attaches a document: the case moves on.
    await uploadAs(env, 'clerk-b', pw.clerk2, started.body.id);
    env.allowProblem(409, `/api/cases/${started.body.id}/tasks/`);
    await accept.click();
    const alert = page.locator('dabir-task dabir-problem [role=alert][data-code="stale-version"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('این پرونده در این فاصله تغییر کرده است؛ صفحه را تازه کنید.');
    expect(await alert.textContent()).not.toMatch(/[0-9۰-۹]/);
    await alert.locator('button[data-reload]').click();
    await page.locator('dabir-case [role=status] .alert.ok').waitFor();
    await page.locator('dabir-documents li', { hasText: 'x.png' }).waitFor();
    expect(await page.locator('dabir-task [data-code="stale-version"]').count()).toBe(0);
    await accept.click();
    await page.locator('dabir-task section[data-kind="inspection"]').waitFor();
    await page.unroute('**/api/events');
  });
});

/** Attaches a small PNG to a case as a user, through the API (a raw body, as the UI sends it). */
async function uploadAs(env: UiEnv, username: string, password: string, caseId: string): Promise<void> {
  const first = await fetch(`${env.server.url}/api/auth/csrf`);
  let cookie = (first.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const login = await fetch(`${env.server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': ((await first.json()) as { csrfToken: string }).csrfToken },
    body: JSON.stringify({ username, password }),
  });
  cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ') || cookie;
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const r = await fetch(`${env.server.url}/api/cases/${caseId}/documents?name=x.png`, {
    method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/octet-stream' }, body: PNG,
  });
  if (r.status !== 201) throw new Error(`upload: ${r.status} ${await r.text()}`);
}
