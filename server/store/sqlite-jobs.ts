/** SQLite JobStore and OutboxStore: the durable scheduler's queue and the notifications waiting for a transport. */
import type { Db } from './db.js';
import type { Job, JobStore, OutboxMessage, OutboxStore } from './types.js';

interface JobDbRow {
  key: string;
  kind: string;
  due_at: string;
  payload: string;
  status: string;
  attempts: number;
  created_at: string;
  done_at: string | null;
  result: string | null;
}

const job = (r: JobDbRow): Job => ({
  key: r.key,
  kind: r.kind,
  dueAt: r.due_at,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  status: r.status as Job['status'],
  attempts: r.attempts,
  createdAt: r.created_at,
  doneAt: r.done_at,
  result: r.result === null ? null : (JSON.parse(r.result) as unknown),
});

export function sqliteJobStore(db: Db): JobStore {
  const q = {
    add: db.prepare(`INSERT OR IGNORE INTO jobs (key, kind, due_at, payload, created_at) VALUES (?, ?, ?, ?, ?)`),
    due: db.prepare(`SELECT * FROM jobs WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, key LIMIT ?`),
    claim: db.prepare(`UPDATE jobs SET status = 'done', done_at = ?, attempts = attempts + 1, result = ? WHERE key = ? AND status = 'pending'`),
    fail: db.prepare(`UPDATE jobs SET status = ?, attempts = attempts + 1, done_at = ?, result = ? WHERE key = ? AND status = 'pending'`),
    cancel: db.prepare(`UPDATE jobs SET status = 'cancelled', done_at = ? WHERE status = 'pending' AND substr(key, 1, ?) = ? AND key <> ?`),
    get: db.prepare('SELECT * FROM jobs WHERE key = ?'),
    note: db.prepare('UPDATE jobs SET result = ? WHERE key = ?'),
    postpone: db.prepare(`UPDATE jobs SET due_at = ?, attempts = attempts + 1, result = ? WHERE key = ? AND status = 'pending'`),
    resume: db.prepare(`UPDATE jobs SET due_at = json_extract(result, '$.postponed.dueAt')
      WHERE status = 'pending' AND json_extract(result, '$.postponed.dueAt') IS NOT NULL AND due_at <> json_extract(result, '$.postponed.dueAt')`),
  };
  return {
    schedule(key, kind, dueAt, payload, now) {
      return q.add.run(key, kind, dueAt, JSON.stringify(payload), now).changes === 1;
    },
    due(now, limit) {
      return (q.due.all(now, limit) as JobDbRow[]).map(job);
    },
    claim(key, now, result) {
      return q.claim.run(now, result === undefined ? null : JSON.stringify(result), key).changes === 1;
    },
    fail(key, now, error, final) {
      q.fail.run(final ? 'failed' : 'pending', final ? now : null, JSON.stringify({ error }), key);
    },
    note(key, result) {
      q.note.run(JSON.stringify(result), key);
    },
    postpone(key, dueAt, result) {
      q.postpone.run(dueAt, JSON.stringify(result), key);
    },
    resumePostponed() {
      return q.resume.run().changes;
    },
    cancel(prefix, now, keep) {
      return q.cancel.run(now, prefix.length, prefix, keep ?? '').changes;
    },
    list({ status, kind, limit, offset }) {
      const where: string[] = [];
      const args: unknown[] = [];
      if (status) (where.push('status = ?'), args.push(status));
      if (kind) (where.push('kind = ?'), args.push(kind));
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM jobs ${w}`).get(...args) as { n: number }).n;
      const rows = db.prepare(`SELECT * FROM jobs ${w} ORDER BY due_at, key LIMIT ? OFFSET ?`).all(...args, limit, offset) as JobDbRow[];
      return { items: rows.map(job), total };
    },
    get(key) {
      const r = q.get.get(key) as JobDbRow | undefined;
      return r ? job(r) : undefined;
    },
  };
}

interface OutboxDbRow {
  id: number;
  created_at: string;
  recipient: string;
  message: string;
  case_id: string | null;
  source: string | null;
  status: string;
  attempts: number;
  sent_at: string | null;
  last_error: string | null;
}

const outboxRow = (r: OutboxDbRow): OutboxMessage => ({
  id: r.id,
  createdAt: r.created_at,
  recipient: r.recipient,
  message: JSON.parse(r.message) as OutboxMessage['message'],
  caseId: r.case_id,
  source: r.source,
  status: r.status as OutboxMessage['status'],
  attempts: r.attempts,
  sentAt: r.sent_at,
  lastError: r.last_error,
});

export function sqliteOutboxStore(db: Db): OutboxStore {
  const q = {
    add: db.prepare('INSERT INTO outbox (created_at, recipient, message, case_id, source) VALUES (?, ?, ?, ?, ?)'),
    pending: db.prepare(`SELECT * FROM outbox WHERE status = 'pending' ORDER BY id LIMIT ?`),
    sent: db.prepare(`UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1 WHERE id = ?`),
    failed: db.prepare(`UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ? WHERE id = ?`),
  };
  return {
    add(m, now) {
      return Number(q.add.run(now, m.recipient, JSON.stringify(m.message), m.caseId ?? null, m.source ?? null).lastInsertRowid);
    },
    pending(limit) {
      return (q.pending.all(limit) as OutboxDbRow[]).map(outboxRow);
    },
    markSent(id, now) {
      q.sent.run(now, id);
    },
    markFailed(id, error, final) {
      q.failed.run(final ? 'failed' : 'pending', error, id);
    },
    list({ status, limit, offset }) {
      const w = status ? 'WHERE status = ?' : '';
      const args = status ? [status] : [];
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM outbox ${w}`).get(...args) as { n: number }).n;
      const rows = db.prepare(`SELECT * FROM outbox ${w} ORDER BY id DESC LIMIT ? OFFSET ?`).all(...args, limit, offset) as OutboxDbRow[];
      return { items: rows.map(outboxRow), total };
    },
  };
}
