/**
 * The store's fast paths agree with the slow, obvious answer: the inbox read in index order and merged per role (vs.
 * filtering and sorting every task in JS), the case scan that reads only some state fields (vs. the whole snapshot),
 * the nearest-record fact driven by the R*Tree (vs. a scan of every record) — and the queries use the indexes meant.
 */
import { describe, expect, it } from 'vitest';
import { toJalaliDate } from '../../engine/calendar/index.js';
import { readFileSet } from '../../server/bundles/files.js';
import { snapshotLoader } from '../../server/bundles/loader.js';
import { distanceMeters, evolve } from '../../server/engine.js';
import { boxAround, sqliteFacts } from '../../server/facts/sqlite-facts.js';
import { sqliteStore, type InboxFilter, type TaskRow } from '../../server/store/index.js';
import { INBOX_COUNT_CAP } from '../../server/store/sqlite-inbox.js';
import { FIXTURES } from './helpers.js';

/** A small deterministic PRNG. */
const prng = (seed: number) => () => ((seed = (seed * 16807) % 2147483647) / 2147483647);

const ROLES = ['clerk', 'board', 'inspector', 'viewer'];
const NOW = '2025-08-23T04:30:00.000Z';

/** Every open task of the filter, sorted as the inbox promises — the slow way. */
function reference(tasks: TaskRow[], f: InboxFilter): TaskRow[] {
  const roles = f.roles === 'all' ? undefined : new Set(f.roles);
  const rows = tasks.filter(
    (t) =>
      t.status === 'open' && (!roles || roles.has(t.role)) && (!f.role || t.role === f.role) && (!f.procedure || t.procedure === f.procedure) &&
      (!f.step || t.step === f.step) && (!f.caseId || t.caseId === f.caseId) &&
      (f.overdue === undefined || (f.overdue ? t.due !== null && t.due < f.now : t.due === null || t.due >= f.now)),
  );
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const tie = (a: TaskRow, b: TaskRow) => cmp(a.openedAt, b.openedAt) || cmp(a.caseId, b.caseId) || cmp(a.taskId, b.taskId);
  const desc = f.sort.startsWith('-');
  const sign = desc ? -1 : 1;
  rows.sort((a, b) => {
    if (f.sort.endsWith('due')) {
      if ((a.due === null) !== (b.due === null)) return a.due === null ? 1 : -1;
      if (a.due !== null && b.due !== null && a.due !== b.due) return sign * cmp(a.due, b.due);
    }
    return sign * tie(a, b);
  });
  return rows;
}

describe('the inbox', () => {
  it('pages open tasks exactly as filtering and sorting all of them would, for every sort, filter and page', () => {
    const store = sqliteStore(':memory:', evolve);
    const rnd = prng(11);
    const insert = store.db.prepare(`INSERT INTO tasks (case_id, task_id, step, kind, role, item, procedure, subject, due, clock_stopped, status, opened_at)
      VALUES (?, ?, ?, 'task', ?, NULL, ?, NULL, ?, 0, ?, ?)`);
    const day = (d: number) => new Date(Date.parse(NOW) + d * 86_400_000).toISOString();
    store.tx(() => {
      for (let i = 0; i < 1500; i++) {
        const due = rnd() < 0.3 ? null : day(Math.floor(rnd() * 40) - 20);
        // Few distinct opening instants and due dates: ties must be broken the same way.
        insert.run(`c${Math.floor(rnd() * 600)}`, `t${i}`, rnd() < 0.5 ? 'review' : 'decide', ROLES[Math.floor(rnd() ** 2 * ROLES.length)], rnd() < 0.7 ? 'move' : 'survey', due,
          rnd() < 0.8 ? 'open' : rnd() < 0.5 ? 'done' : 'closed', day(-Math.floor(rnd() * 30)));
      }
    });
    const all = (store.db.prepare('SELECT case_id AS caseId, task_id AS taskId, role, procedure, step, due, status, opened_at AS openedAt FROM tasks').all() as TaskRow[]);
    const open = all.filter((t) => t.status === 'open').length;
    expect(open).toBeGreaterThan(INBOX_COUNT_CAP);
    const sorts: InboxFilter['sort'][] = ['due', '-due', 'opened', '-opened'];
    let checked = 0;
    for (let i = 0; i < 400; i++) {
      const roles: InboxFilter['roles'] = rnd() < 0.2 ? 'all' : ROLES.filter(() => rnd() < 0.5);
      const f: InboxFilter = { roles, now: NOW, sort: sorts[i % 4], limit: [1, 7, 50][i % 3], offset: [0, 0, 3, 49, 200, 1100][Math.floor(rnd() * 6)] };
      if (rnd() < 0.2) f.procedure = 'survey';
      if (rnd() < 0.15) f.step = 'decide';
      if (rnd() < 0.15) f.role = ROLES[i % ROLES.length];
      if (rnd() < 0.1) f.caseId = `c${Math.floor(rnd() * 600)}`;
      if (rnd() < 0.3) f.overdue = rnd() < 0.5;
      const want = reference(all, f);
      const got = store.cases.inbox(f);
      const key = (t: TaskRow) => `${t.caseId}/${t.taskId}`;
      expect(got.items.map(key), JSON.stringify(f)).toEqual(want.slice(f.offset, f.offset + f.limit).map(key));
      expect(got.total, JSON.stringify(f)).toBe(Math.min(want.length, INBOX_COUNT_CAP));
      expect(got.totalCapped).toBe(want.length > INBOX_COUNT_CAP);
      checked += got.items.length;
    }
    expect(checked).toBeGreaterThan(1000);
    store.close();
  });

  it('finds a case’s open tasks by its key, and reads inbox pages in index order (no sort of every open task)', () => {
    const store = sqliteStore(':memory:', evolve);
    const plan = (sql: string, ...args: unknown[]) => (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
    // The statement CaseStore.append runs for every write (sqlite-cases.ts).
    expect(plan(`SELECT task_id FROM tasks WHERE case_id = ? AND +status = 'open'`, 'x')).toMatch(/USING INDEX sqlite_autoindex_tasks_1 \(case_id=\?\)/);
    const sqls: string[] = [];
    const prepare = store.db.prepare.bind(store.db);
    store.db.prepare = ((sql: string) => (sqls.push(sql), prepare(sql))) as typeof store.db.prepare;
    store.cases.inbox({ roles: ['clerk', 'board'], now: NOW, sort: 'due', limit: 50, offset: 0 });
    store.cases.inbox({ roles: 'all', now: NOW, sort: '-opened', limit: 50, offset: 0 });
    store.db.prepare = prepare;
    const pages = sqls.filter((s) => s.startsWith('SELECT * FROM tasks'));
    expect(pages.length).toBeGreaterThan(0);
    for (const sql of pages) {
      const args = [...sql.matchAll(/\?/g)].map((_, i, a) => (i >= a.length - 2 ? 1 : 'clerk'));
      expect(plan(sql, ...args), sql).not.toMatch(/TEMP B-TREE/);
    }
    store.close();
  });
});

describe('scanning cases for a backtest', () => {
  it('yields only the state fields asked for, equal to the stored snapshots’, for one procedure or all, in pages', () => {
    const store = sqliteStore(':memory:', evolve);
    const rnd = prng(5);
    const insert = store.db.prepare(`INSERT INTO cases (id, procedure, bundle_hash, status, version, started_at, started_by, updated_at, state)
      VALUES (?, ?, 'h', ?, 1, ?, 'u', ?, ?)`);
    const states = new Map<string, Record<string, unknown>>();
    store.tx(() => {
      for (let i = 0; i < 4500; i++) {
        const procedure = rnd() < 0.4 ? 'move' : 'survey';
        const state = {
          caseId: `k${i}`, procedure, status: ['active', 'ended', 'cancelled'][i % 3], input: { area: Math.floor(rnd() * 100), note: rnd() < 0.1 ? null : 'x' },
          ...(rnd() < 0.8 ? { subjectRecord: { id: `o${i}`, area: i % 70 } } : {}), judgedOn: '1404-06-01', steps: { big: 'y'.repeat(50) },
        };
        states.set(state.caseId, state);
        insert.run(state.caseId, procedure, state.status, NOW, NOW, JSON.stringify(state));
      }
    });
    const seen = [...store.cases.scan({ procedure: 'move' }, ['input', 'subjectRecord', 'judgedOn'])];
    const moves = [...states.values()].filter((s) => s.procedure === 'move');
    expect(seen).toHaveLength(moves.length);
    for (const c of seen) {
      const s = states.get(c.id)!;
      expect(c.state).toEqual({ input: s.input, judgedOn: s.judgedOn, ...(s.subjectRecord ? { subjectRecord: s.subjectRecord } : {}) });
    }
    // Leaves only, in the state's shape.
    for (const c of store.cases.scan({ procedure: 'survey' }, ['input.area', 'subjectRecord.area', 'steps.big'])) {
      const s = states.get(c.id)! as { input: { area: number }; subjectRecord?: { area: number } };
      expect(c.state).toEqual({ input: { area: s.input.area }, steps: { big: 'y'.repeat(50) }, ...(s.subjectRecord ? { subjectRecord: { area: s.subjectRecord.area } } : {}) });
    }
    expect([...store.cases.scan({}, ['judgedOn'])]).toHaveLength(4500);
    expect([...store.cases.scan({ procedure: 'survey', limit: 2100 }, ['input'])]).toHaveLength(2100);
    // The store may be used between items (read in pages, not one open statement).
    let n = 0;
    for (const c of store.cases.scan({}, ['input'])) if (store.cases.row(c.id)) n++;
    expect(n).toBe(4500);
    expect(() => [...store.cases.scan({}, ['input', 'x") FROM cases; --'])]).toThrow(/not a state path/);
    store.close();
  });
});

describe('the nearest-record fact', () => {
  it('agrees with a scan of every record, from dense towns to empty desert, with and without an excluded record', () => {
    const store = sqliteStore(':memory:', evolve);
    const rnd = prng(3);
    // The fixture's `nearest-office-m`: the nearest office whose status is active.
    const bundle = snapshotLoader('definitions')(readFileSet(FIXTURES), 'testprov').bundle!;
    const offices: { id: string; name: string; status: string; location: { lat: number; lon: number } }[] = [];
    // Towns of offices on a ~700 m grid, a few isolated ones, and every fourth one closed (to be skipped by `where`).
    for (let t = 0; t < 40; t++) {
      const c = { lat: 27 + rnd() * 10, lon: 46 + rnd() * 14 };
      for (let k = 0; k < 60; k++) offices.push({ id: `o${offices.length}`, name: 'o', status: rnd() < 0.25 ? 'closed' : 'active', location: { lat: c.lat + (k % 8) * 0.0063 + rnd() * 1e-4, lon: c.lon + Math.floor(k / 8) * 0.0079 } });
    }
    for (let i = 0; i < 30; i++) offices.push({ id: `x${i}`, name: 'x', status: 'active', location: { lat: 25 + rnd() * 15, lon: 44 + rnd() * 20 } });
    store.tx(() => {
      for (const o of offices) store.entities.put('office', o.id, o, NOW, o.location);
    });
    const facts = () => sqliteFacts(store.entities, { bundle, asOf: toJalaliDate(NOW, 'Asia/Tehran'), now: NOW });
    const brute = (p: { lat: number; lon: number }, exclude?: string) =>
      Math.min(...offices.filter((o) => o.status === 'active' && o.id !== exclude).map((o) => distanceMeters(p, o.location)));
    const points: [{ lat: number; lon: number }, string | undefined][] = [];
    for (let i = 0; i < 300; i++) {
      const o = offices[Math.floor(rnd() * offices.length)];
      points.push([{ ...o.location }, o.id]); // an office itself, excluded (the spacing of an existing office)
      points.push([{ lat: o.location.lat + (rnd() - 0.5) * 0.05, lon: o.location.lon + (rnd() - 0.5) * 0.05 }, undefined]);
      points.push([{ lat: 20 + rnd() * 25, lon: 40 + rnd() * 25 }, undefined]); // anywhere, often far from all
    }
    for (const [p, exclude] of points) {
      const got = facts().get('nearest-office-m', [p, exclude ?? null]) as number;
      expect(got, JSON.stringify({ p, exclude })).toBeCloseTo(brute(p, exclude), 6);
    }
    store.close();
  });

  it('searches boxes that hold every point within the radius, at any latitude', () => {
    const rnd = prng(9);
    for (let i = 0; i < 2000; i++) {
      const p = { lat: -80 + rnd() * 160, lon: -170 + rnd() * 340 };
      const radius = 500 * 2 ** Math.floor(rnd() * 12);
      const box = boxAround(p, radius);
      // A point at exactly the radius, in any direction (moved along the great circle).
      const bearing = rnd() * 2 * Math.PI, d = radius / 6_371_008.8, lat1 = (p.lat * Math.PI) / 180, lon1 = (p.lon * Math.PI) / 180;
      const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(bearing));
      const lon2 = lon1 + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
      const q = { lat: (lat2 * 180) / Math.PI, lon: (lon2 * 180) / Math.PI };
      if (Math.abs(q.lon) > 180) continue; // across the antimeridian: not a case for a province's registry
      expect(q.lat >= box.minLat && q.lat <= box.maxLat && q.lon >= box.minLon && q.lon <= box.maxLon, JSON.stringify({ p, radius, q, box })).toBe(true);
    }
  });
});
