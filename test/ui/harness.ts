/**
 * Browser-test harness: a real Dabir server on 127.0.0.1 over a temp SQLite file and a temp copy of the definitions —
 * serving the built UI (ui/dist) itself, with its index.html fallback — and a headless Debian Chromium driven by
 * playwright-core (never downloaded).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { main, type ServerHandle } from '../../server/main.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DIST = join(ROOT, 'ui/dist');
export const ADMIN_PASSWORD = 'admin-ui-password-1';
export const CHROMIUM = process.env.DABIR_CHROMIUM ?? '/usr/bin/chromium';

/** The newest modification time of the UI's sources. */
function newestSource(dir = join(ROOT, 'ui')): number {
  let newest = 0;
  for (const f of readdirSync(dir)) {
    if (f === 'dist' || f === 'node_modules') continue;
    const p = join(dir, f);
    const st = statSync(p);
    newest = Math.max(newest, st.isDirectory() ? newestSource(p) : st.mtimeMs);
  }
  return newest;
}

/** Builds ui/dist unless it is newer than every source (DABIR_UI_REBUILD=1 forces a build). */
export function ensureBuilt(): void {
  // Test files run in parallel: one builds while the others wait on a lock directory (mkdir is atomic).
  const lock = join(tmpdir(), 'dabir-ui-build.lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const st = statSync(lock, { throwIfNoEntry: false });
      if (st && Date.now() - st.mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    const index = join(DIST, 'index.html');
    if (existsSync(index) && statSync(index).mtimeMs >= newestSource() && process.env.DABIR_UI_REBUILD !== '1') return;
    const r = spawnSync('npx', ['vite', 'build', '--config', 'ui/vite.config.ts', '--logLevel', 'error'], {
      cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' },
    });
    if (r.status !== 0) throw new Error('vite build failed');
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface UiEnv {
  dir: string;
  server: ServerHandle;
  /** Where the browser goes: the server, which serves the UI and the API on one origin. */
  base: string;
  context: BrowserContext;
  page: Page;
  /** Console errors and warnings of the page (for failure messages). */
  logs: string[];
  /**
   * Everything that went wrong in the browser since the last `assertClean`: console errors and warnings, page errors,
   * failed requests and answers of 400 or more — each as one line. Tests call `assertClean()` after each step
   * (`afterEach`), so a page that logs an error or asks for something that fails fails its test.
   */
  problems: string[];
  /**
   * Declares a problem the current test expects (a refusal the server must answer with, say 422): a request whose
   * method and path match, answered with that status, and the console line Chromium logs for it, are not problems.
   * Cleared by `assertClean`.
   */
  allowProblem(status: number, path: RegExp | string, method?: string): void;
  /** Fails when `problems` holds anything not allowed; then clears both lists. */
  assertClean(): void;
  /** Creates a user with roles through the API (as admin). */
  createUser(username: string, roles: string[]): Promise<string>;
  /** A signed-in API client for a user (cookie and CSRF kept), for setting up data. */
  apiAs(username: string, password: string): Promise<(method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>>;
  close(): Promise<void>;
}

/** Starts everything for one test file. */
export async function startUi(): Promise<UiEnv> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium, or set DABIR_CHROMIUM to a Chromium binary`);
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'dabir-ui-'));
  cpSync(join(ROOT, 'definitions'), join(dir, 'definitions'), { recursive: true });
  process.env.DABIR_DB = join(dir, 'dabir.db');
  process.env.DABIR_ADMIN_PASSWORD = ADMIN_PASSWORD;
  const server = await main({
    port: 0, host: '127.0.0.1', dbFile: join(dir, 'dabir.db'), definitionsDir: join(dir, 'definitions/ardabil'), adminPassword: ADMIN_PASSWORD,
    log: pino({ level: 'silent' }), schedulerIntervalMs: 0, handleSignals: false, print: () => undefined, config: { uiDir: DIST },
  });
  const base = server.url;
  const profile = mkdtempSync(join(tmpdir(), 'dabir-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1360, height: 900 },
    locale: 'fa-IR',
    timezoneId: 'Asia/Tehran',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const logs: string[] = [];
  const problems: string[] = [];
  let allowed: { status: number; path: RegExp | string; method?: string }[] = [];
  /** Console lines Chromium logs for failed answers (judged at `assertClean`, once the answers are known). */
  let resourceLines: string[] = [];
  let allowedAnswers = 0;
  const isAllowed = (status: number, url: string, method: string) => {
    const path = new URL(url).pathname;
    return allowed.some((a) => a.status === status && (!a.method || a.method === method) && (typeof a.path === 'string' ? path.startsWith(a.path) : a.path.test(path)));
  };
  page.on('console', (m) => {
    if (m.type() !== 'error' && m.type() !== 'warning') return;
    logs.push(`${m.type()}: ${m.text()}`);
    if (/^Failed to load resource: the server responded with a status of \d+/.test(m.text())) resourceLines.push(m.text());
    else problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => {
    logs.push(`pageerror: ${e.message}`);
    problems.push(`page error: ${e.message}`);
  });
  page.on('requestfailed', (r) => {
    // A fetch the page itself aborted (leaving a page mid-request) is not a failure.
    if (r.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.method()} ${r.url()} (${r.failure()?.errorText ?? '?'})`);
  });
  page.on('response', (r) => {
    if (r.status() < 400) return;
    if (isAllowed(r.status(), r.url(), r.request().method())) allowedAnswers++;
    else problems.push(`answer ${r.status()}: ${r.request().method()} ${r.url()}`);
  });

  /** Signs in through the API like the UI does (the CSRF token of the visit, then of the session) → a fetcher. */
  const apiAs = async (username: string, password: string) => {
    const first = await fetch(`${server.url}/api/auth/csrf`);
    let cookie = (first.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': ((await first.json()) as { csrfToken: string }).csrfToken },
      body: JSON.stringify({ username, password }),
    });
    if (login.status !== 200) throw new Error(`signing in ${username}: ${login.status} ${await login.text()}`);
    const set = login.headers.getSetCookie?.() ?? [];
    if (set.length) cookie = set.map((c) => c.split(';')[0]).join('; ');
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    return async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${server.url}/api${path}`, {
        method, headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
    };
  };

  return {
    dir, server, base, context, page, logs, problems, apiAs,
    allowProblem(status, path, method) {
      allowed.push({ status, path, method });
    },
    assertClean() {
      // Each allowed failed answer accounts for one of Chromium's "Failed to load resource" lines.
      const found = [...problems, ...resourceLines.slice(allowedAnswers).map((l) => `console error: ${l}`)];
      problems.length = 0;
      resourceLines = [];
      allowedAnswers = 0;
      allowed = [];
      if (found.length) throw new Error(`the browser reported problems:\n${found.join('\n')}`);
    },
    async createUser(username, roles) {
      const password = `${username}-password-1`;
      const res = await (await apiAs('admin', ADMIN_PASSWORD))('POST', '/users', { username, password, roles, name: username });
      if (res.status !== 201) throw new Error(`creating ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      return password;
    },
    async close() {
      await context.close().catch(() => undefined);
      await server.close();
      rmSync(dir, { recursive: true, force: true });
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Where screenshots go: docs/screenshots when DABIR_SCREENSHOTS=1 (to refresh the README's pictures), otherwise a
 * temporary folder, so an ordinary test run leaves the working tree untouched.
 */
export const SCREENSHOTS = process.env.DABIR_SCREENSHOTS === '1' ? join(ROOT, 'docs/screenshots') : join(tmpdir(), 'dabir-screenshots');

/** Saves a full-page screenshot of the page as <name>.png in SCREENSHOTS. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Signs out through the header button. */
export async function logout(page: Page): Promise<void> {
  await page.locator('dabir-app header button', { hasText: /خروج|Sign out/ }).click();
  await page.locator('dabir-login #username').waitFor();
}

/** Signs in through the login page. */
export async function login(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/#/login`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.locator('dabir-inbox h1').waitFor();
}

/**
 * Chooses a record in a record picker (`dabir-ref-picker`) as a person does: types part of its title into the input
 * (`input` is a selector or a locator of the picker's input), waits for the suggestions and clicks the one whose text
 * contains `title`.
 */
export async function pickRecord(page: Page, input: string | Locator, typed: string, title = typed): Promise<void> {
  const field = typeof input === 'string' ? page.locator(input) : input;
  await field.click();
  await field.fill(typed);
  const picker = field.locator('xpath=ancestor::dabir-ref-picker[1]');
  const option = picker.locator('[role=option]', { hasText: title }).first();
  await option.waitFor();
  await option.click();
}
