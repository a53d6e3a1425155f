/**
 * No irreversible slip, in a real browser against a real server, each person in turn: an inspection that fails is
 * confirmed by the inspector (the dialog names the items), the secretariat sees the answers and sends the case back
 * with a reason, the inspector finds the previous answers, corrects one and it passes; the committee's decision asks
 * for confirmation naming the consequence, and stepping back changes nothing; cancelling without a reason is refused;
 * the last administrator cannot disable themself (the page says why); a second relocation of the same office is refused
 * with a link to the open case. Case numbers are shown everywhere, and no UUID is in the text of any page walked.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, login, logout, shot, startUi, type UiEnv } from './harness.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const fa = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);
const RELOCATION = (subject: string) => ({
  procedure: 'relocation', subject,
  input: { place: 'ardabil-city', kind: 'urban', area: 70, location: { lat: 38.2807, lon: 48.2933 }, address: 'اردبیل، خیابان نمونه' },
});

/** Every word the page shows (shadow roots included), to check that no internal id reaches a screen. */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walk = (root: Document | ShadowRoot | Element) => {
      for (const el of (root as ParentNode).querySelectorAll('*')) {
        if (el.shadowRoot) walk(el.shadowRoot);
        if ((el as HTMLElement).checkVisibility && !(el as HTMLElement).checkVisibility()) continue;
        for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE && n.textContent?.trim()) out.push(n.textContent.trim());
      }
    };
    walk(document);
    return out.join(' ');
  });
}

describe('no irreversible slip, in the browser', { timeout: 120_000 }, () => {
  let env: UiEnv;
  const pw: Record<string, string> = {};
  let caseId = '';
  let number = '';
  let api: Awaited<ReturnType<UiEnv['apiAs']>>;

  beforeAll(async () => {
    env = await startUi();
    pw.secretariat = await env.createUser('dabir-s', ['secretariat']);
    pw.inspector = await env.createUser('bazras-s', ['inspectors']);
    pw.committee = await env.createUser('kargrooh-s', ['committee']);
    api = await env.apiAs('dabir-s', pw.secretariat);
    // The case and its registered request are set up through the API: what is tested here starts at the inspection.
    const c = await api('POST', '/cases', RELOCATION('office-ard-1001'));
    expect(c.status).toBe(201);
    caseId = c.body.id;
    number = c.body.number;
    expect(number).toMatch(/^\d{4}-\d{4}$/);
    expect((await api('POST', `/cases/${caseId}/tasks/request/complete`, { expectedVersion: c.body.version, outcome: 'accept' })).status).toBe(200);
  });
  afterEach(() => env.assertClean());
  afterAll(async () => env?.close());

  const caseOf = async () => (await api('GET', `/cases/${caseId}`)).body;
  /** The page's text holds the case number in Persian digits and no UUID. */
  const expectNumbersNotIds = async (page: Page) => {
    const text = await visibleText(page);
    expect(text).not.toMatch(UUID);
    return text;
  };
  const openFromInbox = async (page: Page) => {
    const row = page.locator(`dabir-inbox tbody tr[data-case="${caseId}"]`).first();
    await row.waitFor();
    expect((await row.locator('[data-number]').textContent())?.trim()).toBe(fa(number));
    await expectNumbersNotIds(page);
    await row.locator('a').click();
    await page.locator('dabir-case h1 [data-number]').waitFor();
    expect((await page.locator('dabir-case h1 [data-number]').textContent())?.trim()).toBe(fa(number));
  };
  /** Answers the checklist: yes to every yes/no item but `no`, and the kind and area typed where they are asked. */
  const answer = async (page: Page, no: string[]) => {
    const task = page.locator('dabir-task section[data-kind="inspection"]');
    const items = task.locator('dabir-checklist li[data-item]');
    await items.first().waitFor();
    for (const li of await items.all()) {
      const id = (await li.getAttribute('data-item')) ?? '';
      if ((await li.getAttribute('data-na')) !== null) continue;
      const radios = li.locator('input[type=radio]');
      if (await radios.count()) await radios.nth(no.includes(id) ? 1 : 0).check();
      else if (id === 'area') await li.locator('input').fill('۷۰');
      else if (id === 'kind') await li.locator('input').fill('urban');
    }
    return task;
  };

  it('confirms a failing inspection, naming the items that fail (inspector)', async () => {
    const { page, base } = env;
    await login(page, base, 'bazras-s', pw.inspector);
    await openFromInbox(page);
    const task = await answer(page, ['fire_extinguisher']);
    await task.locator('button', { hasText: 'ثبت نتیجه' }).click();
    const dialog = page.locator('dabir-confirm dialog[open]');
    await dialog.waitFor();
    const said = (await dialog.textContent()) ?? '';
    expect(said).toContain('«رد» ثبت شود؟');
    expect(said).toContain('این موارد قبول نشد: کپسول اطفای حریق');
    expect(said).toContain('پرونده به مرحلهٔ «بررسی نتیجهٔ بازدید ناموفق در دبیرخانه» می‌رود.');
    await shot(page, 'safety-inspection-confirm');
    // Stepping back writes nothing.
    const before = (await caseOf()).version;
    await dialog.locator('button[data-cancel]').click();
    await dialog.waitFor({ state: 'detached' });
    expect((await caseOf()).version).toBe(before);
    await task.locator('button', { hasText: 'ثبت نتیجه' }).click();
    await page.locator('dabir-confirm dialog[open] button[data-confirm]').click();
    await page.locator('dabir-case [role=status] .alert.ok').waitFor();
    expect((await caseOf()).openTasks.map((t: { step: string }) => t.step)).toEqual(['site-failed']);
    await logout(page);
  });

  it('shows the secretariat the answers and sends the case back with a reason; never without one', async () => {
    const { page, base } = env;
    await login(page, base, 'dabir-s', pw.secretariat);
    await openFromInbox(page);
    const task = page.locator('dabir-task section[data-task="site-failed"]');
    await task.waitFor();
    // The evidence: the inspection's answers item by item, the failed one marked.
    const failed = task.locator('dabir-evidence tr[data-item="fire_extinguisher"]');
    await failed.waitFor();
    expect(await failed.textContent()).toContain('خیر');
    expect(await failed.textContent()).toContain('رد');
    expect(await failed.getAttribute('class')).toContain('failed');
    expect(await task.locator('dabir-evidence tr[data-item="sign"]').textContent()).toContain('قبول');
    await shot(page, 'safety-review');
    await task.locator('button[data-return="site-inspection"]').click();
    const dialog = page.locator('dabir-confirm dialog[open]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('پرونده به «بازدید نمایندگان کارگروه از محل مورد نظر و صورتجلسه نمودن آن مطابق آخرین چک لیست» بازگردانده شود؟');
    // No reason, no return: the dialog says so and stays.
    await dialog.locator('button[data-confirm]').click();
    await dialog.locator('#confirm-reason-err').waitFor();
    expect(await dialog.locator('#confirm-reason-err').textContent()).toContain('«دلیل بازگرداندن» الزامی است.');
    await dialog.locator('#confirm-reason').fill('کپسول آتش‌نشانی در انبار دفتر بود و از قلم افتاد');
    await shot(page, 'safety-return');
    await dialog.locator('button[data-confirm]').click();
    await page.locator('dabir-case [role=status] .alert.ok', { hasText: 'بازگردانده شد' }).waitFor();
    // One timeline line for the return, with its reason; the diagram shows the inspection active again.
    const line = page.locator('dabir-timeline li.back');
    await line.waitFor();
    expect(await line.count()).toBe(1);
    expect(await line.textContent()).toContain('کپسول آتش‌نشانی در انبار دفتر بود و از قلم افتاد');
    expect(await line.textContent()).toContain('از «بررسی نتیجهٔ بازدید ناموفق در دبیرخانه» به «بازدید نمایندگان کارگروه');
    const c = await caseOf();
    expect(c.openTasks.map((t: { id: string }) => t.id)).toEqual(['site-inspection#2']);
    await page.locator('dabir-diagram .canvas[data-diagram="svg"]').waitFor();
    expect(await page.locator('dabir-diagram svg [data-step="site-inspection"] .active, dabir-diagram svg [data-step="site-inspection"].active').count()).toBeGreaterThan(0);
    await shot(page, 'safety-returned');
    await expectNumbersNotIds(page);
    await logout(page);
  });

  it('gives the inspector the previous answers to correct; the visit passes without a confirmation (inspector)', async () => {
    const { page, base } = env;
    await login(page, base, 'bazras-s', pw.inspector);
    await openFromInbox(page);
    const task = page.locator('dabir-task section[data-kind="inspection"]');
    await task.locator('[data-previous]').waitFor();
    // The previous answers are there: the failed item still says no.
    const fire = task.locator('dabir-checklist li[data-item="fire_extinguisher"] input[type=radio]');
    expect(await fire.nth(1).isChecked()).toBe(true);
    expect(await task.locator('dabir-checklist li[data-item="sign"] input[type=radio]').first().isChecked()).toBe(true);
    await fire.first().check();
    await task.locator('button', { hasText: 'ثبت نتیجه' }).click();
    await page.locator('dabir-task section[data-kind="decision"]').waitFor();
    expect(await page.locator('dabir-confirm').count()).toBe(0);
    expect((await caseOf()).steps['site-inspection'].outcome).toBe('pass');
    // An inspector starts no case: the page says who does, and where the inspector's work is.
    await page.goto(`${base}/#/start`);
    const empty = page.locator('dabir-start-case [data-nothing-to-start]');
    await empty.waitFor();
    expect(await empty.textContent()).toContain('پرونده‌ها را این نقش‌ها شروع می‌کنند: دبیرخانه کارگروه');
    expect(await empty.textContent()).toContain('نمایندگان کارگروه');
    await shot(page, 'safety-nothing-to-start');
    await empty.locator('a').click();
    await page.locator('dabir-inbox h1').waitFor();
    await logout(page);
  });

  it('asks the committee to confirm a decision, naming the consequence; stepping back changes nothing (committee)', async () => {
    const { page, base } = env;
    await login(page, base, 'kargrooh-s', pw.committee);
    await openFromInbox(page);
    const task = page.locator('dabir-task section[data-kind="decision"]');
    // The evidence: the second visit's answers, the start's values by label, the start rules holding now.
    await task.locator('dabir-evidence [data-evidence-step="site-inspection"]').waitFor();
    expect(await task.locator('dabir-evidence [data-evidence-step="site-inspection"] h4').textContent()).toContain('قبول');
    expect(await task.locator('dabir-evidence dd[data-field="area"]').textContent()).toBe('۷۰');
    expect(await task.locator('dabir-evidence li[data-rule="office.min-area"]').textContent()).toContain('برقرار است');
    await shot(page, 'safety-decision-evidence');
    // Without the meeting's number and date the decision is not even asked: the fields say why.
    await task.locator('button[data-outcome="reject"]').click();
    await task.locator('dabir-form .error-text', { hasText: 'شماره جلسه' }).first().waitFor();
    expect(await page.locator('dabir-confirm').count()).toBe(0);
    await page.locator('#task-committee-meeting_no').fill('۲۳');
    await page.locator('#task-committee-meeting_date').fill('۱۴۰۵/۰۹/۱۲');
    const before = await caseOf();
    await task.locator('button[data-outcome="reject"]').click();
    const dialog = page.locator('dabir-confirm dialog[open]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('با ثبت این نتیجه پرونده با نتیجهٔ «در کارگروه تصویب نشد» بسته می‌شود.');
    expect(await dialog.locator('button[data-confirm]').getAttribute('class')).toContain('danger');
    await shot(page, 'safety-decision-confirm');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    const after = await caseOf();
    expect([after.version, after.status, after.openTasks.map((t: { step: string }) => t.step)]).toEqual([before.version, 'active', ['committee']]);
    // What was typed is still there.
    expect(await page.locator('#task-committee-meeting_no').inputValue()).toBe('۲۳');
    await logout(page);
  });

  it('refuses to cancel without a reason, and cancels with one; the diagram marks only completed steps done', async () => {
    const { page, base } = env;
    await login(page, base, 'dabir-s', pw.secretariat);
    const other = await api('POST', '/cases', RELOCATION('office-ard-1003'));
    await page.goto(`${base}/#/cases/${other.body.id}`);
    await page.locator('dabir-case [data-cancel-case]').click();
    const dialog = page.locator('dabir-confirm dialog[open]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('ابطال بازگشت‌پذیر نیست');
    await dialog.locator('button[data-confirm]').click();
    expect(await dialog.locator('#confirm-reason-err').textContent()).toContain('«دلیل ابطال» الزامی است.');
    expect((await api('GET', `/cases/${other.body.id}`)).body.status).toBe('active');
    // Nor through the API: the server refuses a blank reason by its field.
    const blank = await api('POST', `/cases/${other.body.id}/cancel`, { expectedVersion: other.body.version, reason: '   ' });
    expect([blank.status, blank.body.fieldErrors?.[0]?.path]).toEqual([422, '/reason']);
    await dialog.locator('#confirm-reason').fill('متقاضی درخواست را پس گرفت');
    await dialog.locator('button[data-confirm]').click();
    await page.locator('dabir-case [data-status="cancelled"]').waitFor();
    expect(await page.locator('dabir-timeline li.bad').textContent()).toContain('متقاضی درخواست را پس گرفت');
    await page.locator('dabir-diagram .canvas[data-diagram="svg"]').waitFor();
    expect(await page.locator('dabir-diagram svg .done').count()).toBe(0);
    expect(await page.locator('dabir-diagram details li.done').count()).toBe(0);
    await shot(page, 'safety-cancelled');
  });

  it('refuses a second relocation of the same office, with a link to the open case', async () => {
    const { page, base } = env;
    await page.goto(`${base}/#/start?procedure=relocation&subject=office-ard-1001`);
    const warning = page.locator('dabir-start-case [data-open-case]');
    await warning.waitFor();
    expect(await warning.textContent()).toContain(`پروندهٔ «تغییر مکان دفتر» دیگری به شمارهٔ \u2066${fa(number)}\u2069 باز است`);
    // Nothing to fill in, nothing to submit: the page waits for another office.
    expect(await page.locator('dabir-start-case dabir-form, dabir-start-case button[type=submit]').count()).toBe(0);
    await shot(page, 'safety-already-open');
    await expectNumbersNotIds(page);
    await warning.locator('a').click();
    await page.locator('dabir-case h1 [data-number]').waitFor();
    expect(page.url()).toContain(caseId);
    await page.locator('dabir-case .head').screenshot({ path: '/tmp/dbg/head.png' });
    // The case list finds it by its number typed in Persian digits.
    await page.goto(`${base}/#/cases`);
    await page.locator('#c-number').fill(fa(number));
    await page.locator('#c-number').press('Enter');
    await page.locator(`dabir-case-list a[href$="${caseId}"]`).waitFor();
    expect(await page.locator('dabir-case-list tbody tr').count()).toBe(1);
    expect((await page.locator('dabir-case-list tbody tr [data-number]').textContent())?.trim()).toBe(fa(number));
    await expectNumbersNotIds(page);
    await logout(page);
  });

  it('keeps the last administrator: disabling oneself is refused and the page says why', async () => {
    const { page, base } = env;
    env.allowProblem(409, '/api/users/', 'PATCH');
    await login(page, base, 'admin', ADMIN_PASSWORD);
    await page.goto(`${base}/#/admin/users`);
    const me = page.locator('dabir-users tr[data-user="admin"]');
    await me.waitFor();
    await me.locator('input[data-disabled]').check();
    // Nothing is saved by ticking: the row says it is unsaved, and waits for «ذخیره».
    await me.locator('.badge', { hasText: 'تغییرات ذخیره‌نشده' }).waitFor();
    expect((await (await env.apiAs('admin', ADMIN_PASSWORD))('GET', '/users')).body.find((u: { username: string }) => u.username === 'admin').disabled).toBe(false);
    await me.locator('button[data-save]').click();
    const dialog = page.locator('dabir-confirm dialog[open]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('این حساب خود شماست');
    await dialog.locator('button[data-confirm]').click();
    const problem = me.locator('dabir-problem [role=alert]');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('تنها مدیر فعال سامانه است');
    await shot(page, 'safety-last-admin');
    await me.locator('button[data-discard]').click();
    expect(await me.locator('input[data-disabled]').isChecked()).toBe(false);
    // A role given to another user is saved explicitly, and the page says what was saved.
    const other = page.locator('dabir-users tr[data-user="bazras-s"]');
    await other.locator('input[data-role="committee"]').check();
    await other.locator('button[data-save]').click();
    const saved = page.locator('dabir-users [data-saved]');
    await saved.waitFor();
    expect(await saved.textContent()).toContain('تغییرات «bazras-s» ذخیره شد');
    expect(await saved.textContent()).toContain('کارگروه استانی');
    await expectNumbersNotIds(page);
    // The administrator's landing says what to do first — shown while no one but administrators has work here.
    await page.goto(`${base}/#/inbox`);
    await page.locator('dabir-inbox tbody tr').first().waitFor();
    expect(await visibleText(page)).not.toMatch(UUID);
    expect(await page.locator('dabir-inbox [data-getting-started]').count()).toBe(0);
    const fresh = await startUi();
    try {
      await login(fresh.page, fresh.base, 'admin', ADMIN_PASSWORD);
      const start = fresh.page.locator('dabir-inbox [data-getting-started]');
      await start.waitFor();
      expect(await start.textContent()).toContain('برای هر کسی که با سامانه کار می‌کند کاربری بسازید');
      expect(await start.locator('a').first().getAttribute('href')).toBe('#/admin/users');
      await shot(fresh.page, 'safety-admin-landing');
      fresh.assertClean();
    } finally {
      await fresh.close();
    }
  });
});
