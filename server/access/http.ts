/**
 * The seams routes call: records and cases redacted for the signed-in user, with the sensitive fields they read
 * written to the audit log in the same request.
 */
import type { Request } from 'express';
import type { Bundle, EntityDef } from '../../engine/model.js';
import { currentUser } from '../auth/middleware.js';
import type { Services } from '../services.js';
import type { CaseRow } from '../store/types.js';
import { auditReads } from './audit.js';
import { Access } from './policy.js';
import { ReadLog, redactCase, redactEvents, redactRecord, type CaseScope } from './redact.js';

type Obj = Record<string, unknown>;

/** Records of `entity` as the signed-in user may read them (the current definitions decide); reads audited. */
export function shieldRecords(s: Services, req: Request, entity: string, recs: Obj[]): Obj[] {
  const access = new Access(s.deps.bundles.current(), currentUser(req).roles);
  if (!access.sensitiveFields(entity).size) return recs;
  const log = new ReadLog();
  const out = recs.map((r) => redactRecord(access, entity, r, log));
  auditReads(s.deps.store.audit, s.deps.clock, req, log);
  return out;
}

/** The entity as the user's export shows it: without the columns of fields they may not read. */
export function visibleEntity(s: Services, req: Request, def: EntityDef): EntityDef {
  const access = new Access(s.deps.bundles.current(), currentUser(req).roles);
  const hidden = access.hiddenFields(def.id);
  if (!hidden.size) return def;
  const props = Object.fromEntries(Object.entries((def.schema.properties ?? {}) as Obj).filter(([k]) => !hidden.has(k)));
  const computed = Object.fromEntries(Object.entries(def.computed).filter(([k]) => !hidden.has(k)));
  return { ...def, schema: { ...def.schema, properties: props }, computed };
}

/** What redacting one case needs: its own definition version, its procedure and subject, its tasks' steps. */
export function caseScope(s: Services, row: CaseRow): CaseScope {
  const caseBundle: Bundle = s.deps.bundles.tryGet(row.bundleHash) ?? s.deps.bundles.current();
  const proc = caseBundle.procedures.get(row.procedure);
  let steps: Map<string, string> | undefined;
  return {
    caseBundle, procedure: row.procedure, subjectEntity: proc?.subject?.entity, subject: row.subject,
    taskStep: (taskId) => {
      steps ??= new Map(s.deps.store.cases.tasks(row.id).map((t) => [t.taskId, t.step]));
      return steps.get(taskId);
    },
  };
}

/** A case answer as the signed-in user may read it; reads of sensitive fields in it audited. */
export function shieldCase(s: Services, req: Request, row: CaseRow, body: Obj): Obj {
  const access = new Access(s.deps.bundles.current(), currentUser(req).roles);
  const log = new ReadLog();
  const out = redactCase(access, caseScope(s, row), body, log);
  auditReads(s.deps.store.audit, s.deps.clock, req, log);
  return out;
}

/** A case's events as the signed-in user may read them. */
export function shieldEvents(s: Services, req: Request, row: CaseRow, events: Obj[]): Obj[] {
  const access = new Access(s.deps.bundles.current(), currentUser(req).roles);
  const log = new ReadLog();
  const out = redactEvents(access, caseScope(s, row), events, log);
  auditReads(s.deps.store.audit, s.deps.clock, req, log);
  return out;
}

/** The signed-in user's access to the current definitions. */
export function currentAccess(s: Services, req: Request): Access {
  return new Access(s.deps.bundles.current(), currentUser(req).roles);
}
