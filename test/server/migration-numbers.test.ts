/**
 * Migration 4 numbers the cases a database already holds, in the order they started, one sequence per bundle and
 * Jalali year; the store then goes on from there, and a rebuild of a case keeps its number.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evolve } from '../../server/engine.js';
import { migrate, openDatabase, sqliteStore } from '../../server/store/index.js';
import { MIGRATIONS } from '../../server/store/migrations.js';

describe('migration 4: case numbers', () => {
  it('numbers existing cases per bundle and Jalali year in start order, and the next start continues the sequence', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dabir-mig-'));
    try {
      const file = join(dir, 'old.db');
      const db = openDatabase(file);
      migrate(db, MIGRATIONS.filter((m) => m.version <= 3));
      db.prepare(`INSERT INTO bundle_versions (hash, seq, bundle_id, parent_hash, author, created_at, message, changed, diff) VALUES ('h1', 1, 'prov', NULL, 'a', '2025-01-01', NULL, '[]', '')`).run();
      const add = db.prepare(`INSERT INTO cases (id, procedure, bundle_hash, status, result, subject, parent_id, version, started_at, started_by, ended_at, updated_at, state)
        VALUES (?, 'p', ?, 'active', NULL, NULL, NULL, 1, ?, 'u', NULL, ?, '{}')`);
      // 1403-12-29 and 1403-12-30 (1403 is a leap year), then 1404-01-01 and 1404-01-02, inserted out of order.
      add.run('c-late', 'h1', '2025-03-21T08:00:00.000Z', '2025-03-21T08:00:00.000Z');
      add.run('c-old', 'h1', '2025-03-19T08:00:00.000Z', '2025-03-19T08:00:00.000Z');
      add.run('c-early', 'h1', '2025-03-20T09:00:00.000Z', '2025-03-20T09:00:00.000Z');
      add.run('c-unknown-version', 'gone', '2025-03-22T08:00:00.000Z', '2025-03-22T08:00:00.000Z');
      db.close();

      const store = sqliteStore(file, evolve);
      const numbers = Object.fromEntries((store.db.prepare('SELECT id, number FROM cases').all() as { id: string; number: string }[]).map((r) => [r.id, r.number]));
      // A case whose version is not recorded counts with the latest bundle.
      expect(numbers).toEqual({ 'c-old': '1403-0001', 'c-early': '1403-0002', 'c-late': '1404-0001', 'c-unknown-version': '1404-0002' });
      expect(store.cases.assignNumber('c-new', { bundle: 'prov', year: 1404 }, (n) => `N${n}`)).toBe('N3');
      expect(store.cases.assignNumber('c-next-year', { bundle: 'prov', year: 1405 }, (n) => `N${n}`)).toBe('N1');
      expect(store.cases.assignNumber('c-other', { bundle: 'other', year: 1404 }, (n) => `N${n}`)).toBe('N1');
      store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
