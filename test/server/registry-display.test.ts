/**
 * Records read back as people read them: each carries its title, subtitle and the display of its coded and
 * referencing fields, so a page lists records with one request and shows no raw id or code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, testEnv, type Client, type TestEnv } from './helpers.js';

describe('registry records read by label (Ardabil)', () => {
  let env: TestEnv;
  let admin: Client;

  beforeAll(async () => {
    env = await testEnv({}, { definitionsDir: 'definitions/ardabil' });
    admin = await adminClient(env);
  });
  afterAll(async () => env?.cleanup());

  it('answers each record of a page with its title, subtitle and labelled fields', async () => {
    const offices = (await admin.get('/api/registry/office?limit=5')).body.items as Record<string, any>[];
    expect(offices.length).toBe(5);
    const places = new Map(((await admin.get('/api/registry/place?limit=1000')).body.items as Record<string, any>[]).map((p) => [p.id, p]));
    for (const o of offices) {
      expect(o.$title.fa).toContain(o.licence_no);
      expect(o.$display.status.fa).toMatch(/فعال|تعلیق|لغو/);
      const place = places.get(o.place)!;
      expect(o.$display.place.fa).toBe(place.name.fa);
      expect(o.$subtitle.fa).toContain(place.name.fa);
      expect(JSON.stringify(o.$display)).not.toContain(o.place);
    }
  });

  it('ignores what a read adds when the record is written back', async () => {
    const one = (await admin.get('/api/registry/office/office-ard-1001')).body;
    const put = await admin.put('/api/registry/office/office-ard-1001', one);
    expect(put.status).toBe(200);
    // The answer says how the record reads; what a read adds is never stored.
    expect(put.body.$title).toEqual(one.$title);
    expect(Object.keys(env.server.deps.store.entities.get('office', 'office-ard-1001')!).filter((k) => k.startsWith('$'))).toEqual([]);
    expect((await admin.get('/api/registry/office/office-ard-1001')).body.$title.fa).toBe(one.$title.fa);
  });
});
