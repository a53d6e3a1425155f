/**
 * A registry write names only records that exist: every value of a field marked `x-entity` (on the field, or on the
 * items of a list) must be the key of a record of that entity. Otherwise the write is refused (422
 * `invalid-record`) with a Persian message per field, naming it by its title and the entity by its label.
 */
import type { Bundle, EntityDef } from '../../engine/index.js';
import { recordRefs, type RecordLookup } from '../engine.js';
import { Problem } from '../problem.js';

/** Throws 422 `invalid-record` (with `errors` and `fieldErrors`) when a reference of `rec` names no record. */
export function checkRecordRefs(bundle: Bundle, def: EntityDef, rec: Record<string, unknown>, lookup: RecordLookup): void {
  const bad = recordRefs(def.schema, rec).filter((r) => typeof r.value !== 'string' || !lookup(r.entity, r.value));
  if (!bad.length) return;
  const props = (def.schema.properties ?? {}) as Record<string, { title?: string }>;
  const fieldErrors = bad.map((r) => {
    const label = props[r.field]?.title ?? r.field;
    const entity = bundle.entities.get(r.entity)?.label ?? { fa: r.entity, en: r.entity };
    return {
      path: r.path,
      message: {
        fa: `${label}: ${entity.fa} «${String(r.value)}» در ثبت‌ها نیست؛ از فهرست برگزینید.`,
        en: `${r.field}: there is no ${entity.en ?? entity.fa} "${String(r.value)}" in the registry.`,
      },
    };
  });
  throw new Problem('invalid-record', {
    detail: fieldErrors[0].message.fa,
    detail_en: fieldErrors[0].message.en,
    extra: { errors: fieldErrors.map((f) => ({ path: f.path, message: f.message.en })), fieldErrors },
  });
}
