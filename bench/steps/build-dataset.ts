/**
 * Builds the large data set the scale.* and http.* figures run on: by default 1,000,000 cases and 3.95 million events
 * in a fresh SQLite file under the run's temp folder, with the server's own schema (server/store/migrations.ts).
 *
 * Every case is real: for each procedure one scenario of the bundle is started by the engine, then projected by the
 * server's store, giving the exact rows the server would write (events, the case row with its state snapshot, the task
 * rows). Those rows become templates; a million cases are stamped out of them with their own id, start instant
 * (spread over five years, in id order), due dates and — for relocations — site area. The newest cases (50,000 by
 * default) are open, waiting at their first task; the older ones were cancelled at that task by the engine's own
 * cancel command (one more event each). So: 1,000,000 cases, 50,000 open tasks, 3.95 million events.
 * Bulk load: one connection, journal off, multi-row prepared INSERTs, 20,000 cases per transaction, secondary indexes
 * rebuilt at the end. Then the server starts
 * once on the file (seeding the registry and the administrator, as a first start does) and the bench user is added.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { applyCommand, fold, jalaliToInstant, memoryFacts, mergeRegistry, toJalaliDate, type Bundle, type CaseEvent, type Registry, type Scenario } from '../../engine/index.js';
import { hashPassword } from '../../server/auth/password.js';
import { evolve } from '../../server/engine.js';
import { main } from '../../server/main.js';
import { sqliteStore } from '../../server/store/index.js';
import { loadServed } from '../lib/defs.js';
import { prng } from '../lib/measure.js';
import { BENCH_NOW, BENCH_USER } from '../lib/registry.js';
import { batchInsert, compileRow, fillRow, type Fill } from '../lib/template.js';
import { progress, report, runStep } from '../lib/step.js';
import { result } from '../lib/result.js';

export const BENCH_PASSWORD = 'bench-password-1234';
export const ADMIN_PASSWORD = 'admin-password-1234';

const EVENT_COLS = ['case_id', 'seq', 'type', 'at', 'body'];
const CASE_COLS = ['id', 'procedure', 'bundle_hash', 'status', 'result', 'subject', 'parent_id', 'version', 'started_at', 'started_by', 'ended_at', 'updated_at', 'state'];
const TASK_COLS = ['case_id', 'task_id', 'step', 'kind', 'role', 'item', 'procedure', 'subject', 'due', 'clock_stopped', 'status', 'opened_at', 'closed_at', 'closed_by', 'outcome'];
/** Event types a template may hold: nothing that would need rows elsewhere (jobs, outbox, registry, child cases). */
const PLAIN = new Set(['case.started', 'step.entered', 'task.opened', 'step.completed', 'join.arrived', 'case.cancelled']);
const TEMPLATE_ID = 'bench-template-case-0000';
const RELOCATION_AREA = 77.125;
const DAY_MS = 86_400_000;

interface Rows {
  events: Record<string, unknown>[];
  case: Record<string, unknown>;
  tasks: Record<string, unknown>[];
}

interface Template {
  procedure: string;
  scenario: string;
  /** Milliseconds from the start to the first task's due instant (undefined: no due date). */
  dueOffset?: number;
  open: Rows;
  closed: Rows;
  version: number;
  task: string;
  varies: boolean;
}

export interface Dataset {
  file: string;
  cases: number;
  events: number;
  open: number;
  bundleHash: string;
  byProcedure: Record<string, number>;
  /** Open relocation cases, newest last: the HTTP pool (task, version). */
  pool: { ids: string[]; task: string; version: number; outcome: string };
  /** Cases to read (a spread over the whole file). */
  samples: string[];
  buildMs: number;
  bytes: number;
  bench: { username: string; password: string };
  admin: { username: string; password: string };
}

function scenarioNow(bundle: Bundle, sc: Scenario): string {
  if (sc.now) return sc.now.includes('T') ? sc.now : jalaliToInstant(sc.now, bundle.info.timeZone);
  return BENCH_NOW;
}

/** One template per procedure (the first happy scenario whose start needs nothing outside plain events). */
function templates(bundle: Bundle): Template[] {
  const tz = bundle.info.timeZone;
  const mem = sqliteStore(':memory:', evolve);
  const out: Template[] = [];
  for (const proc of bundle.procedures.values()) {
    for (const sc of bundle.scenarios.filter((s) => s.procedure === proc.id && !s.expect.refused && !(s as { trigger?: unknown }).trigger)) {
      const registry: Registry = mergeRegistry(bundle, bundle.registry, sc.registry);
      const now = scenarioNow(bundle, sc);
      const varies = proc.id === 'relocation' && typeof sc.input.area === 'number';
      const input = varies ? { ...sc.input, area: RELOCATION_AREA } : sc.input;
      const ctxAt = (t: string) => ({ now: t, facts: memoryFacts(bundle, registry, { asOf: toJalaliDate(t, tz), now: t }), newId: () => `${TEMPLATE_ID}-child` });
      const role = sc.actor ?? proc.start.roles[0];
      const d = applyCommand(bundle, undefined, { type: 'start', caseId: TEMPLATE_ID, procedure: proc.id, subject: sc.subject, input, actor: { id: BENCH_USER.id, roles: [role] } }, ctxAt(now));
      if (!d.ok || !d.events.every((e) => PLAIN.has(e.type))) continue;
      const state = fold(d.events);
      const tasks = Object.values(state.tasks);
      if (state.status !== 'active' || tasks.length !== 1) continue;
      const end = new Date(Date.parse(now) + 15 * DAY_MS).toISOString();
      const c = applyCommand(bundle, state, { type: 'cancel', reason: 'انصراف متقاضی', actor: { id: BENCH_USER.id, roles: [role] } }, ctxAt(end));
      if (!c.ok) continue;
      const markers = { case: TEMPLATE_ID, at: now, day: toJalaliDate(now, tz), due: tasks[0].due, end, num: varies ? String(RELOCATION_AREA) : undefined };
      const rowsOf = (caseId: string, evs: CaseEvent[]): Rows => {
        mem.tx(() => mem.cases.append(caseId, 0, evs, BENCH_USER.id));
        const db = mem.db;
        return {
          events: (db.prepare('SELECT * FROM events WHERE case_id = ? ORDER BY seq').all(caseId) as Record<string, unknown>[]).map((r) => compileRow(r, markers)),
          case: compileRow(db.prepare('SELECT * FROM cases WHERE id = ?').get(caseId) as Record<string, unknown>, markers),
          tasks: (db.prepare('SELECT * FROM tasks WHERE case_id = ?').all(caseId) as Record<string, unknown>[]).map((r) => compileRow(r, markers)),
        };
      };
      const open = rowsOf(TEMPLATE_ID, d.events);
      mem.db.exec('DELETE FROM events; DELETE FROM cases; DELETE FROM tasks;');
      const closed = rowsOf(TEMPLATE_ID, [...d.events, ...c.events]);
      mem.db.exec('DELETE FROM events; DELETE FROM cases; DELETE FROM tasks;');
      out.push({
        procedure: proc.id, scenario: sc.id, open, closed, varies, version: d.events.length, task: tasks[0].id,
        dueOffset: tasks[0].due ? Date.parse(tasks[0].due) - Date.parse(now) : undefined,
      });
      break;
    }
  }
  mem.close();
  return out;
}

runStep(async ({ tmp, bundleDir, quick }) => {
  const t0 = performance.now();
  const total = Number(process.env.BENCH_CASES ?? (quick ? 20_000 : 1_000_000));
  const openCount = Number(process.env.BENCH_OPEN ?? (quick ? 4_000 : 50_000));
  const { bundle } = loadServed(bundleDir);
  const tz = bundle.info.timeZone;
  const tpl = templates(bundle);
  const relocation = tpl.find((t) => t.procedure === 'relocation');
  if (!relocation) throw new Error('no relocation template: the bundle has no relocation scenario that starts');
  progress(`templates: ${tpl.map((t) => `${t.procedure} (${t.scenario}, ${t.version} events)`).join(', ')}`);
  // Relocation gets 30% of the cases (the backtest reads 100,000 of them); the rest share the remainder.
  const others = tpl.filter((t) => t !== relocation);
  const pick = (i: number): Template => (i % 10 < 3 || others.length === 0 ? relocation : others[i % others.length]);

  const dir = join(tmp, 'scale');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'dabir.db');
  sqliteStore(file, evolve).close(); // the server's schema, migrated by the server's code
  const db = new Database(file);
  db.pragma('journal_mode = DELETE');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
  // Secondary indexes are dropped during the load and rebuilt after it from their own CREATE statements (a sorted
  // build is much faster than a million random inserts); the schema ends up exactly as the migrations made it.
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('cases', 'tasks', 'events')").all() as { name: string; sql: string }[];
  for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);
  const insEvent = batchInsert(db, 'events', EVENT_COLS, 64);
  const insCase = batchInsert(db, 'cases', CASE_COLS, 32);
  const insTask = batchInsert(db, 'tasks', TASK_COLS, 32);

  const span = Date.parse(BENCH_NOW) - Date.parse('2021-03-21T04:30:00.000Z');
  const begin = Date.parse(BENCH_NOW) - span - DAY_MS;
  const step = span / total;
  // The Jalali date of an instant, computed once per Tehran day (UTC+3:30).
  const TEHRAN_MS = 12_600_000;
  const dayCache = new Map<number, string>();
  const dayOf = (ms: number): string => {
    const k = Math.floor((ms + TEHRAN_MS) / DAY_MS);
    let d = dayCache.get(k);
    if (!d) dayCache.set(k, (d = toJalaliDate(new Date(k * DAY_MS + DAY_MS / 2 - TEHRAN_MS).toISOString(), tz)));
    return d;
  };
  const rnd = prng(42);
  const byProcedure: Record<string, number> = {};
  const pool: string[] = [];
  const samples: string[] = [];
  let events = 0;
  const BATCH = 20_000;
  const idOf = (i: number) => `0190${(i >>> 16).toString(16).padStart(4, '0')}-${(i & 0xffff).toString(16).padStart(4, '0')}-7000-8000-${i.toString(16).padStart(12, '0')}`;
  let lastReport = performance.now();
  for (let start = 0; start < total; start += BATCH) {
    db.transaction(() => {
      for (let i = start; i < Math.min(total, start + BATCH); i++) {
        const t = pick(i);
        const open = i >= total - openCount;
        const at = begin + i * step;
        const f: Fill = {
          case: idOf(i),
          at: new Date(at).toISOString(),
          day: dayOf(at),
          due: t.dueOffset === undefined ? '' : new Date(at + t.dueOffset).toISOString(),
          end: new Date(at + 15 * DAY_MS).toISOString(),
          // Site areas 50–99 m²: every stored case passed the area guard in force when it started.
          num: String(50 + Math.floor(rnd() * 50)),
        };
        const rows = open ? t.open : t.closed;
        for (const e of rows.events) insEvent.add(fillRow(e, EVENT_COLS, f));
        insCase.add(fillRow(rows.case, CASE_COLS, f));
        for (const task of rows.tasks) insTask.add(fillRow(task, TASK_COLS, f));
        events += rows.events.length;
        byProcedure[t.procedure] = (byProcedure[t.procedure] ?? 0) + 1;
        if (open && t === relocation) pool.push(f.case);
        if (i % Math.max(1, Math.floor(total / 2000)) === 7) samples.push(f.case);
      }
      insEvent.flush();
      insCase.flush();
      insTask.flush();
    })();
    if (performance.now() - lastReport > 5000) {
      lastReport = performance.now();
      progress(`  ${(Math.min(total, start + BATCH)).toLocaleString('en')} cases, ${events.toLocaleString('en')} events (${Math.round((performance.now() - t0) / 1000)} s)`);
    }
  }
  const ti = performance.now();
  for (const ix of indexes) db.exec(ix.sql);
  progress(`  ${indexes.length} secondary indexes rebuilt in ${Math.round((performance.now() - ti) / 1000)} s`);
  db.pragma('locking_mode = NORMAL');
  db.close();
  const loadMs = performance.now() - t0;
  progress(`${total.toLocaleString('en')} cases, ${events.toLocaleString('en')} events, ${openCount.toLocaleString('en')} open — loaded in ${Math.round(loadMs / 1000)} s`);

  // A first start of the server on the file (registry seeding, administrator, definition version), as in production.
  const server = await main({
    port: 0, host: '127.0.0.1', dbFile: file, definitionsDir: bundleDir, adminPassword: ADMIN_PASSWORD,
    log: pino({ level: 'silent' }), schedulerIntervalMs: 0, handleSignals: false, print: () => undefined,
  });
  const now = new Date().toISOString();
  server.deps.store.users.create({ ...BENCH_USER, disabled: false, createdAt: now, updatedAt: now, passwordHash: await hashPassword(BENCH_PASSWORD) });
  const bundleHash = server.deps.bundles.current().hash;
  await server.close();
  const hashes = new Database(file, { readonly: true });
  const stored = (hashes.prepare('SELECT bundle_hash AS h FROM cases LIMIT 1').get() as { h: string }).h;
  hashes.close();
  if (stored !== bundleHash) throw new Error(`the cases were built on bundle ${stored.slice(0, 12)} but the server serves ${bundleHash.slice(0, 12)}`);

  const bytes = statSync(file).size;
  const ds: Dataset = {
    file, cases: total, events, open: openCount, bundleHash, byProcedure,
    pool: { ids: pool, task: relocation.task, version: relocation.version, outcome: 'accept' },
    samples, buildMs: performance.now() - t0, bytes,
    bench: { username: BENCH_USER.username, password: BENCH_PASSWORD },
    admin: { username: 'admin', password: ADMIN_PASSWORD },
  };
  writeFileSync(join(dir, 'dataset.json'), JSON.stringify(ds));
  progress(`database ${(bytes / 2 ** 30).toFixed(2)} GiB; built and first-started in ${Math.round(ds.buildMs / 1000)} s`);
  report(result('scale.build', ds.buildMs / 1000, 's', null));
});
