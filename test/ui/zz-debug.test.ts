/**
 * The administrator in the browser: adds a committee resolution in the YAML editor, sees it checked live, publishes
 * it, finds the new value among the effective parameters — and the next case is judged by it. A broken definition is
 * refused in the editor at its line.
 */
import { toJalaali } from 'jalaali-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, canRunBrowser, login, logout, shot, startUi, type UiEnv } from './harness.js';

const FILE = 'ardabil/resolutions.yaml';

function todayJalali(): string {
  const p = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date()).split('-').map(Number);
  const j = toJalaali(p[0], p[1], p[2]);
  return `${j.jy}-${String(j.jm).padStart(2, '0')}-${String(j.jd).padStart(2, '0')}`;
}

describe.skipIf(!canRunBrowser)('the administrator in the browser', { timeout: 90_000 }, () => {
  let env: UiEnv;
  let secretariat: string;

  beforeAll(async () => {
    env = await startUi();
    secretariat = await env.createUser('dabir2', ['secretariat']);
  });
  afterAll(async () => env?.close());

  const openEditor = async () => {
    const { page, base } = env;
    await page.goto(`${base}/#/admin/definitions/${FILE}`);
    await page.locator('dabir-editor .cm-content').waitFor({ timeout: 15_000 });
    await page.locator('dabir-definitions [data-check]').waitFor();
  };

  const typeAtEnd = async (text: string) => {
    const { page } = env;
    await page.locator('dabir-editor .cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText(text);
  };

  it('publishes a new resolution and the next case is judged by its value', async () => {
    const { page, base } = env;
    await login(page, base, 'admin', ADMIN_PASSWORD);
    await openEditor();
    await typeAtEnd(`\n  - id: ui-test-urban-area\n    title: { fa: "مصوبهٔ آزمایشی — حداقل مساحت شهری ۸۰ متر مربع", en: "Test resolution — urban minimum 80 m²" }\n    date: ${todayJalali()}\n    sample: true\n    sets:\n      office.min_area.urban: 80\n`);
    await page.waitForTimeout(8000);
    await page.screenshot({ path: '/tmp/check.png', fullPage: true });
    console.log(env.logs.join('\n'));
    await page.locator('#pub-msg').fill('حداقل مساحت شهری ۸۰');
    await page.locator('dabir-definitions form.toolbar button[type=submit]').click();
    await page.waitForTimeout(3000);
    await page.screenshot({ path: '/tmp/publish.png', fullPage: true });
    console.log(await page.locator('dabir-definitions').evaluate((e) => e.shadowRoot!.textContent));
    await page.locator('dabir-definitions .alert.ok', { hasText: 'نسخهٔ جدید منتشر شد' }).waitFor({ timeout: 30_000 });

    await page.goto(`${base}/#/admin/parameters`);
    const row = page.locator('dabir-params tr[data-param="office.min_area.urban"]');
    await row.waitFor();
    expect(await row.locator('td.value').textContent()).toContain('۸۰');
    await shot(page, 'admin-parameters');

    await page.goto(`${base}/#/admin/history`);
    await page.locator('dabir-history tbody tr').nth(1).waitFor();
    await page.locator('dabir-history tbody tr a.mono').first().click();
    await page.locator('dabir-history pre.diff').waitFor();
    expect(await page.locator('dabir-history pre.diff').textContent()).toContain('ui-test-urban-area');

    await logout(page);
    await login(page, base, 'dabir2', secretariat);
    await page.goto(`${base}/#/start?procedure=relocation&subject=office-ard-1001`);
    await page.locator('#start-place').fill('ardabil-city');
    await page.locator('#start-kind').check();
    await page.locator('#start-area').fill('70');
    await page.locator('#start-location').fill('38.30');
    await page.locator('#start-location-lon').fill('48.40');
    const failure = page.locator('dabir-start-case li.failure[data-rule="office.min-area"]');
    await failure.waitFor({ timeout: 15_000 });
    expect(await failure.textContent()).toContain('۸۰');
    await logout(page);
  });

  it('refuses a broken definition in the editor, at its line', async () => {
    const { page, base } = env;
    await login(page, base, 'admin', ADMIN_PASSWORD);
    await openEditor();
    const lines = await page.locator('dabir-editor .cm-line').count();
    await typeAtEnd('\n  - id: ui-test-broken\n    title: { fa: "نادرست" }\n    date: 1405-01-01\n    sets:\n      no.such.parameter: 12\n');
    await page.locator('dabir-definitions [data-check="invalid"]').waitFor({ timeout: 30_000 });
    const problem = page.locator('dabir-definitions ul.problems button').first();
    await problem.waitFor();
    const line = Number(await problem.getAttribute('data-line'));
    // The problem is reported inside the lines just typed, and marked in the editor.
    expect(line).toBeGreaterThan(lines);
    expect(await page.locator('dabir-editor .cm-lint-line').count()).toBeGreaterThan(0);
    expect(await page.locator('dabir-definitions form.toolbar button[type=submit]').isDisabled()).toBe(true);
    await shot(page, 'admin-editor-error');

    // Completion from the definition language's schema: keys of a resolution.
    await page.keyboard.insertText('  - ti');
    await page.keyboard.press('Control+Space');
    const option = page.locator('dabir-editor .cm-tooltip-autocomplete li', { hasText: 'title' });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: '/tmp/complete.png', fullPage: false });
    await option.first().waitFor({ timeout: 10_000 });
  });
});
