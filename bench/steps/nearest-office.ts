/**
 * scale.nearest_office — p99 of the spacing fact (`nearest` kind: the nearest other active record with a location,
 * or its distance, from a point) among 30,000 office records, computed by the server's fact provider (server/facts:
 * growing boxes on the R*Tree of the entities table), one fresh provider per query as the server makes one per command.
 * Offices are laid out like the country's: 600 towns across Iran, sized by a power law (the largest city holds
 * ~2,000 offices), offices on a ~700 m grid around each centre. Queries: 70% an existing office (its own id excluded,
 * as in a relocation or an inspection), 30% a new site within 5 km of a town.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { toJalaliDate } from '../../engine/index.js';
import { evolve } from '../../server/engine.js';
import { sqliteFacts } from '../../server/facts/sqlite-facts.js';
import { openDatabase, sqliteStore } from '../../server/store/index.js';
import { describeCosts, instrument } from '../lib/sql-profile.js';
import { loadServed } from '../lib/defs.js';
import { percentile, prng } from '../lib/measure.js';
import { BENCH_NOW } from '../lib/registry.js';
import { result } from '../lib/result.js';
import { progress, report, runStep } from '../lib/step.js';

const RECORDS = 30_000;
const TOWNS = 600;
const M_PER_DEG = 111_320;

runStep(async ({ tmp, bundleDir, quick }) => {
  const { bundle } = loadServed(bundleDir);
  const fact = [...bundle.facts.values()].find((f) => f.nearest);
  if (!fact?.nearest) throw new Error('the bundle declares no `nearest` fact');
  const entity = fact.nearest.entity;
  const locField = bundle.entities.get(entity)?.location ?? 'location';
  const dir = join(tmp, 'nearest');
  mkdirSync(dir, { recursive: true });
  const db = openDatabase(join(dir, 'dabir.db'));
  const sql = instrument(db);
  const store = sqliteStore(db, evolve);
  const rnd = prng(3);

  // Towns: a power law of sizes that sums to RECORDS.
  const weights = Array.from({ length: TOWNS }, (_, i) => 1 / (i + 1) ** 1.05);
  const sum = weights.reduce((a, b) => a + b, 0);
  const towns = weights.map((w) => ({ lat: 26 + rnd() * 12, lon: 45 + rnd() * 16, n: Math.max(1, Math.round((w / sum) * RECORDS)) }));
  const offices: { id: string; lat: number; lon: number }[] = [];
  for (const [t, town] of towns.entries()) {
    const side = Math.ceil(Math.sqrt(town.n));
    const dLat = 700 / M_PER_DEG, dLon = 700 / (M_PER_DEG * Math.cos((town.lat * Math.PI) / 180));
    for (let k = 0; k < town.n && offices.length < RECORDS; k++) {
      const jitter = () => (rnd() - 0.5) * 0.3;
      offices.push({ id: `office-${t}-${k}`, lat: town.lat + (Math.floor(k / side) - side / 2 + jitter()) * dLat, lon: town.lon + ((k % side) - side / 2 + jitter()) * dLon });
    }
  }
  while (offices.length < RECORDS) offices.push({ id: `office-x-${offices.length}`, lat: 26 + rnd() * 12, lon: 45 + rnd() * 16 });
  const t0 = performance.now();
  store.tx(() => {
    for (const [i, o] of offices.entries()) {
      const rec = {
        id: o.id, licence_no: `lic-${i}`, holder: `person-${i}`, holder_name: `دفتر ${i}`, kind: i % 5 === 0 ? 'rural' : 'urban', area: 40 + (i % 60),
        [locField]: { lat: o.lat, lon: o.lon }, place: `town-${i % TOWNS}`, issued_on: '1398-01-01', status: i % 20 === 0 ? 'revoked' : 'active',
      };
      store.entities.put(entity, o.id, rec, BENCH_NOW, { lat: o.lat, lon: o.lon });
    }
  });
  progress(`${offices.length.toLocaleString('en')} ${entity} records in ${towns.length} towns indexed in ${Math.round(performance.now() - t0)} ms (largest town ${towns[0].n})`);

  const env = { bundle, asOf: toJalaliDate(BENCH_NOW, bundle.info.timeZone), now: BENCH_NOW };
  const n = quick ? 300 : 2000;
  const queries = Array.from({ length: n + 100 }, (_, i) => {
    if (rnd() < 0.7) {
      const o = offices[Math.floor(rnd() * offices.length)];
      return { point: { lat: o.lat, lon: o.lon }, exclude: o.id };
    }
    const town = towns[Math.floor(rnd() ** 2 * towns.length)];
    const r = (rnd() * 5000) / M_PER_DEG;
    return { point: { lat: town.lat + (rnd() - 0.5) * r, lon: town.lon + (rnd() - 0.5) * r }, exclude: `site-${i}` };
  });
  const ms: number[] = [];
  let meters = 0;
  // At most ~8 s, at least 200 samples.
  const start = performance.now();
  for (const [i, q] of queries.entries()) {
    if (ms.length >= 200 && performance.now() - start > 8_000) break;
    const t = performance.now();
    const got = sqliteFacts(store.entities, env).get(fact.id, [q.point, q.exclude]);
    // A nearest fact answers the distance (type number) or the nearest record with its distance (type object).
    const d = typeof got === 'number' ? got : ((got as { distance_m?: number } | null)?.distance_m ?? 0);
    if (i >= 100) (ms.push(performance.now() - t), (meters += d));
  }
  progress(`${fact.id}: p50 ${percentile(ms, 50).toFixed(3)} ms, p99 ${percentile(ms, 99).toFixed(3)} ms, max ${Math.max(...ms).toFixed(2)} ms over ${ms.length} queries (mean distance ${Math.round(meters / ms.length)} m)`);
  sql.start();
  for (const q of queries.slice(0, 50)) sqliteFacts(store.entities, env).get(fact.id, [q.point, q.exclude]);
  progress(`per query: ${describeCosts(sql.stop(), 50, 1)}`);
  report(result('scale.nearest_office', percentile(ms, 99), 'ms (p99)', { on: 'value', op: '<=', bound: 1, text: 'ms' }));
  store.close();
});
