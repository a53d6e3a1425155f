/** A reader of `GET /api/events` for tests: the events so far, a wait for one that matches, and a way to close it. */
import type { Client, TestEnv } from './helpers.js';

export /** An open event stream: the events read so far, a wait for one that matches, and a way to close it. */
async function stream(env: TestEnv, c: Client) {
  const abort = new AbortController();
  const res = await fetch(`${env.server.url}/api/events`, { headers: { cookie: c.cookie, accept: 'text/event-stream' }, signal: abort.signal });
  const events: { event: string; data: Record<string, unknown> }[] = [];
  let text = '';
  let ended = false;
  const waiters: (() => void)[] = [];
  void (async () => {
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += dec.decode(value, { stream: true });
        let i: number;
        while ((i = text.indexOf('\n\n')) >= 0) {
          const block = text.slice(0, i);
          text = text.slice(i + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
        }
        waiters.splice(0).forEach((w) => { w(); });
      }
    } catch {
      /* aborted */
    }
    ended = true;
    waiters.splice(0).forEach((w) => { w(); });
  })();
  const until = async (pred: () => boolean, what: string) => {
    const deadline = Date.now() + 5_000;
    while (!pred()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(events)}`);
      await new Promise<void>((ok) => {
        waiters.push(ok);
        setTimeout(ok, 200);
      });
    }
  };
  return { res, events, until, get ended() { return ended; }, close: () => abort.abort() };
}
