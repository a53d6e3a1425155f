/**
 * How a case reads to a person besides its number: its subject by the record's title (engine/records), never by id.
 * The record as the registry has it now; the case's snapshot of it (as of the start) when it is no longer there.
 */
import type { Bundle, ProcedureDef, Text } from '../../engine/index.js';
import { recordTitle } from '../engine.js';
import type { EntityStore } from '../store/types.js';

/** The title of a case's subject record, or null when the case has no subject (or its procedure is unknown). */
export function subjectTitle(
  bundle: Bundle, entities: EntityStore, proc: ProcedureDef | undefined, subject: string | null, snapshot?: Record<string, unknown> | null,
): Text | null {
  const entity = proc?.subject?.entity;
  if (!entity || subject === null) return null;
  const rec = entities.get(entity, subject) ?? snapshot ?? undefined;
  if (!rec) return null;
  return recordTitle(bundle, entity, rec, (e, id) => entities.get(e, id));
}
