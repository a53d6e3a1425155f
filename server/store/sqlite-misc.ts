/** SQLite implementations of the small stores: documents, idempotency keys, users, audit, bundle versions, meta, reports. */
import type { Db } from './db.js';
import { taskRow } from './sqlite-cases.js';
import type {
  AuditEntry, AuditStore, BundleStore, BundleVersion, DocumentMeta, DocumentStore, IdempotencyStore, MetaStore, PublishIntent, ReportStore, StagedDocument, UserRow,
  UserStore,
} from './types.js';

export function sqliteDocumentStore(db: Db): DocumentStore {
  const cols = 'id, case_id AS caseId, name, media_type AS mediaType, size, sha256, task_id AS taskId, uploaded_by AS uploadedBy, uploaded_at AS uploadedAt';
  const q = {
    add: db.prepare(`INSERT INTO documents (id, case_id, name, media_type, size, sha256, task_id, uploaded_by, uploaded_at, content)
      VALUES (@id, @caseId, @name, @mediaType, @size, @sha256, @taskId, @uploadedBy, @uploadedAt, @content)`),
    list: db.prepare(`SELECT ${cols} FROM documents WHERE case_id = ? ORDER BY uploaded_at, id`),
    get: db.prepare(`SELECT ${cols}, content FROM documents WHERE id = ?`),
    stage: db.prepare(`INSERT INTO staged_documents (id, owner, name, media_type, size, sha256, uploaded_at, expires_at, content)
      VALUES (@id, @owner, @name, @mediaType, @size, @sha256, @uploadedAt, @expiresAt, @content)`),
    staged: db.prepare(`SELECT id, owner, name, media_type AS mediaType, size, sha256, uploaded_at AS uploadedAt, expires_at AS expiresAt
      FROM staged_documents WHERE id = ?`),
    bind: db.prepare(`INSERT INTO documents (id, case_id, name, media_type, size, sha256, task_id, uploaded_by, uploaded_at, content)
      SELECT id, @caseId, name, media_type, size, sha256, NULL, owner, uploaded_at, content FROM staged_documents WHERE id = @id`),
    unstage: db.prepare('DELETE FROM staged_documents WHERE id = ?'),
    prune: db.prepare('DELETE FROM staged_documents WHERE expires_at < ?'),
  };
  return {
    add(meta, content) {
      q.add.run({ ...meta, content });
    },
    list: (caseId) => q.list.all(caseId) as DocumentMeta[],
    get(id) {
      const r = q.get.get(id) as (DocumentMeta & { content: Buffer }) | undefined;
      if (!r) return undefined;
      const { content, ...meta } = r;
      return { meta, content };
    },
    stage(meta, content) {
      q.stage.run({ ...meta, content });
    },
    staged: (id) => q.staged.get(id) as StagedDocument | undefined,
    bind(id, caseId) {
      if (q.bind.run({ id, caseId }).changes === 0) return undefined;
      q.unstage.run(id);
      const { content: _content, ...meta } = q.get.get(id) as DocumentMeta & { content: Buffer };
      return meta;
    },
    pruneStaged: (now) => q.prune.run(now).changes,
  };
}

export function sqliteIdempotencyStore(db: Db): IdempotencyStore {
  const get = db.prepare('SELECT request_hash AS requestHash, status, response FROM idempotency WHERE user_id = ? AND key = ?');
  const put = db.prepare('INSERT INTO idempotency (user_id, key, request_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  return {
    get(userId, key) {
      const r = get.get(userId, key) as { requestHash: string; status: number; response: string } | undefined;
      return r ? { ...r, response: JSON.parse(r.response) as unknown } : undefined;
    },
    put(userId, key, hash, status, response, now) {
      put.run(userId, key, hash, status, JSON.stringify(response), now);
    },
  };
}

interface UserDbRow {
  id: string;
  username: string;
  name: string;
  password_hash: string;
  roles: string;
  disabled: number;
  must_change_password: number;
  party: string | null;
  created_at: string;
  updated_at: string;
}

const userRow = (r: UserDbRow): UserRow => ({
  id: r.id,
  username: r.username,
  name: r.name,
  roles: JSON.parse(r.roles) as string[],
  disabled: r.disabled === 1,
  mustChangePassword: r.must_change_password === 1,
  party: r.party ?? null,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function sqliteUserStore(db: Db): UserStore {
  const q = {
    byName: db.prepare('SELECT * FROM users WHERE username = ?'),
    byId: db.prepare('SELECT * FROM users WHERE id = ?'),
    list: db.prepare('SELECT * FROM users ORDER BY username'),
    create: db.prepare(`INSERT INTO users (id, username, name, password_hash, roles, disabled, must_change_password, party, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    count: db.prepare('SELECT COUNT(*) AS n FROM users'),
  };
  return {
    byUsername(username) {
      const r = q.byName.get(username) as UserDbRow | undefined;
      return r ? { ...userRow(r), passwordHash: r.password_hash } : undefined;
    },
    byId(id) {
      const r = q.byId.get(id) as UserDbRow | undefined;
      return r ? userRow(r) : undefined;
    },
    list: () => (q.list.all() as UserDbRow[]).map(userRow),
    create(u) {
      q.create.run(u.id, u.username, u.name, u.passwordHash, JSON.stringify(u.roles), u.disabled ? 1 : 0, u.mustChangePassword ? 1 : 0, u.party ?? null, u.createdAt, u.updatedAt);
    },
    update(id, patch, now) {
      const sets: string[] = ['updated_at = ?'];
      const args: unknown[] = [now];
      if (patch.name !== undefined) (sets.push('name = ?'), args.push(patch.name));
      if (patch.roles !== undefined) (sets.push('roles = ?'), args.push(JSON.stringify(patch.roles)));
      if (patch.disabled !== undefined) (sets.push('disabled = ?'), args.push(patch.disabled ? 1 : 0));
      if (patch.passwordHash !== undefined) (sets.push('password_hash = ?'), args.push(patch.passwordHash));
      if (patch.party !== undefined) (sets.push('party = ?'), args.push(patch.party));
      if (patch.mustChangePassword !== undefined) (sets.push('must_change_password = ?'), args.push(patch.mustChangePassword ? 1 : 0));
      return db.prepare(`UPDATE users SET ${sets.join(', ')} WHERE id = ?`).run(...args, id).changes === 1;
    },
    count: () => (q.count.get() as { n: number }).n,
  };
}

export function sqliteAuditStore(db: Db): AuditStore {
  const add = db.prepare(`INSERT INTO audit (at, user_id, username, action, target, ip, status, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  return {
    add(e) {
      add.run(e.at, e.userId, e.username, e.action, e.target, e.ip, e.status, e.detail === undefined ? null : JSON.stringify(e.detail));
    },
    list({ userId, action, target, limit, offset }) {
      const where: string[] = [];
      const args: unknown[] = [];
      if (userId) (where.push('user_id = ?'), args.push(userId));
      if (action) (where.push('action = ?'), args.push(action));
      if (target) (where.push('target = ?'), args.push(target));
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM audit ${w}`).get(...args) as { n: number }).n;
      const rows = db.prepare(`SELECT id, at, user_id AS userId, username, action, target, ip, status, detail FROM audit ${w} ORDER BY id DESC LIMIT ? OFFSET ?`)
        .all(...args, limit, offset) as (AuditEntry & { detail: string | null })[];
      return { items: rows.map((r) => ({ ...r, detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown) })), total };
    },
  };
}

interface VersionDbRow {
  hash: string;
  seq: number;
  bundle_id: string;
  parent_hash: string | null;
  author: string;
  created_at: string;
  message: string | null;
  changed: string;
  diff: string;
}

const versionRow = (r: VersionDbRow): BundleVersion => ({
  hash: r.hash,
  seq: r.seq,
  bundleId: r.bundle_id,
  parentHash: r.parent_hash,
  author: r.author,
  createdAt: r.created_at,
  message: r.message,
  changed: JSON.parse(r.changed) as string[],
  diff: r.diff,
});

export function sqliteBundleStore(db: Db): BundleStore {
  const q = {
    has: db.prepare('SELECT 1 FROM bundle_versions WHERE hash = ?'),
    nextSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS s FROM bundle_versions'),
    add: db.prepare(`INSERT INTO bundle_versions (hash, seq, bundle_id, parent_hash, author, created_at, message, changed, diff) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    addFile: db.prepare('INSERT INTO bundle_files (hash, path, content) VALUES (?, ?, ?)'),
    latest: db.prepare('SELECT * FROM bundle_versions ORDER BY seq DESC LIMIT 1'),
    get: db.prepare('SELECT * FROM bundle_versions WHERE hash = ?'),
    files: db.prepare('SELECT path, content FROM bundle_files WHERE hash = ? ORDER BY path'),
    count: db.prepare('SELECT COUNT(*) AS n FROM bundle_versions'),
    list: db.prepare('SELECT * FROM bundle_versions ORDER BY seq DESC LIMIT ? OFFSET ?'),
    intend: db.prepare(`INSERT OR REPLACE INTO publish_intent (id, hash, author, message, base_hash, files, previous, created_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)`),
    intent: db.prepare('SELECT * FROM publish_intent WHERE id = 1'),
    clearIntent: db.prepare('DELETE FROM publish_intent'),
  };
  return {
    has: (hash) => q.has.get(hash) !== undefined,
    add(v, files) {
      const seq = (q.nextSeq.get() as { s: number }).s;
      q.add.run(v.hash, seq, v.bundleId, v.parentHash, v.author, v.createdAt, v.message, JSON.stringify(v.changed), v.diff);
      for (const [path, content] of Object.entries(files)) q.addFile.run(v.hash, path, content);
      return { ...v, seq };
    },
    latest() {
      const r = q.latest.get() as VersionDbRow | undefined;
      return r ? versionRow(r) : undefined;
    },
    get(hash) {
      const r = q.get.get(hash) as VersionDbRow | undefined;
      return r ? versionRow(r) : undefined;
    },
    files(hash) {
      const rows = q.files.all(hash) as { path: string; content: string }[];
      if (rows.length === 0 && !q.has.get(hash)) return undefined;
      return Object.fromEntries(rows.map((r) => [r.path, r.content]));
    },
    list(limit, offset) {
      return { items: (q.list.all(limit, offset) as VersionDbRow[]).map(versionRow), total: (q.count.get() as { n: number }).n };
    },
    intend(i) {
      q.intend.run(i.hash, i.author, i.message, i.baseHash, JSON.stringify(i.files), JSON.stringify(i.previous), i.createdAt);
    },
    intent() {
      const r = q.intent.get() as
        | { hash: string; author: string; message: string | null; base_hash: string | null; files: string; previous: string; created_at: string }
        | undefined;
      if (!r) return undefined;
      return {
        hash: r.hash, author: r.author, message: r.message, baseHash: r.base_hash, createdAt: r.created_at,
        files: JSON.parse(r.files) as PublishIntent['files'], previous: JSON.parse(r.previous) as PublishIntent['previous'],
      };
    },
    clearIntent() {
      q.clearIntent.run();
    },
  };
}

export function sqliteMetaStore(db: Db): MetaStore {
  const get = db.prepare('SELECT value FROM meta WHERE key = ?');
  const set = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  return {
    get: (key) => (get.get(key) as { value: string } | undefined)?.value,
    set: (key, value) => void set.run(key, value),
  };
}

export function sqliteReportStore(db: Db): ReportStore {
  return {
    casesByProcedureAndStatus: () =>
      db.prepare('SELECT procedure, status, COUNT(*) AS count FROM cases GROUP BY procedure, status ORDER BY procedure, status').all() as {
        procedure: string; status: string; count: number;
      }[],
    overdue(now, limit, offset) {
      const w = `WHERE status = 'open' AND due IS NOT NULL AND due < ?`;
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM tasks ${w}`).get(now) as { n: number }).n;
      const rows = db.prepare(`SELECT * FROM tasks ${w} ORDER BY due LIMIT ? OFFSET ?`).all(now, limit, offset) as Parameters<typeof taskRow>[0][];
      return { items: rows.map(taskRow), total };
    },
    durations() {
      const rows = db.prepare(`SELECT procedure, started_at AS s, ended_at AS e FROM cases WHERE status = 'ended' AND ended_at IS NOT NULL`).all() as {
        procedure: string; s: string; e: string;
      }[];
      const by = new Map<string, number[]>();
      for (const r of rows) {
        const list = by.get(r.procedure) ?? [];
        list.push(Date.parse(r.e) - Date.parse(r.s));
        by.set(r.procedure, list);
      }
      return [...by].map(([procedure, durationsMs]) => ({ procedure, durationsMs: durationsMs.sort((a, b) => a - b) }));
    },
  };
}
