/** An express-session store over the `sessions` table: sessions survive restarts and expire by their cookie's maxAge. */
import session from 'express-session';
import type { Db } from '../store/db.js';

const DAY_MS = 86_400_000;

export class SqliteSessionStore extends session.Store {
  private readonly q;

  constructor(db: Db, private readonly now: () => number = Date.now) {
    super();
    this.q = {
      get: db.prepare('SELECT sess, expires FROM sessions WHERE sid = ?'),
      set: db.prepare('INSERT INTO sessions (sid, sess, expires) VALUES (?, ?, ?) ON CONFLICT(sid) DO UPDATE SET sess = excluded.sess, expires = excluded.expires'),
      destroy: db.prepare('DELETE FROM sessions WHERE sid = ?'),
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

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    try {
      const row = this.q.get.get(sid) as { sess: string; expires: number } | undefined;
      if (!row) return cb(null, null);
      if (row.expires < this.now()) {
        this.q.destroy.run(sid);
        return cb(null, null);
      }
      cb(null, JSON.parse(row.sess) as session.SessionData);
    } catch (err) {
      cb(err);
    }
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    try {
      this.q.set.run(sid, JSON.stringify(sess), this.expires(sess));
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    try {
      this.q.destroy.run(sid);
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  override touch(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    try {
      this.q.touch.run(this.expires(sess), sid);
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  override clear(cb?: (err?: unknown) => void): void {
    this.q.clear.run();
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
