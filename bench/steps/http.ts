/**
 * HTTP figures, with the server and the load generator (this process, autocannon) in separate processes on 127.0.0.1,
 * 32 connections. The Dabir server runs on the large data set (build-dataset.ts), signed in as the bench user.
 *  scale.startup             spawn of the server process → first 200 from GET /api/health, at that size.
 *  http.complete_task        tasks completed per second: each request completes a distinct open task of a distinct
 *                            case (POST /api/cases/:id/tasks/:task/complete with its expected version).
 *  http.start_case           cases started per second (POST /api/cases, relocation: guards evaluated, the nearest
 *                            office looked up in the spatial index); one request in four is refused by a guard (422) —
 *                            refusals count, they are answers.
 *  *.p99                     the 99th-percentile latency of the same run.
 *  memory.rss                the server's resident memory after those runs.
 * Baseline: an Express hello-world JSON endpoint (POST, JSON body parsed) in its own process, measured right before
 * each Dabir figure with the same connections and duration.
 * With --diag (BENCH_DIAG=1), afterwards: both runs again after ANALYZE (the query planner with statistics), then
 * also with synchronous=NORMAL — to tell query-plan, fsync and CPU costs apart (informational rows diag.*).
 */
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from 'autocannon';
import Database from 'better-sqlite3';
import { loadServed } from '../lib/defs.js';
import { cannon, rssMiB, Session, startServer, type ServerProcess } from '../lib/http.js';
import { activeOffices, relocationInput } from '../lib/registry.js';
import { result, type Goal } from '../lib/result.js';
import { progress, report, runStep } from '../lib/step.js';
import type { Dataset } from './build-dataset.js';

const CONNECTIONS = 32;
const RATE_GOAL: Goal = { on: 'ratio', op: '>=', bound: 0.4 };
const P99_GOAL: Goal = { on: 'ratio', op: '<=', bound: 2 };
const HELLO = 'Express hello-world JSON endpoint, same run';

type Req = { method: string; path: string; body: string };

const summary = (r: Result, ok: number) =>
  `${Math.round(ok / r.duration).toLocaleString('en')}/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`;

const count = (r: Result, ...codes: string[]) => codes.reduce((a, c) => a + (r.statusCodeStats[c]?.count ?? 0), 0);

runStep(async ({ tmp, bundleDir, quick }) => {
  const ds = JSON.parse(readFileSync(join(tmp, 'scale', 'dataset.json'), 'utf8')) as Dataset;
  const duration = Number(process.env.BENCH_HTTP_SECONDS ?? (quick ? 3 : 8));
  const logFd = openSync(join(tmp, 'server.log'), 'a');
  const { bundle } = loadServed(bundleDir);
  const offices = activeOffices(bundle);
  const pool = ds.pool.ids;
  let next = 0;
  const completeBody = (id: string) => JSON.stringify({ expectedVersion: ds.pool.version, outcome: ds.pool.outcome, data: { file_no: `ب-${id.slice(-6)}`, documents_complete: true, notes: 'مدارک کامل است' } });
  const completeRequest = (): Req => {
    const id = pool[next++ % pool.length];
    return { method: 'POST', path: `/api/cases/${id}/tasks/${ds.pool.task}/complete`, body: completeBody(id) };
  };
  let started = 0;
  const startRequest = (): Req => {
    const i = started++;
    const office = offices[i % offices.length];
    const input = relocationInput(office, i, i % 4 === 3 ? 20 : undefined);
    return { method: 'POST', path: '/api/cases', body: JSON.stringify({ procedure: 'relocation', subject: String(office.id), input }) };
  };

  const hello = async (label: string): Promise<Result> => {
    const h = await startServer('hello-server', {}, '/hello');
    try {
      const opts = { url: `${h.url}/hello`, connections: CONNECTIONS, method: 'POST', headers: { 'content-type': 'application/json' }, body: completeBody(pool[0]) };
      await cannon({ ...opts, duration: 1 });
      const r = await cannon({ ...opts, duration });
      progress(`baseline for ${label}: ${summary(r, r['2xx'])}`);
      return r;
    } finally {
      await h.stop();
    }
  };

  const dabirRun = (server: ServerProcess, session: Session, make: () => Req) =>
    cannon({
      url: server.url, connections: CONNECTIONS, duration, timeout: 60, headers: session.headers(),
      requests: [{ setupRequest: (req) => ({ ...req, ...make() }) }],
    });

  const startDabir = (extra: Record<string, string> = {}) =>
    startServer('dabir-server', { BENCH_DB: ds.file, BENCH_BUNDLE_DIR: bundleDir, ...extra }, '/api/health', logFd);

  let server: ServerProcess | undefined;
  try {
    server = await startDabir();
    progress(`server started on ${ds.cases.toLocaleString('en')} cases in ${Math.round(server.startupMs)} ms`);
    report(result('scale.startup', server.startupMs, 'ms', { on: 'value', op: '<=', bound: 2000, text: 'ms' }));
    const session = new Session(server.url);
    await session.login(ds.bench.username, ds.bench.password);
    // Warm-up, and a check that both requests do what they should.
    for (let i = 0; i < 20; i++) {
      const c = completeRequest();
      const r = await session.req('POST', c.path, JSON.parse(c.body));
      if (r.status !== 200) throw new Error(`completing a task failed: ${r.status} ${JSON.stringify(r.body).slice(0, 400)}`);
      const s = startRequest();
      const q = await session.req('POST', s.path, JSON.parse(s.body));
      if (q.status !== 201 && q.status !== 422) throw new Error(`starting a case failed: ${q.status} ${JSON.stringify(q.body).slice(0, 400)}`);
    }

    const h1 = await hello('complete_task');
    const c = await dabirRun(server, session, completeRequest);
    const completed = count(c, '200');
    progress(`complete_task: ${summary(c, completed)}${next > pool.length ? ' (the pool of open tasks ran out: later requests were 409s)' : ''}`);
    report(result('http.complete_task', completed / c.duration, 'tasks/s', RATE_GOAL, { name: HELLO, value: h1['2xx'] / h1.duration }));
    report(result('http.complete_task.p99', c.latency.p99, 'ms', P99_GOAL, { name: `${HELLO} (p99)`, value: h1.latency.p99 }));

    const h2 = await hello('start_case');
    const s = await dabirRun(server, session, startRequest);
    const answered = count(s, '201', '422');
    progress(`start_case: ${summary(s, answered)} (${count(s, '201')} started, ${count(s, '422')} refused by a guard)`);
    report(result('http.start_case', answered / s.duration, 'cases/s', RATE_GOAL, { name: HELLO, value: h2['2xx'] / h2.duration }));
    report(result('http.start_case.p99', s.latency.p99, 'ms', P99_GOAL, { name: `${HELLO} (p99)`, value: h2.latency.p99 }));

    const mem = rssMiB(server.child.pid!);
    progress(`server memory after the runs: RSS ${mem.rss.toFixed(0)} MiB (peak ${mem.peak.toFixed(0)} MiB)`);
    report(result('memory.rss', mem.rss, 'MiB', { on: 'value', op: '<=', bound: 300, text: 'MiB' }));
    await server.stop();
    server = undefined;

    // Diagnostics (--diag): the same requests once the query planner has statistics (ANALYZE), then also without an
    // fsync per commit (synchronous=NORMAL: survives kill -9, not a power cut).
    if (process.env.BENCH_DIAG === '1') {
      const t = performance.now();
      const db = new Database(ds.file);
      db.exec('ANALYZE');
      db.close();
      progress(`diagnostic — ANALYZE of the database took ${Math.round(performance.now() - t)} ms`);
      for (const sync of ['FULL', 'NORMAL']) {
        server = await startDabir({ BENCH_SYNCHRONOUS: sync });
        const diag = new Session(server.url);
        await diag.login(ds.bench.username, ds.bench.password);
        const tag = sync === 'FULL' ? 'analyzed' : 'analyzed_sync_normal';
        const d = await dabirRun(server, diag, completeRequest);
        progress(`diagnostic (${tag}) — complete_task: ${summary(d, count(d, '200'))}`);
        report(result(`diag.complete_task.${tag}`, count(d, '200') / d.duration, 'tasks/s', null, { name: HELLO, value: h1['2xx'] / h1.duration }));
        const e = await dabirRun(server, diag, startRequest);
        progress(`diagnostic (${tag}) — start_case: ${summary(e, count(e, '201', '422'))}`);
        report(result(`diag.start_case.${tag}`, count(e, '201', '422') / e.duration, 'cases/s', null, { name: HELLO, value: h2['2xx'] / h2.duration }));
        await server.stop();
        server = undefined;
      }
    }
  } finally {
    await server?.stop();
    closeSync(logFd);
  }
});
