/** The services routes use, built once per app from its dependencies. */
import type { SqliteSessionStore } from './auth/session-store.js';
import type { AppDeps } from './deps.js';
import { CaseService } from './cases/service.js';
import { toJalaliDate } from './engine.js';
import { ProposalService } from './proposals/service.js';
import { Publisher } from './publish/publisher.js';
import { Scheduler } from './scheduler/scheduler.js';

export interface Services {
  deps: AppDeps;
  cases: CaseService;
  scheduler: Scheduler;
  publisher: Publisher;
  /** Parameter proposals drafted as resolutions (nothing written until published). */
  proposals: ProposalService;
  /** The stored sessions (to end a user's sessions when their password changes). */
  sessions: SqliteSessionStore;
  /** The current instant as ISO-8601. */
  now(): string;
}

export function buildServices(deps: AppDeps, sessions: SqliteSessionStore): Services {
  const cases = new CaseService(deps);
  const scheduler = new Scheduler(deps, cases);
  const publisher = new Publisher(deps, scheduler);
  const now = () => deps.clock.now().toISOString();
  const proposals = new ProposalService(deps, publisher, () => toJalaliDate(now(), deps.bundles.current().info.timeZone));
  return { deps, cases, scheduler, publisher, proposals, sessions, now };
}
