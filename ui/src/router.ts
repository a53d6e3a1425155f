/**
 * Hash routing (`#/cases/42`): works behind any static server and with the server's index.html fallback.
 * The route is an observable value; `navigate` changes it.
 */
import { Store } from './controllers/store.js';

export interface Route {
  /** First path segment: inbox, start, cases, registry, admin, reports, login. */
  name: string;
  /** The remaining path segments, decoded. */
  parts: string[];
  query: Record<string, string>;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path, qs] = raw.split('?', 2) as [string, string | undefined];
  const segs = path.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  const query: Record<string, string> = {};
  new URLSearchParams(qs ?? '').forEach((v, k) => { query[k] = v; });
  return { name: segs[0] ?? 'inbox', parts: segs.slice(1), query };
}

/** The hash for a route: `href('cases', id)` → `#/cases/id`. */
export function href(...segs: (string | Record<string, string | undefined>)[]): string {
  const query = segs.find((s): s is Record<string, string | undefined> => typeof s === 'object');
  const path = segs.filter((s): s is string => typeof s === 'string').map(encodeURIComponent).join('/');
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') qs.set(k, v);
  const q = qs.toString();
  return `#/${path}${q ? `?${q}` : ''}`;
}

export const route = new Store<Route>(parseHash(globalThis.location?.hash ?? ''));

/** Asked before the route changes: resolves false to stay (e.g. unpublished edits the user chose to keep working on). */
export type LeaveGuard = (to: Route, from: Route) => Promise<boolean> | boolean;
let guard: LeaveGuard | undefined;
let shown = globalThis.location?.hash ?? '';

/** Sets (or, with undefined, clears) the one guard asked before leaving the current route. */
export function setLeaveGuard(g: LeaveGuard | undefined): void {
  guard = g;
}

globalThis.addEventListener?.('hashchange', () => {
  const next = location.hash;
  const from = parseHash(shown);
  const to = parseHash(next);
  if (!guard) {
    shown = next;
    route.set(to);
    return;
  }
  void Promise.resolve(guard(to, from)).then((ok) => {
    if (ok) {
      shown = location.hash;
      route.set(parseHash(location.hash));
    } else history.replaceState(null, '', shown || '#/');
  });
});

/** Goes to a route (adds a history entry unless `replace`). */
export function navigate(hash: string, replace = false): void {
  if (replace) {
    history.replaceState(null, '', hash);
    shown = hash;
    route.set(parseHash(hash));
  } else if (location.hash === hash) {
    route.set(parseHash(hash));
  } else {
    location.hash = hash;
  }
}
