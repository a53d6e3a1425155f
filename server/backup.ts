/**
 * Online backup and restore of the SQLite database.
 *
 * Backup uses SQLite's backup API (better-sqlite3 `db.backup()`) from a connection of its own, so it runs while a
 * server writes: the copy is one consistent snapshot (a write that lands mid-copy restarts it). The copy is verified
 * (`PRAGMA integrity_check`), made self-contained (rollback journal, no -wal beside it), readable by its owner only
 * (it holds password hashes and sessions), fsynced and renamed into place:
 * the backup file appears complete or not at all.
 *
 * Restore refuses while any process holds the database (a server's connection keeps a shared lock on a WAL database,
 * so an exclusive lock cannot be had), verifies the backup (integrity, a schema this version can serve), copies it
 * next to the database, verifies the copy, moves the current database aside (`<db>.before-restore-<time>`, with its
 * -wal/-shm) and renames the copy into place. Stop the server first; start it again afterwards.
 */
import Database from 'better-sqlite3';
import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { MIGRATIONS } from './store/migrations.js';

export interface Verification {
  ok: boolean;
  problems: string[];
  /** Highest schema migration applied in the file (0: not a database of this application). */
  schemaVersion: number;
  /** Row counts of the main tables, for the report. */
  counts: Record<string, number>;
}

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
  verification: Verification;
}

export interface RestoreResult {
  file: string;
  /** Where the database that was replaced now lies (undefined when there was none). */
  previous?: string;
  verification: Verification;
}

/** The error of a refused backup or restore; `code` says why. */
export class BackupError extends Error {
  constructor(readonly code: 'not-found' | 'in-use' | 'invalid' | 'newer-schema', message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

const COUNTED = ['cases', 'events', 'tasks', 'entities', 'users', 'documents', 'jobs', 'outbox', 'bundle_versions'];
const LATEST_SCHEMA = Math.max(...MIGRATIONS.map((m) => m.version));

/** Checks a database file: integrity, foreign keys, schema version, row counts. Opens it read-only. */
export function verifyDatabase(file: string): Verification {
  if (!existsSync(file)) throw new BackupError('not-found', `no database at ${file}`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const problems: string[] = [];
  const counts: Record<string, number> = {};
  let schemaVersion = 0;
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (integrity.length !== 1 || integrity[0] !== 'ok') problems.push(...integrity.slice(0, 20).map((x) => `integrity: ${x}`));
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length) problems.push(`${fk.length} rows break foreign keys`);
    const tables = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name));
    if (!tables.has('schema_migrations')) problems.push('not a database of this application (no schema_migrations table)');
    else schemaVersion = (db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
    for (const t of COUNTED) if (tables.has(t)) counts[t] = (db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n;
  } catch (err) {
    problems.push(`unreadable: ${(err as Error).message}`);
  } finally {
    db.close();
  }
  return { ok: problems.length === 0, problems, schemaVersion, counts };
}

/** fsyncs a file or a folder (folders: where the platform allows). */
function fsyncPath(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a folder; the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Turns a copied database into one self-contained file (rollback journal mode) and fsyncs it. */
function seal(file: string): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  for (const side of ['-wal', '-shm', '-journal']) rmSync(`${file}${side}`, { force: true });
  // The file holds password hashes and sessions: readable by its owner only.
  chmodSync(file, 0o600);
  fsyncPath(file);
}

/** Takes a consistent backup of `dbFile` into `dest` while a server may be writing to it. */
export async function backupDatabase(dbFile: string, dest: string): Promise<BackupResult> {
  const src = resolve(dbFile);
  const out = resolve(dest);
  if (!existsSync(src)) throw new BackupError('not-found', `no database at ${src}`);
  const t0 = Date.now();
  mkdirSync(dirname(out), { recursive: true });
  const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.${Date.now()}.tmp`);
  const db = new Database(src, { fileMustExist: true, timeout: 10_000 });
  try {
    // After the first step, copy everything left in one step: the fewer steps, the less a concurrent write restarts it.
    await db.backup(tmp, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  } finally {
    db.close();
  }
  try {
    seal(tmp);
    const verification = verifyDatabase(tmp);
    if (!verification.ok) throw new BackupError('invalid', `the backup does not verify: ${verification.problems.join('; ')}`);
    renameSync(tmp, out);
    fsyncPath(dirname(out));
    return { file: out, bytes: statSync(out).size, ms: Date.now() - t0, verification };
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** True when some process (a server) has the database open. */
export function databaseInUse(dbFile: string): boolean {
  if (!existsSync(dbFile)) return false;
  const db = new Database(dbFile, { fileMustExist: true, timeout: 0 });
  try {
    // A WAL connection keeps a shared lock while open, so an exclusive lock is refused while any other one exists.
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY') || (err as { code?: string }).code?.startsWith('SQLITE_LOCKED')) return true;
    throw err;
  } finally {
    db.close();
  }
}

/** Replaces `dbFile` with the verified backup `backupFile`. Refuses while a server holds the database. */
export function restoreDatabase(backupFile: string, dbFile: string, now: Date = new Date()): RestoreResult {
  const from = resolve(backupFile);
  const to = resolve(dbFile);
  const check = verifyDatabase(from);
  if (!check.ok) throw new BackupError('invalid', `the backup does not verify: ${check.problems.join('; ')}`);
  if (check.schemaVersion > LATEST_SCHEMA) {
    throw new BackupError('newer-schema', `the backup has schema version ${check.schemaVersion}; this version of the application knows up to ${LATEST_SCHEMA}`);
  }
  if (databaseInUse(to)) throw new BackupError('in-use', `${to} is open in another process (a running server?): stop it, then restore`);

  mkdirSync(dirname(to), { recursive: true });
  const tmp = join(dirname(to), `.${basename(to)}.restore.${process.pid}.${Date.now()}.tmp`);
  try {
    copyFileSync(from, tmp);
    seal(tmp);
    const verification = verifyDatabase(tmp);
    if (!verification.ok) throw new BackupError('invalid', `the copy does not verify: ${verification.problems.join('; ')}`);
    // Check again right before the swap: the window in which a server could start is the two renames below.
    if (databaseInUse(to)) throw new BackupError('in-use', `${to} is open in another process (a running server?): stop it, then restore`);
    let previous: string | undefined;
    if (existsSync(to)) {
      previous = `${to}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
      // The -wal of the old database belongs to it, never to the restored one: it moves along.
      for (const side of ['-wal', '-shm']) if (existsSync(`${to}${side}`)) renameSync(`${to}${side}`, `${previous}${side}`);
      renameSync(to, previous);
    }
    renameSync(tmp, to);
    fsyncPath(dirname(to));
    return { file: to, previous, verification };
  } finally {
    rmSync(tmp, { force: true });
  }
}
