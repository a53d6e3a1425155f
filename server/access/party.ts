/**
 * Parties: a role with `party: { entity }` (roles.yaml) makes its users parties to cases — each is one registry
 * record (`users.party`) — and a procedure's `party:` path says which record a case's party is. A user sees a case
 * through their other ("staff") roles as before, or as its party; a party role's task is its case's party's only; a
 * user whose roles are all party roles sees in the registry nothing but their own record (and the titles of the
 * records their own cases name).
 */
import type { Bundle, CaseState, ProcedureDef } from '../../engine/index.js';
import { ADMIN, type SessionUser } from '../auth/middleware.js';
import { Problem } from '../problem.js';
import type { Store } from '../store/types.js';

type Obj = Record<string, unknown>;

/** The user's roles that are party roles of `bundle`. */
export function partyRoles(bundle: Bundle, user: SessionUser): string[] {
  return user.roles.filter((r) => bundle.roles.get(r)?.party !== undefined);
}

/** The user's other roles (administrators' included): they see and act as those roles always did. */
export function staffRoles(bundle: Bundle, user: SessionUser): string[] {
  return user.roles.filter((r) => r === ADMIN || bundle.roles.get(r)?.party === undefined);
}

/** Whether every role of the user is a party role (they see only their own cases and record). */
export function isPartyOnly(bundle: Bundle, user: SessionUser): boolean {
  return partyRoles(bundle, user).length > 0 && staffRoles(bundle, user).length === 0;
}

/** A procedure's `party:` as a path into a case's state: `subject.x` reads the subject record's snapshot. */
export function statePath(party: string): string[] {
  const [root, ...rest] = party.split('.');
  return [root === 'subject' ? 'subjectRecord' : root, ...rest];
}

const idsAt = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function at(obj: unknown, path: string[]): unknown {
  let v = obj;
  for (const seg of path) v = v && typeof v === 'object' ? (v as Obj)[seg] : undefined;
  return v;
}

/** The ids of a case's party records (none when its procedure declares no `party:`, or before a step names it). */
export function casePartyIds(proc: ProcedureDef | undefined, state: Pick<CaseState, 'subjectRecord' | 'input' | 'steps'>): string[] {
  return proc?.party ? idsAt(at(state, statePath(proc.party))) : [];
}

/** Whether the user is a party to the case (holds a party role and is its party record). */
export function isCaseParty(bundle: Bundle, user: SessionUser, proc: ProcedureDef | undefined, state: Pick<CaseState, 'subjectRecord' | 'input' | 'steps'>): boolean {
  return Boolean(user.party) && partyRoles(bundle, user).length > 0 && casePartyIds(proc, state).includes(user.party!);
}

/**
 * Whether the user may see a case: administrators; holders of a staff role the procedure involves (`involved`); its
 * party.
 */
export function maySeeCase(bundle: Bundle, user: SessionUser, proc: ProcedureDef | undefined, state: Pick<CaseState, 'subjectRecord' | 'input' | 'steps'>, involved: ReadonlySet<string>): boolean {
  if (user.roles.includes(ADMIN)) return true;
  if (proc && staffRoles(bundle, user).some((r) => involved.has(r))) return true;
  return isCaseParty(bundle, user, proc, state);
}

/** The ids of the cases whose party the user is (empty for users of no party role, or not linked to a record). */
export function ownCases(bundle: Bundle, store: Pick<Store, 'cases'>, user: SessionUser): string[] {
  if (!user.party || !partyRoles(bundle, user).length) return [];
  const paths = [...bundle.procedures.values()].filter((p) => p.party).map((p) => ({ procedure: p.id, path: statePath(p.party!) }));
  return store.cases.partyCases(paths, user.party);
}

/** 403 unless the user may act on a task of `role` in the case: a party role's task is its party's only. */
export function requirePartyTask(bundle: Bundle, user: SessionUser, role: string, proc: ProcedureDef | undefined, state: CaseState): void {
  if (bundle.roles.get(role)?.party === undefined) return;
  if (isCaseParty(bundle, user, proc, state)) return;
  throw new Problem('forbidden', {
    detail: 'این کار از آنِ طرف همین پرونده است و شما طرف آن نیستید',
    detail_en: "This task is for the case's own party, and you are not its party",
  });
}

/**
 * Before a start: when the user may start the procedure only through a party role, the case must be theirs — its
 * party read from what the start gives (the subject, a start-form field, a field of the subject record).
 */
export function requireOwnStart(bundle: Bundle, user: SessionUser, proc: ProcedureDef | undefined, body: { subject?: string; input?: Obj }, subjectRecord: (id: string) => Obj | undefined): void {
  if (!proc || user.roles.includes(ADMIN)) return;
  const staff = staffRoles(bundle, user);
  if (proc.start.roles.some((r) => staff.includes(r))) return;
  if (!proc.start.roles.some((r) => partyRoles(bundle, user).includes(r))) return;
  const record = proc.subject && body.subject !== undefined ? { ...(subjectRecord(body.subject) ?? {}), [bundle.entities.get(proc.subject.entity)?.key ?? 'id']: body.subject } : undefined;
  const ids = casePartyIds(proc, { subjectRecord: record, input: body.input ?? {}, steps: {} });
  if (user.party && ids.includes(user.party)) return;
  throw new Problem('forbidden', {
    detail: 'با این نقش فقط برای خودتان می‌توانید پرونده آغاز کنید',
    detail_en: 'With this role you may start a case only as its own party',
  });
}

/** The record strings a case's data names (its subject, start form and steps): what its party may read titles of. */
export function namedIds(state: Pick<CaseState, 'subject' | 'input' | 'steps'>, out = new Set<string>()): Set<string> {
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v as Obj).forEach(walk);
  };
  if (state.subject) out.add(state.subject);
  walk(state.input);
  for (const s of Object.values(state.steps ?? {})) walk((s as { data?: unknown }).data);
  return out;
}
