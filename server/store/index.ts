/** The store's public face: the interfaces and the SQLite implementation. */
import type { CaseEvent, CaseState } from '../../engine/index.js';
import { openDatabase, type Db } from './db.js';
import { migrate } from './migrations.js';
import { sqliteCaseStore } from './sqlite-cases.js';
import { sqliteEntityStore } from './sqlite-entities.js';
import { sqliteJobStore, sqliteOutboxStore } from './sqlite-jobs.js';
import {
  sqliteAuditStore, sqliteBundleStore, sqliteDocumentStore, sqliteIdempotencyStore, sqliteMetaStore, sqliteReportStore, sqliteUserStore,
} from './sqlite-misc.js';
import type { Store } from './types.js';

export type * from './types.js';
export { openDatabase, migrate };
export type { Db };

/** Opens (and migrates) a SQLite store. `evolve` is the engine's one-event fold, used by the case projections. */
export function sqliteStore(file: string | Db, evolve: (s: CaseState | undefined, e: CaseEvent) => CaseState): Store & { db: Db } {
  const db = typeof file === 'string' ? openDatabase(file) : file;
  migrate(db);
  return {
    db,
    tx: (fn) => db.transaction(fn)(),
    cases: sqliteCaseStore(db, evolve),
    entities: sqliteEntityStore(db),
    jobs: sqliteJobStore(db),
    outbox: sqliteOutboxStore(db),
    documents: sqliteDocumentStore(db),
    idempotency: sqliteIdempotencyStore(db),
    users: sqliteUserStore(db),
    audit: sqliteAuditStore(db),
    bundles: sqliteBundleStore(db),
    meta: sqliteMetaStore(db),
    reports: sqliteReportStore(db),
    close: () => {
      if (!db.open) return;
      // Fold the WAL into the database file and truncate it; SQLite would also do this when the last connection
      // closes, but not if another process (a backup, a shell) still has the file open.
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // Busy (another process reading): the WAL stays; it is replayed on the next open, nothing is lost.
      }
      db.close();
    },
  };
}
