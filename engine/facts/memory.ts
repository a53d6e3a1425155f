/**
 * A fact provider over in-memory registry arrays: what `dabir test` and unit tests use.
 * The server implements the same generic fact kinds over SQLite.
 */
import { distanceMeters } from '../geo.js';
import type { Bundle, FactDef } from '../model.js';
import { analyze, evaluate, type EvalEnv } from '../rules/index.js';
import type { FactProvider } from '../interpret/types.js';
import { computeRecord } from './compute.js';
import { nearestAnswer, type Near } from './nearest.js';

export type Registry = Record<string, Record<string, unknown>[]>;

/** A copy of `base` with `extra`'s records added, replacing records of the same entity and key. */
export function mergeRegistry(bundle: Bundle, base: Registry, extra: Registry): Registry {
  const out: Registry = structuredClone(base);
  for (const [entity, records] of Object.entries(extra)) {
    const key = bundle.entities.get(entity)?.key ?? 'id';
    const list = (out[entity] ??= []);
    for (const rec of records) {
      const at = list.findIndex((r) => String(r[key]) === String(rec[key]));
      if (at >= 0) list[at] = structuredClone(rec);
      else list.push(structuredClone(rec));
    }
  }
  return out;
}

/** Maps positional fact arguments to their declared names. */
export function factArgs(def: FactDef, args: unknown[]): Record<string, unknown> {
  const named: Record<string, unknown> = {};
  def.params.forEach((p, i) => { named[p] = args[i]; });
  return named;
}

/** A FactProvider reading `registry` (entity id → records). `env` supplies the date parameters are read on. */
export function memoryFacts(bundle: Bundle, registry: Registry, env: Omit<EvalEnv, 'facts' | 'bundle'>): FactProvider {
  let depth = 0;
  const provider: FactProvider = {
    record(entity, id) {
      const key = bundle.entities.get(entity)?.key ?? 'id';
      const found = (registry[entity] ?? []).find((r) => String(r[key]) === String(id));
      return found ? withComputed(entity, found) : undefined;
    },
    get(id, args) {
      const def = bundle.facts.get(id);
      if (!def) throw Object.assign(new Error(`unknown fact "${id}"`), { code: 'unknown-fact' });
      if (++depth > 16) throw Object.assign(new Error(`fact "${id}" recurses`), { code: 'fact-recursion' });
      try {
        return compute(def, factArgs(def, args), args);
      } finally {
        depth -= 1;
      }
    },
  };
  const full: EvalEnv = { ...env, bundle, facts: provider };
  const withComputed = (entity: string, r: Record<string, unknown>) => computeRecord(bundle, entity, r, full);
  // Computed fields are derived only when the logic reads one: a computed field may itself count records of its own
  // entity, and deriving it for every record of every count would recurse without end.
  const prepare = (entity: string, logic: unknown[]) => {
    const computed = Object.keys(bundle.entities.get(entity)?.computed ?? {});
    const reads = computed.length > 0 && logic.some((l) => l !== undefined && readsAny(l, computed));
    return (r: Record<string, unknown>) => (reads ? withComputed(entity, r) : r);
  };
  const matching = (entity: string, where: unknown, named: Record<string, unknown>, value?: unknown) => {
    const view = prepare(entity, [where, value]);
    return (registry[entity] ?? []).map(view).filter((r) => where === undefined || Boolean(evaluate(where, { ...r, $args: named }, full)));
  };

  function compute(def: FactDef, named: Record<string, unknown>, args: unknown[]): unknown {
    if (def.lookup) return provider.record(def.lookup.entity, String(args[0]));
    if (def.count) return matching(def.count.entity, def.count.where, named).length;
    if (def.sum) return matching(def.sum.entity, def.sum.where, named, def.sum.value).reduce((a, r) => a + Number(evaluate(def.sum!.value, { ...r, $args: named }, full) ?? 0), 0);
    if (def.list) {
      const key = bundle.entities.get(def.list.entity)?.key ?? 'id';
      return matching(def.list.entity, def.list.where, named, def.list.value).map((r) => (def.list!.value === undefined ? r[key] : evaluate(def.list!.value, { ...r, $args: named }, full)));
    }
    if (def.nearest) {
      const entity = bundle.entities.get(def.nearest.entity);
      const locField = entity?.location ?? 'location';
      const key = entity?.key ?? 'id';
      const [point, exclude] = args;
      let best: Near | undefined;
      for (const r of matching(def.nearest.entity, def.nearest.where, named)) {
        if (exclude !== undefined && exclude !== null && String(r[key]) === String(exclude)) continue;
        const loc = r[locField];
        if (!loc) continue;
        const distance = distanceMeters(point as never, loc as never);
        if (!best || distance < best.distance) best = { record: r, distance };
      }
      return nearestAnswer(bundle, def, best, (e, id) => provider.record(e, id));
    }
    throw Object.assign(new Error(`fact "${def.id}" has no way to compute it`), { code: 'bad-fact' });
  }
  return provider;
}

const readCache = new WeakMap<object, string[]>();

/** Whether `logic` reads any of `fields` (by the first segment of its var paths). */
function readsAny(logic: unknown, fields: string[]): boolean {
  if (logic === null || typeof logic !== 'object') return false;
  let vars = readCache.get(logic);
  if (!vars) {
    vars = analyze(logic).vars.map((v) => v.split('.')[0]);
    readCache.set(logic, vars);
  }
  return vars.some((v) => fields.includes(v));
}
