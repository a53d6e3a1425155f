/**
 * The administrator in the browser: adds a committee resolution in the YAML editor, sees it checked live, publishes
 * it, finds the new value among the effective parameters — and the next case is judged by it. A broken definition is
 * refused in the editor at its line.
 */
import { toJalaali } from 'jalaali-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, login, logout, pickRecord, shot, startUi, type UiEnv } from './harness.js';

const FILE = 'ardabil/resolutions.yaml';

function todayJalali(): string {
  const p = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date()).split('-').map(Number);
  const j = toJalaali(p[0], p[1], p[2]);
  return `${j.jy}-${String(j.jm).padStart(2, '0')}-${String(j.jd).padStart(2, '0')}`;
}

describe('the administrator in the browser', { timeout: 90_000 }, () => {
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

  // 51 m² from today: above the 50 in force, below the 52 of the scenario that follows the values in force (a value
  // that turned it would be refused until its expectation changes too — rule-change.test.ts does that by form).
  it('publishes a new resolution and the next case is judged by its value', async () => {
    const { page, base } = env;
    await login(page, base, 'admin', ADMIN_PASSWORD);
    await openEditor();
    await typeAtEnd(`\n  - id: ui-test-urban-area\n    title: { fa: "مصوبهٔ آزمایشی — حداقل مساحت شهری ۵۱ متر مربع", en: "Test resolution — urban minimum 51 m²" }\n    date: ${todayJalali()}\n    sample: true\n    sets:\n      office.min_area.urban: 51\n`);
    await page.locator('dabir-definitions [data-check="ok"]').waitFor({ timeout: 30_000 });
    await page.locator('#pub-msg').fill('حداقل مساحت شهری ۵۱');
    await page.locator('dabir-definitions form.toolbar button[type=submit]').click();
    // Publishing asks first, naming the files of the change set.
    const dialog = page.locator('dabir-confirm dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(FILE);
    await dialog.locator('button[data-confirm]').click();
    await page.locator('dabir-definitions .alert.ok', { hasText: 'نسخهٔ جدید منتشر شد' }).waitFor({ timeout: 30_000 });

    await page.goto(`${base}/#/admin/parameters`);
    const card = page.locator('dabir-params article[data-param="office.min_area.urban"]');
    await card.waitFor();
    expect(await card.locator('[data-value] .value').textContent()).toBe('۵۱');
    await shot(page, 'admin-parameters');

    await page.goto(`${base}/#/admin/history`);
    await page.locator('dabir-history tbody tr').nth(1).waitFor();
    await page.locator('dabir-history tbody tr a.mono').first().click();
    await page.locator('dabir-history pre.diff').waitFor();
    expect(await page.locator('dabir-history pre.diff').textContent()).toContain('ui-test-urban-area');

    await logout(page);
    await login(page, base, 'dabir2', secretariat);
    await page.goto(`${base}/#/start?procedure=relocation&subject=office-ard-1001`);
    await pickRecord(page, '#start-place', 'اردبیل');
    await page.locator('#start-area').fill('50');
    await page.locator('#start-location').fill('38.30');
    await page.locator('#start-location-lon').fill('48.40');
    const failure = page.locator('dabir-start-case li.failure[data-rule="office.min-area"]');
    await failure.waitFor({ timeout: 15_000 });
    expect(await failure.textContent()).toContain('۵۱');
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
    // The problem is reported inside the lines just typed, and marked in the editor as a lint diagnostic: the
    // word underlined, a mark in the gutter, and F8 moves the cursor to it.
    expect(line).toBeGreaterThan(lines);
    await page.locator('dabir-editor .cm-lintRange-error').first().waitFor();
    await page.locator('dabir-editor .cm-lint-marker-error').first().waitFor();
    expect(await page.locator('dabir-definitions form.toolbar button[type=submit]').isDisabled()).toBe(true);
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('F8');
    expect(Number(await page.locator('dabir-editor .cm-lineNumbers .cm-activeLineGutter').textContent())).toBe(line);
    // The diagnostics panel lists it, in Persian.
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('dabir-editor .cm-panel-lint');
    await panel.waitFor();
    expect(await panel.locator('li').count()).toBeGreaterThan(0);
    expect(await panel.locator('ul').getAttribute('aria-label')).toBe('خطاها');
    await page.keyboard.press('Escape');
    await page.locator('dabir-editor .cm-content').click();
    await page.keyboard.press('Control+End');
    await shot(page, 'admin-editor-error');

    // Completion from the definition language's schema: keys of a resolution.
    await page.keyboard.insertText('  - ti');
    await page.keyboard.press('Control+Space');
    const option = page.locator('dabir-editor .cm-tooltip-autocomplete li', { hasText: 'title' });
    await option.first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
  });

  it('edits with CodeMirror\'s own undo history, document keys and search', async () => {
    const { page } = env;
    await openEditor();
    const content = page.locator('dabir-editor .cm-content');
    // The document as the page holds it (CodeMirror renders only the lines in view).
    const text = () => page.locator('dabir-definitions').evaluate((el) => String((el as unknown as { content: string }).content));
    const original = await text();
    await content.click();
    // Ctrl+Home / Ctrl+End go to the document's start and end.
    await page.keyboard.press('Control+Home');
    await page.keyboard.insertText('# first\n');
    expect((await text()).startsWith('# first')).toBe(true);
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('\n# last');
    expect((await text()).trimEnd().endsWith('# last')).toBe(true);
    // Undo takes both edits back (one or two history events, as CodeMirror grouped them); redo brings the first back.
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    expect(await text()).toBe(original);
    await page.keyboard.press('Control+y');
    expect((await text()).startsWith('# first')).toBe(true);
    await page.keyboard.press('Control+z');
    expect(await text()).toBe(original);
    // Search: Ctrl+F opens CodeMirror's panel (its words in Persian), Enter selects the next match.
    await page.keyboard.press('Control+f');
    const find = page.locator('dabir-editor .cm-search input[name=search]');
    await find.waitFor();
    expect(await find.getAttribute('placeholder')).toBe('یافتن');
    await find.pressSequentially('resolutions');
    await page.keyboard.press('Enter');
    await page.locator('dabir-editor .cm-searchMatch-selected').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('dabir-editor .cm-search').waitFor({ state: 'detached' });
    // Tab indents inside the editor; Escape then Tab leaves it (no keyboard trap).
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    const outside = await page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.classList.contains('cm-content') ?? true;
    });
    expect(outside).toBe(false);
  });
});
