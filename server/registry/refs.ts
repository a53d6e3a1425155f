/**
 * A registry write names only live records that exist: every value of a field marked `x-entity` (on the field, or on
 * the items of a list) must be the key of a record of that entity — not of another kind, and not retired (unless the
 * record already named it before this write: keeping an old reference is not choosing a retired record). Otherwise
 * the write is refused (422 `invalid-record`) with a Persian message per field, naming the field by its title and the
 * record by its title.
 */
import type { Bundle, EntityDef } from '../../engine/index.js';
import { recordRefs, recordTitle, type RecordLookup } from '../engine.js';
import { invalidRecord, type RecordFieldError } from './records.js';

export interface RefCheckOptions {
  /** Whether a record is retired. */
  retired?: (entity: string, id: string) => boolean;
  /** The record as stored before this write (its references to retired records are kept). */
  previous?: Record<string, unknown>;
}

/** The problems of `rec`'s references (see the file comment); [] when every one names a live record of its kind. */
export function recordRefProblems(bundle: Bundle, def: EntityDef, rec: Record<string, unknown>, lookup: RecordLookup, opts: RefCheckOptions = {}): RecordFieldError[] {
  const props = (def.schema.properties ?? {}) as Record<string, { title?: string }>;
  const kept = new Set(opts.previous ? recordRefs(def.schema, opts.previous).map((r) => `${r.entity}\u0000${String(r.value)}`) : []);
  const out: RecordFieldError[] = [];
  for (const r of recordRefs(def.schema, rec)) {
    const label = props[r.field]?.title ?? r.field;
    const entity = bundle.entities.get(r.entity)?.label ?? { fa: r.entity, en: r.entity };
    const found = typeof r.value === 'string' ? lookup(r.entity, r.value) : undefined;
    if (!found) {
      // The key of a record of another kind is the commonest slip: say which kind it is.
      const other = typeof r.value === 'string' ? [...bundle.entities.values()].find((e) => e.id !== r.entity && lookup(e.id, r.value as string)) : undefined;
      out.push({
        path: r.path,
        message: other
          ? { fa: `${label}: این رکورد از نوع «${other.label.fa}» است؛ اینجا ${entity.fa} برگزینید.`, en: `${r.field}: that is a ${other.label.en ?? other.id} record; choose a ${entity.en ?? entity.fa} here.` }
          : { fa: `${label}: ${entity.fa} «${String(r.value)}» در ثبت‌ها نیست؛ از فهرست برگزینید.`, en: `${r.field}: there is no ${entity.en ?? entity.fa} "${String(r.value)}" in the registry.` },
      });
      continue;
    }
    if (opts.retired?.(r.entity, r.value as string) && !kept.has(`${r.entity}\u0000${String(r.value)}`)) {
      const title = recordTitle(bundle, r.entity, found, lookup);
      out.push({
        path: r.path,
        message: { fa: `${label}: ${entity.fa} «${title.fa}» بایگانی شده است؛ رکورد دیگری برگزینید یا نخست آن را بازگردانید.`, en: `${r.field}: the ${entity.en ?? entity.fa} "${title.en ?? title.fa}" is retired; choose another or restore it first.` },
      });
    }
  }
  return out;
}

/** Throws 422 `invalid-record` (with `errors` and `fieldErrors`) when a reference of `rec` names no live record of its kind. */
export function checkRecordRefs(bundle: Bundle, def: EntityDef, rec: Record<string, unknown>, lookup: RecordLookup, opts: RefCheckOptions = {}): void {
  const problems = recordRefProblems(bundle, def, rec, lookup, opts);
  if (problems.length) throw invalidRecord(def, problems);
}
