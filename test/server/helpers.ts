/** Test harness: a real server on 127.0.0.1 (port 0) over a real SQLite file in a temp dir, and a cookie-keeping client. */
import { afterAll, beforeAll } from 'vitest';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { manualClock } from '../../server/deps.js';
import { main, type MainOptions, type ServerHandle } from '../../server/main.js';
import { memoryTransport } from '../../server/scheduler/transport.js';
import { OpenApiChecker } from './openapi-check.js';

export const REPO = resolve(import.meta.dirname, '../..');
export const FIXTURES = join(import.meta.dirname, 'fixtures/defs');
export const ADMIN_PASSWORD = 'admin-password-1';
/** Cheap password hashing for tests (production uses DEFAULT_SCRYPT; the durability test checks that default). */
export const TEST_SCRYPT = { N: 1024, r: 8, p: 1 };
/** 1404-06-01 08:00 Tehran. */
export const T0 = '2025-08-23T04:30:00.000Z';

export interface TestEnv {
  dir: string;
  defs: string;
  db: string;
  clock: ReturnType<typeof manualClock>;
  transport: ReturnType<typeof memoryTransport>;
  server: ServerHandle;
  /** Every response of this env's clients is checked against the OpenAPI document (see openapi-check.ts). */
  openapi: OpenApiChecker;
  start(opts?: Partial<MainOptions>): Promise<ServerHandle>;
  restart(opts?: Partial<MainOptions>): Promise<ServerHandle>;
  client(): Client;
  cleanup(): Promise<void>;
}

export interface EnvSetup {
  /** The fixture bundle to serve (a folder of fixtures/defs, copied to the temp dir). Default: testprov. */
  bundle?: string;
  /** Serve this bundle folder in place instead of a fixture (nothing is copied; the tests must not publish). */
  definitionsDir?: string;
  /** The clock's start (default T0). */
  now?: string;
  /** Start the in-process server (default true; false for tests that run servers in child processes). */
  start?: boolean;
}

/** A temp dir with a copy of the fixture definitions and a fresh database; the server is started. */
export async function testEnv(opts: Partial<MainOptions> = {}, setup: EnvSetup = {}): Promise<TestEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'dabir-test-'));
  const defsRoot = join(dir, 'definitions');
  if (!setup.definitionsDir) cpSync(FIXTURES, defsRoot, { recursive: true });
  const env: TestEnv = {
    dir,
    defs: setup.definitionsDir ? resolve(REPO, setup.definitionsDir) : join(defsRoot, setup.bundle ?? 'testprov'),
    db: join(dir, 'data', 'dabir.db'),
    clock: manualClock(setup.now ?? T0),
    transport: memoryTransport(),
    server: undefined as unknown as ServerHandle,
    openapi: new OpenApiChecker(),
    async start(more = {}) {
      env.server = await main({
        port: 0, host: '127.0.0.1', dbFile: env.db, definitionsDir: env.defs, adminPassword: ADMIN_PASSWORD, clock: env.clock,
        log: pino({ level: 'silent' }), transport: env.transport, schedulerIntervalMs: 0, handleSignals: false, print: () => undefined, ...opts, ...more,
        config: { scrypt: TEST_SCRYPT, ...opts.config, ...more.config },
      });
      return env.server;
    },
    async restart(more = {}) {
      await env.server.close();
      return env.start(more);
    },
    client: () => new Client(() => env.server.url, env.openapi),
    async cleanup() {
      await env.server?.close();
      rmSync(dir, { recursive: true, force: true });
      // Every response the tests saw must match the document (status, Content-Type, body).
      const problems = [...new Set(env.openapi.take())];
      if (problems.length) throw new Error(`responses that do not match the OpenAPI document:\n${problems.join('\n')}`);
    },
  };
  if (setup.start !== false) await env.start();
  return env;
}

export interface Res<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** An HTTP client that keeps the session cookie and sends the CSRF token on writes. */
export class Client {
  cookie = '';
  csrf = '';
  constructor(
    private readonly base: () => string,
    /** When given, every response is checked against the OpenAPI document. */
    private readonly openapi?: OpenApiChecker,
  ) {}

  async req<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET' && h['x-csrf-token'] === undefined) h['x-csrf-token'] = this.csrf;
    let payload: BodyInit | undefined;
    if (body instanceof Uint8Array || typeof body === 'string') payload = body as BodyInit;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${this.base()}${path}`, { method, headers: h, body: payload, redirect: 'manual' });
    const set = res.headers.getSetCookie?.() ?? [];
    for (const c of set) if (c.startsWith('dabir.sid=')) this.cookie = c.split(';')[0];
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json')) parsed = text ? JSON.parse(text) : undefined;
    const out = { status: res.status, headers: res.headers, body: parsed as T, text };
    this.openapi?.check(method, path, out);
    return out;
  }

  get = <T = any>(path: string, headers?: Record<string, string>) => this.req<T>('GET', path, undefined, headers);
  post = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => this.req<T>('POST', path, body ?? {}, headers);
  put = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => this.req<T>('PUT', path, body ?? {}, headers);
  patch = <T = any>(path: string, body?: unknown) => this.req<T>('PATCH', path, body ?? {});
  del = <T = any>(path: string) => this.req<T>('DELETE', path);

  /** Fetches a CSRF token, then signs in. */
  async login(username: string, password: string): Promise<Res> {
    const t = await this.get('/api/auth/csrf');
    this.csrf = t.body.csrfToken;
    const res = await this.post('/api/auth/login', { username, password });
    if (res.status === 200) this.csrf = res.body.csrfToken;
    return res;
  }
}

/** Signs in as admin and creates a user with the given roles; returns a signed-in client for that user. */
export async function userWith(env: TestEnv, admin: Client, username: string, roles: string[], extra: Record<string, unknown> = {}): Promise<Client> {
  const password = `${username}-password-123`;
  const r = await admin.post('/api/users', { username, password, roles, name: username, ...extra });
  if (r.status !== 201) throw new Error(`user create failed: ${r.status} ${r.text}`);
  const c = env.client();
  const l = await c.login(username, password);
  if (l.status !== 200) throw new Error(`login failed: ${l.status} ${l.text}`);
  return c;
}

export async function adminClient(env: TestEnv): Promise<Client> {
  const c = env.client();
  const r = await c.login('admin', ADMIN_PASSWORD);
  if (r.status !== 200) throw new Error(`admin login failed: ${r.status} ${r.text}`);
  return c;
}

/** A test env with the administrator and one signed-in client per user, made before the suite's tests and cleaned up after. */
export interface SuiteEnv<U extends string> {
  env: TestEnv;
  admin: Client;
  users: Record<U, Client>;
}

/**
 * The preamble of a server suite, once: a fresh env (`opts`, `setup` as for {@link testEnv}), the administrator signed
 * in, and each of `users` (username → roles) created and signed in. Call at the top of a `describe`; read the fields
 * inside tests or hooks (they are set by the suite's first `beforeAll`).
 */
export function suiteEnv<U extends string>(users: Record<U, string[]>, opts: Partial<MainOptions> = {}, setup: EnvSetup = {}): SuiteEnv<U> {
  const s = { users: {} } as SuiteEnv<U>;
  beforeAll(async () => {
    s.env = await testEnv(opts, setup);
    s.admin = await adminClient(s.env);
    for (const [name, roles] of Object.entries(users) as [U, string[]][]) s.users[name] = await userWith(s.env, s.admin, name, roles);
  });
  afterAll(async () => s.env?.cleanup());
  return s;
}
