/**
 * engine.transition — durable task completions per second in process: the server's CaseService.command (interpreter
 * applyCommand → events appended → case and task projections updated → effects, in ONE SQLite transaction on the
 * server's store, with the server's pragmas: WAL, synchronous=FULL).
 * Baseline: a raw better-sqlite3 loop over the same database and pragmas that inserts one event row and updates one
 * case row per transaction (same row sizes), i.e. the floor any durable engine on this disk pays per transition.
 * The two run in alternating rounds. The database holds a province-sized backlog: 4,000 cases waiting at their first
 * task, each completion takes a distinct one.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { evolve } from '../../server/engine.js';
import { actorOf } from '../../server/cases/service.js';
import { openDatabase, sqliteStore } from '../../server/store/index.js';
import { describeCosts, instrument } from '../lib/sql-profile.js';
import { loadServed } from '../lib/defs.js';
import { median } from '../lib/measure.js';
import { activeOffices, BENCH_NOW, BENCH_USER, caseService, relocationInput, seedRegistry } from '../lib/registry.js';
import { result } from '../lib/result.js';
import { progress, report, runStep } from '../lib/step.js';

runStep(async ({ tmp, bundleDir, quick }) => {
  const { bundle, files } = loadServed(bundleDir);
  const dir = join(tmp, 'transition');
  mkdirSync(dir, { recursive: true });
  const db = openDatabase(join(dir, 'dabir.db'));
  const sql = instrument(db);
  const store = sqliteStore(db, evolve);
  seedRegistry(store, bundle);
  let n = 0;
  const service = caseService(store, bundle, files, 'ardabil', () => `case-${String(++n).padStart(7, '0')}`);
  const offices = activeOffices(bundle);

  // The raw loop's statements, prepared on the same connection.
  const insEvent = db.prepare('INSERT INTO events (case_id, seq, type, at, body) VALUES (?, ?, ?, ?, ?)');
  const updCase = db.prepare('UPDATE cases SET version = ?, updated_at = ?, state = ? WHERE id = ?');
  const rawTx = db.transaction((id: string, seq: number, body: string, state: string) => {
    insEvent.run(id, seq, 'task.completed', BENCH_NOW, body);
    updCase.run(seq, BENCH_NOW, state, id);
  });

  const rounds = quick ? 2 : 4;
  const roundMs = quick ? 500 : 1000;
  // A province-sized backlog: 4,000 cases waiting at their first task (the open tasks are part of what is measured:
  // every append looks up the case's open tasks). Started through the service, in one setup transaction.
  const POOL = quick ? 1_000 : 4_000;
  const RAW_CASES = 200;
  const pool: string[] = [];
  const t = performance.now();
  store.tx(() => {
    for (let i = 0; pool.length < POOL + RAW_CASES && i < (POOL + RAW_CASES) * 2; i++) {
      const office = offices[i % offices.length];
      try {
        pool.push(service.start(BENCH_USER, { procedure: 'relocation', subject: String(office.id), input: relocationInput(office, i) }));
      } catch {
        // A generated site that happens to fail a guard: skip it.
      }
    }
  });
  progress(`${pool.length.toLocaleString('en')} relocation cases waiting at their first task, started in ${Math.round(performance.now() - t)} ms (setup, one transaction)`);
  const version = store.cases.get(pool[0])!.row.version;
  // The raw loop appends to its own 200 cases over and over; Dabir completes a distinct task each time.
  const rawPool = pool.slice(0, RAW_CASES);
  const dabirPool = pool.slice(RAW_CASES);
  const rawSeq = new Map(rawPool.map((id) => [id, version]));

  // Row sizes for the raw loop: a real completion event and a real state after it.
  const cmd = { type: 'complete' as const, task: 'request', outcome: 'accept', data: { file_no: 'ب-۱۴۰۵-۱', documents_complete: true, notes: 'مدارک کامل است' }, actor: actorOf(BENCH_USER) };
  const sample = dabirPool.shift()!;
  service.command(sample, version, cmd);
  const after = store.cases.get(sample)!;
  const completed = store.cases.events(sample).find((e) => e.type === 'task.completed');
  const body = JSON.stringify(completed);
  const state = JSON.stringify(after.state);

  let di = 0, ri = 0;
  const runRound = (which: 'dabir' | 'raw'): number => {
    const t0 = performance.now();
    let ops = 0;
    while (performance.now() - t0 < roundMs) {
      if (which === 'dabir') {
        const id = dabirPool[di++];
        if (!id) break;
        service.command(id, version, cmd);
      } else {
        const id = rawPool[ri++ % rawPool.length];
        const seq = rawSeq.get(id)! + 1;
        rawSeq.set(id, seq);
        rawTx(id, seq, body, state);
      }
      ops++;
    }
    return (ops * 1000) / (performance.now() - t0);
  };
  const dRates: number[] = [], rRates: number[] = [];
  for (let r = 0; r < rounds && di < dabirPool.length; r++) {
    dRates.push(runRound('dabir'));
    rRates.push(runRound('raw'));
    progress(`round ${r + 1}/${rounds}: Dabir ${Math.round(dRates[r])}/s, raw ${Math.round(rRates[r])}/s`);
  }
  if (di >= dabirPool.length) progress('note: the open tasks ran out before a round ended (Dabir rounds were shortened)');
  // Diagnostic: the same completions without waiting for the disk, to tell CPU from fsync.
  if (di < dabirPool.length - 100) {
    db.pragma('synchronous = OFF');
    const tc = performance.now();
    let k = 0;
    for (; k < 100 && di < dabirPool.length; k++) service.command(dabirPool[di++], version, cmd);
    const cpu = (performance.now() - tc) / k;
    sql.start();
    let j = 0;
    for (; j < 50 && di < dabirPool.length; j++) service.command(dabirPool[di++], version, cmd);
    const costs = sql.stop();
    db.pragma('synchronous = FULL');
    progress(`CPU per completion (synchronous=OFF): ${cpu.toFixed(2)} ms — so the disk costs ${Math.max(0, 1000 / median(dRates) - cpu).toFixed(2)} ms of the ${(1000 / median(dRates)).toFixed(2)} ms`);
    progress(`per completion: ${describeCosts(costs, j)}`);
  }
  // Sanity: the completions really happened.
  const check = store.cases.get(dabirPool[0])!;
  if (check.row.version === version) throw new Error('the completion did not change the case');
  report(result('engine.transition', median(dRates), 'completions/s', { on: 'ratio', op: '>=', bound: 0.5 }, {
    name: 'raw better-sqlite3: 1 event insert + 1 case update per transaction, same pragmas',
    value: median(rRates),
  }));
  store.close();
});
