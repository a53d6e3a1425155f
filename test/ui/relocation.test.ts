/**
 * A relocation case taken to its end in the browser, each role in turn: the secretariat starts it (live guards pass)
 * and registers the request; the inspectors, arriving from their inbox at the task the link points to, answer the
 * checklist (an item that does not apply to this visit says so) and write the visit's minutes — date, inspectors'
 * names, remarks; the committee approves with its outcome button and the minutes' scan; the secretariat records the
 * regulator's new licence — and the case ends with the definitions' Persian result label. Along the way the timeline
 * names who acted by name or role, never by id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, login, logout, pickRecord, shot, startUi, type UiEnv } from './harness.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('a relocation case in the browser', { timeout: 90_000 }, () => {
  let env: UiEnv;
  const pw: Record<string, string> = {};
  let caseUrl = '';
  let userIds: string[] = [];

  beforeAll(async () => {
    env = await startUi();
    pw.secretariat = await env.createUser('dabir1', ['secretariat']);
    pw.inspector = await env.createUser('inspector1', ['inspectors']);
    pw.committee = await env.createUser('committee1', ['committee']);
    const users = await (await env.apiAs('admin', ADMIN_PASSWORD))('GET', '/users');
    userIds = (users.body as { id: string }[]).map((u) => u.id);
  });
  afterAll(async () => env?.close());

  /** Opens the first task of the inbox through its link (which names the task: `?task=`). */
  const openFromInbox = async () => {
    const { page } = env;
    const row = page.locator('dabir-inbox tbody tr').first();
    await row.waitFor();
    await row.locator('a').click();
    await page.locator('dabir-case h1').waitFor();
  };

  /** The timeline names people by name or by role: no user id (nor a piece of one) appears in it. */
  const expectNoIdsInTimeline = async () => {
    const text = (await env.page.locator('dabir-timeline').textContent()) ?? '';
    for (const id of userIds) expect(text).not.toContain(id.slice(0, 8));
  };

  it('starts the case once the live guards pass', async () => {
    const { page, base } = env;
    await login(page, base, 'dabir1', pw.secretariat);
    await page.goto(`${base}/#/start?procedure=relocation&subject=office-ard-1001`);
    await page.locator('#start-place').waitFor();
    await pickRecord(page, '#start-place', 'اردبیل');
    await page.locator('#start-area').fill('۷۰');
    await page.locator('#start-location').fill('38.30');
    await page.locator('#start-location-lon').fill('48.40');
    await page.locator('#start-address').fill('اردبیل، خیابان نمونه');
    await page.locator('dabir-start-case [data-guards="ok"]').waitFor({ timeout: 15_000 });
    await shot(page, 'start-case');
    await page.locator('dabir-start-case button[type=submit]').click();
    await page.locator('dabir-case h1').waitFor();
    caseUrl = page.url();
    expect(await page.locator('dabir-case [data-status]').getAttribute('data-status')).toBe('active');
    // The case says who started it: the signed-in user's own name.
    expect(await page.locator('dabir-case [data-started-by]').textContent()).toBe('dabir1');
    // The start data reads as people say it: the place by its record's title, the kind by its option's label, the
    // location in Persian digits — no raw ids or option values.
    const input = page.locator('dabir-case dl[data-input]');
    await input.locator('[data-field="place"]', { hasText: 'اردبیل' }).waitFor();
    expect((await input.locator('[data-field="place"]').textContent())?.trim()).toBe('اردبیل');
    expect((await input.locator('[data-field="kind"]').textContent())?.trim()).toBe('شهری');
    expect(await input.locator('[data-field="location"]').textContent()).toContain('۳۸');
    const text = (await input.textContent()) ?? '';
    expect(text).not.toContain('ardabil-city');
    expect(text).not.toContain('urban');
    expect(text).not.toMatch(/[0-9]/);
  });

  it('registers the request (secretariat)', async () => {
    const { page } = env;
    await page.locator('dabir-task').first().waitFor();
    // A document attached to the case, then downloadable.
    await page.locator('dabir-documents #doc-file').setInputFiles({ name: 'نامه.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.locator('dabir-documents button[type=submit]').click();
    const doc = page.locator('dabir-documents li[data-document] a');
    await doc.waitFor();
    expect(await doc.textContent()).toBe('نامه.pdf');
    const href = await doc.getAttribute('href');
    const body = await page.evaluate(async (u) => (await fetch(u!, { credentials: 'same-origin' })).text(), href);
    expect(body.startsWith('%PDF-')).toBe(true);
    await page.locator('dabir-diagram .canvas[data-diagram="svg"], dabir-diagram .canvas[data-diagram="layout"]').waitFor();
    await shot(page, 'case');
    await page.locator('dabir-task button[data-outcome="accept"]').click();
    await page.locator('dabir-task section[data-kind="inspection"]').waitFor();
    await logout(page);
  });

  it('records the inspection: checklist answers and the visit\'s minutes (inspectors)', async () => {
    const { page, base } = env;
    await login(page, base, 'inspector1', pw.inspector);
    await shot(page, 'inbox');
    await openFromInbox();
    // The task the inbox link pointed to is marked, and has focus.
    const task = page.locator('dabir-task[highlighted]');
    await task.waitFor();
    expect(await task.locator('[data-highlighted]').textContent()).toBe('کاری که باز کردید');
    expect(await task.locator('section').evaluate((s) => s.matches(':focus'))).toBe(true);

    const items = task.locator('dabir-checklist li[data-item]');
    await items.first().waitFor({ timeout: 15_000 });
    // Recording with nothing answered is refused here, before the server: the unanswered items are counted.
    await task.locator('button', { hasText: 'ثبت نتیجه' }).click();
    await task.locator('.error-text[role=alert]', { hasText: 'پاسخ داده نشده' }).waitFor();

    const item = (id: string) => task.locator(`dabir-checklist li[data-item="${id}"]`);
    // The office is in a complex with shared restrooms: the staff-restroom item does not apply to this visit…
    await item('in_complex').locator('input[type=radio]').first().check();
    await item('kitchen_restroom').and(task.locator('[data-na]')).waitFor();
    // …and once it is not, the item asks again.
    await item('in_complex').locator('input[type=radio]').nth(1).check();
    await item('kitchen_restroom').locator('input[type=radio]').first().waitFor();
    for (const li of await items.all()) {
      const id = await li.getAttribute('data-item');
      if (id === 'in_complex') continue;
      // The setting and the area start filled in from the start form; the others are yes / no.
      if (id === 'kind') await li.getByLabel('شهری').check();
      else if (id === 'area') expect(await li.locator('input').inputValue()).toBe('۷۰');
      else await li.getByLabel('بله').check();
    }

    // The minutes of the visit: its date, the inspectors' names (a list: one row each), remarks.
    const minutes = task.locator('dabir-form');
    await page.locator('#task-site-inspection-visit_date').fill('۱۴۰۵/۰۹/۰۱');
    await page.locator('#task-site-inspection-inspectors').click();
    await page.locator('#task-site-inspection-inspectors-0').fill('مهندس رضایی');
    await page.locator('#task-site-inspection-inspectors').click();
    await page.locator('#task-site-inspection-inspectors-1').fill('مهندس کاظمی');
    await page.locator('#task-site-inspection-notes').fill('محل جدید بازدید شد و با چک‌لیست مطابقت دارد.');
    expect(await minutes.locator('[data-field="inspectors"] [data-item]').count()).toBe(2);

    await task.locator('button', { hasText: 'ثبت نتیجه' }).click();
    // The checklist passes: the committee's decision is next (not the inspectors' to take).
    await page.locator('dabir-task section[data-kind="decision"]').waitFor();
    const done = page.locator('dabir-timeline li', { hasText: 'کار انجام شد' }).last();
    expect(await done.textContent()).toContain('قبول');
    expect(await done.locator('[data-actor]').textContent()).toContain('inspector1');
    // What the task recorded, by its form: the visit's date in Jalali with Persian digits, the inspectors' names.
    const data = (await done.locator('[data-task-data]').textContent()) ?? '';
    expect(data).toContain('۱۴۰۵/۰۹/۰۱');
    expect(data).toContain('مهندس رضایی');
    expect(data).not.toContain('1405-09-01');
    // The link has served: the page no longer claims a task is missing.
    expect(await page.locator('dabir-case [data-task-gone]').count()).toBe(0);
    await logout(page);
  });

  it('approves with the outcome button (committee)', async () => {
    const { page, base } = env;
    await login(page, base, 'committee1', pw.committee);
    await openFromInbox();
    const approve = page.locator('dabir-task button[data-outcome="approve"]');
    await approve.waitFor();
    expect((await approve.textContent())?.trim()).toBe('تصویب');
    // The inspectors' minutes are in the case; who recorded them is named by their role (the committee may not list users).
    const inspected = page.locator('dabir-timeline li', { hasText: 'کار انجام شد' }).last();
    expect(await inspected.locator('[data-actor]').textContent()).toContain('نمایندگان کارگروه');
    await expectNoIdsInTimeline();
    // The minutes go up through the form's file field.
    await page.locator('#task-committee-meeting_no').fill('۱۴/۱۴۰۵');
    await page.locator('#task-committee-meeting_date').fill('۱۴۰۵/۰۹/۰۲');
    await page.locator('#task-committee-minutes').setInputFiles({ name: 'minutes.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.locator('dabir-task dabir-form [role=status]', { hasText: 'minutes.pdf' }).waitFor();
    await shot(page, 'case-decision');
    await approve.click();
    // A decision is confirmed, the dialog naming where the case goes next.
    const dialog = page.locator('dabir-confirm dialog[open]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('پرونده به مرحلهٔ «ارسال اصل پروانه به همراه تصویر ابلاغ به سازمان تنظیم جهت صدور پروانه جدید» می‌رود.');
    await dialog.locator('button[data-confirm]').click();
    // The committee's task is done; the next one (the regulator's answer) belongs to the secretariat.
    await page.locator('dabir-task section[data-task="regulator"]').waitFor();
    expect(await page.locator('dabir-task section[data-task="regulator"] button[data-outcome]').first().isDisabled()).toBe(true);
    await logout(page);
  });

  it('records the new licence and the case ends relocated (secretariat)', async () => {
    const { page, base } = env;
    await login(page, base, 'dabir1', pw.secretariat);
    await page.goto(caseUrl);
    await page.locator('#task-regulator-licence_no').fill('ard-2001');
    await page.locator('#task-regulator-issued_on').fill('۱۴۰۵/۰۹/۰۲');
    await page.locator('dabir-task button[data-outcome="issued"]').click();
    // It ends the case: the dialog says with which result.
    const dialog = page.locator('dabir-confirm dialog[open]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('با ثبت این نتیجه پرونده با نتیجهٔ «دفتر به محل جدید منتقل شد» بسته می‌شود.');
    await dialog.locator('button[data-confirm]').click();
    await page.locator('dabir-case [data-status="ended"]').waitFor();
    expect((await page.locator('dabir-case [data-result] strong').textContent())?.trim()).toBe('دفتر به محل جدید منتقل شد');
    const ended = page.locator('dabir-timeline li', { hasText: 'پرونده پایان یافت' });
    expect(await ended.textContent()).toContain('دفتر به محل جدید منتقل شد');
    // Each step's actor: the secretariat's own name, the other roles by their labels.
    const actors = await page.locator('dabir-timeline [data-actor]').allTextContents();
    expect(actors.join(' ')).toContain('dabir1');
    expect(actors.join(' ')).toContain('نمایندگان کارگروه');
    expect(actors.join(' ')).toContain('کارگروه استانی');
    await expectNoIdsInTimeline();
    // The inspection's data holds the checklist answers and the minutes, as the server stored them.
    const id = caseUrl.split('/').pop()!.split('?')[0];
    const stored = await (await env.apiAs('admin', ADMIN_PASSWORD))('GET', `/cases/${id}`);
    expect(stored.body.steps['site-inspection'].data).toMatchObject({
      visit_date: '1405-09-01', inspectors: ['مهندس رضایی', 'مهندس کاظمی'], notes: 'محل جدید بازدید شد و با چک‌لیست مطابقت دارد.',
      kind: 'urban', area: 70, in_complex: false, kitchen_restroom: true,
    });
    await page.locator('dabir-diagram .canvas[data-diagram="svg"], dabir-diagram .canvas[data-diagram="layout"]').waitFor();
    await shot(page, 'case-ended');
  });
});
