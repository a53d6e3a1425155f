/** Registry records: validation against the entity's JSON Schema and the spatial point (CSV in and out: csv.ts). */
import type { ValidateFunction } from 'ajv';
import { createAjv, type Bundle, type EntityDef } from '../../engine/index.js';
import { toPoint } from '../engine.js';
import { Problem } from '../problem.js';


const ajv = createAjv({ strict: false });
const validators = new WeakMap<EntityDef, ValidateFunction>();

/** The point a record has in its entity's location field (for the spatial index), or null. */
export function pointOf(def: EntityDef | undefined, rec: Record<string, unknown>): { lat: number; lon: number } | null {
  if (!def?.location) return null;
  return toPoint(rec[def.location]) ?? null;
}

/** The entity definition, or 404. */
export function entityDef(bundle: Bundle, entity: string): EntityDef {
  const def = bundle.entities.get(entity);
  if (!def) throw new Problem('not-found', { detail: `نوع «${entity}» در تعاریف نیست`, detail_en: `No entity type "${entity}" in the definitions` });
  return def;
}

/** Throws 422 with every schema error when the record does not fit its entity's schema or lacks its key. */
export function validateRecord(def: EntityDef, rec: Record<string, unknown>): void {
  let v = validators.get(def);
  if (!v) validators.set(def, (v = ajv.compile(def.schema)));
  const errors: { path: string; message: string }[] = [];
  if (!v(rec)) for (const e of v.errors ?? []) errors.push({ path: e.instancePath || '/', message: e.message ?? 'invalid' });
  const key = rec[def.key];
  if (typeof key !== 'string' && typeof key !== 'number') errors.push({ path: `/${def.key}`, message: 'the key field is required' });
  if (errors.length) {
    throw new Problem('invalid-record', { detail: `رکورد «${def.label.fa}» با طرح آن سازگار نیست`, detail_en: `The ${def.label.en ?? def.id} record does not match its schema`, extra: { errors } });
  }
}
