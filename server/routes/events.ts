/**
 * `GET /api/events`: a signed-in page's stream of server-sent events (same origin, the session cookie). It says
 * `inbox` when a task for the user's roles opened or closed and `case` when a case the user may see changed; the page
 * re-reads through the API. Friendly to proxies: no caching or transformation, `X-Accel-Buffering: no` (nginx), a
 * comment line every 25 seconds so idle connections are not cut, and `retry:` for the browser's reconnection.
 */
import { Router } from 'express';
import { currentUser, requireAuth } from '../auth/middleware.js';
import { Problem } from '../problem.js';
import type { Services } from '../services.js';

/** How often an idle stream says something (a comment), below the usual 60-second proxy timeouts. */
export const HEARTBEAT_MS = 25_000;
/** How long a browser waits before reconnecting a dropped stream. */
const RETRY_MS = 3_000;

export function eventRoutes(s: Services): Router {
  const r = Router();

  r.get('/events', requireAuth, (req, res) => {
    const u = currentUser(req);
    // A stream is for EventSource (which asks for text/event-stream); any other client gets a plain answer, not a
    // request that never ends.
    if (!(req.get('accept') ?? '').includes('text/event-stream')) {
      throw new Problem('not-acceptable', {
        detail: 'این نشانی جریان رویدادهاست؛ آن را با EventSource و سرآیند Accept: text/event-stream بخوانید.',
        detail_en: 'This is an event stream: read it with EventSource (Accept: text/event-stream).',
      });
    }
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    });
    res.flushHeaders();
    res.write(`retry: ${RETRY_MS}\n: connected\n\n`);
    let open = true;
    const end = () => {
      if (!open) return;
      open = false;
      clearInterval(beat);
      off();
      res.end();
    };
    const off = s.events.listen({
      userId: u.id,
      sessionId: req.sessionID,
      send: (event, data) => {
        if (open) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      },
      close: end,
    });
    const beat = setInterval(() => open && res.write(': ping\n\n'), HEARTBEAT_MS);
    beat.unref();
    req.on('close', end);
  });

  return r;
}
