/**
 * Issue 10, item 9: the registry and the reports download as CSV a spreadsheet reads — Persian headers, references and
 * options by their labels beside their codes, Jalali dates, UTF-8 with a BOM — and a registry export imports back
 * unchanged (csv-parse and csv-stringify on both sides).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/registry/csv.js';
import { adminClient, testEnv, userWith, type Client, type TestEnv } from './helpers.js';

const rowsOf = (text: string) => parseCsv(text);
/** The first bytes of a download (fetch's text() drops a BOM, so it is read as bytes). */
const firstBytes = async (env: TestEnv, c: Client, path: string) =>
  [...new Uint8Array(await (await fetch(`${env.server.url}${path}`, { headers: { cookie: c.cookie } })).arrayBuffer()).slice(0, 3)];
const BOM = [0xef, 0xbb, 0xbf];
const strip = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith('$')));

describe('CSV exports', () => {
  let env: TestEnv;
  let admin: Client;
  let clerk: Client;

  beforeAll(async () => {
    env = await testEnv({}, { definitionsDir: 'definitions/ardabil', now: '2026-05-01T06:00:00Z' });
    admin = await adminClient(env);
    clerk = await userWith(env, admin, 'clerk-x', ['secretariat']);
    const started = await clerk.post('/api/cases', {
      procedure: 'relocation', subject: 'office-ard-1002', input: { place: 'ardabil-city', kind: 'urban', area: 70, location: { lat: 38.31, lon: 48.41 } },
    });
    expect(started.status).toBe(201);
  });
  afterAll(async () => env?.cleanup());

  it('exports a registry type with Persian headers, codes and their labels, and a BOM', async () => {
    const r = await clerk.get('/api/registry/place/export.csv');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(r.headers.get('content-disposition')).toContain(encodeURIComponent('شهر / روستا'));
    expect(await firstBytes(env, clerk, '/api/registry/place/export.csv')).toEqual(BOM);
    const [header, ...rows] = rowsOf(r.text);
    expect(header).toEqual(expect.arrayContaining(['شناسه', 'نام — فارسی', 'نام — انگلیسی', 'شهر / روستا', 'شهر / روستا (عنوان)', 'شهرستان', 'شهرستان (عنوان)', 'جمعیت', 'ظرفیت خالی']));
    expect(header.some((h) => /^[a-z_]+$/.test(h))).toBe(false);
    const city = rows.find((x) => x[header.indexOf('شناسه')] === 'ardabil-city')!;
    expect(city[header.indexOf('نام — فارسی')]).toBe('اردبیل');
    expect(city[header.indexOf('شهر / روستا')]).toBe('city');
    expect(city[header.indexOf('شهر / روستا (عنوان)')]).toBe('شهر');
    expect(city[header.indexOf('شهرستان (عنوان)')]).toMatch(/اردبیل/);
    expect(Number(city[header.indexOf('جمعیت')])).toBeGreaterThan(100_000);
  });

  it('imports its own export back unchanged', async () => {
    const before = (await admin.get('/api/registry/office?limit=1000')).body.items.map(strip);
    const csv = (await admin.get('/api/registry/office/export.csv')).text;
    const r = await admin.req('POST', '/api/registry/office/import', csv, { 'content-type': 'text/csv' });
    expect(r.status, r.text).toBe(200);
    expect(r.body.imported).toBe(before.length);
    const after = (await admin.get('/api/registry/office?limit=1000')).body.items.map(strip);
    expect(after).toEqual(before);
  });

  it('refuses text that is not CSV with a Persian message naming the line', async () => {
    const r = await admin.req('POST', '/api/registry/agency/import', 'id,name.fa\nagency-x,"unclosed\n', { 'content-type': 'text/csv' });
    expect(r.status).toBe(400);
    expect(r.body.detail).toMatch(/CSV درستی نیست \(سطر [۰-۹]+\)/);
  });

  it('exports the reports with labels instead of codes', async () => {
    const cases = await clerk.get('/api/reports/cases.csv');
    expect(cases.status).toBe(200);
    expect(await firstBytes(env, clerk, '/api/reports/cases.csv')).toEqual(BOM);
    expect(rowsOf(cases.text)).toEqual([['فرایند', 'وضعیت', 'تعداد'], ['تغییر مکان دفتر', 'در جریان', '1']]);
    // Months later the registration task is overdue: it reads by its step's and role's labels, its due date Jalali.
    env.clock.set('2026-09-01T06:00:00Z');
    const overdue = rowsOf((await clerk.get('/api/reports/overdue.csv')).text);
    expect(overdue[0]).toEqual(['شمارهٔ پرونده', 'فرایند', 'مرحله', 'نقش', 'موضوع', 'مهلت', 'روز تأخیر']);
    expect(overdue[1].slice(1, 5)).toEqual(['تغییر مکان دفتر', expect.stringContaining('تکمیل فرم'), 'دبیرخانه کارگروه', expect.stringContaining('ard-1002')]);
    expect(overdue[1][5]).toMatch(/^1405-02-\d\d$/);
    expect(Number(overdue[1][6])).toBeGreaterThan(90);
    const durations = rowsOf((await clerk.get('/api/reports/durations.csv')).text);
    expect(durations).toEqual([['فرایند', 'تعداد', 'میانگین (روز)', 'میانه (روز)', 'صدک ۹۰ (روز)', 'بیشینه (روز)']]);
  });
});
