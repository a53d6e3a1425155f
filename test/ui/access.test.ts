/**
 * Issue 11, item 8 (for items 1–4), in Chromium as people use it: an applicant-role user linked to their person sees
 * only their own case and task and no registry menu; a secretariat user opens a person and sees «محرمانه» for the
 * fields reserved to the committee (and reads the identity fields reserved to it); a committee user sees them all.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, login, pickRecord, startUi, type UiEnv } from './harness.js';

const firm = (name: string, nationalId: string) => ({
  type: 'legal', name, registration_no: '5544', articles_object_matches: true, ministry_consent: false, national_id: nationalId, mobile: '09127770011',
});
const SITE = { place: 'village-ui-party', area: 60, location: { lat: 38.511, lon: 48.611 } };
const MARKED_ID = '7770001234';

describe('who sees what, in the browser', { timeout: 120_000 }, () => {
  let env: UiEnv;
  const pw: Record<string, string> = {};
  let caseA = '';
  let caseB = '';
  let numberA = '';

  beforeAll(async () => {
    env = await startUi();
    const admin = await env.apiAs('admin', ADMIN_PASSWORD);
    for (const [id, rec] of Object.entries({
      'firm-ui-a': firm('شرکت الف (آزمون مرورگر)', '1400000011'),
      'firm-ui-b': firm('شرکت ب (آزمون مرورگر)', '1400000012'),
      'person-ui-marked': {
        type: 'natural', name: 'شخص نشان‌دار (آزمون مرورگر)', national_id: MARKED_ID, sex: 'male', citizenship: 'IR', religion: 'islam', criminal_record: true,
        addiction: false, government_employee: false, bank_debt: false, tax_debt: false, insurance_debt: false, degree: 'bachelor', degree_recognised: true, expert_experience_years: 3, fit: true,
      },
    })) expect((await admin('PUT', `/registry/person/${id}`, rec)).status).toBe(201);
    expect((await admin('PUT', '/registry/place/village-ui-party', { name: { fa: 'روستای طرفین (آزمون)' }, kind: 'village', county: 'county-namin', population: 4000, location: { lat: 38.51, lon: 48.61 } })).status).toBe(201);
    pw.sec = await env.createUser('acc-sec', ['secretariat']);
    pw.com = await env.createUser('acc-com', ['committee']);
    pw.app = 'acc-app-password-1';
    expect((await admin('POST', '/users', { username: 'acc-app', name: 'متقاضی آزمون', password: pw.app, roles: ['applicant'], party: 'firm-ui-a' })).status).toBe(201);
    // Two issuances, each to its applicant's security-attendance task, driven by the secretariat.
    const sec = await env.apiAs('acc-sec', pw.sec);
    const drive = async (person: string) => {
      const start = await sec('POST', '/cases', { procedure: 'issuance', subject: person, input: SITE });
      expect(start.status, JSON.stringify(start.body)).toBe(201);
      const id = start.body.id as string;
      const v = async () => (await sec('GET', `/cases/${id}`)).body.version as number;
      expect((await sec('POST', `/cases/${id}/tasks/application/complete`, { expectedVersion: await v(), outcome: 'accept' })).status).toBe(200);
      for (const step of ['security-inquiry', 'tax-inquiry', 'insurance-inquiry', 'bank-inquiry', 'premises-inquiry']) {
        expect((await sec('POST', `/cases/${id}/tasks/${step}/complete`, { expectedVersion: await v(), outcome: 'clear' })).status).toBe(200);
      }
      return { id, number: (await sec('GET', `/cases/${id}`)).body.number as string };
    };
    ({ id: caseA, number: numberA } = await drive('firm-ui-a'));
    ({ id: caseB } = await drive('firm-ui-b'));
  });
  beforeEach(async () => {
    await env.page.goto('about:blank');
    await env.context.clearCookies();
  });
  afterEach(() => env.assertClean());
  afterAll(async () => env?.close());

  const navLinks = async () => env.page.locator('dabir-app header nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));

  it('shows an applicant only their own case and task, and no registry or reports menu', async () => {
    const { page, base } = env;
    await login(page, base, 'acc-app', pw.app);
    const rows = page.locator('dabir-inbox tr[data-task]');
    await rows.first().waitFor();
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-case')))).toEqual([caseA]);
    expect(await rows.first().textContent()).toContain('شرکت الف');
    const links = await navLinks();
    expect(links.some((h) => h.includes('cases'))).toBe(true);
    expect(links.some((h) => h.includes('registry') || h.includes('reports'))).toBe(false);

    await page.goto(`${base}/#/cases`);
    const list = page.locator('dabir-case-list tbody tr');
    await list.first().waitFor();
    expect(await list.count()).toBe(1);
    expect(await list.first().textContent()).toContain('شرکت الف');

    // Their case opens, with their task; the other applicant's case is refused.
    await page.goto(`${base}/#/cases/${caseA}`);
    await page.locator('dabir-case [data-case-number]').waitFor();
    expect(await page.locator('dabir-case [data-case-number]').textContent()).toBeTruthy();
    await page.locator('dabir-task').first().waitFor();
    env.assertClean();
    env.allowProblem(403, `/api/cases/${caseB}`);
    await page.goto(`${base}/#/cases/${caseB}`);
    const refusal = page.locator('dabir-case dabir-problem [role=alert]');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('forbidden');
    expect(await page.locator('dabir-case').evaluate((el) => el.shadowRoot?.textContent ?? '')).not.toContain('شرکت');
    expect(numberA).toBeTruthy();
  });

  it('offers the administrator no external role, and a record picker for an applicant\'s person', async () => {
    const { page, base } = env;
    await login(page, base, 'admin', ADMIN_PASSWORD);
    await page.goto(`${base}/#/admin/users`);
    await page.locator('dabir-users tbody tr').first().waitFor();
    expect(await page.locator('dabir-users [data-role="secretariat"]').count()).toBeGreaterThan(0);
    expect(await page.locator('dabir-users [data-role="security"]').count()).toBe(0);
    expect(await page.locator('dabir-users [data-role="regulator"]').count()).toBe(0);
    // The applicant already linked shows its person by title, never the key.
    const row = page.locator('dabir-users tr[data-user="acc-app"]');
    await expect.poll(() => row.locator('input[role=combobox], dabir-ref-picker input').first().inputValue()).toContain('شرکت الف');
    // A new applicant: ticking the role asks which person they are.
    await page.locator('#nu-username').fill('acc-app-b');
    await page.locator('#nu-password').fill('acc-app-b-password-1');
    expect(await page.locator('#nu-party').count()).toBe(0);
    await page.locator('#nu-applicant').check();
    await page.locator('#nu-party').waitFor();
    await pickRecord(page, '#nu-party', 'شرکت ب');
    await page.locator('dabir-users form button[type=submit]').click();
    await page.locator('dabir-users tr[data-user="acc-app-b"]').waitFor();
    const users = (await (await env.apiAs('admin', ADMIN_PASSWORD))('GET', '/users')).body as { username: string; party: string | null }[];
    expect(users.find((u) => u.username === 'acc-app-b')?.party).toBe('firm-ui-b');
  });

  it('shows the secretariat «محرمانه» for the committee\'s fields of a person, and the identity fields it may read', async () => {
    const { page, base } = env;
    await login(page, base, 'acc-sec', pw.sec);
    await expect.poll(async () => (await navLinks()).some((h) => h.includes('registry'))).toBe(true);
    await page.goto(`${base}/#/registry/person?q=${encodeURIComponent('نشان‌دار')}`);
    const row = page.locator('dabir-registry tr[data-record="person-ui-marked"]');
    await row.waitFor();
    await row.locator('summary').click();
    const withheld = row.locator('[data-withheld]');
    expect(await withheld.count()).toBeGreaterThan(0);
    expect(await withheld.first().textContent()).toContain('محرمانه');
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('7770001234'.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]));
    // Criminal record: withheld, so neither «بله» nor the field's value shows beside its label.
    const dl = await row.locator('dl').evaluate((el) => [...el.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent?.trim()]));
    const crim = dl.find(([k]) => k?.includes('سوء پیشینه'));
    expect(crim?.[1]).toContain('محرمانه');
  });

  it('shows a confidential inquiry\'s answer as «محرمانه» to the applicant whose case it is, and in words to the committee', async () => {
    const { page, base } = env;
    const timelineOf = async (user: string, password: string) => {
      await page.goto('about:blank');
      await env.context.clearCookies();
      await login(page, base, user, password);
      await page.goto(`${base}/#/cases/${caseA}`);
      const tl = page.locator('dabir-timeline');
      await tl.locator('li[data-event]').first().waitFor();
      // Every inquiry answered so far is in the timeline, whoever reads it (that it happened and when).
      const text = () => tl.evaluate((el) => el.shadowRoot?.textContent ?? '');
      await expect.poll(text).toContain('حفاظتی');
      return { tl, text };
    };
    // The inquiries are confidential to the committee and the expert subcommittee (and the secretariat that records them).
    const app = await timelineOf('acc-app', pw.app);
    expect(await app.tl.locator('[data-withheld]').count()).toBeGreaterThanOrEqual(4);
    const security = app.tl.locator('li[data-event]', { hasText: 'حفاظتی' }).filter({ has: page.locator('[data-withheld]') });
    expect(await security.count()).toBeGreaterThan(0);
    expect(await security.first().textContent()).not.toContain('بلامانع');
    const com = await timelineOf('acc-com', pw.com);
    expect(await com.tl.locator('[data-withheld]').count()).toBe(0);
    expect(await com.tl.locator('li[data-event]', { hasText: 'حفاظتی' }).filter({ hasText: 'بلامانع' }).count()).toBeGreaterThan(0);
  });

  it('shows the committee every field of the person', async () => {
    const { page, base } = env;
    await login(page, base, 'acc-com', pw.com);
    await page.goto(`${base}/#/registry/person?q=${encodeURIComponent('نشان‌دار')}`);
    const row = page.locator('dabir-registry tr[data-record="person-ui-marked"]');
    await row.waitFor();
    await row.locator('summary').click();
    expect(await row.locator('[data-withheld]').count()).toBe(0);
    const dl = await row.locator('dl').evaluate((el) => [...el.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent?.trim()]));
    expect(dl.find(([k]) => k?.includes('سوء پیشینه'))?.[1]).toBe('بله');
  });
});
