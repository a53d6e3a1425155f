/**
 * Issue 10's "done when", walked as new users would, through the UI alone, on the Ardabil definitions: a secretariat
 * clerk, an inspector, a committee member and an administrator take a relocation from start to end (a mistyped city
 * kept out of the record, a failed inspection confirmed, corrected by a return and passed, the committee deciding from
 * the evidence, every step that decides or ends the case confirmed first), a transfer the rules refuse, and a rule
 * change made by form that the next transfer is judged by. On every page walked the visible text is read and checked
 * against every id and code of the bundle: no raw id, code, UUID or ASCII number reaches a person — and the browser
 * logs no error and no request fails unless the test expects it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fsSource } from '../../cli/fs-source.js';
import { loadBundle } from '../../engine/load/index.js';
import { ADMIN_PASSWORD, login, logout, pickRecord, shot, startUi, type UiEnv } from './harness.js';
import { codesOf, findCodes, visibleText } from './visible-text.js';

describe('issue 10 walked through the UI by four new users', { timeout: 180_000 }, () => {
  let env: UiEnv;
  let codes: Set<string>;
  const pw: Record<string, string> = {};
  let caseUrl = '';

  beforeAll(async () => {
    env = await startUi();
    codes = codesOf(loadBundle(`${env.dir}/definitions/ardabil`, fsSource).bundle!);
    pw.clerk = await env.createUser('clerk', ['secretariat']);
    pw.inspector = await env.createUser('inspector', ['inspectors']);
    pw.member = await env.createUser('member', ['committee']);
  });
  afterEach(() => env.assertClean());
  afterAll(async () => env?.close());

  /** Reads the page as a person does: no code, id, UUID or ASCII number in its visible text. Then a picture of it. */
  const look = async (name: string) => {
    const { page } = env;
    // The live checks have answered (a what-if waits a moment after the last keystroke before it asks).
    await page.locator('[data-guards="checking"]').waitFor({ state: 'detached' }).catch(() => undefined);
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => document.fonts.ready);
    // The usernames are the data this test typed (people's sign-in names), not codes of the bundle.
    expect(findCodes(await visibleText(page), codes, ['clerk', 'inspector', 'member', 'admin']), name).toEqual([]);
    await shot(page, `walk-${name}`);
  };
  const dialog = () => env.page.locator('dabir-confirm dialog[open]');
  const picker = (input: string) => env.page.locator(input).locator('xpath=ancestor::dabir-ref-picker[1]');

  it('the secretariat starts a relocation: a mistyped city is no value, the real one is picked by name', async () => {
    const { page, base } = env;
    await page.goto(`${base}/`);
    await page.locator('#username').waitFor();
    await look('signin');
    await login(page, base, 'clerk', pw.clerk);
    await look('inbox-empty');
    await page.locator('dabir-app nav a', { hasText: 'شروع پرونده' }).click();
    await page.locator('#procedure').selectOption({ label: 'تغییر مکان دفتر' });
    await page.locator('#subject').fill('۱۰۰۳');
    await picker('#subject').locator('[role=option]').first().click();
    await page.locator('#start-place').waitFor();
    // «تهران» is not a place of the registry: the field keeps no value and says so; nothing can be started with it.
    await page.locator('#start-place').fill('تهران');
    await page.locator('#start-area').click();
    await picker('#start-place').locator('.error-text', { hasText: 'در فهرست' }).waitFor();
    await page.locator('dabir-start-case button[type=submit]').click();
    await page.locator('dabir-start-case dabir-form [role=alert]').first().waitFor();
    expect(await page.locator('dabir-case').count()).toBe(0);
    await look('start-mistyped');
    await pickRecord(page, '#start-place', 'اردبیل');
    // Urban or rural is not asked: it follows from the place (a city).
    await page.locator('dabir-start-case #start-kind', { hasText: 'شهری' }).waitFor();
    await page.locator('#start-area').fill('۵۲');
    await page.locator('#start-location').fill('۳۸٫۲۸۰۷');
    await page.locator('#start-location-lon').fill('۴۸٫۲۹۳۳');
    await page.locator('#start-address').fill('اردبیل، خیابان دانشگاه، پلاک ۱۲');
    await page.locator('dabir-start-case [data-guards="ok"] .status-ok').waitFor({ timeout: 15_000 });
    await look('start-ready');
    await page.locator('dabir-start-case button[type=submit]').click();
    await page.locator('dabir-case h1').waitFor();
    caseUrl = page.url();
    // The case by its human number, the office by its title, the place by its name.
    expect(await page.locator('dabir-case h1').textContent()).toMatch(/۱۴۰۵-۰۰۰۱/);
    expect((await page.locator('dabir-case dl[data-input] [data-field="place"]').textContent())?.trim()).toBe('اردبیل');
    await look('case-started');
    await page.locator('dabir-task button[data-outcome="accept"]').click();
    await page.locator('dabir-task section[data-kind="inspection"]').waitFor();
    await logout(page);
  });

  it('the inspector answers every item in Persian; a failing answer is confirmed first and goes to the secretariat', async () => {
    const { page, base } = env;
    await login(page, base, 'inspector', pw.inspector);
    await page.locator('dabir-inbox tbody tr').first().waitFor();
    await look('inbox-inspector');
    await page.locator('dabir-inbox tbody tr a').first().click();
    const task = page.locator('dabir-task').first();
    const items = task.locator('dabir-checklist li[data-item]');
    await items.first().waitFor({ timeout: 15_000 });
    // The setting and the area come filled in from the request; the setting is chosen by its Persian word.
    expect(await task.locator('dabir-checklist li[data-item="kind"]').getByLabel('شهری').isChecked()).toBe(true);
    expect(await task.locator('dabir-checklist li[data-item="area"] input').inputValue()).toBe('۵۲');
    for (const li of await items.all()) {
      const id = await li.getAttribute('data-item');
      if (id === 'kind' || id === 'area' || !(await li.getByLabel('بله').count())) continue;
      await li.getByLabel(id === 'fire_extinguisher' ? 'خیر' : 'بله').check();
    }
    await look('inspection-answered');
    await task.locator('button', { hasText: 'ثبت نتیجه' }).click();
    // Failing the inspection is said before it is recorded: which item failed and where the case goes.
    await dialog().waitFor();
    const words = (await dialog().textContent()) ?? '';
    expect(words).toContain('کپسول اطفای حریق');
    expect(words).toContain('بررسی نتیجهٔ بازدید ناموفق در دبیرخانه');
    await look('inspection-confirm');
    // Stepping back changes nothing: the task is still open, the answers still there.
    await dialog().locator('button[data-cancel]').click();
    expect(await task.locator('dabir-checklist li[data-item="fire_extinguisher"]').getByLabel('خیر').isChecked()).toBe(true);
    await task.locator('button', { hasText: 'ثبت نتیجه' }).click();
    await dialog().locator('button[data-confirm]').click();
    await page.locator('dabir-timeline li', { hasText: 'کپسول اطفای حریق' }).waitFor();
    await logout(page);
  });

  it('the secretariat sees the failed item and returns the case to the inspectors, with a reason', async () => {
    const { page, base } = env;
    await login(page, base, 'clerk', pw.clerk);
    await page.goto(caseUrl);
    const back = page.locator('dabir-task button', { hasText: 'بازگشت به نمایندگان' });
    await back.waitFor();
    await page.locator('dabir-task tr', { hasText: 'کپسول اطفای حریق' }).waitFor();
    await look('review-failed');
    await back.click();
    await dialog().locator('textarea').waitFor();
    // A return needs its reason.
    await dialog().locator('button[data-confirm]').click();
    await dialog().locator('.error-text[role=alert]').waitFor();
    await dialog().locator('textarea').fill('کپسول اطفای حریق در انبار دفتر بود؛ بازدید دوباره لازم است.');
    await dialog().locator('button[data-confirm]').click();
    await page.locator('dabir-timeline li', { hasText: 'بازدید دوباره لازم است' }).waitFor();
    await look('returned');
    await logout(page);
  });

  it('the inspector records the visit again from the previous answers, and it passes', async () => {
    const { page, base } = env;
    await login(page, base, 'inspector', pw.inspector);
    await page.locator('dabir-inbox tbody tr a').first().click();
    const task = page.locator('dabir-task').first();
    const fire = task.locator('dabir-checklist li[data-item="fire_extinguisher"]');
    await fire.waitFor({ timeout: 15_000 });
    // The previous visit's answers are there to correct, not to type again.
    expect(await fire.getByLabel('خیر').isChecked()).toBe(true);
    expect(await task.locator('dabir-checklist li[data-item="sign"]').getByLabel('بله').isChecked()).toBe(true);
    await fire.getByLabel('بله').check();
    await task.locator('button', { hasText: 'ثبت نتیجه' }).click();
    // A passing inspection decides nothing: no question, the committee's decision is next.
    await page.locator('dabir-task section[data-kind="decision"]').waitFor();
    expect(await dialog().count()).toBe(0);
    await look('inspection-passed');
    await logout(page);
  });

  it('the committee decides from the evidence: the meeting is required, the decision confirmed', async () => {
    const { page, base } = env;
    await login(page, base, 'member', pw.member);
    await page.locator('dabir-inbox tbody tr a').first().click();
    const task = page.locator('dabir-task').first();
    // The inspection's answers, item by item, beside the decision.
    await task.locator('tr', { hasText: 'کپسول اطفای حریق' }).waitFor();
    await look('committee-evidence');
    await task.locator('button[data-outcome="approve"]').click();
    // The meeting's number and date are required before anything is asked or sent.
    await task.locator('dabir-form [role=alert]').waitFor();
    expect(await dialog().count()).toBe(0);
    await task.locator('[id$="-meeting_no"]').fill('۱۴/۱۴۰۵');
    await task.locator('[id$="-meeting_date"]').fill('۱۴۰۵/۰۹/۰۲');
    await task.locator('button[data-outcome="approve"]').click();
    await dialog().waitFor();
    expect(await dialog().textContent()).toContain('ارسال اصل پروانه به همراه تصویر ابلاغ به سازمان تنظیم');
    await dialog().locator('button[data-confirm]').click();
    await page.locator('dabir-task section[data-task="regulator"]').waitFor();
    await logout(page);
  });

  it('the secretariat records the new licence; ending the case is confirmed; the office moves to the picked place', async () => {
    const { page, base } = env;
    await login(page, base, 'clerk', pw.clerk);
    await page.goto(caseUrl);
    await page.locator('[id$="regulator-licence_no"]').fill('ard-1003-r');
    await page.locator('[id$="regulator-issued_on"]').fill('۱۴۰۵/۰۹/۰۳');
    await page.locator('dabir-task button[data-outcome="issued"]').click();
    await dialog().waitFor();
    expect(await dialog().textContent()).toContain('«دفتر به محل جدید منتقل شد» بسته می‌شود');
    await dialog().locator('button[data-confirm]').click();
    await page.locator('dabir-case [data-status="ended"]').waitFor();
    await look('case-ended');
    // The registry keeps the record, not the typed text: the office is in Ardabil city (by id), shown by its name.
    const api = await env.apiAs('admin', ADMIN_PASSWORD);
    const office = (await api('GET', '/registry/office/office-ard-1003')).body;
    expect(office).toMatchObject({ place: 'ardabil-city', area: 52, location: { lat: 38.2807, lon: 48.2933 } });
    await page.goto(`${base}/#/registry/office?q=${encodeURIComponent('ard-1003')}`);
    await page.locator('dabir-registry tbody tr', { hasText: 'اردبیل' }).first().waitFor();
    await look('registry-office');
  });

  it('a transfer of a licence too young is refused before it starts, every value by its label', async () => {
    const { page } = env;
    await page.locator('dabir-app nav a', { hasText: 'شروع پرونده' }).click();
    await page.locator('#procedure').selectOption({ label: 'انتقال پروانه' });
    await page.locator('#subject').fill('۱۰۱۱');
    await picker('#subject').locator('[role=option]').first().click();
    await pickRecord(page, '#start-transferee', 'علی', 'علی رضایی (نمونه)');
    env.allowProblem(422, '/api/procedures/transfer/what-if');
    const failure = page.locator('dabir-start-case li.failure[data-rule="transfer.min-licence-age"]');
    await failure.waitFor({ timeout: 15_000 });
    const text = (await failure.textContent()) ?? '';
    expect(text).toContain('سابقه پروانه');
    expect(text).toContain('۵ سال');
    expect(await page.locator('dabir-start-case button[type=submit]').isDisabled()).toBe(true);
    await look('transfer-refused');
    await logout(page);
  });

  it('the administrator lowers the transfer age by form; the next transfer is judged by the new value', async () => {
    const { page, base } = env;
    await login(page, base, 'admin', ADMIN_PASSWORD);
    await look('admin-landing');
    await page.goto(`${base}/#/admin/parameters`);
    const card = page.locator('dabir-params article[data-param="transfer.min_licence_years"]');
    await card.waitFor();
    await look('parameters');
    await card.locator('button[data-propose]').click();
    const form = card.locator('dabir-param-proposal');
    await form.locator('input[id$="-value"]').fill('۲');
    const field = async (label: string) => form.locator(`#${await form.locator('label', { hasText: new RegExp(`^${label}\\s*\\*?$`) }).getAttribute('for')}`);
    await (await field('عنوان مصوبه')).fill('مصوبهٔ کارگروه استانی — انتقال پروانه پس از دو سال');
    await (await field('عنوان مصوبه به انگلیسی')).fill('Provincial resolution — transfer after two years');
    await (await field('مستند \\(ماده / پیوست\\)')).fill('آیین‌نامه — ماده ۱۶');
    await form.locator('button[data-check]').click();
    const report = form.locator('[data-report]');
    await report.waitFor({ timeout: 30_000 });
    await look('proposal-report');
    // Scenarios that turn are updated in the same change when there are any; then it is published as one version.
    if ((await report.getAttribute('data-ok')) !== 'true') {
      await report.locator('button[data-update]').click();
      await report.locator('[data-ok="true"]').or(form.locator('[data-report][data-ok="true"]')).waitFor({ timeout: 30_000 });
    }
    await form.locator('button[data-publish]').click();
    await dialog().locator('button[data-confirm]').click();
    await form.locator('[data-published]').waitFor({ timeout: 30_000 });
    await card.locator('[data-value] .value', { hasText: '۲' }).waitFor();
    await look('parameter-changed');
    await logout(page);

    await login(page, base, 'clerk', pw.clerk);
    await page.locator('dabir-app nav a', { hasText: 'شروع پرونده' }).click();
    await page.locator('#procedure').selectOption({ label: 'انتقال پروانه' });
    await page.locator('#subject').fill('۱۰۱۱');
    await picker('#subject').locator('[role=option]').first().click();
    await pickRecord(page, '#start-transferee', 'علی', 'علی رضایی (نمونه)');
    await page.locator('dabir-start-case [data-guards="ok"] .status-ok').waitFor({ timeout: 15_000 });
    expect(await page.locator('dabir-start-case li.failure').count()).toBe(0);
    await look('transfer-allowed');
  });

  it('every page the secretariat keeps open reads in words, at 1360 px and on a 390 px phone', async () => {
    const { page, base } = env;
    for (const [name, hash, ready] of [
      ['inbox', '#/inbox', 'dabir-inbox h1'],
      ['cases', '#/cases', 'dabir-case-list tbody tr'],
      ['registry-place', '#/registry/place', 'dabir-registry tbody tr'],
      ['registry-person', '#/registry/person', 'dabir-registry tbody tr'],
      ['registry-agency', '#/registry/agency', 'dabir-registry tbody tr'],
      ['reports', '#/reports', 'dabir-reports h1'],
      ['case', caseUrl.slice(caseUrl.indexOf('#')), 'dabir-case h1'],
    ] as const) {
      for (const width of [1360, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${base}/${hash}`);
        await page.locator(ready).first().waitFor();
        await look(`${name}-${width}`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at ${width} px`).toBeLessThanOrEqual(width);
      }
    }
    await page.setViewportSize({ width: 1360, height: 900 });
  });
});
