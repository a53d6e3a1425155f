/**
 * Queries on the large data set (see build-dataset.ts), through the server's own store code in process:
 *  scale.inbox       p99 of an inbox page: CaseStore.inbox for a user with the secretariat, inspectors and committee
 *                    roles (the default first page sorted by due date, plus overdue, per-procedure and later pages).
 *  scale.inbox.page  the same plus what GET /api/inbox adds per row (the case's version: one CaseStore.row each).
 *  scale.case_read   p99 of reading one case with its timeline as GET /api/cases/:id does (case ×2, events, tasks,
 *                    documents), over cases spread across the whole file.
 *  scale.backtest    re-evaluating one changed rule (office.min-area after the province raises the urban minimum
 *                    area from 50 to 60 m²) against 100,000 stored relocation cases: stream the parts of their state
 *                    the rule reads (CaseStore.scan), evaluate old and new rule on each, count the verdicts that change.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { analyze, checkRule, toJalaliDate } from '../../engine/index.js';
import { evolve } from '../../server/engine.js';
import { snapshotLoader } from '../../server/bundles/loader.js';
import { openDatabase, sqliteStore } from '../../server/store/index.js';
import { describeCosts, instrument } from '../lib/sql-profile.js';
import { actorOf } from '../../server/cases/service.js';
import type { InboxFilter } from '../../server/store/types.js';
import { loadServed } from '../lib/defs.js';
import { percentile, prng, since } from '../lib/measure.js';
import { BENCH_NOW, BENCH_USER, caseService } from '../lib/registry.js';
import { result } from '../lib/result.js';
import { progress, report, runStep } from '../lib/step.js';
import type { Dataset } from './build-dataset.js';

runStep(async ({ tmp, bundleDir, quick }) => {
  const ds = JSON.parse(readFileSync(join(tmp, 'scale', 'dataset.json'), 'utf8')) as Dataset;
  const db = openDatabase(ds.file);
  const sql = instrument(db);
  const store = sqliteStore(db, evolve);
  const rnd = prng(9);
  const n = quick ? 200 : 1000;
  const label = `${ds.cases.toLocaleString('en')} cases, ${ds.events.toLocaleString('en')} events`;

  // Inbox.
  const procedures = Object.keys(ds.byProcedure);
  const filters: InboxFilter[] = [];
  for (let i = 0; i < n; i++) {
    const f: InboxFilter = { roles: BENCH_USER.roles, now: BENCH_NOW, sort: 'due', limit: 50, offset: 0 };
    const r = rnd();
    if (r < 0.1) f.overdue = true;
    else if (r < 0.2) f.procedure = procedures[i % procedures.length];
    else if (r < 0.3) f.offset = 50 * (1 + (i % 5));
    else if (r < 0.35) f.sort = '-opened';
    filters.push(f);
  }
  let items = 0, total = 0;
  const inboxMs: number[] = [];
  const pageMs: number[] = [];
  for (let i = 0; i < 20; i++) store.cases.inbox(filters[i]);
  // At most ~8 s (a slow inbox must not eat the run), at least 100 samples.
  const inboxStart = performance.now();
  for (const f of filters) {
    if (inboxMs.length >= 100 && performance.now() - inboxStart > 8_000) break;
    let t = performance.now();
    const page = store.cases.inbox(f);
    inboxMs.push(performance.now() - t);
    t = performance.now();
    for (const row of page.items) void store.cases.row(row.caseId)?.version;
    pageMs.push(inboxMs[inboxMs.length - 1] + performance.now() - t);
    items += page.items.length;
    total = Math.max(total, page.total);
  }
  progress(`inbox (${label}; ${total.toLocaleString('en')} open tasks for the user): p50 ${percentile(inboxMs, 50).toFixed(2)} ms, p99 ${percentile(inboxMs, 99).toFixed(2)} ms; with the per-row case lookups of GET /api/inbox: p99 ${percentile(pageMs, 99).toFixed(2)} ms (${(items / inboxMs.length).toFixed(0)} rows/page, ${inboxMs.length} pages)`);
  sql.start();
  for (const f of filters.slice(0, 10)) store.cases.inbox(f);
  progress(`per inbox page: ${describeCosts(sql.stop(), 10)}`);
  report(result('scale.inbox', percentile(inboxMs, 99), 'ms (p99)', { on: 'value', op: '<=', bound: 5, text: 'ms' }));
  report(result('scale.inbox.page', percentile(pageMs, 99), 'ms (p99)', null));

  // Case read with timeline: three rounds, the figure is the median of their p99s (one stall of a busy machine should
  // not decide it).
  const ids = [...ds.samples, ...ds.pool.ids.slice(-50)];
  const readOnce = (id: string): number => {
    store.cases.get(id);
    const c = store.cases.get(id);
    const timeline = store.cases.events(id);
    store.cases.tasks(id);
    store.documents.list(id);
    if (!c) throw new Error(`case ${id} is missing`);
    return timeline.length;
  };
  for (let i = 0; i < 50; i++) readOnce(ids[i % ids.length]);
  const p99s: number[] = [], p50s: number[] = [], cpu: number[] = [];
  let evs = 0, descheduled = 0;
  for (let round = 0; round < 3; round++) {
    const readMs: number[] = [];
    for (let i = 0; i < n; i++) {
      const id = ids[Math.floor(rnd() * ids.length)];
      const c0 = process.cpuUsage();
      const t = performance.now();
      evs += readOnce(id);
      const wall = performance.now() - t;
      const c = process.cpuUsage(c0);
      const cpuMs = (c.user + c.system) / 1000;
      readMs.push(wall);
      cpu.push(cpuMs);
      // Wall time well above CPU time: the process was waiting (another process had the core, or the disk).
      if (wall - cpuMs > 1) descheduled++;
    }
    p99s.push(percentile(readMs, 99));
    p50s.push(percentile(readMs, 50));
  }
  const readP99 = percentile(p99s, 50);
  progress(`case read (${(evs / (3 * n)).toFixed(1)} events each): p50 ${percentile(p50s, 50).toFixed(3)} ms, p99 of 3 rounds ${p99s.map((x) => x.toFixed(3)).join(' / ')} ms; ${((100 * descheduled) / (3 * n)).toFixed(1)}% of reads waited > 1 ms beyond their CPU time (p99 of CPU time ${percentile(cpu, 99).toFixed(3)} ms)`);
  report(result('scale.case_read', readP99, 'ms (p99)', { on: 'value', op: '<=', bound: 2, text: 'ms' }));

  // Backtest: the province raises the urban minimum area (one edited resolution), re-judged on stored cases.
  const { bundle: before, files } = loadServed(bundleDir);
  const path = Object.keys(files).find((p) => p.endsWith(`${basename(bundleDir)}/resolutions.yaml`));
  if (!path) throw new Error('no province resolutions.yaml to edit');
  const edited = files[path].replace(/office\.min_area\.urban: \d+/, 'office.min_area.urban: 60');
  if (edited === files[path]) throw new Error('office.min_area.urban is not set in the province resolutions');
  const after = snapshotLoader(basename(dirname(bundleDir)))({ ...files, [path]: edited }, basename(bundleDir)).bundle;
  if (!after) throw new Error('the edited bundle does not load');
  const rule = 'office.min-area';
  const oldRule = before.rules.get(rule)!, newRule = after.rules.get(rule)!;
  const want = Math.min(quick ? 5_000 : 100_000, ds.byProcedure.relocation ?? 0);
  const tz = before.info.timeZone;
  const today = toJalaliDate(BENCH_NOW, tz);
  // Only the parts of each case the two rules read (CaseStore.scan): the data paths their logic names (analyze), mapped
  // to where the case's state keeps them, plus the date parameters are read on.
  const logicOf = (r: typeof oldRule) => [r.check, r.when, ...Object.values(r.values ?? {})].filter((x) => x !== undefined);
  const statePath = (v: string): string | undefined => {
    const [root, first] = v.split('.');
    if (root === 'input' || root === 'steps') return first ? `${root}.${first}` : root;
    if (root === 'subject') return first ? `subjectRecord.${first}` : 'subjectRecord';
    if (root === 'case') return ({ started_at: 'startedAt', judged_on: 'judgedOn' } as Record<string, string>)[first];
    return undefined; // form (no form at a start), now, today: not in the stored state
  };
  const paths = [...new Set(['judgedOn', ...[oldRule, newRule].flatMap(logicOf).flatMap((l) => analyze(l).vars).map(statePath).filter((p): p is string => p !== undefined)])];
  const t = performance.now();
  let judged = 0, changed = 0, failedBefore = 0, readMs = 0;
  let tr = performance.now();
  for (const { id, state: s } of store.cases.scan({ procedure: 'relocation', limit: want }, paths)) {
    readMs += performance.now() - tr;
    const data = {
      subject: s.subjectRecord ?? null, input: s.input ?? {}, steps: s.steps ?? {},
      case: { id, procedure: 'relocation', started_at: s.startedAt, judged_on: s.judgedOn }, now: BENCH_NOW, today,
    };
    const was = checkRule(oldRule, data, { bundle: before, asOf: s.judgedOn!, now: BENCH_NOW }).passed;
    const is = checkRule(newRule, data, { bundle: after, asOf: s.judgedOn!, now: BENCH_NOW }).passed;
    judged++;
    if (!was) failedBefore++;
    if (was !== is) changed++;
    tr = performance.now();
  }
  const ms = since(t);
  if (judged < want) throw new Error(`only ${judged} relocation cases found (wanted ${want})`);
  progress(`backtest of ${rule} on ${judged.toLocaleString('en')} cases (CaseStore.scan of ${paths.join(', ')}): ${ms.toFixed(0)} ms (reading ${readMs.toFixed(0)} ms, judging ${(ms - readMs).toFixed(0)} ms); ${changed.toLocaleString('en')} verdicts change (${failedBefore.toLocaleString('en')} failed before)`);
  report(result('scale.backtest', ms, 'ms', { on: 'value', op: '<=', bound: 2000, text: 'ms' }));

  // What one task completion costs in SQL at this size (explains the HTTP figures): 30 completions in process, on
  // open cases the HTTP run will not use (the end of the pool).
  const service = caseService(store, before, files, basename(bundleDir), () => `bench-${Math.random().toString(36).slice(2)}`);
  const cmd = { type: 'complete' as const, task: ds.pool.task, outcome: ds.pool.outcome, data: {}, actor: actorOf(BENCH_USER) };
  const tail = ds.pool.ids.slice(-30);
  sql.start();
  const tc = performance.now();
  for (const id of tail) service.command(id, ds.pool.version, cmd);
  const each = (performance.now() - tc) / tail.length;
  progress(`one task completion in process at this size: ${each.toFixed(1)} ms; ${describeCosts(sql.stop(), tail.length)}`);
  store.close();
});
