/**
 * An express-session store over the `sessions` table: sessions survive restarts and expire by their cookie's maxAge.
 *
 * Only signed-in sessions are stored. An anonymous visitor's session holds nothing worth keeping (its CSRF token is
 * derived from the session id, see csrf.ts), so a flood of `GET /auth/csrf` writes no rows.
 *
 * Sessions slide (each request moves the expiry), but the expiry is written at most once per TOUCH_EVERY_MS (or a
 * tenth of the session's lifetime, if shorter): a read answers without a disk commit.
 */
import session from 'express-session';
import type { Db } from '../store/db.js';

const DAY_MS = 86_400_000;
const TOUCH_EVERY_MS = 60_000;
/** Expiries remembered per session id (to skip touches); bounded, oldest forgotten first. */
const REMEMBERED = 10_000;

export class SqliteSessionStore extends session.Store {
  private readonly q;
  /** sid → the expiry last read or written, so a touch that would move it by little is skipped. */
  private readonly stored = new Map<string, number>();

  constructor(db: Db, private readonly now: () => number = Date.now) {
    super();
    this.q = {
      get: db.prepare('SELECT sess, expires FROM sessions WHERE sid = ?'),
      set: db.prepare('INSERT INTO sessions (sid, sess, expires) VALUES (?, ?, ?) ON CONFLICT(sid) DO UPDATE SET sess = excluded.sess, expires = excluded.expires'),
      destroy: db.prepare('DELETE FROM sessions WHERE sid = ?'),
      destroyUser: db.prepare(`DELETE FROM sessions WHERE json_extract(sess, '$.userId') = ? AND sid <> ? RETURNING sid`),
      touch: db.prepare('UPDATE sessions SET expires = ? WHERE sid = ?'),
      prune: db.prepare('DELETE FROM sessions WHERE expires < ?'),
      clear: db.prepare('DELETE FROM sessions'),
      length: db.prepare('SELECT COUNT(*) AS n FROM sessions'),
    };
  }

  private expires(sess: session.SessionData): number {
    const e = sess.cookie?.expires;
    return e ? new Date(e).getTime() : this.now() + DAY_MS;
  }

  private remember(sid: string, expires: number | undefined): void {
    this.stored.delete(sid);
    if (expires === undefined) return;
    this.stored.set(sid, expires);
    if (this.stored.size > REMEMBERED) this.stored.delete(this.stored.keys().next().value as string);
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    try {
      const row = this.q.get.get(sid) as { sess: string; expires: number } | undefined;
      if (!row) {
        cb(null, null);
        return;
      }
      if (row.expires < this.now()) {
        this.q.destroy.run(sid);
        this.remember(sid, undefined);
        cb(null, null);
        return;
      }
      this.remember(sid, row.expires);
      cb(null, JSON.parse(row.sess) as session.SessionData);
    } catch (err) {
      cb(err);
    }
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    try {
      // Anonymous: nothing to keep (see the file comment). A session that loses its user is ended by `destroy`.
      if (!sess.userId) {
        cb?.();
        return;
      }
      const expires = this.expires(sess);
      this.q.set.run(sid, JSON.stringify(sess), expires);
      this.remember(sid, expires);
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    try {
      this.q.destroy.run(sid);
      this.remember(sid, undefined);
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  override touch(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    try {
      const expires = this.expires(sess);
      const last = this.stored.get(sid);
      const every = Math.min(TOUCH_EVERY_MS, (sess.cookie?.originalMaxAge ?? DAY_MS) / 10);
      if (sess.userId && (last === undefined || expires - last >= every)) {
        this.q.touch.run(expires, sid);
        this.remember(sid, expires);
      }
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  /** Ends every session of a user but `keepSid` (after a password change); returns how many. */
  destroyUser(userId: string, keepSid = ''): number {
    const ended = this.q.destroyUser.all(userId, keepSid) as { sid: string }[];
    for (const { sid } of ended) this.remember(sid, undefined);
    return ended.length;
  }

  override clear(cb?: (err?: unknown) => void): void {
    this.q.clear.run();
    this.stored.clear();
    cb?.();
  }

  override length(cb: (err: unknown, length?: number) => void): void {
    cb(null, (this.q.length.get() as { n: number }).n);
  }

  /** Deletes expired sessions; returns how many. */
  prune(): number {
    return this.q.prune.run(this.now()).changes;
  }
}
