/** The services routes use, built once per app from its dependencies. */
import type { SqliteSessionStore } from './auth/session-store.js';
import type { AppDeps } from './deps.js';
import { CaseService } from './cases/service.js';
import { toJalaliDate } from './engine.js';
import { ProposalService } from './proposals/service.js';
import { EventHub } from './events/hub.js';
import { watchCaseChanges } from './events/watch.js';
import { Publisher } from './publish/publisher.js';
import { isCaseParty, maySeeCase, partyRoles, staffRoles } from './access/party.js';
import { ADMIN } from './auth/middleware.js';
import { procedureRoles } from './routes/procedures.js';
import { Scheduler } from './scheduler/scheduler.js';

export interface Services {
  /** The dependencies, with a store whose committed case changes reach `events`. */
  deps: AppDeps;
  cases: CaseService;
  scheduler: Scheduler;
  publisher: Publisher;
  /** Parameter proposals drafted as resolutions (nothing written until published). */
  proposals: ProposalService;
  /** The stored sessions (to end a user's sessions when their password changes). */
  sessions: SqliteSessionStore;
  /** Live updates to signed-in pages (GET /api/events). */
  events: EventHub;
  /** The current instant as ISO-8601. */
  now(): string;
}

export function buildServices(given: AppDeps, sessions: SqliteSessionStore): Services {
  const changedCases = new WeakMap<object, ReturnType<AppDeps['store']['cases']['get']> | null>();
  const events = new EventHub({
    user: (id) => {
      const u = given.store.users.byId(id);
      return u && !u.disabled ? { id: u.id, username: u.username, name: u.name, roles: u.roles, ...(u.party ? { party: u.party } : {}) } : undefined;
    },
    hears: (u, change) => {
      if (u.roles.includes(ADMIN)) return { case: true, inbox: true };
      const b = given.bundles.current();
      const p = b.procedures.get(change.procedure);
      // One read of the case per change, whatever the number of listeners.
      if (!changedCases.has(change)) changedCases.set(change, given.store.cases.get(change.caseId) ?? null);
      const c = changedCases.get(change);
      if (!p || !c || !maySeeCase(b, u, p, c.state, procedureRoles(p))) return { case: false, inbox: false };
      const staff = staffRoles(b, u);
      const own = partyRoles(b, u).some((r) => change.roles.includes(r)) && isCaseParty(b, u, p, c.state);
      return { case: true, inbox: own || change.roles.some((r) => staff.includes(r)) };
    },
  });
  const deps: AppDeps = { ...given, store: watchCaseChanges(given.store, (changes) => events.publish(changes)) };
  const cases = new CaseService(deps);
  const scheduler = new Scheduler(deps, cases);
  const publisher = new Publisher(deps, scheduler);
  const now = () => deps.clock.now().toISOString();
  const proposals = new ProposalService(deps, publisher, () => toJalaliDate(now(), deps.bundles.current().info.timeZone));
  return { deps, cases, scheduler, publisher, proposals, sessions, events, now };
}
