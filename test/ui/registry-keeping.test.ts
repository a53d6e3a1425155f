/**
 * Issue 11 item 8, in a real browser, as the secretariat (keeps_registry): a person recorded from the record picker of
 * a start form («ثبت … تازه») is chosen at once and the case starts on it; a record added and edited on the registry
 * page (a stale edit is told in Persian); a retired record is no longer offered by the picker but its case still
 * shows it, and its page lists its cases; a CSV with a bad row is explained row by row with nothing written; a
 * registry file published in the definitions editor (its effect on the registry shown first) is in the live registry.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, login, logout, startUi, type UiEnv } from './harness.js';

const NAME = 'زهرا امینی';

describe('keeping the registry in the browser', { timeout: 120_000 }, () => {
  let env: UiEnv;
  let pw = '';
  let api: Awaited<ReturnType<UiEnv['apiAs']>>;
  let caseId = '';
  let personId = '';

  beforeAll(async () => {
    env = await startUi();
    pw = await env.createUser('keeper1', ['secretariat']);
    api = await env.apiAs('keeper1', pw);
  });
  afterEach(() => env.assertClean());
  afterAll(async () => env?.close());

  const count = async (entity: string) => (await api('GET', `/registry/${entity}?limit=1`)).body.total as number;

  it('records a new person from the start form\'s picker, chooses it at once, and the case starts on it', async () => {
    const { page, base } = env;
    await login(page, base, 'keeper1', pw);
    await page.goto(`${base}/#/start?procedure=transfer&subject=office-ard-1002`);
    await page.locator('#start-transferee').waitFor();
    const picker = page.locator('dabir-ref-picker:has(#start-transferee)');
    await picker.locator('button[data-new-record]').click();
    const dialog = picker.locator('dialog[data-new-record-dialog]');
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toBe('ثبت شخص (متقاضی / صاحب پروانه) تازه');
    // Nothing typed yet: the form says what is missing, at the field, in Persian, and sends nothing.
    await dialog.locator('button[data-save]').click();
    await dialog.locator('[data-field="name"] .error-text').waitFor();
    expect(await dialog.locator('[data-field="name"] .error-text').textContent()).toContain('نام');
    await dialog.getByLabel('حقیقی', { exact: true }).check();
    await dialog.locator('[data-field="name"] input').fill(NAME);
    await dialog.getByLabel('زن', { exact: true }).check();
    await dialog.locator('[data-field="religion"] select').selectOption({ label: 'اسلام' });
    await dialog.locator('[data-field="degree"] select').selectOption({ label: 'کارشناسی' });
    await dialog.getByLabel('مدرک مورد تایید وزارت علوم').check();
    await dialog.getByLabel('توانایی جسمی و روحی لازم').check();
    await dialog.locator('button[data-save]').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.locator('#start-transferee').inputValue()).toBe(NAME);
    await page.locator('dabir-start-case [data-guards="ok"]').waitFor({ timeout: 15_000 });
    await page.locator('dabir-start-case button[type=submit]').click();
    await page.locator('dabir-case h1').waitFor();
    caseId = decodeURIComponent(page.url().split('#/cases/')[1].split('?')[0]);
    await page.locator('dabir-case dl[data-input] [data-field="transferee"]', { hasText: NAME }).waitFor();
    const found = (await api('GET', `/registry/person?q=${encodeURIComponent(NAME)}`)).body.items;
    expect(found).toHaveLength(1);
    personId = found[0].id;
    expect(found[0]).toMatchObject({ type: 'natural', sex: 'female', fit: true });
  });

  it('adds a record on the registry page, and tells a stale edit in Persian, keeping what was typed until the current version is asked for', async () => {
    const { page, base } = env;
    const before = await count('county');
    await page.goto(`${base}/#/registry/county`);
    await page.locator('dabir-registry table[data-entity="county"]').waitFor();
    await page.locator('dabir-registry button[data-add]').click();
    const form = page.locator('dabir-registry form[data-record-editor="new"]');
    await form.waitFor();
    await form.locator('[data-field="name"] [data-field="fa"] input').fill('شهرستان آزمایشی');
    await form.locator('[data-field="population"] input').fill('۱۲۳۴۵');
    await form.locator('button[data-save]').click();
    await page.locator('dabir-registry .alert.ok', { hasText: '«شهرستان آزمایشی» ثبت شد.' }).waitFor();
    expect(await count('county')).toBe(before + 1);
    const row = page.locator('dabir-registry tr[data-record]', { hasText: 'شهرستان آزمایشی' });
    await row.waitFor();
    const key = (await row.getAttribute('data-record'))!;

    // Someone else saves the record while it is open here.
    await row.locator('button[data-edit]').click();
    const edit = page.locator(`dabir-registry form[data-edit-form="${key}"]`);
    await edit.locator('[data-field="population"] input').waitFor();
    const current = (await api('GET', `/registry/county/${key}`)).body;
    expect((await api('PUT', `/registry/county/${key}`, { ...current, census: 'برآورد ۱۴۰۵' })).status).toBe(200);
    await edit.locator('[data-field="population"] input').fill('۲۰۰۰۰');
    env.allowProblem(409, `/api/registry/county/${key}`, 'PUT');
    await edit.locator('button[data-save]').click();
    await edit.locator('dabir-problem', { hasText: 'در این فاصله تغییر کرده است' }).waitFor();
    expect(await edit.locator('[data-field="population"] input').inputValue()).toBe('۲۰۰۰۰');
    // Loading the current version shows what is stored now; the change is typed again on it.
    await edit.locator('button[data-reload]').click();
    await edit.locator('button[data-reload]').waitFor({ state: 'detached' });
    expect(await edit.locator('[data-field="population"] input').inputValue()).toBe('۱۲۳۴۵');
    expect(await edit.locator('[data-field="census"] input').inputValue()).toBe('برآورد ۱۴۰۵');
    await edit.locator('[data-field="population"] input').fill('۲۰۰۰۰');
    await edit.locator('button[data-save]').click();
    await page.locator('dabir-registry .alert.ok', { hasText: 'ذخیره شد' }).waitFor();
    expect((await api('GET', `/registry/county/${key}`)).body).toMatchObject({ population: 20000, census: 'برآورد ۱۴۰۵' });
  });

  it('retires a record: the picker no longer offers it, its case still shows it, its page lists its cases', async () => {
    const { page, base } = env;
    await page.goto(`${base}/#/registry/person/${personId}`);
    await page.locator('dabir-record-page h1[data-record-title]', { hasText: NAME }).waitFor();
    await page.locator('dabir-record-page [data-record-cases] tr[data-case]').first().waitFor();
    expect(await page.locator('dabir-record-page [data-record-cases]').textContent()).toContain('انتقال پروانه');
    await page.locator('dabir-record-page button[data-retire="retire"]').click();
    await page.locator('dabir-confirm textarea').fill('متقاضی انصراف داد');
    await page.locator('dabir-confirm button[data-confirm]').click();
    await page.locator('dabir-record-page [data-retired]').waitFor();
    expect(await page.locator('dabir-record-page [data-retired-note]').textContent()).toContain('متقاضی انصراف داد');

    await page.goto(`${base}/#/start?procedure=transfer&subject=office-ard-1003`);
    const input = page.locator('#start-transferee');
    await input.waitFor();
    await input.click();
    await input.fill(NAME);
    const picker = page.locator('dabir-ref-picker:has(#start-transferee)');
    await picker.locator('.rp-empty').waitFor();
    expect(await picker.locator('[role=option][data-record]').count()).toBe(0);

    await page.goto(`${base}/#/cases/${caseId}`);
    await page.locator('dabir-case dl[data-input] [data-field="transferee"]', { hasText: NAME }).waitFor();

    await page.goto(`${base}/#/registry/office/office-ard-1002`);
    const cases = page.locator('dabir-record-page [data-record-cases]');
    await cases.locator(`tr[data-case="${caseId}"]`).waitFor();
    expect(await cases.locator(`tr[data-case="${caseId}"]`).textContent()).toContain('موضوع پرونده');
  });

  it('explains a CSV with a bad row row by row and column by column, writes nothing until asked, then only the valid rows', async () => {
    const { page, base } = env;
    const before = await count('person');
    await page.goto(`${base}/#/registry/person`);
    const box = page.locator('dabir-registry-import');
    await box.locator('a[data-template]').waitFor();
    const template = await page.evaluate(async () => (await (await fetch('/api/registry/person/template.csv', { credentials: 'same-origin' })).text()).trim());
    const cols = template.split(',');
    const row = (v: Record<string, string>) => cols.map((c) => v[c] ?? '').join(',');
    const csv = [template, row({ 'حقیقی / حقوقی': 'حقیقی', نام: 'نفر درست' }), row({ 'حقیقی / حقوقی': 'نامعلوم', نام: 'نفر نادرست' })].join('\n');
    await box.locator('#csv-text').fill(csv);
    await box.locator('button[data-preview]').click();
    const errors = box.locator('table[data-import-errors] tbody tr');
    await errors.first().waitFor();
    expect(await errors.count()).toBe(1);
    const cells = await errors.first().locator('td').allTextContents();
    expect(cells[0]).toBe('۳');
    expect(cells[1]).toBe('حقیقی / حقوقی');
    expect(cells[2]).toContain('حقیقی، حقوقی');
    expect(await box.locator('[data-import-report]').textContent()).not.toContain('{');
    expect(await box.locator('button[data-import-all]').count()).toBe(0);
    expect(await count('person')).toBe(before);

    await box.locator('button[data-import-valid]').click();
    await page.locator('dabir-confirm button[data-confirm]').click();
    await box.locator('[data-written]', { hasText: '۱ رکورد نوشته شد' }).waitFor();
    expect(await count('person')).toBe(before + 1);
  });

  it('shows what publishing a registry file does to the registry, and the published record is in the live registry', async () => {
    const { page, base } = env;
    await logout(page);
    await login(page, base, 'admin', ADMIN_PASSWORD);
    await page.goto(`${base}/#/admin/definitions/ardabil/registry/counties.yaml`);
    await page.locator('dabir-editor .cm-content').waitFor({ timeout: 15_000 });
    await page.locator('dabir-definitions [data-check]').waitFor();
    await page.locator('dabir-editor .cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('\n    - { id: county-browser, name: { fa: شهرستان مرورگر }, population: 4321 }\n');
    await page.locator('dabir-definitions [data-check="ok"]').waitFor({ timeout: 30_000 });
    const sync = page.locator('dabir-definitions dabir-registry-sync [data-sync="adds"]');
    await sync.waitFor();
    expect(await sync.textContent()).toContain('شهرستان «شهرستان مرورگر»');
    await page.locator('#pub-msg').fill('شهرستان تازه');
    await page.locator('dabir-definitions form.toolbar button[type=submit]').click();
    const dialog = page.locator('dabir-confirm dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('در ثبت‌ها: ۱ رکورد افزوده، ۰ رکورد تغییر و ۰ رکورد بایگانی می‌شود.');
    await dialog.locator('button[data-confirm]').click();
    await page.locator('dabir-definitions .alert.ok', { hasText: 'نسخهٔ جدید منتشر شد' }).waitFor({ timeout: 30_000 });
    await page.goto(`${base}/#/registry/county?q=${encodeURIComponent('مرورگر')}`);
    await page.locator('dabir-registry tr[data-record="county-browser"]', { hasText: 'شهرستان مرورگر' }).waitFor();
    expect((await api('GET', '/registry/county/county-browser')).body).toMatchObject({ population: 4321, $retired: null });
  });
});
