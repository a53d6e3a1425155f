/**
 * Opening the SQLite file. Durability: WAL journal with synchronous=FULL.
 *
 * Why FULL and not NORMAL: in WAL mode NORMAL already survives a crash of the *process* (kill -9), because a committed
 * transaction is in the WAL file in the OS page cache before `COMMIT` returns. It does not survive a power loss or a
 * kernel crash: the last transactions may be lost. FULL fsyncs the WAL on every commit, so an acknowledged write survives
 * both. The API acknowledges a write only after COMMIT returns, so with FULL "acknowledged" means "on disk".
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

/** Opens (creating if needed) the database file with the pragmas the store relies on. */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
