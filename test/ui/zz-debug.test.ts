/**
 * A relocation case taken to its end in the browser, each role in turn: the secretariat starts it (live guards pass)
 * and registers the request; the inspectors fill the checklist; the committee approves with its outcome button; the
 * secretariat records the regulator's new licence — and the case ends with the definitions' result label.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRunBrowser, login, logout, shot, startUi, type UiEnv } from './harness.js';

describe.skipIf(!canRunBrowser)('a relocation case in the browser', () => {
  let env: UiEnv;
  const pw: Record<string, string> = {};
  let caseUrl = '';

  beforeAll(async () => {
    env = await startUi();
    pw.secretariat = await env.createUser('dabir1', ['secretariat']);
    pw.inspector = await env.createUser('inspector1', ['inspectors']);
    pw.committee = await env.createUser('committee1', ['committee']);
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
    await page.locator('dabir-task button[data-outcome="accept"]').click();
    await page.locator('dabir-task section[data-kind="inspection"]').waitFor();
    await logout(page);
  });

  it('DEBUG inspection via API', async () => {
    const { server } = env;
    const id = caseUrl.split('/cases/')[1].split('?')[0];
    const r1 = await fetch(`${server.url}/api/auth/csrf`);
    let cookie = (r1.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
    let csrf = ((await r1.json()) as any).csrfToken;
    const l = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: JSON.stringify({ username: 'inspector1', password: pw.inspector }) });
    cookie = (l.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ') || cookie;
    csrf = ((await l.json()) as any).csrfToken;
    const c = await (await fetch(`${server.url}/api/cases/${id}`, { headers: { cookie } })).json() as any;
    const data: any = { kind: 'urban', area: 70 };
    for (const k of ['land_use','client_space','sign','accessibility','in_complex','kitchen_restroom','counter_signs','tariff_board','client_furniture','computers','data_lines','card_reader','fire_extinguisher','burglar_alarm']) data[k] = true;
    const r = await fetch(`${server.url}/api/cases/${id}/tasks/site-inspection/complete`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: JSON.stringify({ expectedVersion: c.version, data }) });
    console.log('inspection', r.status, (await r.text()).slice(0, 300));
  });

  it('approves with the outcome button (committee)', async () => {
    const { page, base } = env;
    await login(page, base, 'committee1', pw.committee);
    await openFromInbox();
    const approve = page.locator('dabir-task button[data-outcome="approve"]');
    await approve.waitFor();
    expect((await approve.textContent())?.trim()).toBe('تصویب');
    await shot(page, 'case-decision');
    await approve.click();
    await page.locator('dabir-case').locator('text=کار بازی نیست.').waitFor();
    await logout(page);
  });

  it('records the new licence and the case ends relocated (secretariat)', async () => {
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
