/**
 * What a `nearest` fact answers, the same for every host: the distance in metres (type number; Infinity when no
 * record matches), or the nearest record itself — its key, its title and the distance (type object; null when none).
 */
import type { Bundle, FactDef, NearestRecord } from '../model.js';
import { recordTitle, type RecordLookup } from '../records/index.js';

/** A record found near a point, with its exact distance in metres. */
export interface Near {
  record: Record<string, unknown>;
  distance: number;
}

/** The fact's answer for the nearest match (`best`, or undefined when nothing matched). */
export function nearestAnswer(bundle: Bundle, def: FactDef, best: Near | undefined, lookup: RecordLookup): number | NearestRecord | null {
  if (def.type !== 'object') return best ? best.distance : Infinity;
  return best ? nearRecord(bundle, def.nearest!.entity, best, lookup) : null;
}

/** A found record as the `nearest` answer shows it. */
export function nearRecord(bundle: Bundle, entity: string, near: Near, lookup: RecordLookup): NearestRecord {
  const key = bundle.entities.get(entity)?.key ?? 'id';
  return { id: String(near.record[key]), title: recordTitle(bundle, entity, near.record, lookup), distance_m: near.distance };
}
