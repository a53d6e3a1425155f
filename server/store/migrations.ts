/**
 * Versioned schema migrations. Each runs once, in its own transaction, and is recorded in `schema_migrations`.
 * Never edit a released migration: add a new one.
 */
import { DEFAULT_CASE_NUMBER, formatCaseNumber, toJalaliDate } from '../../engine/index.js';
import type { Db } from './db.js';

export interface Migration {
  version: number;
  name: string;
  up: string;
  /** What SQL alone cannot do, run after `up` in the same transaction. */
  run?: (db: Db) => void;
}

/** The time zone case numbers of existing cases are dated in (the definitions' default). */
const NUMBERING_TIME_ZONE = 'Asia/Tehran';

/**
 * Numbers the cases that have none, in the order they started: per bundle (the bundle id of the case's definition
 * version, else of the latest version) and Jalali year, in the default pattern — the pattern the served bundle names
 * takes over from the next start on.
 */
function numberExistingCases(db: Db): void {
  const latest = (db.prepare('SELECT bundle_id FROM bundle_versions ORDER BY seq DESC LIMIT 1').get() as { bundle_id: string } | undefined)?.bundle_id ?? '';
  const rows = db.prepare(`SELECT c.id, c.started_at, COALESCE(v.bundle_id, ?) AS bundle FROM cases c LEFT JOIN bundle_versions v ON v.hash = c.bundle_hash
    WHERE c.number IS NULL ORDER BY c.started_at, c.rowid`).all(latest) as { id: string; started_at: string; bundle: string }[];
  const bump = db.prepare(`INSERT INTO case_numbers (bundle, year, last) VALUES (?, ?, 1)
    ON CONFLICT (bundle, year) DO UPDATE SET last = last + 1 RETURNING last`);
  const set = db.prepare('UPDATE cases SET number = ? WHERE id = ?');
  for (const r of rows) {
    const year = Number(toJalaliDate(r.started_at, NUMBERING_TIME_ZONE).slice(0, 4));
    const { last } = bump.get(r.bundle, year) as { last: number };
    set.run(formatCaseNumber(DEFAULT_CASE_NUMBER, year, last), r.id);
  }
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'core',
    up: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

      CREATE TABLE events (
        case_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        at TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (case_id, seq)
      ) WITHOUT ROWID;

      CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        procedure TEXT NOT NULL,
        bundle_hash TEXT NOT NULL,
        status TEXT NOT NULL,
        result TEXT,
        subject TEXT,
        parent_id TEXT,
        version INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        started_by TEXT NOT NULL,
        ended_at TEXT,
        updated_at TEXT NOT NULL,
        state TEXT NOT NULL
      );
      CREATE INDEX cases_procedure ON cases(procedure, status);
      CREATE INDEX cases_subject ON cases(subject);

      CREATE TABLE tasks (
        case_id TEXT NOT NULL,
        task_id TEXT NOT NULL,
        step TEXT NOT NULL,
        kind TEXT NOT NULL,
        role TEXT NOT NULL,
        item TEXT,
        procedure TEXT NOT NULL,
        subject TEXT,
        due TEXT,
        clock_stopped INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        closed_at TEXT,
        closed_by TEXT,
        outcome TEXT,
        PRIMARY KEY (case_id, task_id)
      );
      CREATE INDEX tasks_inbox ON tasks(status, role, due);

      CREATE TABLE entities (
        rid INTEGER PRIMARY KEY,
        entity TEXT NOT NULL,
        id TEXT NOT NULL,
        json TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (entity, id)
      );
      -- Spatial index of entities that declare a location (rid = entities.rid).
      CREATE VIRTUAL TABLE entity_geo USING rtree(rid, min_lat, max_lat, min_lon, max_lon);

      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        roles TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE sessions (sid TEXT PRIMARY KEY, sess TEXT NOT NULL, expires INTEGER NOT NULL);
      CREATE INDEX sessions_expires ON sessions(expires);

      CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        user_id TEXT,
        username TEXT,
        action TEXT NOT NULL,
        target TEXT,
        ip TEXT,
        status INTEGER,
        detail TEXT
      );
      CREATE INDEX audit_at ON audit(at);

      CREATE TABLE idempotency (
        user_id TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        status INTEGER NOT NULL,
        response TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (user_id, key)
      );

      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        name TEXT NOT NULL,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        task_id TEXT,
        uploaded_by TEXT NOT NULL,
        uploaded_at TEXT NOT NULL,
        content BLOB NOT NULL
      );
      CREATE INDEX documents_case ON documents(case_id);

      CREATE TABLE jobs (
        key TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        due_at TEXT NOT NULL,
        payload TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        done_at TEXT,
        result TEXT
      );
      CREATE INDEX jobs_due ON jobs(status, due_at);

      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at TEXT NOT NULL,
        recipient TEXT NOT NULL,
        message TEXT NOT NULL,
        case_id TEXT,
        source TEXT,
        status TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        sent_at TEXT,
        last_error TEXT
      );
      CREATE INDEX outbox_pending ON outbox(status, id);

      CREATE TABLE bundle_versions (
        hash TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        bundle_id TEXT NOT NULL,
        parent_hash TEXT,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        message TEXT,
        changed TEXT NOT NULL,
        diff TEXT NOT NULL
      );
      CREATE TABLE bundle_files (
        hash TEXT NOT NULL REFERENCES bundle_versions(hash),
        path TEXT NOT NULL,
        content TEXT NOT NULL,
        PRIMARY KEY (hash, path)
      );
    `,
  },
  {
    version: 2,
    name: 'case-children',
    // A closing case looks up its running children (to cancel them); without this index that is a full scan.
    up: `CREATE INDEX cases_parent ON cases(parent_id, status);`,
  },
  {
    version: 3,
    name: 'open-task-order-and-publish-intent',
    // tasks_inbox (status, role, due) made the planner walk every open task of the database to find one case's own,
    // and could not give an inbox page in the order it is shown (role IN (…) with ORDER BY due needs a sort of all of
    // them). Open tasks are now indexed in the orders the inbox reads them — per role (a user's inbox, merged in
    // process) and across roles (administrators), by due date or opening time, and the same within one procedure (the
    // inbox's procedure filter) — as partial indexes, which hold only the open tasks (a small, steady backlog) whatever
    // the size of the history.
    // publish_intent: at most one row, the publish in progress (written before its files, cleared with its version
    // record); start-up resolves a row left by a crash (see server/publish/recover.ts).
    up: `
      DROP INDEX tasks_inbox;
      CREATE INDEX tasks_open_role_due ON tasks(role, due, opened_at, case_id, task_id) WHERE status = 'open';
      CREATE INDEX tasks_open_role_opened ON tasks(role, opened_at, case_id, task_id) WHERE status = 'open';
      CREATE INDEX tasks_open_due ON tasks(due, opened_at, case_id, task_id) WHERE status = 'open';
      CREATE INDEX tasks_open_opened ON tasks(opened_at, case_id, task_id) WHERE status = 'open';
      CREATE INDEX tasks_open_procedure_due ON tasks(procedure, role, due, opened_at, case_id, task_id) WHERE status = 'open';
      CREATE INDEX tasks_open_procedure_opened ON tasks(procedure, role, opened_at, case_id, task_id) WHERE status = 'open';
      CREATE TABLE publish_intent (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        hash TEXT NOT NULL,
        author TEXT NOT NULL,
        message TEXT,
        base_hash TEXT,
        files TEXT NOT NULL,
        previous TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'case-numbers-and-password-reset',
    // Human case numbers: `cases.number` (from the bundle's pattern, given at the start) and one counter per bundle and
    // Jalali year; existing cases are numbered here, in start order. `users.must_change_password`: set by
    // `dabir users reset-admin` (a one-time password), cleared when the user sets their own.
    up: `
      ALTER TABLE cases ADD COLUMN number TEXT;
      CREATE INDEX cases_number ON cases(number);
      CREATE TABLE case_numbers (
        bundle TEXT NOT NULL,
        year INTEGER NOT NULL,
        last INTEGER NOT NULL,
        PRIMARY KEY (bundle, year)
      ) WITHOUT ROWID;
      ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
    `,
    run: numberExistingCases,
  },
  {
    version: 5,
    name: 'staged-documents',
    // A start form's file is uploaded before its case exists: it waits here, owned by its uploader, until the start
    // binds it to the new case (moved into documents) or it expires unused (pruned by expires_at).
    up: `
      CREATE TABLE staged_documents (
        id TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        name TEXT NOT NULL,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        uploaded_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        content BLOB NOT NULL
      );
      CREATE INDEX staged_documents_expires ON staged_documents(expires_at);
    `,
  },
  {
    version: 6,
    name: 'registry-keeping',
    // A record's version (optimistic concurrency of registry edits: bumped by every write) and its retirement
    // (`retired`: JSON {at, by, reason}, null while it is live). A retired record stays readable by key; lists,
    // searches, facts and the spatial index leave it out.
    up: `
      ALTER TABLE entities ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE entities ADD COLUMN retired TEXT;
    `,
  },
  {
    version: 7,
    name: 'user-party',
    // A user of a party role (roles.yaml `party: { entity }`) is one registry record of that entity: `users.party` is
    // its key (null for everyone else). Version 6 is the registry-keeping migration.
    up: `
      ALTER TABLE users ADD COLUMN party TEXT;
    `,
  },
];

/** Applies every migration newer than the database's; returns the versions applied. */
export function migrate(db: Db, migrations: Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.up);
      m.run?.(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    })();
    applied.push(m.version);
  }
  return applied;
}
