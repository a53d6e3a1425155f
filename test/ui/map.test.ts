/**
 * The map of a location field, in Chromium, on the relocation start page (Ardabil): the map opens on the office's
 * current site; a click sets the latitude and longitude inputs; the nearest active offices are listed by title with their
 * distances in Persian digits, those inside the circle marked; the circle has the radius of the spacing parameter in
 * force (500 m); dragging the marker and typing a point move the point. Without a tile server no request leaves the
 * server; with DABIR_TILES_URL pointing at a local tile server, the tiles load from it (and the CSP lets them).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { distanceMeters } from '../../engine/geo.js';
import { formatNumber } from '../../ui/src/i18n/digits.js';
import { namelessControls, unlabelledInputs, untitledImages, walkByTab } from './a11y.js';
import { ADMIN_PASSWORD, login, pickRecord, shot, startUi, type UiEnv } from './harness.js';

const START = '#/start?procedure=relocation&subject=office-ard-1001';
const FA_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const latin = (s: string) => s.replace(/[۰-۹]/g, (c) => String(FA_DIGITS.indexOf(c))).replace('٫', '.').replace(/٬/g, '');

/** The map of the start form's location field. */
const mapOf = (page: Page) => page.locator('dabir-location-map');

/** The point in the form's latitude and longitude inputs (typed in Persian digits). */
async function typedPoint(page: Page): Promise<{ lat: number; lon: number }> {
  return { lat: Number(latin(await page.locator('#start-location').inputValue())), lon: Number(latin(await page.locator('#start-location-lon').inputValue())) };
}

/** Metres per pixel, read off the scale bar (its Persian label and its width). */
async function metresPerPixel(page: Page): Promise<number> {
  const scale = mapOf(page).locator('.leaflet-control-scale-line');
  const text = (await scale.textContent()) ?? '';
  const n = Number(latin(text.replace(/[^۰-۹0-9٫.]/g, '')));
  const metres = /کیلومتر/.test(text) ? n * 1000 : n;
  const width = (await scale.boundingBox())!.width;
  return metres / width;
}

describe('the map of a location field, without a tile server', { timeout: 120_000 }, () => {
  let env: UiEnv;
  let password = '';
  const offices = new Map<string, { title: string; location: { lat: number; lon: number } }>();
  const requests: string[] = [];

  beforeAll(async () => {
    env = await startUi();
    password = await env.createUser('mapclerk', ['secretariat']);
    const admin = await env.apiAs('admin', ADMIN_PASSWORD);
    for (const o of (await admin('GET', '/registry/office?limit=1000')).body.items) offices.set(o.id, { title: o.$title.fa, location: o.location });
    env.page.on('request', (r) => requests.push(r.url()));
  });
  afterEach(() => env.assertClean());
  afterAll(async () => env?.close());

  it('opens on the office’s current site, named, with the circle of the parameter in force', async () => {
    const { page, base } = env;
    // The sign-in page asks who is signed in before anyone is (its 401 is issue 10's item 10, not the map's).
    await login(page, base, 'mapclerk', password);
    await page.goto(`${base}/${START}`);
    const map = mapOf(page);
    await map.locator('.leaflet-container').waitFor();
    // An accessible name and a hint for keyboard users; the circle's legend says what it is, in Persian digits.
    expect(await map.locator('.leaflet-container').getAttribute('aria-label')).toBe('نقشهٔ «موقعیت جغرافیایی محل جدید»');
    expect(await map.locator('#map-hint').textContent()).toContain('عرض و طول جغرافیایی را در کادرهای زیر بنویسید');
    expect((await map.locator('.legend').textContent())?.trim()).toBe('دایره: حداقل فاصله با سایر دفاتر — ۵۰۰ متر');
    expect(await map.locator('.leaflet-control-zoom-in').getAttribute('title')).toBe('بزرگ‌نمایی');
    // No point yet: the list says what will come; the places are drawn and named on the plain background.
    expect(await map.locator('.nearby').textContent()).toContain('پس از انتخاب نقطه');
    expect(await map.locator('.leaflet-tooltip.landmark', { hasText: 'اردبیل' }).count()).toBeGreaterThan(0);
    expect(await map.locator('.leaflet-tile').count()).toBe(0);
    // Around the current site the neighbouring offices are drawn already (20 of them, with the site itself left out).
    await expect.poll(() => map.locator('path[stroke="#0f4c81"], path[stroke="#a4161a"]').count()).toBe(20);
    await shot(page, 'map-start');
  });

  it('is an enhancement keyboard users can pass: reached by Tab, named, its drawing hidden from screen readers', async () => {
    const { page } = env;
    const walk = await walkByTab(page);
    expect(walk.unreached.map((x) => x.what)).toEqual([]);
    expect(walk.invisibleFocus.map((x) => x.what)).toEqual([]);
    expect(walk.expected.some((x) => x.what.includes('leaflet-container'))).toBe(true);
    expect(walk.expected.some((x) => x.what.includes('leaflet-control-zoom-in'))).toBe(true);
    expect(await namelessControls(page)).toEqual([]);
    expect(await untitledImages(page)).toEqual([]);
    expect(await unlabelledInputs(page)).toEqual([]);
    expect(await mapOf(page).locator('.leaflet-map-pane').getAttribute('aria-hidden')).toBe('true');
  });

  it('sets the latitude and longitude from a click, and lists the nearest offices with Persian distances', async () => {
    const { page } = env;
    const map = mapOf(page);
    // The mouse acts on what is on the screen.
    await map.locator('.leaflet-container').scrollIntoViewIfNeeded();
    const box = (await map.locator('.leaflet-container').boundingBox())!;
    const mpp = await metresPerPixel(page);
    // The map opened centred on office 1001 (its own site is not a neighbour): 380 m east of it is about 320 m from
    // office 1002, 700 m east of 1001 on the sample grid.
    const dx = Math.round(380 / mpp);
    await page.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2);
    await map.locator('[data-nearby-list] li').first().waitFor();
    const point = await typedPoint(page);
    const own = offices.get('office-ard-1001')!.location;
    expect(Math.abs(point.lat - own.lat)).toBeLessThan(0.0005);
    expect(distanceMeters(own, point)).toBeGreaterThan(330);
    expect(distanceMeters(own, point)).toBeLessThan(430);
    // The typed inputs show the picked point in Persian digits.
    expect(await page.locator('#start-location-lon').inputValue()).toMatch(/^۴۸[.٫]۲۹[۰-۹]+$/);

    const items = map.locator('[data-nearby-list] li');
    expect(await items.count()).toBe(5);
    const active = [...offices].filter(([id]) => id !== 'office-ard-1001').map(([id, o]) => ({ id, title: o.title, d: distanceMeters(point, o.location) })).sort((a, b) => a.d - b.d);
    for (let i = 0; i < 5; i++) {
      const li = items.nth(i);
      expect(await li.getAttribute('data-record')).toBe(active[i].id);
      const text = (await li.textContent())!.replace(/\s+/g, ' ').trim();
      const metres = formatNumber(Math.floor(active[i].d), 'fa');
      expect(text).toContain(`${active[i].title} — ${metres} متر`);
      expect(text).not.toMatch(/[0-9]+ متر/);
      // Inside the 500 m circle: marked in words, not by colour alone.
      expect(text.includes('درون دایره'), text).toBe(active[i].d < 500);
    }
    expect(active[0].id).toBe('office-ard-1002');
    expect(await items.first().getAttribute('data-inside')).not.toBeNull();
    // The same offices are drawn, the ones inside the circle in the warning colour.
    expect(await map.locator('path.leaflet-interactive[stroke="#a4161a"]').count()).toBe(active.filter((a) => a.d < 500).length);
    await shot(page, 'map-picked');
  });

  it('draws the circle with the parameter’s radius around the point', async () => {
    const { page } = env;
    const map = mapOf(page);
    const circle = map.locator('path[stroke="#b45309"]');
    expect(await circle.count()).toBe(1);
    const c = (await circle.boundingBox())!;
    const mpp = await metresPerPixel(page);
    // 500 m across its radius: the drawn diameter is 1000 m in the map's pixels (the scale bar rounds to whole pixels).
    expect(Math.abs((c.width * mpp) / 1000 - 1)).toBeLessThan(0.04);
    // Centred on the marker's tip.
    const marker = (await map.locator('.leaflet-marker-icon').boundingBox())!;
    expect(Math.abs(marker.x + marker.width / 2 - (c.x + c.width / 2))).toBeLessThan(3);
    expect(Math.abs(marker.y + marker.height - (c.y + c.height / 2))).toBeLessThan(3);
  });

  it('moves the point when the marker is dragged, and the marker when a point is typed', async () => {
    const { page } = env;
    const map = mapOf(page);
    const before = await typedPoint(page);
    const m = (await map.locator('.leaflet-marker-icon').boundingBox())!;
    await page.mouse.move(m.x + m.width / 2, m.y + m.height / 2);
    await page.mouse.down();
    await page.mouse.move(m.x + m.width / 2, m.y + m.height / 2 - 60, { steps: 8 });
    await page.mouse.up();
    await expect.poll(async () => (await typedPoint(page)).lat).toBeGreaterThan(before.lat + 0.0002);
    expect((await typedPoint(page)).lon).toBeCloseTo(before.lon, 4);

    // Typing a point straight north of office 1025, 499.5 m from it: the marker moves there and 1025 is listed first,
    // inside the circle, at «۴۹۹ متر» — what the distance rule refuses.
    await page.locator('#start-location').fill('۳۸٫۲۸۰۱۹۲۵');
    await page.locator('#start-location-lon').fill('48.2933');
    const first = map.locator('[data-nearby-list] li').first();
    await expect.poll(async () => first.getAttribute('data-record')).toBe('office-ard-1025');
    expect((await first.textContent())!.replace(/\s+/g, ' ')).toContain(`${offices.get('office-ard-1025')!.title} — ۴۹۹ متر درون دایره`);
    const c = (await map.locator('path[stroke="#b45309"]').boundingBox())!;
    const marker = (await map.locator('.leaflet-marker-icon').boundingBox())!;
    expect(Math.abs(marker.x + marker.width / 2 - (c.x + c.width / 2))).toBeLessThan(3);
    // The start guards refuse it, naming that office and its distance.
    env.allowProblem(422, '/api/procedures/relocation/what-if');
    await pickRecord(page, '#start-place', 'اردبیل');
    await page.locator('#start-area').fill('۶۰');
    const refusal = page.locator('dabir-start-case [data-guards="failed"] li[data-rule="office.min-distance"] .message');
    await refusal.waitFor({ timeout: 15_000 });
    expect(await refusal.textContent()).toContain('(پروانهٔ ard-1025 — دفتر پیشخوان ۱۰۲۵ (نمونه)) ۴۹۹ متر است؛ حداقل ۵۰۰ متر لازم است.');
    await shot(page, 'map-refused');
  });

  it('sent no request to any origin but the server', () => {
    const origin = new URL(env.base).origin;
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((u) => new URL(u).origin !== origin)).toEqual([]);
    // The map came in its own chunk, with Leaflet's marker image from the bundle.
    expect(requests.some((u) => /\/assets\/dabir-location-map-[\w-]+\.js$/.test(u))).toBe(true);
    expect(requests.some((u) => /\/assets\/marker-icon-[\w-]+\.png$/.test(u))).toBe(true);
  });
});

describe('the map of a location field, with a tile server', { timeout: 120_000 }, () => {
  let env: UiEnv;
  let tiles: Server;
  const served: string[] = [];
  // A 1×1 PNG: enough for the browser to decode a tile.
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8v5ThPwAG7wKklwQ/bwAAAABJRU5ErkJggg==', 'base64');

  beforeAll(async () => {
    tiles = createServer((req, res) => {
      served.push(req.url ?? '');
      if (!/^\/\d+\/\d+\/\d+\.png$/.test(req.url ?? '')) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' }).end(PNG);
    });
    await new Promise<void>((ok) => tiles.listen(0, '127.0.0.1', ok));
    process.env.DABIR_TILES_URL = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}/{z}/{x}/{y}.png`;
    process.env.DABIR_TILES_ATTRIBUTION = 'نقشه: کاشی‌های آزمایشی';
    try {
      env = await startUi();
    } finally {
      delete process.env.DABIR_TILES_URL;
      delete process.env.DABIR_TILES_ATTRIBUTION;
    }
  });
  afterEach(() => env.assertClean());
  afterAll(async () => {
    await env?.close();
    await new Promise((ok) => tiles?.close(ok));
  });

  it('loads the tiles from the configured server, with its attribution, and the CSP lets them in', async () => {
    const { page, base } = env;
    const password = await env.createUser('mapclerk2', ['secretariat']);
    await login(page, base, 'mapclerk2', password);
    await page.goto(`${base}/${START}`);
    const map = mapOf(page);
    await map.locator('img.leaflet-tile-loaded').first().waitFor({ timeout: 15_000 });
    expect(served.filter((u) => /^\/15\/\d+\/\d+\.png$/.test(u)).length).toBeGreaterThan(0);
    // Every tile image decoded (a CSP refusal would leave it broken and log an error, which assertClean reports).
    const broken = await map.locator('img.leaflet-tile').evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth === 0).length);
    expect(broken).toBe(0);
    expect((await map.locator('.leaflet-control-attribution').textContent())?.trim()).toBe('نقشه: کاشی‌های آزمایشی');
    // With a background map the plain-background note is gone.
    expect(await map.locator('.nearby').count()).toBe(1);
    expect(await map.textContent()).not.toContain('نقشهٔ زمینه تنظیم نشده است');
    // The offices are drawn over the tiles as without them; the places are not (the tiles name them).
    await expect.poll(() => map.locator('path[stroke="#0f4c81"], path[stroke="#a4161a"]').count()).toBe(20);
    expect(await map.locator('.leaflet-tooltip.landmark').count()).toBe(0);
    await shot(page, 'map-tiles');
  });
});
