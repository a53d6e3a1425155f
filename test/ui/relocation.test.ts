/**
 * A relocation case taken to its end in the browser, each role in turn: the secretariat starts it (live guards pass)
 * and registers the request; the inspectors fill the checklist; the committee approves with its outcome button; the
 * secretariat records the regulator's new licence — and the case ends with the definitions' result label.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRunBrowser, login, logout, shot, startUi, type UiEnv } from './harness.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe.skipIf(!canRunBrowser)('a relocation case in the browser', { timeout: 90_000 }, () => {
  let env: UiEnv;
  const pw: Record<string, string> = {};
  let caseUrl = '';
  /** The checklist endpoint (GET /api/checklists/:id) is the server's; without it the inspection cannot be shown. */
  let checklists = true;
  const needsChecklists = (ctx: { skip: (note?: string) => void }) => {
    if (!checklists) ctx.skip('the server has no GET /api/checklists/:id yet');
  };

  beforeAll(async () => {
    env = await startUi();
    pw.secretariat = await env.createUser('dabir1', ['secretariat']);
    pw.inspector = await env.createUser('inspector1', ['inspectors']);
    pw.committee = await env.createUser('committee1', ['committee']);
    checklists = (await fetch(`${env.server.url}/api/checklists/office-standards`)).status !== 404;
  });
  afterAll(async () => env?.close());

  const openFromInbox = async () => {
    const { page } = env;
    const row = page.locator('dabir-inbox tbody tr').first();
    await row.waitFor();
    await row.locator('a').click();
    await page.locator('dabir-case h1').waitFor();
  };

  it('starts the case once the live guards pass', async () => {
    const { page, base } = env;
    await login(page, base, 'dabir1', pw.secretariat);
    await page.goto(`${base}/#/start?procedure=relocation&subject=office-ard-1001`);
    await page.locator('#start-place').waitFor();
    await page.locator('#start-place').fill('ardabil-city');
    await page.locator('#start-kind').check();
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
  });

  it('registers the request (secretariat)', async () => {
    const { page } = env;
    await page.locator('dabir-task[data-kind], dabir-task').first().waitFor();
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

  it('records the inspection checklist (inspectors)', async (ctx) => {
    needsChecklists(ctx);
    const { page, base } = env;
    await login(page, base, 'inspector1', pw.inspector);
    await shot(page, 'inbox');
    await openFromInbox();
    const items = page.locator('dabir-checklist li[data-item]');
    await items.first().waitFor({ timeout: 15_000 });
    for (const item of await items.all()) {
      const id = await item.getAttribute('data-item');
      if (id === 'kind') await item.locator('input').fill('urban');
      else if (id === 'area') await item.locator('input').fill('70');
      else await item.locator('input[type=radio]').first().check();
    }
    await page.locator('dabir-task button', { hasText: 'ثبت نتیجه' }).click();
    await page.locator('dabir-task section[data-kind="decision"]').waitFor();
    await logout(page);
  });

  it('approves with the outcome button (committee)', async (ctx) => {
    needsChecklists(ctx);
    const { page, base } = env;
    await login(page, base, 'committee1', pw.committee);
    await openFromInbox();
    const approve = page.locator('dabir-task button[data-outcome="approve"]');
    await approve.waitFor();
    expect((await approve.textContent())?.trim()).toBe('تصویب');
    // The minutes go up through the form's file field.
    await page.locator('#task-committee-minutes').setInputFiles({ name: 'minutes.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.locator('dabir-task dabir-form [role=status]', { hasText: 'minutes.pdf' }).waitFor();
    await shot(page, 'case-decision');
    await approve.click();
    // The committee's task is done; the next one (the regulator's answer) belongs to the secretariat.
    await page.locator('dabir-task section[data-task="regulator"]').waitFor();
    expect(await page.locator('dabir-task section[data-task="regulator"] button[data-outcome]').first().isDisabled()).toBe(true);
    await logout(page);
  });

  it('records the new licence and the case ends relocated (secretariat)', async (ctx) => {
    needsChecklists(ctx);
    const { page, base } = env;
    await login(page, base, 'dabir1', pw.secretariat);
    await page.goto(caseUrl);
    await page.locator('#task-regulator-licence_no').fill('ard-2001');
    await page.locator('#task-regulator-issued_on').fill('۱۴۰۵/۰۹/۰۲');
    await page.locator('dabir-task button[data-outcome="issued"]').click();
    await page.locator('dabir-case [data-status="ended"]').waitFor();
    expect(await page.locator('dabir-case [data-result]').textContent()).toContain('دفتر به محل جدید منتقل شد');
    expect(await page.locator('dabir-timeline li').count()).toBeGreaterThan(5);
    await page.locator('dabir-diagram .canvas[data-diagram="svg"], dabir-diagram .canvas[data-diagram="layout"]').waitFor();
    await shot(page, 'case-ended');
  });
});
