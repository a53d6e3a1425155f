/**
 * Locations in scenarios given relative to a record: `{ near: office-ard-1025, distance_m: 499.5, bearing: 0 }`
 * anywhere a scenario gives a value (its input, its steps' data, its own registry records) becomes the point that
 * far from the record's location along that bearing (great circle, engine/geo.ts), before anything else reads the
 * scenario — so no one computes offsets by hand. The record must exist (in the bundle's registry or the scenario's
 * own) and have a location; otherwise an error at the `near`, with "did you mean".
 */
import { destination, toPoint } from '../geo.js';
import type { Problems } from './errors.js';
import { at } from './layer.js';
import type { Item } from './layer.js';
import type { Merged } from './overlay.js';
import { pointer } from './pointer.js';
import { didYouMean } from './suggest.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/** True for `{ near, distance_m, bearing? }` (nothing else). */
function isNear(o: Obj): boolean {
  const keys = Object.keys(o);
  return typeof o.near === 'string' && typeof o.distance_m === 'number' && keys.every((k) => ['near', 'distance_m', 'bearing'].includes(k))
    && (o.bearing === undefined || typeof o.bearing === 'number');
}

/** Replaces every relative location of the scenarios by its point; reports a missing record or location. */
export function resolveNearLocations(m: Merged, problems: Problems): void {
  // Every record that has a location, by key (entities with a `location` field).
  const located = new Map<string, unknown>();
  const keys: string[] = [];
  const addRecord = (entity: string, rec: Obj) => {
    const e = m.entities.get(entity);
    const field = e?.data.location;
    const key = String(e?.data.key ?? 'id');
    if (typeof field !== 'string' || rec[key] === undefined) return;
    located.set(String(rec[key]), rec[field]);
    keys.push(String(rec[key]));
  };
  for (const [entity, recs] of m.records) for (const r of recs.values()) addRecord(entity, r.data);
  for (const sc of m.scenarios) {
    const own = obj(sc.data.registry) ?? {};
    const scoped = new Map(located);
    for (const [entity, recs] of Object.entries(own)) {
      const e = m.entities.get(entity);
      const field = e?.data.location;
      const key = String(e?.data.key ?? 'id');
      if (typeof field === 'string' && Array.isArray(recs)) for (const r of recs as Obj[]) if (r[key] !== undefined) scoped.set(String(r[key]), r[field]);
    }
    const visit = (v: unknown, ptr: string, set: (x: unknown) => void): void => {
      if (Array.isArray(v)) {
        v.forEach((x, i) => { visit(x, `${ptr}/${i}`, (y) => { v[i] = y; }); });
        return;
      }
      const o = obj(v);
      if (!o) return;
      if (isNear(o)) {
        set(resolve(sc, ptr, o, scoped, keys, problems) ?? v);
        return;
      }
      for (const k of Object.keys(o)) visit(o[k], pointer(ptr, k), (y) => { o[k] = y; });
    };
    for (const k of ['input', 'registry', 'steps'] as const) visit(sc.data[k], pointer(sc.pointer, k), (y) => { sc.data[k] = y; });
  }
}

function resolve(sc: Item, ptr: string, o: Obj, located: Map<string, unknown>, keys: string[], problems: Problems): Obj | undefined {
  const id = String(o.near);
  if (!located.has(id)) {
    const hint = didYouMean(id, keys);
    problems.error(at(sc.file, pointer(ptr, 'near'), 'unknown-record', {
      en: `"near: ${id}": no record with a location has the key "${id}"${hint.en}`,
      fa: `«near: ${id}»: هیچ رکورد مکان‌داری با شناسهٔ «${id}» نیست${hint.fa}`,
    }));
    return undefined;
  }
  const from = toPoint(located.get(id));
  if (!from) {
    problems.error(at(sc.file, pointer(ptr, 'near'), 'no-location', {
      en: `"near: ${id}": record "${id}" has no location to measure from — give it one, or write the point as { lat, lon }`,
      fa: `«near: ${id}»: رکورد «${id}» مکانی ندارد که فاصله از آن سنجیده شود — به آن مکان بدهید یا نقطه را به شکل { lat, lon } بنویسید`,
    }));
    return undefined;
  }
  const p = destination(from, Number(o.distance_m), Number(o.bearing ?? 0));
  return { lat: p.lat, lon: p.lon };
}
