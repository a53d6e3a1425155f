/**
 * Issue 10, item 12: a start form's attachment works. The file is uploaded before the case exists (a staged document
 * owned by its uploader, size- and type-checked like a case's, expiring if never used) and the start binds it to the
 * new case — one of its documents, a `document.attached` event — refusing one that is someone else's or expired.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, testEnv, userWith, type Client, type TestEnv } from './helpers.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
/** A village that warrants an office (the province's places have no free capacity), far from every other office. */
const VILLAGE = {
  id: 'place-staging-village', sample: true, name: { fa: 'روستای آزمون (نمونه)', en: 'Test village' }, kind: 'village', county: 'county-khalkhal',
  population: 3000, location: { lat: 37.2, lon: 48.9 },
};
const SITE = { place: VILLAGE.id, kind: 'rural', area: 60, location: { lat: 37.2001, lon: 48.9001 }, address: 'روستای آزمون، میدان اصلی' };

describe('start form attachments (staged documents)', () => {
  let env: TestEnv;
  let admin: Client;
  let clerk: Client;
  let other: Client;

  beforeAll(async () => {
    env = await testEnv({}, { definitionsDir: 'definitions/ardabil', now: '2026-05-01T06:00:00Z' });
    admin = await adminClient(env);
    clerk = await userWith(env, admin, 'clerk-s', ['secretariat']);
    other = await userWith(env, admin, 'clerk-t', ['secretariat']);
    expect((await admin.put(`/api/registry/place/${VILLAGE.id}`, VILLAGE)).status).toBe(201);
  });
  afterAll(async () => env?.cleanup());

  const stage = (c: Client, body: Buffer | string, name = 'scan.png', type = 'application/octet-stream') =>
    c.req('POST', `/api/documents/staged?name=${encodeURIComponent(name)}`, typeof body === 'string' ? body : new Uint8Array(body), { 'content-type': type });
  const start = (c: Client, documents: string[]) => c.post('/api/cases', { procedure: 'issuance', subject: 'person-ali', input: { ...SITE, documents } });

  it('stages an upload for its owner, checked like a case document', async () => {
    const r = await stage(clerk, PNG, 'شناسنامه.png');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: 'شناسنامه.png', mediaType: 'image/png', size: PNG.length });
    expect(Date.parse(r.body.expiresAt) - Date.parse(r.body.uploadedAt)).toBe(24 * 3_600_000);
    const bad = await stage(clerk, 'not a picture', 'x.png', 'image/png');
    expect(bad.status).toBe(415);
    expect(bad.body.detail).toContain('فقط PDF و تصویر');
  });

  it('binds staged files to the new case: documents, timeline, the input naming them', async () => {
    const a = (await stage(clerk, PNG, 'a.png')).body.id as string;
    const b = (await stage(clerk, PNG, 'b.png')).body.id as string;
    const r = await start(clerk, [a, b]);
    expect(r.status, r.text).toBe(201);
    expect(r.body.input.documents).toEqual([a, b]);
    const c = (await clerk.get(`/api/cases/${r.body.id}`)).body;
    // Both are the case's (uploaded in the same instant, the list's order between them is the ids').
    const sorted = (xs: string[][]) => [...xs].sort((x, y) => x[0].localeCompare(y[0]));
    expect(sorted(c.documents.map((d: { id: string; name: string }) => [d.id, d.name]))).toEqual(sorted([[a, 'a.png'], [b, 'b.png']]));
    expect(c.timeline.filter((e: { type: string }) => e.type === 'document.attached').map((e: { document: { id: string } }) => e.document.id)).toEqual([a, b]);
    expect(c.version).toBe(r.body.version);
    const file = await fetch(`${env.server.url}/api/documents/${a}`, { headers: { cookie: clerk.cookie } });
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
    // Used once: it is the case's now, not a staged file any more.
    const again = await start(clerk, [a]);
    expect(again.status).toBe(422);
  });

  it('refuses another user’s staged file, and an expired one, at the field', async () => {
    const theirs = (await stage(other, PNG)).body.id as string;
    const r = await start(clerk, [theirs]);
    expect(r.status).toBe(422);
    expect(r.body.fieldErrors).toEqual([{ path: '/documents/0', message: { fa: 'این پیوست دیگر در دسترس نیست؛ فایل را دوباره انتخاب کنید.', en: 'This attachment is no longer available; choose the file again.' } }]);
    const mine = (await stage(clerk, PNG)).body.id as string;
    env.clock.advance(25 * 3_600_000);
    expect((await start(clerk, [mine])).status).toBe(422);
    // A refused start leaves nothing behind: no case, no document.
    expect((await admin.get('/api/cases?procedure=issuance')).body.total).toBe(1);
    // Expired uploads are pruned.
    expect(env.server.deps.store.documents.pruneStaged(env.clock.now().toISOString())).toBeGreaterThanOrEqual(2);
  });
});
