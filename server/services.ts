/** The services routes use, built once per app from its dependencies. */
import type { AppDeps } from './deps.js';
import { CaseService } from './cases/service.js';
import { Publisher } from './publish/publisher.js';
import { Scheduler } from './scheduler/scheduler.js';

export interface Services {
  deps: AppDeps;
  cases: CaseService;
  scheduler: Scheduler;
  publisher: Publisher;
  /** The current instant as ISO-8601. */
  now(): string;
}

export function buildServices(deps: AppDeps): Services {
  const cases = new CaseService(deps);
  const scheduler = new Scheduler(deps, cases);
  const publisher = new Publisher(deps, scheduler);
  return { deps, cases, scheduler, publisher, now: () => deps.clock.now().toISOString() };
}
