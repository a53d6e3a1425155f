/**
 * The other pages in the browser — the registry with computed capacity fields and CSV import, reports with charts,
 * the case list, English (left-to-right, Latin digits) — and keyboard use of the Jalali date input. Each page's
 * screenshot goes to docs/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, canRunBrowser, login, shot, startUi, type UiEnv } from './harness.js';

describe.skipIf(!canRunBrowser)('registry, reports and languages in the browser', { timeout: 90_000 }, () => {
  let env: UiEnv;

  beforeAll(async () => {
    env = await startUi();
    // A few cases so the reports have something to draw.
    const api = await env.apiAs('dabir3', await env.createUser('dabir3', ['secretariat']));
    const relocation = (subject: string) => ({
      procedure: 'relocation', subject,
      input: { place: 'ardabil-city', kind: 'urban', area: 70, location: { lat: 38.3 + Math.random() / 100, lon: 48.4 + Math.random() / 100 } },
    });
    for (const s of ['office-ard-1002', 'office-ard-1004']) {
      const r = await api('POST', '/cases', relocation(s));
      if (r.status !== 201) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    }
    const c = await api('POST', '/cases', relocation('office-ard-1006'));
    await api('POST', `/cases/${c.body.id}/cancel`, { expectedVersion: c.body.version, reason: 'آزمون' });
  });
  afterAll(async () => env?.close());

  it('shows the sign-in page right-to-left in Persian', async () => {
    const { page, base } = env;
    await page.goto(`${base}/#/login`);
    await page.locator('dabir-login #username').waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['fa', 'rtl']);
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('Vazirmatn');
    await shot(page, 'login');
  });

  it('lists registry records with columns from the schema and computed fields', async () => {
    const { page, base } = env;
    await login(page, base, 'admin', ADMIN_PASSWORD);
    await page.goto(`${base}/#/registry/place`);
    const table = page.locator('dabir-registry table[data-entity="place"]');
    await table.waitFor();
    expect(await table.locator('th.computed').count()).toBeGreaterThan(0);
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
    await shot(page, 'registry');
  });

  it('imports records from CSV (administrators)', async () => {
    const { page, base } = env;
    await page.goto(`${base}/#/registry/agency`);
    await page.locator('dabir-registry table[data-entity="agency"]').waitFor();
    const before = await page.locator('dabir-registry table tbody tr').count();
    const header = await page.evaluate(async () => {
      const r = await fetch('/api/registry', { credentials: 'same-origin' });
      const types = (await r.json()) as { id: string; schema: { required?: string[]; properties: Record<string, { type?: string }> } }[];
      return types.find((x) => x.id === 'agency')!.schema;
    });
    const required = header.required ?? ['id'];
    const row = required.map((k) => (k === 'id' ? 'agency-ui-test' : header.properties[k]?.type === 'object' ? '' : 'نمونه'));
    await page.locator('#csv-text').fill(`${required.join(',')}\n${row.join(',')}\n`);
    await page.locator('dabir-registry form button[type=submit]').click();
    const status = page.locator('dabir-registry .alert.ok, dabir-registry dabir-problem [role=alert]');
    await status.first().waitFor();
    const text = (await status.first().textContent()) ?? '';
    // Either imported, or refused with the server's Persian explanation of which rows are invalid.
    expect(text).toMatch(/وارد شد|ردیف|معتبر/);
    if (text.includes('وارد شد')) expect(await page.locator('dabir-registry table tbody tr').count()).toBeGreaterThanOrEqual(before);
  });

  it('draws the reports as charts', async () => {
    const { page, base } = env;
    await page.goto(`${base}/#/reports`);
    await page.locator('dabir-reports h1').waitFor();
    await page.locator('dabir-reports section').nth(2).waitFor();
    const bars = page.locator('dabir-reports dabir-bar-chart rect');
    await bars.first().waitFor();
    expect(await bars.count()).toBeGreaterThanOrEqual(2);
    await shot(page, 'reports');
  });

  it('switches to English: left-to-right, Latin digits, Jalali dates', async () => {
    const { page, base } = env;
    await page.goto(`${base}/#/inbox`);
    await page.locator('dabir-app header button[lang="en"]').click();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    expect(await page.locator('dabir-inbox h1').textContent()).toBe('Inbox');
    await page.goto(`${base}/#/admin/parameters`);
    const value = page.locator('dabir-params tr[data-param] td.value').first();
    await value.waitFor();
    expect(await value.textContent()).not.toMatch(/[۰-۹]/);
    await shot(page, 'parameters-en');
    await page.locator('dabir-app header button[lang="fa"]').click();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  });

  it('picks a Jalali date with the keyboard', async () => {
    const { page } = env;
    const input = page.locator('dabir-params #p-on');
    await input.waitFor();
    await input.fill('۱۴۰۳/۰۱/۳۱');
    await page.locator('dabir-params dabir-jalali-input button[aria-haspopup]').click();
    const grid = page.locator('dabir-params dabir-jalali-input [role=grid]');
    await grid.waitFor();
    // In right-to-left, ArrowLeft is the next day: 31 Farvardin → 1 Ordibehesht.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    expect(await input.inputValue()).toBe('۱۴۰۳/۰۲/۰۱');
  });
});
