/**
 * The generic fact kinds (nearest / count / sum / list / lookup) computed over the SQLite entities projection.
 * One provider serves one command (like an almanac): records with computed fields are memoised for its lifetime and
 * for as long as no entity is written. `nearest` searches the R*Tree in growing boxes, nearest candidates first, so it
 * fetches only the few records near the point instead of all of them.
 */
import type { Bundle, FactDef } from '../../engine/index.js';
import { computeRecord, distanceMeters, EARTH_RADIUS_M, evaluate, factArgs, nearestAnswer, toPoint } from '../engine.js';
import type { FactProvider, Near } from '../engine.js';
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

/** The records a nearest search looks among: an entity's, filtered by `where` (over the record and `$args`). */
export interface NearestQuery {
  entity: string;
  where?: unknown;
}

/** A FactProvider that also answers the nearest records to a point (what a map lists). */
export interface SqliteFactProvider extends FactProvider {
  /**
   * The `limit` nearest records of `query` to `point` (other than `exclude`), nearest first with exact distances.
   * With `fact` (the nearest fact the query comes from), its `where` reads the point and `exclude` as its arguments.
   */
  nearby(query: NearestQuery, point: unknown, opts: { exclude?: string; limit: number; fact?: FactDef }): Near[];
}

/** A FactProvider over the store's entities. */
export function sqliteFacts(entities: EntityStore, envIn: FactEnv): SqliteFactProvider {
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
   * The `limit` nearest records that pass `where`, nearest first, each with its exact distance. The R*Tree drives:
   * boxes grow around the point; in each, the candidates are ordered by the distance to their indexed point and judged
   * (fetched, computed, `where`) nearest first, only until no unjudged candidate can be nearer than the `limit`-th best
   * so far. Indexed points are 32-bit floats, so an indexed distance may be off by up to INDEX_ERROR_M: the bounds below
   * allow for it, and each distance answered is the exact one to the record's own location.
   */
  function nearest(query: NearestQuery, named: Record<string, unknown>, point: { lat: number; lon: number }, exclude: string | undefined, limit: number): Near[] {
    const entity = bundle.entities.get(query.entity);
    const locField = entity?.location ?? 'location';
    const key = keyOf(query.entity);
    const judged = new Set<string>();
    const found: Near[] = [];
    // The distance a candidate must beat to enter the answer (the limit-th best so far).
    const bar = () => (found.length < limit ? Infinity : found[limit - 1].distance);
    for (let radius = FIRST_RADIUS_M; ; radius *= 2) {
      const candidates = entities
        .pointsInBox(query.entity, boxAround(point, radius))
        .filter((c) => c.id !== exclude && !judged.has(c.id))
        .map((c) => ({ id: c.id, approx: distanceMeters(point, c) }))
        .sort((a, b) => a.approx - b.approx);
      for (const c of candidates) {
        // This one and every later one are farther than the answer needs.
        if (c.approx - INDEX_ERROR_M > bar()) break;
        judged.add(c.id);
        const raw = entities.get(query.entity, c.id);
        if (!raw) continue;
        const r = withComputed(query.entity, raw);
        if (String(r[key]) === exclude || !passes(query.where, r, named)) continue;
        const loc = toPoint(r[locField]);
        if (!loc) continue;
        const distance = distanceMeters(point, loc);
        if (distance >= bar()) continue;
        const at = found.findIndex((n) => n.distance > distance);
        found.splice(at < 0 ? found.length : at, 0, { record: r, distance });
        if (found.length > limit) found.pop();
      }
      // Everything within `radius` of the point lies inside the box, so an answer whose farthest is ≤ radius is final.
      if (bar() <= radius || radius > MAX_RADIUS_M) return found;
    }
  }

  const pointArg = (v: unknown) => {
    const point = toPoint(v);
    if (!point) throw Object.assign(new Error(`fact nearest: not a point: ${JSON.stringify(v)}`), { code: 'bad-fact-argument' });
    return point;
  };
  const excludeArg = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

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
    if (def.nearest) {
      const [best] = nearest(def.nearest, named, pointArg(args[0]), excludeArg(args[1]), 1);
      return nearestAnswer(bundle, def, best, (e, id) => provider.record(e, id));
    }
    throw Object.assign(new Error(`fact "${def.id}" has no way to compute it`), { code: 'bad-fact' });
  }

  const provider: SqliteFactProvider = {
    nearby(query, at, opts) {
      const named = opts.fact ? factArgs(opts.fact, [at, opts.exclude ?? null]) : {};
      return nearest(query, named, pointArg(at), opts.exclude, opts.limit);
    },
    record(entity, id) {
      fresh();
      const cached = memo.get(entity)?.get(String(id));
      if (cached) return cached;
      const raw = entities.get(entity, String(id));
      return raw ? withComputed(entity, raw) : undefined;
    },
    retired(entity, id) {
      return !!entities.meta(entity, String(id))?.retired;
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
