/**
 * Issue 11 items 4 and 6 over the HTTP API on the Ardabil bundle: the secretariat (keeps_registry) adds, edits (with
 * the version it read), retires, restores and deletes registry records; every write is validated with Persian
 * per-field errors and its references checked; a retired record leaves lists, searches and pickers, no case starts on
 * it, and the cases that name it still read it; the CSV template and the import modes (preview, all, valid-only).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, testEnv, userWith, type Client, type TestEnv } from './helpers.js';

/** 1405-02-20 08:00 in Tehran. */
const NOW = '2026-05-10T04:30:00.000Z';
/** A natural person who meets the general conditions (eligible). */
const ELIGIBLE = {
  type: 'natural', name: 'رضا نوری', sex: 'male', citizenship: 'IR', religion: 'islam', criminal_record: false, addiction: false, military_service: 'done',
  government_employee: false, bank_debt: false, tax_debt: false, insurance_debt: false, degree: 'bachelor', degree_recognised: true, expert_experience_years: 1, fit: true,
};

describe('keeping the registry over the API', () => {
  let env: TestEnv;
  let admin: Client;
  let secretariat: Client;
  let inspector: Client;
  let personId = '';
  let transferCase = '';

  beforeAll(async () => {
    env = await testEnv({ config: { loginLimit: { windowMs: 60_000, limit: 1000 } } }, { definitionsDir: 'definitions/ardabil', now: NOW });
    admin = await adminClient(env);
    secretariat = await userWith(env, admin, 'keep-secretariat', ['secretariat']);
    inspector = await userWith(env, admin, 'keep-inspector', ['inspectors']);
  });
  afterEach(() => {
    expect(env.openapi.take()).toEqual([]);
  });
  afterAll(async () => env?.cleanup());

  const ids = (r: { body: { items: { id: string }[] } }) => r.body.items.map((x) => x.id);

  it('tells who keeps the registry, and refuses a write by anyone else', async () => {
    expect((await secretariat.get('/api/registry')).body.every((e: { keep: boolean }) => e.keep)).toBe(true);
    expect((await inspector.get('/api/registry')).body.some((e: { keep: boolean }) => e.keep)).toBe(false);
    const refused = await inspector.post('/api/registry/person', ELIGIBLE);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('«دبیرخانه کارگروه»');
    expect((await inspector.get('/api/registry/person?q=رضا نوری')).body.total).toBe(0);
  });

  it('refuses a bad record field by field in Persian, naming options by their labels, and writes nothing', async () => {
    const before = (await secretariat.get('/api/registry/person?limit=1')).body.total;
    const bad = await secretariat.post('/api/registry/person', { type: 'alien', expert_experience_years: -2 });
    expect(bad.status).toBe(422);
    const byPath = Object.fromEntries(bad.body.fieldErrors.map((f: { path: string; message: { fa: string } }) => [f.path, f.message.fa]));
    expect(byPath['/type']).toContain('حقیقی، حقوقی');
    expect(byPath['/type']).toContain('«حقیقی / حقوقی»');
    expect(byPath['/name']).toContain('«نام»');
    expect(byPath['/expert_experience_years']).toContain('«سابقه کارشناسی کاربردی در دستگاه‌های دولتی (سال)»');
    expect(JSON.stringify(bad.body.fieldErrors)).not.toContain('alien');
    expect((await secretariat.get('/api/registry/person?limit=1')).body.total).toBe(before);
  });

  it('adds a person that a new case can name at once, and lists the cases naming a record', async () => {
    const created = await secretariat.post('/api/registry/person', ELIGIBLE);
    expect(created.status).toBe(201);
    personId = created.body.id;
    expect(personId).toMatch(/^person-[0-9a-f]{8}$/);
    expect(created.body.$version).toBe(1);
    expect(ids(await secretariat.get('/api/registry/person?q=رضا نوری'))).toEqual([personId]);
    // A key already taken is a conflict at the key field, not a silent overwrite.
    const taken = await secretariat.post('/api/registry/person', { ...ELIGIBLE, id: personId, name: 'دیگری' });
    expect(taken.status).toBe(409);
    expect(taken.body.fieldErrors[0].path).toBe('/id');
    expect((await secretariat.get(`/api/registry/person/${personId}`)).body.name).toBe('رضا نوری');

    const started = await secretariat.post('/api/cases', { procedure: 'transfer', subject: 'office-ard-1003', input: { transferee: personId } });
    expect(started.status, started.text).toBe(201);
    transferCase = started.body.id;
    const cases = await secretariat.get(`/api/registry/person/${personId}/cases`);
    expect(cases.body.total).toBe(1);
    expect(cases.body.items[0]).toMatchObject({ id: transferCase, procedureLabel: { fa: 'انتقال پروانه' }, subject: false });
    const officeCases = await secretariat.get('/api/registry/office/office-ard-1003/cases');
    expect(officeCases.body.items.map((c: { id: string; subject: boolean }) => [c.id, c.subject])).toEqual([[transferCase, true]]);
  });

  it('takes an edit only with the version it was read at: a stale one is 409, none is 428, in Persian', async () => {
    const read = await secretariat.get(`/api/registry/person/${personId}`);
    expect(read.headers.get('etag')).toBe('"1"');
    const edited = await secretariat.put(`/api/registry/person/${personId}`, { ...read.body, national_id: '0012345678' });
    expect(edited.status).toBe(200);
    expect(edited.body.$version).toBe(2);
    const stale = await secretariat.put(`/api/registry/person/${personId}`, { ...read.body, name: 'نام قدیمی' });
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toContain('در این فاصله تغییر کرده است');
    expect(stale.body).toMatchObject({ expectedVersion: 1, currentVersion: 2 });
    const { $version: _v, ...unversioned } = read.body;
    expect((await secretariat.put(`/api/registry/person/${personId}`, unversioned)).status).toBe(428);
    const viaHeader = await secretariat.put(`/api/registry/person/${personId}`, { ...unversioned, national_id: '0087654321' }, { 'if-match': '"2"' });
    expect(viaHeader.status).toBe(200);
    const now = (await secretariat.get(`/api/registry/person/${personId}`)).body;
    expect(now).toMatchObject({ name: 'رضا نوری', national_id: '0087654321', $version: 3 });
  });

  it('refuses a body whose key names another record than the path (no silent rename), and writes nothing', async () => {
    const read = (await secretariat.get(`/api/registry/person/${personId}`)).body;
    const key = Object.keys(read).find((k) => read[k] === personId)!;
    const r = await secretariat.put(`/api/registry/person/${personId}`, { ...read, [key]: 'someone-else', name: 'نام دیگر' });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('validation-failed');
    expect(r.body.detail).toContain('someone-else');
    expect(r.body.detail_en).not.toMatch(/[\u0600-\u06FF]/);
    expect((await secretariat.get(`/api/registry/person/${personId}`)).body.name).toBe(read.name);
    expect((await secretariat.get('/api/registry/person/someone-else')).status).toBe(404);
  });

  it('checks references on the server: they exist, are of their kind', async () => {
    const office = (await secretariat.get('/api/registry/office/office-ard-1004')).body;
    const wrongKind = await secretariat.put('/api/registry/office/office-ard-1004', { ...office, holder: 'ardabil-city' });
    expect(wrongKind.status).toBe(422);
    expect(wrongKind.body.fieldErrors).toEqual([{ path: '/holder', message: { fa: 'صاحب پروانه: این رکورد از نوع «شهر / روستا» است؛ اینجا شخص (متقاضی / صاحب پروانه) برگزینید.', en: expect.any(String) } }]);
    const missing = await secretariat.put('/api/registry/office/office-ard-1004', { ...office, holder: 'person-nobody' });
    expect(missing.body.fieldErrors[0].message.fa).toContain('«person-nobody» در ثبت‌ها نیست');
    expect((await secretariat.get('/api/registry/office/office-ard-1004')).body.$version).toBe(office.$version);
  });

  it('retires a record: out of lists, search and pickers, no new case on it, still read by its case; restore brings it back', async () => {
    const listed = (await secretariat.get('/api/registry/office?limit=1000')).body;
    const noReason = await secretariat.post('/api/registry/office/office-ard-1003/retire', { reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.detail).toBe('دلیل بایگانی را بنویسید.');
    const retired = await secretariat.post('/api/registry/office/office-ard-1003/retire', { reason: 'دفتر تعطیل شد' });
    expect(retired.status).toBe(200);
    expect(retired.body.$retired).toMatchObject({ reason: 'دفتر تعطیل شد', by: 'keep-secretariat' });

    const after = (await secretariat.get('/api/registry/office?limit=1000')).body;
    expect(after.total).toBe(listed.total - 1);
    expect(after.items.map((x: { id: string }) => x.id)).not.toContain('office-ard-1003');
    expect(ids(await secretariat.get('/api/registry/office?q=ard-1003'))).toEqual([]);
    expect(ids(await secretariat.get('/api/registry/office?q=ard-1003&retired=include'))).toEqual(['office-ard-1003']);
    expect(ids(await secretariat.get('/api/registry/office?retired=only'))).toEqual(['office-ard-1003']);
    const own = await secretariat.get('/api/registry/office/office-ard-1003');
    expect(own.status).toBe(200);
    expect(own.body.$retired.reason).toBe('دفتر تعطیل شد');
    // The case that names it still reads it, by its title.
    const kase = await secretariat.get(`/api/cases/${transferCase}`);
    expect(kase.body.subjectTitle.fa).toBe('ard-1003 — دفتر پیشخوان ۱۰۰۳ (نمونه)');

    const refused = await secretariat.post('/api/cases', { procedure: 'renewal', subject: 'office-ard-1003', input: {} });
    expect(refused.status).toBe(422);
    expect(refused.body.refusal).toBe('retired-record');
    expect(refused.body.detail).toContain('بایگانی شده است؛ پروندهٔ تازه‌ای بر آن آغاز نمی‌شود');
    // Naming a retired record in a new write is refused; an edit that keeps an old reference to one is not.
    await secretariat.post('/api/registry/person/person-ard-1005/retire', { reason: 'درگذشت' });
    const office = (await secretariat.get('/api/registry/office/office-ard-1004')).body;
    const toRetired = await secretariat.put('/api/registry/office/office-ard-1004', { ...office, holder: 'person-ard-1005' });
    expect(toRetired.status).toBe(422);
    expect(toRetired.body.fieldErrors[0].message.fa).toContain('بایگانی شده است');
    const office5 = (await secretariat.get('/api/registry/office/office-ard-1005')).body;
    expect((await secretariat.put('/api/registry/office/office-ard-1005', { ...office5, address: 'خیابان تازه' })).status).toBe(200);
    const transferTo = await secretariat.post('/api/cases', { procedure: 'transfer', subject: 'office-ard-1006', input: { transferee: 'person-ard-1005' } });
    expect(transferTo.status).toBe(422);
    expect(transferTo.body.fieldErrors[0]).toMatchObject({ path: '/transferee', message: { fa: expect.stringContaining('بایگانی شده است') } });

    const stale = await secretariat.post('/api/registry/office/office-ard-1003/restore', { $version: 1 });
    expect(stale.status).toBe(409);
    const restored = await secretariat.post('/api/registry/office/office-ard-1003/restore', {});
    expect(restored.body.$retired).toBeNull();
    expect(ids(await secretariat.get('/api/registry/office?q=ard-1003'))).toEqual(['office-ard-1003']);
    expect((await secretariat.get('/api/registry/office?limit=1000')).body.total).toBe(listed.total);
  });

  it('deletes only a record that no case and no record names', async () => {
    const namedByCase = await secretariat.del(`/api/registry/person/${personId}`);
    expect(namedByCase.status).toBe(409);
    expect(namedByCase.body.detail).toContain('پرونده نام می‌برند');
    const namedByOffice = await secretariat.del('/api/registry/person/person-ard-1001');
    expect(namedByOffice.status).toBe(409);
    expect(namedByOffice.body.detail).toContain('دفتر پیشخوان «ard-1001 — دفتر پیشخوان ۱۰۰۱ (نمونه)»');
    const fresh = await secretariat.post('/api/registry/person', { type: 'legal', name: 'شرکت موقت' });
    expect((await secretariat.del(`/api/registry/person/${fresh.body.id}`)).status).toBe(204);
    expect((await secretariat.get(`/api/registry/person/${fresh.body.id}`)).status).toBe(404);
    expect((await secretariat.get(`/api/registry/person/${personId}`)).status).toBe(200);
  });

  it('gives a CSV template with Persian headers, the location in two columns', async () => {
    const t = await secretariat.get('/api/registry/office/template.csv');
    expect(t.status).toBe(200);
    expect(t.headers.get('content-type')).toContain('text/csv');
    // (The BOM Excel needs is stripped by the text decoder.)
    const headers = t.text.trim().split(',');
    expect(headers).toContain('شماره پروانه');
    expect(headers).toContain('عرض جغرافیایی');
    expect(headers).toContain('طول جغرافیایی');
    expect(headers).not.toContain('location');
    expect(t.text.trim().split('\n')).toHaveLength(1);
  });

  it('previews an import (adds, changes with fields, errors by row and column), refuses a bad file whole, or writes the valid rows when asked', async () => {
    const head = (await secretariat.get('/api/registry/person/template.csv')).text.trim();
    expect(head.startsWith('شناسه,حقیقی / حقوقی,نام')).toBe(true);
    const cols = head.split(',');
    const row = (v: Record<string, string>) => cols.map((c) => v[c] ?? '').join(',');
    const csv = [
      head,
      row({ شناسه: 'person-csv-1', 'حقیقی / حقوقی': 'حقیقی', نام: 'نفر تازه' }),
      row({ شناسه: 'person-ard-1002', 'حقیقی / حقوقی': 'natural', نام: 'نام تازهٔ ۱۰۰۲' }),
      row({ شناسه: 'person-csv-3', 'حقیقی / حقوقی': 'بیگانه', نام: 'نفر نادرست' }),
    ].join('\r\n');
    const count = async () => (await secretariat.get('/api/registry/person?limit=1')).body.total;
    const before = await count();
    const preview = await secretariat.req('POST', '/api/registry/person/import?mode=preview', csv, { 'content-type': 'text/csv' });
    expect(preview.status).toBe(200);
    expect(preview.body.adds).toEqual([{ row: 2, id: 'person-csv-1', title: 'نفر تازه' }]);
    expect(preview.body.changes).toEqual([{ row: 3, id: 'person-ard-1002', title: 'نام تازهٔ ۱۰۰۲', fields: [{ path: 'name', label: 'نام', before: 'صاحب پروانه دفتر ۱۰۰۲ (نمونه)', after: 'نام تازهٔ ۱۰۰۲' }] }]);
    expect(preview.body.errors).toEqual([{ row: 4, column: 'حقیقی / حقوقی', message: { fa: expect.stringContaining('حقیقی، حقوقی'), en: expect.any(String) } }]);
    expect(preview.body.written).toBe(0);
    expect(await count()).toBe(before);

    const all = await secretariat.req('POST', '/api/registry/person/import?mode=all', csv, { 'content-type': 'text/csv' });
    expect(all.status).toBe(422);
    expect(all.body.detail).toContain('هیچ رکوردی نوشته نشد');
    expect(all.body.report.errors[0].row).toBe(4);
    expect(await count()).toBe(before);
    expect((await secretariat.get('/api/registry/person/person-ard-1002')).body.name).toBe('صاحب پروانه دفتر ۱۰۰۲ (نمونه)');

    const valid = await secretariat.req('POST', '/api/registry/person/import?mode=valid-only', csv, { 'content-type': 'text/csv' });
    expect(valid.status).toBe(200);
    expect(valid.body).toMatchObject({ written: 2, invalidRows: 1 });
    expect(await count()).toBe(before + 1);
    expect((await secretariat.get('/api/registry/person/person-ard-1002')).body).toMatchObject({ name: 'نام تازهٔ ۱۰۰۲', sample: true });
    expect((await secretariat.get('/api/registry/person/person-csv-3')).status).toBe(404);

    const unknownColumn = await secretariat.req('POST', '/api/registry/person/import?mode=preview', 'شناسه,رنگ\nperson-x,آبی\n', { 'content-type': 'text/csv' });
    expect(unknownColumn.body.errors[0]).toMatchObject({ row: 1, column: 'رنگ', message: { fa: expect.stringContaining('ستون «رنگ» شناخته نیست') } });
    expect((await inspector.req('POST', '/api/registry/person/import?mode=preview', csv, { 'content-type': 'text/csv' })).status).toBe(403);
  });
});
