/** Shared by the reliability tests and scripts: a workspace with the fixture definitions, and a server child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_PASSWORD, Client, FIXTURES } from '../server/helpers.js';

export { ADMIN_PASSWORD, Client, FIXTURES };

const CHILD = join(import.meta.dirname, 'fixtures/serve-child.ts');

export interface Workspace {
  dir: string;
  /** The served bundle folder (its parent holds the bundles it extends). */
  defs: string;
  db: string;
  cleanup(): void;
}

/** A temp dir holding a copy of the fixture definitions and the path of a database not yet created. */
export function workspace(prefix = 'dabir-rel-'): Workspace {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(FIXTURES, join(dir, 'definitions'), { recursive: true });
  return { dir, defs: join(dir, 'definitions', 'testprov'), db: join(dir, 'data', 'dabir.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ChildServer {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Resolves when the process has exited (with its signal). */
  exited: Promise<NodeJS.Signals | number | null>;
  /** SIGKILL, then wait for the exit. */
  kill(): Promise<void>;
  /** Everything the child wrote on stderr so far. */
  stderr(): string;
}

/** A server child process being started: `ready` resolves when it listens; `kill` works at any moment. */
export interface Launch {
  ready: Promise<ChildServer>;
  kill(): Promise<void>;
}

/** Starts serve-child.ts on `ws` without waiting for it. */
export function launchServer(ws: Pick<Workspace, 'db' | 'defs'>, env: Record<string, string> = {}): Launch {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, DABIR_DB: ws.db, DABIR_DEFINITIONS: ws.defs, DABIR_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((ok) => child.once('exit', (code, signal) => ok(signal ?? code)));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  const ready = new Promise<ChildServer>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /URL (\S+)/.exec(out);
      if (m) ok({ child, pid: child.pid!, url: m[1], exited, stderr: () => err, kill });
    });
    void exited.then((how) => fail(new Error(`server exited (${String(how)}) before listening:\n${err}`)));
  });
  return { ready, kill };
}

/** Starts serve-child.ts on `ws`; resolves when it prints its URL (rejects if it exits first). */
export function spawnServer(ws: Pick<Workspace, 'db' | 'defs'>, env: Record<string, string> = {}): Promise<ChildServer> {
  return launchServer(ws, env).ready;
}

/** Resident set size of a process in bytes (Linux /proc; 0 elsewhere). */
export function rssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** A small seeded PRNG (mulberry32), so a failing run can be replayed with its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Signs in a new user with `roles` (created by `admin`); returns the signed-in client. */
export async function signIn(base: () => string, admin: Client, username: string, roles: string[]): Promise<Client> {
  const password = `${username}-password-123`;
  const r = await admin.post('/api/users', { username, password, roles, name: username });
  if (r.status !== 201) throw new Error(`user create failed: ${r.status} ${r.text}`);
  const c = new Client(base);
  const l = await c.login(username, password);
  if (l.status !== 200) throw new Error(`login failed: ${l.status} ${l.text}`);
  return c;
}

export async function adminAt(base: () => string): Promise<Client> {
  const c = new Client(base);
  const r = await c.login('admin', ADMIN_PASSWORD);
  if (r.status !== 200) throw new Error(`admin login failed: ${r.status} ${r.text}`);
  return c;
}

/** p-th percentile (0..100) of a sorted array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
