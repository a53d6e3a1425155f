/**
 * SQLite EntityStore: one `entities` table for every entity type, with an R*Tree over records that have a location.
 * Each record has a version (bumped by every write: the etag of registry edits) and, once retired, its retirement;
 * lists, counts and the spatial index see live records only, `get` sees both.
 */
import type { Db } from './db.js';
import type { EntityStore, RecordMeta, Retirement, RetiredFilter } from './types.js';

const RETIRED: Record<RetiredFilter, string> = { exclude: 'AND retired IS NULL', include: '', only: 'AND retired IS NOT NULL' };

export function sqliteEntityStore(db: Db): EntityStore {
  let gen = 0;
  const q = {
    get: db.prepare('SELECT json FROM entities WHERE entity = ? AND id = ?'),
    meta: db.prepare('SELECT version, updated_at, retired FROM entities WHERE entity = ? AND id = ?'),
    upsert: db.prepare(`INSERT INTO entities (entity, id, json, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT(entity, id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at, version = entities.version + 1 RETURNING rid, retired`),
    retire: db.prepare('UPDATE entities SET retired = ?, version = version + 1, updated_at = ? WHERE entity = ? AND id = ? RETURNING rid, json'),
    del: db.prepare('DELETE FROM entities WHERE entity = ? AND id = ? RETURNING rid'),
    geoDel: db.prepare('DELETE FROM entity_geo WHERE rid = ?'),
    geoPut: db.prepare('INSERT OR REPLACE INTO entity_geo (rid, min_lat, max_lat, min_lon, max_lon) VALUES (?, ?, ?, ?, ?)'),
    count: db.prepare('SELECT COUNT(*) AS n FROM entities WHERE entity = ? AND retired IS NULL'),
    countAll: db.prepare('SELECT COUNT(*) AS n FROM entities WHERE retired IS NULL'),
    // CROSS JOIN keeps the R*Tree as the outer loop: without it (and without statistics) SQLite scans every record of
    // the kind and probes the R*Tree once per record (27–42 ms per box at 30,000 records instead of microseconds).
    // Retired records have no entry in the R*Tree (retire removes it), so the box needs no filter of its own.
    box: db.prepare(`SELECT e.id, g.min_lat AS lat, g.min_lon AS lon FROM entity_geo g CROSS JOIN entities e ON e.rid = g.rid
      WHERE g.max_lat >= ? AND g.min_lat <= ? AND g.max_lon >= ? AND g.min_lon <= ? AND e.entity = ?`),
  };
  const index = (rid: number, point: { lat: number; lon: number } | null | undefined) => {
    if (point && Number.isFinite(point.lat) && Number.isFinite(point.lon)) q.geoPut.run(rid, point.lat, point.lat, point.lon, point.lon);
    else q.geoDel.run(rid);
  };
  return {
    get(entity, id) {
      const r = q.get.get(entity, id) as { json: string } | undefined;
      return r ? (JSON.parse(r.json) as Record<string, unknown>) : undefined;
    },
    meta(entity, id): RecordMeta | undefined {
      const r = q.meta.get(entity, id) as { version: number; updated_at: string; retired: string | null } | undefined;
      return r ? { version: r.version, updatedAt: r.updated_at, retired: r.retired ? (JSON.parse(r.retired) as Retirement) : null } : undefined;
    },
    put(entity, id, record, at, point) {
      const { rid, retired } = q.upsert.get(entity, id, JSON.stringify(record), at) as { rid: number; retired: string | null };
      index(rid, retired ? null : point);
      gen++;
    },
    retire(entity, id, how, at, point) {
      const r = q.retire.get(how ? JSON.stringify(how) : null, at, entity, id) as { rid: number; json: string } | undefined;
      if (!r) return false;
      // A retired record leaves the spatial index (no nearest record is a retired one); restoring puts it back.
      index(r.rid, how ? null : point);
      gen++;
      return true;
    },
    delete(entity, id) {
      const r = q.del.get(entity, id) as { rid: number } | undefined;
      if (!r) return false;
      q.geoDel.run(r.rid);
      gen++;
      return true;
    },
    list(entity, { q: text, like, limit, offset, retired = 'exclude' }) {
      const where = `${RETIRED[retired]} ${text || like ? 'AND json LIKE ?' : ''}`;
      const args: unknown[] = [entity];
      if (like) args.push(like);
      else if (text) args.push(`%${text.replace(/[%_]/g, '')}%`);
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM entities WHERE entity = ? ${where}`).get(...args) as { n: number }).n;
      const rows = db.prepare(`SELECT json FROM entities WHERE entity = ? ${where} ORDER BY id LIMIT ? OFFSET ?`).all(...args, limit, offset) as { json: string }[];
      return { items: rows.map((r) => JSON.parse(r.json) as Record<string, unknown>), total };
    },
    all(entity, opts) {
      const rows = db.prepare(`SELECT json FROM entities WHERE entity = ? ${RETIRED[opts?.retired ?? 'exclude']} ORDER BY id`).all(entity) as { json: string }[];
      return rows.map((r) => JSON.parse(r.json) as Record<string, unknown>);
    },
    count(entity) {
      return ((entity ? q.count.get(entity) : q.countAll.get()) as { n: number }).n;
    },
    inBox(entity, b) {
      return (q.box.all(b.minLat, b.maxLat, b.minLon, b.maxLon, entity) as { id: string }[]).map((r) => r.id);
    },
    pointsInBox(entity, b) {
      return q.box.all(b.minLat, b.maxLat, b.minLon, b.maxLon, entity) as { id: string; lat: number; lon: number }[];
    },
    generation: () => gen,
  };
}
