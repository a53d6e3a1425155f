/**
 * The secretariat's path in a real browser against a real server: signing in, the inbox, and a transfer refused
 * live, before submitting, because the licence is younger than the province's minimum age — explained in Persian.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, logout, startUi, type UiEnv } from './harness.js';

describe('secretariat in the browser', { timeout: 90_000 }, () => {
  let env: UiEnv;
  let password: string;

  beforeAll(async () => {
    env = await startUi();
    password = await env.createUser('dabirkhane', ['secretariat']);
  });
  afterAll(async () => env?.close());

  it('refuses a wrong password in Persian and signs in with the right one', async () => {
    const { page, base } = env;
    await page.goto(`${base}/`);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.locator('#username').fill('dabirkhane');
    await page.locator('#password').fill('wrong-password');
    await page.locator('button[type=submit]').click();
    const problem = page.locator('dabir-login dabir-problem [role=alert]');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('نام کاربری یا گذرواژه نادرست است');
    await login(page, base, 'dabirkhane', password);
    expect(await page.locator('dabir-inbox h1').textContent()).toBe('کارتابل');
  });

  it('explains live, before submitting, why a transfer of a young licence cannot start', async () => {
    const { page, base } = env;
    await page.goto(`${base}/#/start?procedure=transfer&subject=office-ard-1024`);
    const failures = page.locator('dabir-start-case dabir-failures li.failure');
    await failures.first().waitFor({ timeout: 15_000 });
    const ruleTexts = await failures.allTextContents();
    const age = ruleTexts.find((x) => x.includes('پنج') || x.includes('۵') || x.includes('سال'));
    expect(age, ruleTexts.join('\n')).toBeTruthy();
    expect(await page.locator('dabir-start-case li.failure[data-rule="transfer.min-licence-age"]').count()).toBe(1);
    expect(await page.locator('dabir-start-case button[type=submit]').isDisabled()).toBe(true);
  });

  it('changes the password from the account page, and signs in with the new one', async () => {
    const { page, base } = env;
    await page.locator('dabir-app header a[data-user]').click();
    const account = page.locator('dabir-account');
    await account.locator('#pw-current').waitFor();
    expect(await account.locator('[data-name]').textContent()).toBe('dabirkhane');
    // A wrong current password is said about that field, and the session stays.
    await account.locator('#pw-current').fill('not-my-password');
    await account.locator('#pw-next').fill('a-new-password-2');
    await account.locator('#pw-repeat').fill('a-new-password-2');
    await account.locator('button[type=submit]').click();
    await account.locator('#pw-current-err', { hasText: 'گذرواژهٔ فعلی نادرست است' }).waitFor();
    expect(await page.locator('dabir-app header a[data-user]').count()).toBe(1);
    // Too short, and a repeat that differs: refused here, before the server.
    await account.locator('#pw-current').fill(password);
    await account.locator('#pw-next').fill('short');
    await account.locator('#pw-repeat').fill('shorter');
    await account.locator('button[type=submit]').click();
    await account.locator('#pw-next-err', { hasText: '۱۰' }).waitFor();
    await account.locator('#pw-repeat-err').waitFor();
    expect(await account.locator('#pw-next').getAttribute('aria-invalid')).toBe('true');
    await account.locator('#pw-next').fill('a-new-password-2');
    await account.locator('#pw-repeat').fill('a-new-password-2');
    await account.locator('button[type=submit]').click();
    await account.locator('.alert.ok', { hasText: 'گذرواژه تغییر کرد' }).waitFor();
    await logout(page);
    await login(page, base, 'dabirkhane', 'a-new-password-2');
  });
});
