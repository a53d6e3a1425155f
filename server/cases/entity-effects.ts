/** Applies an interpreter's entity event to the registry projection (same transaction as the event). */
import type { Bundle } from '../../engine/index.js';
import type { CaseEvent } from '../engine.js';
import type { EntityStore } from '../store/types.js';
import { pointOf } from '../registry/records.js';

type EntityEvent = Extract<CaseEvent, { type: 'entity.updated' | 'entity.created' }>;

/** Writes the record the event describes and returns it. An update of a missing record creates it. */
export function applyEntityEvent(bundle: Bundle, entities: EntityStore, e: EntityEvent): Record<string, unknown> {
  const def = bundle.entities.get(e.entity);
  const key = def?.key ?? 'id';
  const base = e.type === 'entity.updated' ? (entities.get(e.entity, e.id) ?? { [key]: e.id }) : {};
  const rec = { ...base, ...(e.type === 'entity.updated' ? e.set : e.values), [key]: e.id };
  entities.put(e.entity, e.id, rec, e.at, pointOf(def, rec));
  return rec;
}
