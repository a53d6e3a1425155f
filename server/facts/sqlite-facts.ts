/**
 * The generic fact kinds (nearest / count / sum / list / lookup) computed over the SQLite entities projection.
 * One provider serves one command (like an almanac): records with computed fields are memoised for its lifetime and
 * for as long as no entity is written. `nearest` searches the R*Tree in growing boxes, nearest candidates first, so it
 * fetches only the few records near the point instead of all of them.
 */
import type { Bundle, FactDef } from '../../engine/model.js';
import { computeRecord, distanceMeters, EARTH_RADIUS_M, evaluate, factArgs, toPoint } from '../engine.js';
import type { FactProvider } from '../engine.js';
import type { EntityStore, GeoBox } from '../store/types.js';

export interface FactEnv {
  /** Jalali date parameters are read on. */
  asOf: string;
  now: string;
  bundle: Bundle;
}

/** Metres per degree of latitude on the sphere `distanceMeters` measures on. */
const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;
const FIRST_RADIUS_M = 1000;
const MAX_RADIUS_M = 2_000_000;
/** How far a distance measured to an indexed point (32-bit float coordinates) may be from the true one. */
const INDEX_ERROR_M = 5;

/**
 * A box holding every point within `radius` metres of `p` (great-circle): latitude ± radius, longitude ± the widest
 * the circle gets (asin(sin δ / cos φ)), with a margin for the index's float coordinates.
 */
export function boxAround(p: { lat: number; lon: number }, radius: number): GeoBox {
  const margin = 1e-5;
  const dLat = radius / M_PER_DEG + margin;
  const delta = radius / EARTH_RADIUS_M;
  const cosLat = Math.cos((p.lat * Math.PI) / 180);
  const s = Math.sin(Math.min(delta, Math.PI / 2)) / Math.max(cosLat, 1e-12);
  // The circle reaches a pole (or wraps around): every longitude.
  if (s >= 1 || Math.abs(p.lat) + dLat >= 90) return { minLat: Math.max(-90, p.lat - dLat), maxLat: Math.min(90, p.lat + dLat), minLon: -180, maxLon: 180 };
  const dLon = (Math.asin(s) * 180) / Math.PI + margin;
  return { minLat: p.lat - dLat, maxLat: p.lat + dLat, minLon: p.lon - dLon, maxLon: p.lon + dLon };
}

/** A FactProvider over the store's entities. */
export function sqliteFacts(entities: EntityStore, envIn: FactEnv): FactProvider {
  const { bundle } = envIn;
  let gen = entities.generation();
  let memo = new Map<string, Map<string, Record<string, unknown>>>();
  let allMemo = new Map<string, Record<string, unknown>[]>();
  let depth = 0;

  const fresh = () => {
    if (entities.generation() !== gen) {
      gen = entities.generation();
      memo = new Map();
      allMemo = new Map();
    }
  };
  const keyOf = (entity: string) => bundle.entities.get(entity)?.key ?? 'id';
  const env = () => ({ bundle, asOf: envIn.asOf, now: envIn.now, facts: provider });

  const withComputed = (entity: string, r: Record<string, unknown>): Record<string, unknown> => {
    fresh();
    const id = String(r[keyOf(entity)]);
    let byId = memo.get(entity);
    if (!byId) memo.set(entity, (byId = new Map()));
    let out = byId.get(id);
    if (!out) byId.set(id, (out = computeRecord(bundle, entity, r, env())));
    return out;
  };
  const all = (entity: string): Record<string, unknown>[] => {
    fresh();
    let list = allMemo.get(entity);
    if (!list) allMemo.set(entity, (list = entities.all(entity).map((r) => withComputed(entity, r))));
    return list;
  };
  const passes = (where: unknown, r: Record<string, unknown>, named: Record<string, unknown>) =>
    where === undefined || Boolean(evaluate(where, { ...r, $args: named }, env()));
  const matching = (entity: string, where: unknown, named: Record<string, unknown>) => all(entity).filter((r) => passes(where, r, named));

  /**
   * The distance to the nearest record that passes `where`. The R*Tree drives: boxes grow around the point; in each,
   * the candidates are ordered by the distance to their indexed point and judged (fetched, computed, `where`) nearest
   * first, only until no unjudged candidate can be nearer than the best so far. Indexed points are 32-bit floats, so
   * an indexed distance may be off by up to INDEX_ERROR_M: the bounds below allow for it, and the answer is always the
   * exact distance to the record's own location.
   */
  function nearest(def: NonNullable<FactDef['nearest']>, named: Record<string, unknown>, args: unknown[]): number {
    const entity = bundle.entities.get(def.entity);
    const locField = entity?.location ?? 'location';
    const key = keyOf(def.entity);
    const point = toPoint(args[0]);
    const exclude = args[1] === undefined || args[1] === null ? undefined : String(args[1]);
    if (!point) throw Object.assign(new Error(`fact nearest: not a point: ${JSON.stringify(args[0])}`), { code: 'bad-fact-argument' });
    const judged = new Set<string>();
    let best = Infinity;
    for (let radius = FIRST_RADIUS_M; ; radius *= 2) {
      const candidates = entities
        .pointsInBox(def.entity, boxAround(point, radius))
        .filter((c) => c.id !== exclude && !judged.has(c.id))
        .map((c) => ({ id: c.id, approx: distanceMeters(point, c) }))
        .sort((a, b) => a.approx - b.approx);
      for (const c of candidates) {
        // This one and every later one are farther than the best found.
        if (c.approx - INDEX_ERROR_M > best) break;
        judged.add(c.id);
        const raw = entities.get(def.entity, c.id);
        if (!raw) continue;
        const r = withComputed(def.entity, raw);
        if (String(r[key]) === exclude || !passes(def.where, r, named)) continue;
        const loc = toPoint(r[locField]);
        if (loc) best = Math.min(best, distanceMeters(point, loc));
      }
      // Everything within `radius` of the point lies inside the box, so a best ≤ radius is final.
      if (best <= radius || radius > MAX_RADIUS_M) return best;
    }
  }

  function compute(def: FactDef, args: unknown[]): unknown {
    const named = factArgs(def, args);
    if (def.lookup) return provider.record(def.lookup.entity, String(args[0]));
    if (def.count) return matching(def.count.entity, def.count.where, named).length;
    if (def.sum) {
      const value = def.sum.value;
      return matching(def.sum.entity, def.sum.where, named).reduce((a, r) => a + Number(evaluate(value, { ...r, $args: named }, env()) ?? 0), 0);
    }
    if (def.list) {
      const { entity, where, value } = def.list;
      const key = keyOf(entity);
      return matching(entity, where, named).map((r) => (value === undefined ? r[key] : evaluate(value, { ...r, $args: named }, env())));
    }
    if (def.nearest) return nearest(def.nearest, named, args);
    throw Object.assign(new Error(`fact "${def.id}" has no way to compute it`), { code: 'bad-fact' });
  }

  const provider: FactProvider = {
    record(entity, id) {
      fresh();
      const cached = memo.get(entity)?.get(String(id));
      if (cached) return cached;
      const raw = entities.get(entity, String(id));
      return raw ? withComputed(entity, raw) : undefined;
    },
    get(id, args) {
      const def = bundle.facts.get(id);
      if (!def) throw Object.assign(new Error(`unknown fact "${id}"`), { code: 'unknown-fact' });
      if (++depth > 16) throw Object.assign(new Error(`fact "${id}" recurses`), { code: 'fact-recursion' });
      try {
        return compute(def, args);
      } finally {
        depth -= 1;
      }
    },
  };
  return provider;
}
