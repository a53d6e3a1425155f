/** Applies an interpreter's entity event to the registry projection (same transaction as the event). */
import type { Bundle } from '../../engine/index.js';
import type { CaseEvent } from '../engine.js';
import { Problem } from '../problem.js';
import type { EntityStore } from '../store/types.js';
import { pointOf } from '../registry/records.js';

type EntityEvent = Extract<CaseEvent, { type: 'entity.updated' | 'entity.created' }>;

/**
 * Writes the record the event describes and returns it. An update of a record that is not in the registry is refused
 * (a 422 that rolls the whole command back): an effect never creates a nameless stub record of a missing reference.
 */
export function applyEntityEvent(bundle: Bundle, entities: EntityStore, e: EntityEvent): Record<string, unknown> {
  const def = bundle.entities.get(e.entity);
  const key = def?.key ?? 'id';
  let base: Record<string, unknown> = {};
  if (e.type === 'entity.updated') {
    const found = entities.get(e.entity, e.id);
    if (!found) {
      const label = def?.label ?? { fa: e.entity, en: e.entity };
      throw new Problem('command-refused', {
        detail: `این کار ${label.fa} «${e.id}» را به‌روز می‌کند که در ثبت‌ها نیست؛ نخست آن را در ثبت‌ها بیفزایید (یا رکورد درست را در پرونده برگزینید). چیزی ثبت نشد.`,
        detail_en: `This would update ${label.en ?? label.fa} "${e.id}", which is not in the registry; add it to the registry first (or name the right record in the case). Nothing was written.`,
        extra: { refusal: 'missing-record', entity: e.entity, id: e.id },
      });
    }
    base = found;
  }
  const rec = { ...base, ...(e.type === 'entity.updated' ? e.set : e.values), [key]: e.id };
  entities.put(e.entity, e.id, rec, e.at, pointOf(def, rec));
  return rec;
}
