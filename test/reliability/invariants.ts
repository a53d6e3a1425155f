/**
 * What must hold in a database after any crash: every case's projection equals the fold of its events, no timer fired
 * twice, no notification was queued twice. Read straight from the SQLite file (opening it runs WAL recovery).
 */
import { isDeepStrictEqual } from 'node:util';
import { evolve } from '../../server/engine.js';
import { sqliteStore } from '../../server/store/index.js';

export type OpenStore = ReturnType<typeof sqliteStore>;

export const openStore = (file: string): OpenStore => sqliteStore(file, evolve);

const ROLLBACK = Symbol('rollback');

/** Recomputes a case's projections from its events inside a transaction that is rolled back; true when they equal the stored ones. */
export function projectionMatchesEvents(store: OpenStore, caseId: string): boolean {
  const before = store.cases.rows(caseId);
  let after: typeof before;
  try {
    store.db.transaction(() => {
      store.cases.rebuild(caseId);
      after = store.cases.rows(caseId);
      throw ROLLBACK;
    })();
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
  return before !== undefined && isDeepStrictEqual(before, after);
}

export interface InvariantReport {
  cases: number;
  timersFired: number;
  notificationsQueued: number;
  problems: string[];
}

/**
 * Checks `ids` (default: every case): projection = fold of events, events numbered 1..n without gaps, no timer fired
 * twice and every fired timer's job is done, one outbox row per notification event; plus no events without a case row.
 */
export function checkInvariants(store: OpenStore, ids?: Iterable<string>): InvariantReport {
  const problems: string[] = [];
  const all = store.cases.allIds();
  const list = ids ? [...ids] : all;
  let timersFired = 0;
  let notificationsQueued = 0;
  const outboxBy = new Map<string, number>();
  for (const r of store.db.prepare(`SELECT case_id AS c, COUNT(*) AS n FROM outbox WHERE case_id IS NOT NULL GROUP BY case_id`).all() as { c: string; n: number }[]) outboxBy.set(r.c, r.n);
  const seqs = store.db.prepare('SELECT seq FROM events WHERE case_id = ? ORDER BY seq');
  for (const id of list) {
    const row = store.cases.get(id);
    if (!row) {
      problems.push(`case ${id}: no projection row`);
      continue;
    }
    const events = store.cases.events(id);
    const numbers = (seqs.all(id) as { seq: number }[]).map((r) => r.seq);
    if (numbers.some((n, i) => n !== i + 1)) problems.push(`case ${id}: event numbers have gaps`);
    if (row.row.version !== events.length) problems.push(`case ${id}: version ${row.row.version} but ${events.length} events`);
    if (!projectionMatchesEvents(store, id)) problems.push(`case ${id}: projection differs from the fold of its events`);
    const fired = new Map<string, number>();
    for (const e of events) if (e.type === 'timer.fired') fired.set(e.timer, (fired.get(e.timer) ?? 0) + 1);
    for (const [timer, n] of fired) {
      timersFired += n;
      if (n > 1) problems.push(`case ${id}: timer ${timer} fired ${n} times`);
      const job = store.jobs.get(`timer:${id}:${timer}`);
      if (job?.status !== 'done') problems.push(`case ${id}: timer ${timer} fired but its job is ${job?.status ?? 'missing'}`);
    }
    const notes = events.filter((e) => e.type === 'notification.requested').length;
    notificationsQueued += outboxBy.get(id) ?? 0;
    if ((outboxBy.get(id) ?? 0) !== notes) problems.push(`case ${id}: ${notes} notification events but ${outboxBy.get(id) ?? 0} outbox rows`);
  }
  const orphans = store.db.prepare('SELECT DISTINCT case_id AS c FROM events WHERE case_id NOT IN (SELECT id FROM cases)').all() as { c: string }[];
  for (const o of orphans) problems.push(`case ${o.c}: events without a projection row`);
  // A trigger job queues at most one notification per record and instant.
  const triggerRows = store.db.prepare(`SELECT source, COUNT(*) AS n FROM outbox WHERE source LIKE 'trigger:%' GROUP BY source`).all() as { source: string; n: number }[];
  const triggerJobs = store.db.prepare(`SELECT payload FROM jobs WHERE kind = 'trigger' AND status = 'done'`).all() as { payload: string }[];
  const jobsBySource = new Map<string, number>();
  for (const j of triggerJobs) {
    const p = JSON.parse(j.payload) as { trigger: string; id: string };
    const k = `trigger:${p.trigger}:${p.id}`;
    jobsBySource.set(k, (jobsBySource.get(k) ?? 0) + 1);
  }
  for (const t of triggerRows) if (t.n > (jobsBySource.get(t.source) ?? 0)) problems.push(`${t.source}: ${t.n} notifications for ${jobsBySource.get(t.source) ?? 0} fired jobs`);
  return { cases: list.length, timersFired, notificationsQueued, problems };
}
