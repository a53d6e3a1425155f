/**
 * The generic fact kinds (nearest / count / sum / list / lookup) computed over the SQLite entities projection.
 * One provider serves one command (like an almanac): records with computed fields are memoised for its lifetime and
 * for as long as no entity is written. `nearest` searches the R*Tree in growing boxes, so it touches only the records
 * near the point instead of all of them.
 */
import type { Bundle, FactDef } from '../../engine/model.js';
import { computeRecord, distanceMeters, evaluate, factArgs, toPoint } from '../engine.js';
import type { FactProvider } from '../engine.js';
import type { EntityStore } from '../store/types.js';

export interface FactEnv {
  /** Jalali date parameters are read on. */
  asOf: string;
  now: string;
  bundle: Bundle;
}

const M_PER_DEG_LAT = 111_320;
const MAX_RADIUS_M = 2_000_000;

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

  function nearest(def: NonNullable<FactDef['nearest']>, named: Record<string, unknown>, args: unknown[]): number {
    const entity = bundle.entities.get(def.entity);
    const locField = entity?.location ?? 'location';
    const key = keyOf(def.entity);
    const point = toPoint(args[0]);
    const exclude = args[1] === undefined || args[1] === null ? undefined : String(args[1]);
    if (!point) throw Object.assign(new Error(`fact nearest: not a point: ${JSON.stringify(args[0])}`), { code: 'bad-fact-argument' });
    const seen = new Set<string>();
    let best = Infinity;
    for (let radius = 1000; radius <= MAX_RADIUS_M * 2; radius *= 2) {
      const dLat = radius / M_PER_DEG_LAT;
      const dLon = radius / (M_PER_DEG_LAT * Math.max(0.01, Math.cos((point.lat * Math.PI) / 180)));
      const ids = entities.inBox(def.entity, { minLat: point.lat - dLat, maxLat: point.lat + dLat, minLon: point.lon - dLon, maxLon: point.lon + dLon });
      for (const id of ids) {
        if (seen.has(id) || id === exclude) continue;
        seen.add(id);
        const raw = entities.get(def.entity, id);
        if (!raw) continue;
        const r = withComputed(def.entity, raw);
        if (String(r[key]) === exclude || !passes(def.where, r, named)) continue;
        const loc = toPoint(r[locField]);
        if (loc) best = Math.min(best, distanceMeters(point, loc));
      }
      // Everything within `radius` of the point lies inside the box, so a best ≤ radius is final.
      if (best <= radius) return best;
      if (radius > MAX_RADIUS_M) break;
    }
    return best;
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
