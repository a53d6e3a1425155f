/**
 * The nearest records to a point, for the map of a location field (Ardabil's offices): nearest first, by title, in whole
 * metres rounded down, through the spatial index — the same records the spacing rule measures when the map names its
 * fact — and the distance refusal that names the nearest office.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distanceMeters } from '../../engine/geo.js';
import { adminClient, testEnv, userWith, type Client, type TestEnv } from './helpers.js';

/** Straight north of office-ard-1025 (38.2757004, 48.2933), 499.5 m from it. */
const NEAR_1025 = { lat: 38.2801925, lon: 48.2933 };

describe('nearest records for maps (Ardabil)', () => {
  let env: TestEnv;
  let admin: Client;
  let clerk: Client;

  beforeAll(async () => {
    env = await testEnv({}, { definitionsDir: 'definitions/ardabil' });
    admin = await adminClient(env);
    clerk = await userWith(env, admin, 'clerk1', ['secretariat']);
  });
  afterAll(async () => env?.cleanup());

  const nearby = (c: Client, query: string, entity = 'office') => c.get(`/api/registry/${entity}/nearby?${query}`);

  it('lists the nearest offices by title with their distances in whole metres, nearest first, as a full scan finds them', async () => {
    const r = await nearby(clerk, `lat=${NEAR_1025.lat}&lon=${NEAR_1025.lon}&limit=6`);
    expect(r.status).toBe(200);
    const items = r.body.items as { id: string; $title: { fa: string }; $subtitle: { fa: string } | null; location: { lat: number; lon: number }; distance_m: number }[];
    expect(items).toHaveLength(6);
    expect(items[0]).toMatchObject({ id: 'office-ard-1025', $title: { fa: 'ard-1025 — دفتر پیشخوان ۱۰۲۵ (نمونه)' }, distance_m: 499, location: { lat: 38.2757004, lon: 48.2933 } });
    expect(items[0].$subtitle?.fa).toContain('اردبیل');
    // Every office by a scan of the whole registry: the same six, in the same order, each distance rounded down.
    const all = (await admin.get('/api/registry/office?limit=1000')).body.items as { id: string; location: { lat: number; lon: number } }[];
    const scan = all.map((o) => ({ id: o.id, d: distanceMeters(NEAR_1025, o.location) })).sort((a, b) => a.d - b.d).slice(0, 6);
    expect(items.map((i) => i.id)).toEqual(scan.map((s) => s.id));
    expect(items.map((i) => i.distance_m)).toEqual(scan.map((s) => Math.floor(s.d)));
    expect(r.body.point).toEqual(NEAR_1025);
  });

  it('leaves out the excluded record and answers five by default', async () => {
    const r = await nearby(clerk, `lat=${NEAR_1025.lat}&lon=${NEAR_1025.lon}&exclude=office-ard-1025`);
    expect(r.body.items).toHaveLength(5);
    expect(r.body.items.map((i: { id: string }) => i.id)).not.toContain('office-ard-1025');
    expect(r.body.items[0].distance_m).toBeGreaterThan(499);
  });

  it("with the spacing rule's fact, lists only the offices that fact measures (active ones)", async () => {
    const rec = (await admin.get('/api/registry/office/office-ard-1025')).body;
    const { $title: _t, $subtitle: _s, $display: _d, ...plain } = rec;
    expect((await admin.put('/api/registry/office/office-ard-1025', { ...plain, status: 'suspended' })).status).toBe(200);
    try {
      const measured = await nearby(clerk, `lat=${NEAR_1025.lat}&lon=${NEAR_1025.lon}&fact=nearest-office`);
      expect(measured.body.items.map((i: { id: string }) => i.id)).not.toContain('office-ard-1025');
      const every = await nearby(clerk, `lat=${NEAR_1025.lat}&lon=${NEAR_1025.lon}`);
      expect(every.body.items[0].id).toBe('office-ard-1025');
    } finally {
      // Back as it was, from the version the suspension made (an edit carries the version it read).
      const now = (await admin.get('/api/registry/office/office-ard-1025')).body.$version;
      expect((await admin.put('/api/registry/office/office-ard-1025', { ...plain, $version: now })).status).toBe(200);
    }
  });

  it('refuses in Persian what it cannot answer', async () => {
    const at = `lat=${NEAR_1025.lat}&lon=${NEAR_1025.lon}`;
    const noLocation = await nearby(clerk, at, 'person');
    expect(noLocation.status).toBe(400);
    expect(noLocation.body.detail).toContain('موقعیت جغرافیایی ندارند');
    const notNearest = await nearby(clerk, `${at}&fact=active-offices-in-place`);
    expect(notNearest.status).toBe(400);
    expect(notNearest.body.detail).toContain('نمی‌سنجد');
    expect((await nearby(clerk, `${at}&fact=no-such-fact`)).status).toBe(404);
    expect((await nearby(clerk, at, 'no-such-entity')).status).toBe(404);
    expect((await nearby(clerk, `lat=${NEAR_1025.lat}`)).status).toBe(400);
    expect((await nearby(clerk, `lat=91&lon=48`)).status).toBe(400);
    expect((await nearby(clerk, `${at}&limit=51`)).status).toBe(400);
    expect((await nearby(env.client(), at)).status).toBe(401);
  });

  it('names the nearest office, its distance and the minimum in the distance refusal of a start', async () => {
    const r = await clerk.post('/api/cases', {
      procedure: 'relocation', subject: 'office-ard-1001', input: { place: 'ardabil-city', kind: 'urban', area: 60, location: NEAR_1025 },
    });
    expect(r.status, r.text).toBe(422);
    const f = (r.body.failures as { rule: string; message: { fa: string; en: string }; values: Record<string, unknown> }[]).find((x) => x.rule === 'office.min-distance')!;
    expect(f.message.fa).toBe('فاصله تا نزدیک‌ترین دفتر فعال دیگر (پروانهٔ ard-1025 — دفتر پیشخوان ۱۰۲۵ (نمونه)) ۴۹۹ متر است؛ حداقل ۵۰۰ متر لازم است. — «مصوبه کارگروه استانی — استاندارد دفاتر (ذیل تغییر مکان)» (۱۳۹۹/۱۱/۲۰)');
    expect(f.message.en).toContain('(licence ard-1025 — ');
    expect(f.values).toMatchObject({ found: 499, required: 500, nearest: { fa: 'ard-1025 — دفتر پیشخوان ۱۰۲۵ (نمونه)' } });
  });
});

describe('the map tile server setting', () => {
  it('is null without DABIR_TILES_URL, and the page may load images from nowhere else', async () => {
    const env = await testEnv({}, { definitionsDir: 'definitions/ardabil' });
    try {
      expect((await env.client().get('/api/config')).status).toBe(401);
      const r = await (await adminClient(env)).get('/api/config');
      expect(r.body).toEqual({ tilesUrl: null, tilesAttribution: null });
      expect(r.headers.get('content-security-policy')).toMatch(/img-src 'self' data:;/);
    } finally {
      await env.cleanup();
    }
  });

  it('answers the configured tile server, and the CSP allows exactly its origin for images', async () => {
    const { tilesConfig } = await import('../../server/tiles.js');
    const env = await testEnv({ config: { tiles: tilesConfig('https://{s}.tile.example:8443/{z}/{x}/{y}.png', 'نقشه از tile.example') } }, { definitionsDir: 'definitions/ardabil' });
    try {
      const r = await (await adminClient(env)).get('/api/config');
      expect(r.body).toEqual({ tilesUrl: 'https://{s}.tile.example:8443/{z}/{x}/{y}.png', tilesAttribution: 'نقشه از tile.example' });
      expect(r.headers.get('content-security-policy')).toMatch(/img-src 'self' data: https:\/\/\*\.tile\.example:8443;/);
      expect(r.headers.get('content-security-policy')).toMatch(/connect-src 'self';/);
    } finally {
      await env.cleanup();
    }
  });
});
