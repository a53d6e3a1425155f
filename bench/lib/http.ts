/** Helpers of the HTTP step: server processes, a cookie-keeping client, autocannon runs, process memory. */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon, { type Options, type Result } from 'autocannon';

const SERVERS = fileURLToPath(new URL('../servers/', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** Milliseconds from the spawn to the first 200 from the health URL. */
  startupMs: number;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** Starts bench/servers/<name>.ts under tsx and waits for `healthPath` to answer 200. */
export async function startServer(name: string, env: Record<string, string>, healthPath: string, logFile?: number): Promise<ServerProcess> {
  const t0 = performance.now();
  const child = fork(`${SERVERS}${name}.ts`, [], {
    // BENCH_CPU_PROF=<dir>: the Dabir server writes a V8 CPU profile there on exit (scripts/cpu-budget.ts reads it).
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF && name === 'dabir-server' ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    env: { ...process.env, ...env },
    stdio: ['ignore', logFile ?? 'ignore', logFile ?? 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const port = await new Promise<number>((ok, fail) => {
    child.on('message', (m: { type?: string; port?: number }) => m.type === 'listening' && m.port && ok(m.port));
    child.once('exit', (code) => fail(new Error(`${name} exited with ${code} before listening`)));
  });
  const url = `http://127.0.0.1:${port}`;
  // The port is known once the server listens; poll health from then on (the IPC message itself costs ~nothing).
  let startupMs = 0;
  for (let i = 0; i < 2000; i++) {
    try {
      const r = await fetch(`${url}${healthPath}`, { method: healthPath === '/hello' ? 'POST' : 'GET', headers: { 'content-type': 'application/json' }, body: healthPath === '/hello' ? '{}' : undefined });
      await r.arrayBuffer();
      if (r.status === 200) {
        startupMs = performance.now() - t0;
        break;
      }
    } catch {
      // not yet
    }
    await sleep(2);
  }
  return {
    child, port, url, startupMs,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
    },
  };
}

/** Resident set size of a process in MiB (Linux /proc). */
export function rssMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Runs autocannon and resolves with its result. */
export function cannon(opts: Options): Promise<Result> {
  return new Promise((ok, fail) => {
    autocannon(opts, (err, res) => (err ? fail(err) : ok(res)));
  });
}

/** A client that keeps the session cookie and the CSRF token, like a browser. */
export class Session {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}

  async req(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const res = await fetch(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const c of res.headers.getSetCookie()) if (c.startsWith('dabir.sid=')) this.cookie = c.split(';')[0];
    const text = await res.text();
    return { status: res.status, body: text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
  }

  async login(username: string, password: string): Promise<void> {
    const t = await this.req('GET', '/api/auth/csrf');
    this.csrf = t.body.csrfToken;
    const r = await this.req('POST', '/api/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login as ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
    this.csrf = r.body.csrfToken;
  }

  /** The headers autocannon sends to act as this session. */
  headers(): Record<string, string> {
    return { 'content-type': 'application/json', cookie: this.cookie, 'x-csrf-token': this.csrf };
  }
}
