/**
 * The one live-update stream of a signed-in page: an EventSource on `GET /api/events` (same origin, the session
 * cookie) while someone is signed in, closed on sign-out. It passes on `inbox` (a task for the user's roles opened or
 * closed) and `case` (a case the user may see changed), and `reconnected` after the stream dropped and came back —
 * what happened meanwhile is unknown, so listeners re-read. The browser reconnects a dropped stream by itself; a
 * stream the server refused (the session ended) is retried with a growing pause, only while still signed in.
 */

export type LiveEvent = { type: 'inbox'; caseId: string } | { type: 'case'; caseId: string; version: number } | { type: 'reconnected' };

const listeners = new Set<(e: LiveEvent) => void>();
let source: EventSource | undefined;
let wanted = false;
let dropped = false;
let retry: ReturnType<typeof setTimeout> | undefined;
let pause = 2_000;
/** Asked when the server closed the stream for good: whether a session still exists (see session.ts). */
let stillSignedIn: () => Promise<boolean> = async () => true;

function emit(e: LiveEvent): void {
  for (const l of listeners) l(e);
}

function open(): void {
  if (source || !wanted || typeof EventSource === 'undefined') return;
  const es = (source = new EventSource('/api/events'));
  es.addEventListener('inbox', (m) => emit({ type: 'inbox', ...(JSON.parse((m as MessageEvent<string>).data) as { caseId: string }) }));
  es.addEventListener('case', (m) => emit({ type: 'case', ...(JSON.parse((m as MessageEvent<string>).data) as { caseId: string; version: number }) }));
  es.onopen = () => {
    pause = 2_000;
    if (dropped) emit({ type: 'reconnected' });
    dropped = false;
  };
  es.onerror = () => {
    dropped = true;
    // CONNECTING: the browser is already reconnecting. CLOSED: the server said no (or ended the stream): ask whether
    // there is still a session before trying again.
    if (es.readyState !== EventSource.CLOSED) return;
    es.close();
    if (source === es) source = undefined;
    clearTimeout(retry);
    retry = setTimeout(() => {
      void stillSignedIn().then((yes) => (yes ? open() : stopLive()));
    }, pause);
    pause = Math.min(pause * 2, 60_000);
  };
}

/** Opens the stream (signed in); `check` says whether a session still exists when the server closes the stream. */
export function startLive(check: () => Promise<boolean>): void {
  stillSignedIn = check;
  wanted = true;
  open();
}

/** Closes the stream and stops any retry (signed out): the page asks the server for nothing more. */
export function stopLive(): void {
  wanted = false;
  dropped = false;
  clearTimeout(retry);
  source?.close();
  source = undefined;
}

/** Subscribes to live events; returns the unsubscribe function. */
export function onLive(fn: (e: LiveEvent) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
