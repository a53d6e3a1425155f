/**
 * The definitions editor keeps drafts of several files: two files edited, each marked in the file list; switching
 * between them keeps both drafts, and so does a reload; leaving the editor with drafts asks first (and the page
 * warns before it unloads); a draft that breaks the scenarios says why next to the publish button, in Persian; both
 * drafts publish together as ONE version, which the versions page shows naming both files.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, login, shot, startUi, type UiEnv } from './harness.js';

const A = 'ardabil/bundle.yaml';
const B = 'ardabil/resolutions.yaml';

describe('drafts of several definition files', { timeout: 120_000 }, () => {
  let env: UiEnv;

  beforeAll(async () => {
    env = await startUi();
  });
  afterEach(() => env.assertClean());
  afterAll(async () => env?.close());

  const defs = () => env.page.locator('dabir-definitions');
  const entry = (path: string) => env.page.locator(`dabir-definitions nav.files a[data-file="${path}"]`);
  /** The open file's text as the page holds it (CodeMirror renders only the lines in view). */
  const text = () => defs().evaluate((el) => String((el as unknown as { content: string }).content));
  const open = async (path: string) => {
    await entry(path).click();
    await env.page.locator(`dabir-editor .host[data-path="${path}"]`).waitFor();
    await env.page.locator('dabir-editor .cm-content').waitFor();
  };
  const typeAtEnd = async (s: string) => {
    await env.page.locator('dabir-editor .cm-content').click();
    await env.page.keyboard.press('Control+End');
    await env.page.keyboard.insertText(s);
  };

  it('keeps a draft of each file across switches and a reload, and asks before leaving', async () => {
    const { page, base } = env;
    // The signed-out first page asks who is signed in (answered 401 on this branch; another branch makes it quiet).
    await login(page, base, 'admin', ADMIN_PASSWORD);
    await page.goto(`${base}/#/admin/definitions/${A}`);
    await page.locator('dabir-editor .cm-content').waitFor({ timeout: 15_000 });
    await typeAtEnd('\n# پیش‌نویس نخست\n');
    await entry(A).locator('.badge', { hasText: 'ویرایش‌شده' }).waitFor();
    // Switching to another file keeps the first draft and asks nothing.
    await open(B);
    expect(await page.locator('dabir-confirm dialog').count()).toBe(0);
    await typeAtEnd('\n# پیش‌نویس دوم\n');
    await entry(B).locator('.badge', { hasText: 'ویرایش‌شده' }).waitFor();
    expect(await entry(A).getAttribute('data-edited')).toBe('true');
    await open(A);
    expect(await text()).toContain('# پیش‌نویس نخست');
    await shot(page, 'editor-drafts');

    // A reload loses nothing: the drafts are kept in this browser, by the version they were made on.
    await page.reload();
    await page.locator('dabir-editor .cm-content').waitFor({ timeout: 15_000 });
    expect(await entry(A).getAttribute('data-edited')).toBe('true');
    expect(await entry(B).getAttribute('data-edited')).toBe('true');
    expect(await text()).toContain('# پیش‌نویس نخست');
    await open(B);
    expect(await text()).toContain('# پیش‌نویس دوم');

    // Leaving the editor asks; staying keeps the page and its drafts.
    await page.locator('dabir-app nav a', { hasText: 'کارتابل' }).click();
    const dialog = page.locator('dabir-confirm dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('از ویرایشگر تعاریف بیرون می‌روید؟');
    expect(await dialog.textContent()).toContain(A);
    expect(await dialog.textContent()).toContain(B);
    await shot(page, 'editor-leave');
    await dialog.locator('button[data-cancel]').click();
    await page.locator(`dabir-editor .host[data-path="${B}"]`).waitFor();
    expect(new URL(page.url()).hash).toBe(`#/admin/definitions/${B}`);
    // The page warns before it unloads, too.
    expect(await page.evaluate(() => {
      const e = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(e);
      return e.defaultPrevented;
    })).toBe(true);
  });

  it('says next to the publish button, in Persian, why a draft cannot be published', async () => {
    const { page } = env;
    const published = await text();
    await page.locator('dabir-editor .cm-content').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText(published.replace('office.min_area.urban: 50', 'office.min_area.urban: 60'));
    await page.locator('dabir-definitions [data-check="invalid"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('dabir-definitions form.toolbar button[type=submit]').isDisabled()).toBe(true);
    const failed = page.locator('dabir-definitions dabir-scenario-results li[data-passed="false"]');
    await failed.first().waitFor();
    const why = (await failed.first().textContent()) ?? '';
    expect(why).toContain('انتظار');
    expect(why).toContain('رخ داد');
    expect(why).toContain('قاعدهٔ «حداقل مساحت دفتر»');
    expect(why).toMatch(/۶۰/);
    await shot(page, 'editor-scenarios-failed');
    // Put it back by hand: the draft is the second comment again.
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText(published);
    await page.locator('dabir-definitions [data-check="ok"]').waitFor({ timeout: 30_000 });
  });

  it('publishes both drafts as one version, which names both files', async () => {
    const { page, base } = env;
    await page.locator('#pub-msg').fill('دو فایل با هم');
    const submit = page.locator('dabir-definitions form.toolbar button[type=submit]');
    expect(await submit.textContent()).toContain('انتشار تغییرها (۲ فایل)');
    await submit.click();
    const dialog = page.locator('dabir-confirm dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(A);
    expect(await dialog.textContent()).toContain(B);
    await dialog.locator('button[data-confirm]').click();
    await page.locator('dabir-definitions .alert.ok', { hasText: 'نسخهٔ جدید منتشر شد' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('dabir-definitions nav.files a[data-edited="true"]').count()).toBe(0);

    await page.goto(`${base}/#/admin/history`);
    const rows = page.locator('dabir-history tbody tr');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    const latest = (await rows.first().textContent()) ?? '';
    expect(latest).toContain('دو فایل با هم');
    expect(latest).toContain(A);
    expect(latest).toContain(B);
    await shot(page, 'editor-one-version');

    // A draft made on a version someone else has since replaced is found after a reload and offered back.
    await page.goto(`${base}/#/admin/definitions/${A}`);
    await page.locator('dabir-editor .cm-content').waitFor({ timeout: 15_000 });
    await typeAtEnd('\n# پیش‌نویس سوم\n');
    await entry(A).locator('.badge').waitFor();
    const api = await env.apiAs('admin', ADMIN_PASSWORD);
    const current = (await api('GET', '/definitions')).body.version.hash as string;
    const other = (await api('GET', `/definitions/file?path=${B}`)).body.content as string;
    const pub = await api('POST', '/definitions/publish', { files: [{ path: B, content: `${other}# از جای دیگر\n` }], baseVersion: current });
    expect(pub.status).toBe(201);
    await page.reload();
    const stale = page.locator('dabir-definitions [data-stale-drafts]');
    await stale.waitFor({ timeout: 15_000 });
    expect(await stale.textContent()).toContain(A);
    expect(await entry(A).getAttribute('data-edited')).toBe('false');
    await stale.locator('button', { hasText: 'بازگرداندن روی نسخهٔ فعلی' }).click();
    await entry(A).locator('.badge', { hasText: 'ویرایش‌شده' }).waitFor();
    expect(await text()).toContain('# پیش‌نویس سوم');
    await page.locator('dabir-definitions button[data-discard]').click();
    await page.locator('dabir-confirm dialog button[data-confirm]').click();
    expect(await entry(A).getAttribute('data-edited')).toBe('false');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/#/admin/definitions/${B}`);
    await page.locator('dabir-editor .cm-content').waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1360, height: 900 });
  });
});
