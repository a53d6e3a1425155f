/**
 * The other pages in the browser — the registry with computed capacity fields and CSV import, reports with charts,
 * the case list, English (left-to-right, Latin digits) — and keyboard use of the Jalali date input. Each page's
 * screenshot is saved (to docs/screenshots/ with DABIR_SCREENSHOTS=1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, login, shot, startUi, type UiEnv } from './harness.js';

describe('registry, reports and languages in the browser', { timeout: 90_000 }, () => {
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

  it('imports records from CSV after a preview (administrators)', async () => {
    const { page, base } = env;
    await page.goto(`${base}/#/registry/agency`);
    await page.locator('dabir-registry table[data-entity="agency"]').waitFor();
    const before = await page.locator('dabir-registry table tbody tr').count();
    const box = page.locator('dabir-registry-import');
    // The template's Persian headers, one row under them: the key and the Persian name.
    const template = await page.evaluate(async () => (await (await fetch('/api/registry/agency/template.csv', { credentials: 'same-origin' })).text()).trim());
    const cols = template.split(',');
    expect(cols.slice(0, 2)).toEqual(['شناسه', 'فارسی']);
    await box.locator('#csv-text').fill(`${template}\n${cols.map((c) => (c === 'شناسه' ? 'agency-ui-test' : c === 'فارسی' ? 'دستگاه آزمایشی' : '')).join(',')}\n`);
    await box.locator('button[data-preview]').click();
    await box.locator('table[data-import-adds]', { hasText: 'دستگاه آزمایشی' }).waitFor();
    await box.locator('button[data-import-all]').click();
    await page.locator('dabir-confirm button[data-confirm]').click();
    await box.locator('[data-written]', { hasText: 'نوشته شد' }).waitFor();
    await page.locator('dabir-registry table tbody tr[data-record="agency-ui-test"]').waitFor();
    expect(await page.locator('dabir-registry table tbody tr').count()).toBe(before + 1);
  });

  it('edits a record in a form generated from its schema (administrators)', async () => {
    const { page, base } = env;
    await page.goto(`${base}/#/registry/county`);
    const row = page.locator('dabir-registry tr[data-record="county-nir"]');
    await row.locator('button[data-edit]').click();
    const form = page.locator('dabir-registry form[data-edit-form="county-nir"]');
    const population = form.locator('#rec-population');
    await population.waitFor();
    expect(await population.inputValue()).toBe('۲۰۸۶۴');
    expect(await row.getAttribute('aria-current')).toBe('true');
    // A value the schema refuses is explained before anything is sent.
    await population.fill('-5');
    await form.locator('button[type=submit]').click();
    await form.locator('dabir-form [role=alert]').waitFor();
    expect(await form.locator('dabir-form [role=alert]').textContent()).toContain('دست‌کم ۰');
    await population.fill('۲۰۹۰۰');
    await form.locator('button[type=submit]').click();
    await page.locator('dabir-registry .alert.ok', { hasText: 'ذخیره شد' }).waitFor();
    await form.waitFor({ state: 'detached' });
    expect(await row.locator('td[data-col="population"]').textContent()).toBe('۲۰٬۹۰۰');
    // Focus is back on the record's edit button; the rest of the record is as it was.
    expect(await row.locator('button[data-edit]').evaluate((b) => b.matches(':focus'))).toBe(true);
    const rec = await page.evaluate(async () => (await fetch('/api/registry/county/county-nir', { credentials: 'same-origin' })).json());
    expect(rec).toMatchObject({ id: 'county-nir', population: 20900, name: { fa: 'شهرستان نیر', en: 'Nir County' }, census: 'سرشماری ۱۳۹۵' });
  });

  it('names who acted on a case for administrators (who may list users)', async () => {
    const { page, base } = env;
    const caseId = await page.evaluate(async () => ((await (await fetch('/api/cases?limit=1', { credentials: 'same-origin' })).json()) as { items: { id: string }[] }).items[0].id);
    await page.goto(`${base}/#/cases/${caseId}`);
    await page.locator('dabir-timeline [data-actor]').first().waitFor();
    await page.locator('dabir-timeline [data-actor]', { hasText: 'dabir3' }).first().waitFor();
    expect(await page.locator('dabir-case [data-started-by]').textContent()).toBe('dabir3');
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
    const value = page.locator('dabir-params article[data-param] [data-value] .value').first();
    await value.waitFor();
    expect(await value.textContent()).not.toMatch(/[۰-۹]/);
    await shot(page, 'parameters-en');
    await page.locator('dabir-app header button[lang="fa"]').click();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  });

  it('is English everywhere in English mode: no Persian word in the chrome of any main page', async () => {
    const { page, base } = env;
    await page.goto(`${base}/#/inbox`);
    await page.locator('dabir-inbox h1').waitFor();
    await page.locator('dabir-app header button[lang="en"]').click();
    const caseId = await page.evaluate(async () => ((await (await fetch('/api/cases?limit=1', { credentials: 'same-origin' })).json()) as { items: { id: string }[] }).items[0].id);
    const pages: [string, string][] = [
      ['#/inbox', 'dabir-inbox tbody tr'],
      // An administrator starts no case: the page says who does.
      ['#/start?procedure=relocation&subject=office-ard-1001', 'dabir-start-case [data-nothing-to-start]'],
      ['#/cases', 'dabir-case-list tbody tr'],
      [`#/cases/${caseId}`, 'dabir-case dabir-timeline li'],
      ['#/reports', 'dabir-reports dabir-bar-chart'],
      ['#/admin/definitions/ardabil/bundle.yaml', 'dabir-editor .cm-content'],
      ['#/admin/parameters', 'dabir-params article[data-param]'],
      ['#/admin/history', 'dabir-history tbody tr'],
      ['#/admin/users', 'dabir-users tbody tr'],
      ['#/account', 'dabir-account #pw-current'],
    ];
    for (const [hash, ready] of pages) {
      await page.goto(`${base}/${hash}`);
      await page.locator(ready).first().waitFor();
      await page.evaluate(() => new Promise((ok) => setTimeout(ok, 150)));
      const persian = await page.evaluate(() => {
        const CHROME = 'h1, h2, h3, h4, button, label, legend, summary, caption, th, dt, nav a, .badge, [role=alert], [role=status], .keys, option';
        const out: string[] = [];
        const walk = (root: Document | ShadowRoot) => {
          for (const el of root.querySelectorAll('*')) {
            if (el.shadowRoot) walk(el.shadowRoot);
            if (!el.matches(CHROME) || !(el as HTMLElement).checkVisibility?.()) continue;
            // Text marked as another language (the switch to Persian says «فارسی») is meant to be in it; a list of
            // records is data.
            if (el.closest('[lang="fa"], [data-records]')) continue;
            // Data inside chrome (a user's name, a file name, a record) is the data's language, not the UI's.
            const clone = el.cloneNode(true) as Element;
            clone.querySelectorAll('bdi, .mono, [data-user], [data-name]').forEach((x) => { x.remove(); });
            const text = (clone.textContent ?? '').trim();
            if (/[\u0600-\u06FF]/.test(text)) out.push(`<${el.tagName.toLowerCase()}> ${text.slice(0, 80)}`);
          }
        };
        walk(document);
        return [...new Set(out)];
      });
      expect(persian, hash).toEqual([]);
      expect(await page.title(), hash).not.toMatch(/[\u0600-\u06FF]/);
    }
    await page.locator('dabir-app header button[lang="fa"]').click();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  });

  it('picks a Jalali date with the keyboard', async () => {
    const { page, base } = env;
    await page.goto(`${base}/#/admin/parameters`);
    if ((await page.evaluate(() => document.documentElement.lang)) !== 'fa') await page.locator('dabir-app header button[lang="fa"]').click();
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
