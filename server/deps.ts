/** What the server is built from: the store, the bundles, the clock and the adapters. Tests substitute any of them. */
import type { Logger } from 'pino';
import type { ScryptParams } from './auth/password.js';
import type { BundleRegistry } from './bundles/registry.js';
import type { NotificationTransport } from './scheduler/transport.js';
import type { Db } from './store/db.js';
import type { Store } from './store/types.js';
import type { TilesConfig } from './tiles.js';

/** The one source of time: tests advance it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand. */
export function manualClock(start: string | Date): Clock & { set(t: string | Date): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (v) => void (t = new Date(v).getTime()),
    advance: (ms) => void (t += ms),
  };
}

export interface ServerConfig {
  /** Largest accepted document, in bytes. */
  maxUploadBytes: number;
  /** Login attempts allowed per window per client address. */
  loginLimit: { windowMs: number; limit: number };
  /** Sets the session cookie's Secure flag (behind HTTPS). */
  secureCookies: boolean;
  sessionSecret: string;
  sessionMaxAgeMs: number;
  /** The bundle folder the server serves (its parent holds the bundles it extends). */
  definitionsDir: string;
  /** Trust X-Forwarded-For from this many proxies (Express `trust proxy`). */
  trustProxy: number | boolean;
  /** The web UI's build (ui/dist), served at `/`. */
  uiDir: string;
  /** Cost of new password hashes (DEFAULT_SCRYPT in production; tests lower it). Stored hashes carry their own. */
  scrypt: ScryptParams;
  /** The map tile server (DABIR_TILES_URL); without one (null, the default) maps need nothing from another origin. */
  tiles?: TilesConfig | null;
}

export interface AppDeps {
  store: Store & { db: Db };
  bundles: BundleRegistry;
  clock: Clock;
  log: Logger;
  transport: NotificationTransport;
  config: ServerConfig;
  newId: () => string;
}
