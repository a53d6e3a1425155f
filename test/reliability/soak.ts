/**
 * The soak: steady mixed load (reads, what-ifs, diagrams, case starts and task completions) with bounded concurrency
 * against a server child process on 127.0.0.1. Every period it reports requests, errors, latency p50/p99 and the
 * server's RSS; at the end it fits a line to the RSS samples after warm-up and flags a growth trend. Any non-2xx answer
 * is an error. Shared by `npm run soak` (scripts/soak.ts) and the short CI form.
 */
import { adminAt, type Client, percentile, rssBytes, signIn, spawnServer, workspace } from './harness.js';

export interface SoakOptions {
  seconds: number;
  /** Reporting period (60 s for the command, a few seconds in CI). */
  periodMs?: number;
  concurrency?: number;
  /** Fraction of the run ignored by the trend (warm-up). */
  warmup?: number;
  /** A growth above this many MB per minute after warm-up is flagged. */
  maxGrowthMbPerMin?: number;
  log?: (line: string) => void;
}

export interface Period {
  index: number;
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  rssMb: number;
}

export interface SoakReport {
  periods: Period[];
  requests: number;
  errors: number;
  /** The first few error answers (status method path: body). */
  errorSamples: string[];
  p50: number;
  p99: number;
  rssStartMb: number;
  rssEndMb: number;
  /** Slope of the RSS after warm-up, MB per minute, and the fit's r². */
  growthMbPerMin: number;
  r2: number;
  flagged: boolean;
  seconds: number;
}

/** Least-squares line through (x, y): slope and r². */
export function linearFit(xs: number[], ys: number[]): { slope: number; r2: number } {
  const n = xs.length;
  if (n < 3) return { slope: 0, r2: 0 };
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  if (sxx === 0) return { slope: 0, r2: 0 };
  const slope = sxy / sxx;
  return { slope, r2: syy === 0 ? 0 : (sxy * sxy) / (sxx * syy) };
}

const MB = 1024 * 1024;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export async function runSoak(opts: SoakOptions): Promise<SoakReport> {
  const log = opts.log ?? (() => undefined);
  const periodMs = opts.periodMs ?? 60_000;
  const concurrency = opts.concurrency ?? 8;
  const warmup = opts.warmup ?? 0.25;
  const maxGrowth = opts.maxGrowthMbPerMin ?? 2;
  const ws = workspace('dabir-soak-');
  const server = await spawnServer(ws, { RELIABILITY_SCHEDULER_MS: '1000' });
  const base = () => server.url;
  const t0 = Date.now();
  const samples: { t: number; rss: number }[] = [];
  const periods: Period[] = [];
  const all: number[] = [];
  let current: number[] = [];
  let currentErrors = 0;
  let errors = 0;
  const errorSamples: string[] = [];
  try {
    const admin = await adminAt(base);
    const clerk = await signIn(base, admin, 'clerk1', ['clerk']);
    const board = await signIn(base, admin, 'board1', ['board']);
    const rssStart = rssBytes(server.pid);

    const timed = async (c: Client, method: string, path: string, body?: unknown) => {
      const s = performance.now();
      const r = await c.req(method, path, body);
      const ms = performance.now() - s;
      current.push(ms);
      all.push(ms);
      if (r.status >= 400) {
        errors++;
        currentErrors++;
        if (errorSamples.length < 10) errorSamples.push(`${r.status} ${method} ${path}: ${r.text.slice(0, 200)}`);
      }
      return r;
    };

    /** One worker's cases: it alone writes to them, so no answer is a legitimate 409. */
    const worker = async (w: number, stop: { now: boolean }) => {
      const mine: { id: string; version: number; task?: string; step?: string }[] = [];
      const loc = { lat: 38.4 + w * 0.05, lon: 48.5 };
      for (let i = 0; !stop.now; i++) {
        const x = Math.random();
        if (x < 0.25) await timed(clerk, 'GET', '/api/inbox?limit=20');
        else if (x < 0.35) await timed(admin, 'GET', '/api/cases?limit=20');
        else if (x < 0.45 && mine.length) await timed(board, 'GET', `/api/cases/${mine[mine.length - 1].id}`);
        else if (x < 0.55) await timed(clerk, 'POST', '/api/procedures/move/what-if', { subject: 'o1', input: { area: 20 + (i % 60), location: loc } });
        else if (x < 0.6) await timed(clerk, 'GET', '/api/procedures/move/diagram?lang=en');
        else if (x < 0.65) await timed(clerk, 'GET', '/api/parameters');
        else if (x < 0.8 || mine.length === 0) {
          const r = await timed(clerk, 'POST', '/api/cases', { procedure: 'move', subject: w % 2 ? 'o1' : 'o2', input: { area: 50, location: w % 2 ? { lat: 38.4, lon: 48.5 } : { lat: 38.7, lon: 48.9 } } });
          if (r.status === 201) mine.push({ id: r.body.id, version: r.body.version, task: r.body.openTasks[0]?.id, step: r.body.openTasks[0]?.step });
        } else {
          const k = mine.find((m) => m.task);
          if (!k) continue;
          const who = k.step === 'review' ? clerk : board;
          const r = await timed(who, 'POST', `/api/cases/${k.id}/tasks/${k.task}/complete`, {
            expectedVersion: k.version, outcome: k.step === 'review' ? 'accept' : 'reject', data: k.step === 'review' ? {} : { note: 'soak' },
          });
          if (r.status === 200) {
            k.version = r.body.version;
            k.task = r.body.openTasks[0]?.id;
            k.step = r.body.openTasks[0]?.step;
          } else k.task = undefined;
          // Finished cases leave the worker's list, so its memory stays flat too.
          if (!k.task) mine.splice(mine.indexOf(k), 1);
        }
        if (mine.length > 50) mine.shift();
      }
    };

    const stop = { now: false };
    const sampler = setInterval(() => samples.push({ t: Date.now() - t0, rss: rssBytes(server.pid) }), 1000);
    const reporter = setInterval(() => {
      const sorted = [...current].sort((a, b) => a - b);
      const p: Period = { index: periods.length + 1, requests: sorted.length, errors: currentErrors, p50: round(percentile(sorted, 50), 2), p99: round(percentile(sorted, 99), 2), rssMb: round(rssBytes(server.pid) / MB) };
      periods.push(p);
      current = [];
      currentErrors = 0;
      log(`${periodMs >= 60_000 ? 'minute' : 'period'} ${p.index}: ${p.requests} requests, ${p.errors} errors, p50 ${p.p50} ms, p99 ${p.p99} ms, rss ${p.rssMb} MB`);
    }, periodMs);
    const workers = Array.from({ length: concurrency }, (_, w) => worker(w, stop));
    await new Promise((ok) => setTimeout(ok, opts.seconds * 1000));
    stop.now = true;
    await Promise.all(workers);
    clearInterval(sampler);
    clearInterval(reporter);

    const after = samples.filter((s) => s.t >= warmup * opts.seconds * 1000);
    const fit = linearFit(after.map((s) => s.t / 60_000), after.map((s) => s.rss / MB));
    const sorted = all.sort((a, b) => a - b);
    const growth = round(fit.slope, 2);
    // A trend is a steady climb (a good fit), not the noise of the garbage collector.
    const flagged = growth > maxGrowth && fit.r2 > 0.5;
    return {
      periods, requests: sorted.length, errors, errorSamples, p50: round(percentile(sorted, 50), 2), p99: round(percentile(sorted, 99), 2),
      rssStartMb: round(rssStart / MB), rssEndMb: round(rssBytes(server.pid) / MB), growthMbPerMin: growth, r2: round(fit.r2, 2), flagged,
      seconds: round((Date.now() - t0) / 1000),
    };
  } finally {
    await server.kill();
    ws.cleanup();
  }
}
