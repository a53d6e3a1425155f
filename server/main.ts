/**
 * Starting the server: read the environment, open and migrate the database, load the definitions, seed the sample
 * registry and the first administrator, start the scheduler, listen; stop gracefully on SIGTERM/SIGINT.
 *
 *   PORT (3000) · HOST (0.0.0.0) · DABIR_DB (data/dabir.db)
 *   DABIR_DEFINITIONS (default: the one bundle under definitions/ that no other bundle extends)
 *   DABIR_ADMIN_PASSWORD (else a random one, printed once) · DABIR_SESSION_SECRET (else one kept in the database)
 *   DABIR_SECURE_COOKIES=1 (behind HTTPS) · DABIR_TRUST_PROXY (hops) · LOG_LEVEL (info)
 *   DABIR_TILES_URL (a map tile server, e.g. https://tile.example/{z}/{x}/{y}.png) · DABIR_TILES_ATTRIBUTION (its credit)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import pino, { type Logger } from 'pino';
import { createApp, type DabirApp } from './app.js';
import { ADMIN } from './auth/middleware.js';
import { DEFAULT_SCRYPT, hashPassword, randomPassword } from './auth/password.js';
import { defaultBundleDir } from './bundles/files.js';
import { snapshotLoader } from './bundles/loader.js';
import { BundleRegistry } from './bundles/registry.js';
import { systemClock, type AppDeps, type Clock, type ServerConfig } from './deps.js';
import { evolve } from './engine.js';
import { activateAtStartup } from './publish/startup.js';
import { pointOf } from './registry/records.js';
import { logTransport, type NotificationTransport } from './scheduler/transport.js';
import { sqliteStore } from './store/index.js';
import { tilesFromEnv } from './tiles.js';

const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface MainOptions {
  port?: number;
  host?: string;
  dbFile?: string;
  definitionsDir?: string;
  adminPassword?: string;
  clock?: Clock;
  log?: Logger;
  transport?: NotificationTransport;
  /** Scheduler period in ms; 0 disables the timer (tests call `tick()` themselves). */
  schedulerIntervalMs?: number;
  config?: Partial<ServerConfig>;
  /** Install SIGTERM/SIGINT handlers (default: true). */
  handleSignals?: boolean;
  /** Where the one-time administrator password is printed (default: stdout). */
  print?: (line: string) => void;
  newId?: () => string;
}

export interface ServerHandle extends DabirApp {
  deps: AppDeps;
  server: Server;
  port: number;
  url: string;
  /** Stops accepting requests, waits for those in flight and for the scheduler, closes the database. */
  close(): Promise<void>;
}

/** Starts a server; resolves once it listens. */
export async function main(opts: MainOptions = {}): Promise<ServerHandle> {
  const env = process.env;
  const log = opts.log ?? pino({ level: env.LOG_LEVEL ?? 'info' });
  const print = opts.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const clock = opts.clock ?? systemClock;
  const dbFile = resolve(opts.dbFile ?? env.DABIR_DB ?? resolve(PACKAGE_ROOT, 'data/dabir.db'));
  const definitionsDir = resolve(opts.definitionsDir ?? env.DABIR_DEFINITIONS ?? defaultBundleDir(resolve(PACKAGE_ROOT, 'definitions')));
  const store = sqliteStore(dbFile, evolve);

  try {
    const root = dirname(definitionsDir);
    const bundles = new BundleRegistry(store.bundles, snapshotLoader(basename(root)), basename(definitionsDir));
    const sessionSecret = env.DABIR_SESSION_SECRET ?? store.meta.get('session_secret') ?? (() => {
      const s = randomBytes(32).toString('hex');
      store.meta.set('session_secret', s);
      return s;
    })();
    const config: ServerConfig = {
      maxUploadBytes: 10 * 1024 * 1024,
      loginLimit: { windowMs: 15 * 60_000, limit: 20 },
      secureCookies: env.DABIR_SECURE_COOKIES === '1',
      sessionSecret,
      sessionMaxAgeMs: 8 * 3_600_000,
      definitionsDir,
      trustProxy: env.DABIR_TRUST_PROXY ? Number(env.DABIR_TRUST_PROXY) : false,
      scrypt: DEFAULT_SCRYPT,
      uiDir: resolve(PACKAGE_ROOT, 'ui/dist'),
      tiles: tilesFromEnv(env),
      ...opts.config,
    };
    const deps: AppDeps = { store, bundles, clock, log, transport: opts.transport ?? logTransport(log), config, newId: opts.newId ?? randomUUID };
    const dabir = createApp(deps);
    const { services } = dabir;

    // Definitions: the disk is the truth once it passes the checks of a publish; else the last published version.
    const bundle = activateAtStartup(deps, services.publisher);

    // Seed the sample registry once.
    if (!store.meta.get('seeded')) {
      const now = clock.now().toISOString();
      store.tx(() => {
        for (const [entity, records] of Object.entries(bundle.registry)) {
          const def = bundle.entities.get(entity);
          for (const rec of records) store.entities.put(entity, String(rec[def?.key ?? 'id']), rec, now, pointOf(def, rec));
        }
        store.meta.set('seeded', bundle.hash);
      });
    }

    // The first administrator.
    if (store.users.count() === 0) {
      const given = opts.adminPassword ?? env.DABIR_ADMIN_PASSWORD;
      const password = given ?? randomPassword();
      const now = clock.now().toISOString();
      store.users.create({ id: randomUUID(), username: 'admin', name: 'مدیر سامانه', roles: [ADMIN], disabled: false, createdAt: now, updatedAt: now, passwordHash: await hashPassword(password, config.scrypt) });
      print(given ? 'Administrator created: username "admin", password from DABIR_ADMIN_PASSWORD.' : `Administrator created: username "admin", password "${password}" (shown once; change it after signing in).`);
    }

    // Jobs postponed because their case's definition version did not load are tried again at once: a new release of
    // the engine (the only thing that changes whether a stored version loads) may read it now.
    services.scheduler.resumePostponed();
    services.scheduler.planTriggers();
    const interval = opts.schedulerIntervalMs ?? 30_000;
    if (interval > 0) {
      services.scheduler.start(interval);
      void services.scheduler.tick().catch((err) => log.error({ err }, 'first tick failed'));
    }

    // Expired sessions, and start-form uploads never used, are deleted hourly.
    const pruner = setInterval(() => {
      dabir.sessions.prune();
      store.documents.pruneStaged(clock.now().toISOString());
    }, 3_600_000);
    pruner.unref();

    const port = opts.port ?? (env.PORT ? Number(env.PORT) : 3000);
    const host = opts.host ?? env.HOST ?? '0.0.0.0';
    const server = await new Promise<Server>((ok, fail) => {
      const s = dabir.app.listen(port, host, () => ok(s));
      s.once('error', fail);
    });
    const actual = (server.address() as AddressInfo).port;
    const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${actual}`;
    print(`Dabir serves ${bundle.info.name.fa} (${bundle.info.id}, ${bundle.hash.slice(0, 12)}) on ${url} — API ${url}/api, docs ${url}/docs`);

    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        services.scheduler.stop();
        clearInterval(pruner);
        // Live-update streams never end by themselves: end them, so the server can close at once.
        services.events.closeAll();
        // No new connections; requests in flight finish. A keep-alive connection is dropped as soon as it is idle
        // (swept every 50 ms, since one that was busy at the start becomes idle later); busy ones after a grace period.
        const force = setTimeout(() => server.closeAllConnections?.(), 5_000);
        const sweep = setInterval(() => server.closeIdleConnections?.(), 50);
        force.unref();
        sweep.unref();
        await new Promise<void>((ok) => {
          server.close(() => ok());
          server.closeIdleConnections?.();
        });
        clearTimeout(force);
        clearInterval(sweep);
        await services.scheduler.idle();
        // Last: the database (checkpointing the WAL into the main file, so a clean stop leaves one self-contained file).
        store.close();
      })());

    if (opts.handleSignals !== false) {
      const onSignal = (sig: NodeJS.Signals) => {
        log.info({ signal: sig }, 'shutting down');
        close().then(
          () => process.exit(0),
          (err: unknown) => {
            log.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
    }
    return { ...dabir, deps, server, port: actual, url, close };
  } catch (err) {
    store.close();
    throw err;
  }
}
