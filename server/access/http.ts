/**
 * The seams routes call: records and cases redacted for the signed-in user, with the sensitive fields they read
 * written to the audit log in the same request.
 */
import type { Request } from 'express';
import type { Bundle, EntityDef } from '../../engine/index.js';
import { currentUser } from '../auth/middleware.js';
import type { Services } from '../services.js';
import type { CaseRow } from '../store/types.js';
import { auditReads } from './audit.js';
import { Access } from './policy.js';
import { ReadLog, redactCase, redactEvents, redactRecord, type CaseScope } from './redact.js';
import { isPartyOnly, namedIds, ownCases, partyRoles } from './party.js';
import { notFound, Problem, type Noun } from '../problem.js';

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

/**
 * The registry as a user whose roles are all party roles sees it (undefined for everyone else): their own record of
 * the party entity, and the ids their own cases name (readable by title only).
 */
export interface PartyView {
  entity: string;
  id: string | undefined;
  named: () => Set<string>;
}

export function partyView(s: Services, req: Request): PartyView | undefined {
  const b = s.deps.bundles.current();
  const u = currentUser(req);
  if (!isPartyOnly(b, u)) return undefined;
  const entity = partyRoles(b, u).map((r) => b.roles.get(r)!.party!.entity)[0];
  let named: Set<string> | undefined;
  return {
    entity, id: u.party,
    named: () => {
      if (named) return named;
      named = new Set<string>();
      for (const id of ownCases(b, s.deps.store, u)) {
        const c = s.deps.store.cases.get(id);
        if (c) namedIds({ ...c.state, subject: c.row.subject ?? undefined }, named);
      }
      return named;
    },
  };
}

const noRegistry = () => new Problem('forbidden', {
  detail: 'نقش شما جز رکورد خودتان چیزی از این ثبت را نمی‌بیند',
  detail_en: 'Your roles see nothing of the registry but your own record',
});

/** 403 for a party-only user (exports, maps: the registry at large). */
export function refuseParty(s: Services, req: Request): void {
  if (partyView(s, req)) throw noRegistry();
}

/**
 * A list of `entity` for a party-only user: only their own record (403 for another entity); undefined for everyone
 * else (the list as it is).
 */
export function partyList(s: Services, req: Request, entity: string): Obj[] | undefined {
  const v = partyView(s, req);
  if (!v) return undefined;
  if (entity !== v.entity) throw noRegistry();
  const own = v.id ? s.deps.store.entities.get(entity, v.id) : undefined;
  return own ? [own] : [];
}

/**
 * How a party-only user reads a record: `full` (their own), `title` (one their own cases name); any other is 404, as
 * if it did not exist. undefined for everyone else.
 */
export function partyRecord(s: Services, req: Request, entity: string, id: string, label: Noun): 'full' | 'title' | undefined {
  const v = partyView(s, req);
  if (!v) return undefined;
  if (entity === v.entity && id === v.id) return 'full';
  if (v.named().has(id) && s.deps.store.entities.get(entity, id)) return 'title';
  throw notFound(label, id);
}
