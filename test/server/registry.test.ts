import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJalaliDate } from '../../server/engine.js';
import { sqliteFacts } from '../../server/facts/sqlite-facts.js';
import { pointOf } from '../../server/registry/records.js';
import { adminClient, testEnv, userWith, type Client, type TestEnv } from './helpers.js';

describe('registry', () => {
  let env: TestEnv;
  let admin: Client;
  let clerk: Client;

  beforeAll(async () => {
    env = await testEnv();
    admin = await adminClient(env);
    clerk = await userWith(env, admin, 'clerk1', ['clerk']);
  });
  afterAll(async () => env?.cleanup());

  it('lists entity types from the bundle and the seeded sample records with computed fields', async () => {
    const types = await clerk.get('/api/registry');
    expect(types.body.map((t: { id: string }) => t.id)).toEqual(['office', 'place']);
    expect(types.body.find((t: { id: string }) => t.id === 'office').count).toBe(3);
    const places = await clerk.get('/api/registry/place');
    expect(places.body.items[0]).toMatchObject({ id: 'p1', offices: 2 });
    const page = await clerk.get('/api/registry/office?limit=2&offset=1');
    expect(page.body).toMatchObject({ total: 3 });
    expect(page.body.items.map((r: { id: string }) => r.id)).toEqual(['o2', 'o3']);
    expect((await clerk.get('/api/registry/office?q=three')).body.items.map((r: { id: string }) => r.id)).toEqual(['o3']);
    expect((await clerk.get('/api/registry/nothing')).status).toBe(404);
    expect((await clerk.get('/api/registry/office/o404')).status).toBe(404);
  });

  it('validates records against the entity schema', async () => {
    const bad = await admin.put('/api/registry/office/o9', { name: 'x', status: 'weird' });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('invalid-record');
    expect(bad.body.errors.length).toBeGreaterThan(0);
    const ok = await admin.put('/api/registry/office/o9', { name: 'Nine', status: 'active', place: 'p1', location: { lat: 38.1, lon: 48.1 } });
    expect(ok.status).toBe(201);
    expect((await clerk.get('/api/registry/place/p1')).body.offices).toBe(3);
    expect((await admin.del('/api/registry/office/o9')).status).toBe(204);
    expect((await clerk.get('/api/registry/place/p1')).body.offices).toBe(2);
  });

  it('imports CSV all-or-nothing, with nested columns and typed values', async () => {
    const csv = 'id,name,status,area,place,location.lat,location.lon\r\nc1,"Csv, one",active,33.5,p1,38.3,48.4\r\nc2,Csv two,closed,,p1,38.31,48.41\r\n';
    const r = await admin.req('POST', '/api/registry/office/import', csv, { 'content-type': 'text/csv' });
    expect(r.status).toBe(200);
    expect(r.body.imported).toBe(2);
    const c1 = (await clerk.get('/api/registry/office/c1')).body;
    expect(c1).toMatchObject({ name: 'Csv, one', area: 33.5, location: { lat: 38.3, lon: 48.4 } });
    const bad = await admin.req('POST', '/api/registry/office/import', 'id,name,status\nc3,x,active\nc4,y,unknown\n', { 'content-type': 'text/csv' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].row).toBe(3);
    expect((await clerk.get('/api/registry/office/c3')).status).toBe(404);
    expect((await clerk.req('POST', '/api/registry/office/import', 'id\nz\n', { 'content-type': 'text/csv' })).status).toBe(403);
  });

  it('finds the nearest record among 30,000 through the spatial index, and agrees with a full scan', async () => {
    const { store, bundles } = env.server.deps;
    const bundle = bundles.current();
    const def = bundle.entities.get('office');
    const now = env.clock.now().toISOString();
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    store.tx(() => {
      for (let i = 0; i < 30_000; i++) {
        const rec = { id: `bulk-${i}`, name: `B${i}`, status: i % 3 === 0 ? 'closed' : 'active', place: 'p2', location: { lat: 37 + rnd() * 2, lon: 47 + rnd() * 2 } };
        store.entities.put('office', rec.id, rec, now, pointOf(def, rec));
      }
    });
    const facts = sqliteFacts(store.entities, { bundle, asOf: toJalaliDate(now, bundle.info.timeZone), now });
    const point = { lat: 38.0, lon: 48.0 };
    const t = performance.now();
    const d = facts.get('nearest-office-m', [point, 'none']) as number;
    const ms = performance.now() - t;
    // Brute force over every active record.
    const { distanceMeters } = await import('../../server/engine.js');
    let best = Infinity;
    for (const r of store.entities.all('office')) if (r.status === 'active') best = Math.min(best, distanceMeters(point, r.location));
    expect(d).toBeCloseTo(best, 6);
    expect(ms).toBeLessThan(500);
    // Excluding a record skips it.
    const nearestId = store.entities.all('office').find((r) => r.status === 'active' && Math.abs(distanceMeters(point, r.location) - best) < 1e-6)!.id;
    expect(facts.get('nearest-office-m', [point, nearestId])).toBeGreaterThan(best);
    // The k nearest (what a map lists) through the same search: the first 25 of the scan, in order, exact distances.
    const where = bundle.facts.get('nearest-office-m')!.nearest!;
    const near = facts.nearby(where, point, { exclude: String(nearestId), limit: 25 });
    const scan = store.entities.all('office').filter((r) => r.status === 'active' && r.id !== nearestId)
      .map((r) => ({ id: r.id as string, d: distanceMeters(point, r.location) })).sort((a, b) => a.d - b.d).slice(0, 25);
    expect(near.map((n) => String(n.record.id))).toEqual(scan.map((x) => x.id));
    near.forEach((n, i) => { expect(n.distance).toBeCloseTo(scan[i].d, 6); });
  });
});
