/**
 * The crash test: a stream of case writes (starts and task completions) against a server child process that is
 * SIGKILLed at random moments and restarted. After every kill the database is opened directly and checked: every write
 * the server acknowledged (2xx) is there, every case's projection equals the fold of its events, no timer fired twice,
 * no notification was queued twice (checkInvariants). The child runs a fast clock, so timers fire and notifications go
 * out while the test runs. Shared by `npm run crash-test` (scripts/crash-test.ts) and the short CI form.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkInvariants, openStore } from './invariants.js';
import { adminAt, type Client, launchServer, prng, signIn, spawnServer, workspace, type ChildServer } from './harness.js';

export interface CrashOptions {
  /** Kills to perform (at least). */
  kills: number;
  /** Keep killing until this many seconds have passed (even beyond `kills`). */
  seconds?: number;
  /** Concurrent writers. */
  workers?: number;
  seed?: number;
  /** Load time before a kill: uniform in [minUpMs, maxUpMs]. */
  minUpMs?: number;
  maxUpMs?: number;
  /** Virtual ms per real ms of the child's clock (timers of days fire in seconds). */
  clockSpeed?: number;
  log?: (line: string) => void;
}

export interface CrashReport {
  seed: number;
  kills: number;
  /** Kills aimed at start-up, and how many of them landed before the server listened. */
  startupRounds: number;
  startupKills: number;
  acknowledged: number;
  found: number;
  lost: string[];
  /** Invariant violations (projection ≠ fold, double timers, double notifications…). */
  problems: string[];
  starts: number;
  completions: number;
  /** Requests cut off by a kill (their outcome is unknown: present or absent are both fine). */
  unknown: number;
  refused: number;
  cases: number;
  timersFired: number;
  notificationsQueued: number;
  /** Outbox messages handed to the transport; `redelivered` of them more than once (at-least-once delivery). */
  delivered: number;
  redelivered: number;
  seconds: number;
}

interface Ack {
  kind: 'start' | 'complete';
  caseId: string;
  version: number;
  task?: string;
  outcome?: string;
}

interface Known {
  id: string;
  version: number;
  status: string;
  /** Open task id → step (its role follows from the step). */
  tasks: Record<string, string>;
  busy: boolean;
}

const SUBJECTS = [
  { subject: 'o1', location: { lat: 38.4, lon: 48.5 } },
  { subject: 'o2', location: { lat: 38.7, lon: 48.9 } },
];

export async function runCrashTest(opts: CrashOptions): Promise<CrashReport> {
  const seed = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
  const rnd = prng(seed);
  const log = opts.log ?? (() => undefined);
  const workers = opts.workers ?? 6;
  const minUp = opts.minUpMs ?? 300;
  const maxUp = opts.maxUpMs ?? 1500;
  const speed = opts.clockSpeed ?? 20_000;
  const t0 = Date.now();
  const ws = workspace('dabir-crash-');
  const deliveries = join(ws.dir, 'deliveries.log');
  const clockEnv = `${Date.now()},${Date.now()},${speed}`;
  const childEnv = { RELIABILITY_CLOCK: clockEnv, RELIABILITY_SCHEDULER_MS: '150', RELIABILITY_DELIVERIES: deliveries };

  const acks: Ack[] = [];
  const known = new Map<string, Known>();
  const report: CrashReport = {
    seed, kills: 0, startupRounds: 0, startupKills: 0, acknowledged: 0, found: 0, lost: [], problems: [], starts: 0, completions: 0, unknown: 0, refused: 0,
    cases: 0, timersFired: 0, notificationsQueued: 0, delivered: 0, redelivered: 0, seconds: 0,
  };
  let url = '';
  const base = () => url;
  let admin: Client | undefined;
  let clerk: Client | undefined;
  let board: Client | undefined;
  const verified = new Map<string, number>();
  let checkedAcks = 0;

  /** Opens the database after a kill: acknowledged writes present, invariants hold; refreshes what the writers know. */
  const verify = (full: boolean) => {
    const store = openStore(ws.db);
    try {
      for (; checkedAcks < acks.length; checkedAcks++) {
        const a = acks[checkedAcks];
        const events = store.cases.events(a.caseId);
        const ok = events.length >= a.version && (a.kind === 'start'
          ? events[0]?.type === 'case.started'
          : events.some((e) => e.type === 'task.completed' && e.task === a.task && e.outcome === a.outcome));
        if (ok) report.found++;
        else report.lost.push(`${a.kind} ${a.caseId}${a.task ? ` ${a.task}:${a.outcome}` : ''} (acknowledged at version ${a.version}, found ${events.length} events)`);
      }
      // Invariants: the cases that changed since the last check (all of them at the end).
      const changed = store.cases.allIds().filter((id) => full || verified.get(id) !== store.cases.get(id)?.row.version);
      const inv = checkInvariants(store, changed);
      report.problems.push(...inv.problems);
      for (const id of changed) verified.set(id, store.cases.get(id)!.row.version);
      if (full) {
        report.cases = inv.cases;
        report.timersFired = inv.timersFired;
        report.notificationsQueued = inv.notificationsQueued;
      }
      // What the writers believe is replaced by what is on disk (an unacknowledged write may have committed).
      for (const k of known.values()) {
        const c = store.cases.get(k.id);
        if (!c) {
          known.delete(k.id);
          continue;
        }
        k.version = c.row.version;
        k.status = c.row.status;
        k.tasks = Object.fromEntries(Object.values(c.state.tasks).map((t) => [t.id, t.step]));
        k.busy = false;
      }
    } finally {
      store.close();
    }
  };

  const learn = (body: { id: string; version: number; status: string; openTasks: { id: string; step: string }[] }) => {
    const k = known.get(body.id) ?? { id: body.id, version: 0, status: 'active', tasks: {}, busy: false };
    k.version = body.version;
    k.status = body.status;
    k.tasks = Object.fromEntries(body.openTasks.map((t) => [t.id, t.step]));
    known.set(body.id, k);
  };

  /** One writer: completes an open task of a case nobody else is writing to, or starts a case. Stops at the first network error. */
  const writer = async (stop: { now: boolean }) => {
    while (!stop.now) {
      const candidates = [...known.values()].filter((k) => !k.busy && k.status === 'active' && Object.keys(k.tasks).length > 0);
      try {
        if (candidates.length > 0 && rnd() < 0.65) {
          const k = candidates[Math.floor(rnd() * candidates.length)];
          const [task, step] = Object.entries(k.tasks)[0];
          const who = step === 'review' ? clerk! : board!;
          const outcome = step === 'review' ? (rnd() < 0.85 ? 'accept' : 'reject') : rnd() < 0.85 ? 'approve' : 'reject';
          k.busy = true;
          const r = await who.post(`/api/cases/${k.id}/tasks/${task}/complete`, { expectedVersion: k.version, outcome, data: step === 'review' ? {} : { note: 'ok' } });
          k.busy = false;
          if (r.status === 200) {
            report.completions++;
            acks.push({ kind: 'complete', caseId: k.id, version: r.body.version, task, outcome });
            learn(r.body);
          } else if (r.status === 409 || r.status === 422) report.refused++;
          else throw new Error(`complete answered ${r.status}: ${r.text}`);
        } else {
          const s = SUBJECTS[Math.floor(rnd() * SUBJECTS.length)];
          const r = await clerk!.post('/api/cases', { procedure: 'move', subject: s.subject, input: { area: 40 + Math.floor(rnd() * 60), location: s.location } }, {
            'idempotency-key': `k-${seed}-${acks.length}-${Math.floor(rnd() * 1e9)}`,
          });
          if (r.status === 201) {
            report.starts++;
            acks.push({ kind: 'start', caseId: r.body.id, version: r.body.version });
            learn(r.body);
          } else if (r.status === 422) report.refused++;
          else throw new Error(`start answered ${r.status}: ${r.text}`);
        }
      } catch (err) {
        if (stop.now || (err as Error).message.includes('fetch failed') || (err as { cause?: unknown }).cause) {
          report.unknown++;
          return;
        }
        throw err;
      }
    }
  };

  let server: ChildServer | undefined;
  try {
    for (let round = 0; ; round++) {
      const elapsed = (Date.now() - t0) / 1000;
      if (report.kills >= opts.kills && (opts.seconds === undefined || elapsed >= opts.seconds)) break;
      // Now and then the kill lands while the server is still starting (migrations, loading, seeding, first tick).
      // The window spans the server's start-up work (≈ 1–3 s after spawn on a loaded machine) and its first moments.
      if (round > 0 && rnd() < 0.2) {
        const launch = launchServer(ws, childEnv);
        const early = 800 + Math.floor(rnd() * 2700);
        const listening = await Promise.race([launch.ready.then(() => true, () => false), new Promise<boolean>((ok) => setTimeout(() => ok(false), early))]);
        await launch.kill();
        await launch.ready.catch(() => undefined);
        report.kills++;
        report.startupRounds++;
        if (!listening) report.startupKills++;
        verify(false);
        log(`kill ${report.kills}: ${listening ? 'just after' : 'during'} start-up (${early} ms)`);
        continue;
      }
      server = await spawnServer(ws, childEnv);
      url = server.url;
      if (round === 0) {
        admin = await adminAt(base);
        clerk = await signIn(base, admin, 'clerk1', ['clerk']);
        board = await signIn(base, admin, 'board1', ['board']);
      }
      const stop = { now: false };
      const running = Array.from({ length: workers }, () => writer(stop));
      const up = minUp + Math.floor(rnd() * (maxUp - minUp));
      await new Promise((ok) => setTimeout(ok, up));
      stop.now = true;
      await server.kill();
      const outcomes = await Promise.allSettled(running);
      for (const o of outcomes) if (o.status === 'rejected') report.problems.push(`writer: ${String((o.reason as Error)?.message ?? o.reason)}`);
      report.kills++;
      const before = report.found;
      verify(false);
      log(`kill ${report.kills}: after ${up} ms of load; ${acks.length} acknowledged so far (${report.found - before} checked now), ${report.lost.length} lost, ${report.problems.length} problems`);
    }
    // A last start: the server comes back, catches up (timers, outbox), and serves every acknowledged case.
    server = await spawnServer(ws, childEnv);
    url = server.url;
    await new Promise((ok) => setTimeout(ok, 600));
    for (const id of new Set(acks.map((a) => a.caseId))) {
      const r = await admin!.get(`/api/cases/${id}`);
      const want = Math.max(...acks.filter((a) => a.caseId === id).map((a) => a.version));
      if (r.status !== 200 || r.body.version < want) report.problems.push(`case ${id}: served ${r.status} at version ${r.body?.version} after restart (acknowledged ${want})`);
    }
    await server.kill();
    verify(true);
    // Delivery is at least once: every message marked sent was handed to the transport; repeats are counted.
    const handed = readFileSync(deliveries, { encoding: 'utf8', flag: 'a+' }).split('\n').filter(Boolean);
    const once = new Set(handed);
    report.delivered = once.size;
    report.redelivered = handed.length - once.size;
    const store = openStore(ws.db);
    try {
      const sent = store.db.prepare(`SELECT id FROM outbox WHERE status = 'sent'`).all() as { id: number }[];
      for (const m of sent) if (!once.has(String(m.id))) report.problems.push(`outbox ${m.id}: marked sent but never handed to the transport`);
    } finally {
      store.close();
    }
  } finally {
    await server?.kill();
    ws.cleanup();
  }
  report.acknowledged = acks.length;
  report.seconds = Math.round((Date.now() - t0) / 100) / 10;
  return report;
}

/** The last line of the report: `N acknowledged, N found, K kills`. */
export const summaryLine = (r: CrashReport): string => `${r.acknowledged} acknowledged, ${r.found} found, ${r.kills} kills`;
