/**
 * SQLite CaseStore: the `events` table is the truth; `cases` (with the folded state as a snapshot) and `tasks` are
 * projections that `append` updates in the caller's transaction and `rebuild` recomputes from the events alone.
 */
import type { CaseEvent, CaseState } from '../../engine/index.js';
import { Problem, staleVersion } from '../problem.js';
import type { Db } from './db.js';
import { sqliteInbox } from './sqlite-inbox.js';
import type { CaseFilter, CaseRow, CaseStore, Page, StoredEvent, TaskRow } from './types.js';

type Evolve = (state: CaseState | undefined, event: CaseEvent) => CaseState;

interface CaseDbRow {
  id: string;
  number: string | null;
  procedure: string;
  bundle_hash: string;
  status: string;
  result: string | null;
  subject: string | null;
  parent_id: string | null;
  version: number;
  started_at: string;
  started_by: string;
  ended_at: string | null;
  updated_at: string;
  state: string;
}

interface TaskDbRow {
  case_id: string;
  task_id: string;
  step: string;
  kind: string;
  role: string;
  item: string | null;
  procedure: string;
  subject: string | null;
  due: string | null;
  clock_stopped: number;
  status: string;
  opened_at: string;
  closed_at: string | null;
  closed_by: string | null;
  outcome: string | null;
}

function caseRow(r: CaseDbRow): CaseRow {
  return {
    id: r.id,
    number: r.number,
    procedure: r.procedure,
    bundleHash: r.bundle_hash,
    status: r.status as CaseRow['status'],
    result: r.result,
    subject: r.subject,
    parentId: r.parent_id,
    version: r.version,
    startedAt: r.started_at,
    startedBy: r.started_by,
    endedAt: r.ended_at,
    updatedAt: r.updated_at,
  };
}

export function taskRow(r: TaskDbRow): TaskRow {
  return {
    caseId: r.case_id,
    taskId: r.task_id,
    step: r.step,
    kind: r.kind as TaskRow['kind'],
    role: r.role,
    item: r.item,
    procedure: r.procedure,
    subject: r.subject,
    due: r.due,
    clockStopped: r.clock_stopped === 1,
    status: r.status as TaskRow['status'],
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
    outcome: r.outcome,
  };
}

/** Rows per keyset page of `scan`. */
const SCAN_PAGE = 2000;
const CASE_STATUSES: CaseRow['status'][] = ['active', 'ended', 'cancelled', 'failed'];

export function sqliteCaseStore(db: Db, evolve: Evolve): CaseStore {
  const q = {
    events: db.prepare('SELECT body FROM events WHERE case_id = ? ORDER BY seq'),
    version: db.prepare('SELECT MAX(seq) AS v FROM events WHERE case_id = ?'),
    insertEvent: db.prepare('INSERT INTO events (case_id, seq, type, at, body) VALUES (?, ?, ?, ?, ?)'),
    getCase: db.prepare('SELECT * FROM cases WHERE id = ?'),
    getRow: db.prepare(`SELECT id, number, procedure, bundle_hash, status, result, subject, parent_id, version, started_at, started_by, ended_at, updated_at
      FROM cases WHERE id = ?`),
    getState: db.prepare('SELECT state FROM cases WHERE id = ?'),
    getKept: db.prepare('SELECT started_by, ended_at FROM cases WHERE id = ?'),
    upsertCase: db.prepare(`INSERT INTO cases (id, procedure, bundle_hash, status, result, subject, parent_id, version, started_at, started_by, ended_at, updated_at, state)
      VALUES (@id, @procedure, @bundle_hash, @status, @result, @subject, @parent_id, @version, @started_at, @started_by, @ended_at, @updated_at, @state)
      ON CONFLICT(id) DO UPDATE SET status=excluded.status, result=excluded.result, version=excluded.version,
        ended_at=excluded.ended_at, updated_at=excluded.updated_at, state=excluded.state`),
    openTask: db.prepare(`INSERT OR REPLACE INTO tasks (case_id, task_id, step, kind, role, item, procedure, subject, due, clock_stopped, status, opened_at, closed_at, closed_by, outcome)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, NULL, NULL, NULL)`),
    completeTask: db.prepare(`UPDATE tasks SET status='done', closed_at=?, closed_by=?, outcome=? WHERE case_id=? AND task_id=?`),
    // `+status`: the primary key (case_id, …) must drive this lookup; with `status = 'open'` the planner may walk an
    // index of every open task in the database instead (0.4 µs per open task, on every append).
    openTasks: db.prepare(`SELECT task_id FROM tasks WHERE case_id = ? AND +status = 'open'`),
    closeTask: db.prepare(`UPDATE tasks SET status='closed', closed_at=? WHERE case_id=? AND task_id=?`),
    tasks: db.prepare('SELECT * FROM tasks WHERE case_id = ? ORDER BY opened_at, task_id'),
    deleteTasks: db.prepare('DELETE FROM tasks WHERE case_id = ?'),
    deleteCase: db.prepare('DELETE FROM cases WHERE id = ?'),
    allIds: db.prepare('SELECT id FROM cases ORDER BY started_at, id'),
    getNumber: db.prepare('SELECT number FROM cases WHERE id = ?'),
    setNumber: db.prepare('UPDATE cases SET number = ? WHERE id = ?'),
    bumpNumber: db.prepare(`INSERT INTO case_numbers (bundle, year, last) VALUES (?, ?, 1)
      ON CONFLICT (bundle, year) DO UPDATE SET last = last + 1 RETURNING last`),
    // cases_subject finds the subject's few cases; the oldest open one is named.
    openCase: db.prepare(`SELECT id, number FROM cases WHERE subject = ? AND procedure = ? AND status = 'active' ORDER BY started_at, rowid LIMIT 1`),
  };
  const inbox = sqliteInbox(db);

  /** Projects `events` (which follow `prev`) into the cases and tasks tables; the one code path for live and rebuild. */
  function project(caseId: string, prev: CaseState | undefined, events: StoredEvent[], startedBy: string | undefined): CaseState {
    let state = prev;
    for (const e of events) {
      // Host events (types.ts) go through the engine's fold too: it counts them in the version and ignores them otherwise.
      state = evolve(state, e as CaseEvent);
      if (e.type === 'task.opened') {
        const t = e.task;
        q.openTask.run(caseId, t.id, t.step, t.kind, t.role, t.item ?? null, state.procedure, state.subject ?? null, t.due ?? null, t.clockStopped ? 1 : 0, e.at);
      } else if (e.type === 'task.completed') {
        q.completeTask.run(e.at, e.actor, e.outcome, caseId, e.task);
      }
    }
    if (!state) throw new Problem('internal', { detail_en: `case ${caseId} has no events` });
    const last = events[events.length - 1];
    const at = last?.at ?? state.startedAt;
    // Tasks the case no longer holds open (a join, an end, a cancellation) are withdrawn.
    for (const { task_id } of q.openTasks.all(caseId) as { task_id: string }[]) {
      if (!state.tasks[task_id]) q.closeTask.run(at, caseId, task_id);
    }
    const existing = q.getKept.get(caseId) as Pick<CaseDbRow, 'started_by' | 'ended_at'> | undefined;
    const first = events.find((e) => e.type === 'case.started');
    const closed = state.status !== 'active';
    q.upsertCase.run({
      id: caseId,
      procedure: state.procedure,
      bundle_hash: state.bundleHash,
      status: state.status,
      result: state.result ?? null,
      subject: state.subject ?? null,
      parent_id: state.parent?.caseId ?? null,
      version: state.version,
      started_at: state.startedAt,
      started_by: existing?.started_by ?? startedBy ?? (first?.type === 'case.started' ? first.actor : 'system'),
      ended_at: closed ? (existing?.ended_at ?? at) : null,
      updated_at: at,
      state: JSON.stringify(state),
    });
    return state;
  }

  function events(caseId: string): StoredEvent[] {
    return (q.events.all(caseId) as { body: string }[]).map((r) => JSON.parse(r.body) as StoredEvent);
  }

  return {
    get(caseId) {
      const r = q.getCase.get(caseId) as CaseDbRow | undefined;
      return r ? { row: caseRow(r), state: JSON.parse(r.state) as CaseState } : undefined;
    },
    row(caseId) {
      const r = q.getRow.get(caseId) as CaseDbRow | undefined;
      return r ? caseRow(r) : undefined;
    },
    events,
    append(caseId, expectedVersion, evs, startedBy, prev) {
      const current = (q.version.get(caseId) as { v: number | null }).v ?? 0;
      if (current !== expectedVersion) {
        throw staleVersion(expectedVersion, current);
      }
      evs.forEach((e, i) => { q.insertEvent.run(caseId, current + i + 1, e.type, e.at, JSON.stringify(e)); });
      // The caller's copy of the state saves a read and a parse when it is the one at `expectedVersion`.
      const before = current === 0 ? undefined : prev?.version === current ? prev : (JSON.parse((q.getState.get(caseId) as CaseDbRow).state) as CaseState);
      return project(caseId, before, evs, startedBy);
    },
    rebuild(caseId) {
      const evs = events(caseId);
      if (evs.length === 0) return;
      const kept = q.getCase.get(caseId) as CaseDbRow | undefined;
      q.deleteTasks.run(caseId);
      db.pragma('defer_foreign_keys = ON'); // rows referring to the case (documents) are checked at COMMIT, after the case row is back
      q.deleteCase.run(caseId);
      project(caseId, undefined, evs, kept?.started_by);
      // The number was given at the start, not by an event: it stays.
      if (kept?.number) q.setNumber.run(kept.number, caseId);
    },
    rows(caseId) {
      const r = q.getCase.get(caseId) as CaseDbRow | undefined;
      if (!r) return undefined;
      return { row: caseRow(r), state: JSON.parse(r.state) as CaseState, tasks: (q.tasks.all(caseId) as TaskDbRow[]).map(taskRow) };
    },
    list(f: CaseFilter): Page<CaseRow> {
      const where: string[] = [];
      const args: unknown[] = [];
      if (f.procedure) (where.push('procedure = ?'), args.push(f.procedure));
      if (f.procedures) {
        const ids = f.orIds ?? [];
        if (f.procedures.length === 0 && ids.length === 0) return { items: [], total: 0 };
        const terms = [
          ...(f.procedures.length ? [`procedure IN (${f.procedures.map(() => '?').join(',')})`] : []),
          ...(ids.length ? [`id IN (${ids.map(() => '?').join(',')})`] : []),
        ];
        where.push(`(${terms.join(' OR ')})`);
        args.push(...f.procedures, ...ids);
      }
      if (f.status) (where.push('status = ?'), args.push(f.status));
      if (f.subject) (where.push('subject = ?'), args.push(f.subject));
      if (f.parent) (where.push('parent_id = ?'), args.push(f.parent));
      if (f.names) (where.push('(subject = ? OR instr(state, ?) > 0)'), args.push(f.names, JSON.stringify(f.names)));
      if (f.number) (where.push("number LIKE ? ESCAPE '\\'"), args.push(`%${f.number.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM cases ${w}`).get(...args) as { n: number }).n;
      const rows = db.prepare(`SELECT * FROM cases ${w} ORDER BY started_at DESC, id LIMIT ? OFFSET ?`).all(...args, f.limit, f.offset) as CaseDbRow[];
      return { items: rows.map(caseRow), total };
    },
    partyCases(paths, party) {
      if (!paths.length) return [];
      const seg = /^[\p{L}\p{N}_$-]+$/u;
      const terms: string[] = [];
      const args: unknown[] = [];
      for (const p of paths) {
        if (!p.path.every((x) => seg.test(x))) throw new Problem('internal', { detail_en: `partyCases: not a state path: ${p.path.join('.')}` });
        // A scalar at the path is one row of json_each, a list one row per item; a missing path none.
        terms.push('(procedure = ? AND EXISTS (SELECT 1 FROM json_each(state, ?) WHERE value = ?))');
        args.push(p.procedure, `$.${p.path.map((x) => `"${x}"`).join('.')}`, party);
      }
      return (db.prepare(`SELECT id FROM cases WHERE ${terms.join(' OR ')}`).all(...args) as { id: string }[]).map((r) => r.id);
    },
    tasks(caseId) {
      return (q.tasks.all(caseId) as TaskDbRow[]).map(taskRow);
    },
    inbox(f) {
      const page = inbox(f);
      return { ...page, items: page.items.map((r) => taskRow(r as unknown as TaskDbRow)) };
    },
    *scan(filter, paths) {
      const split = paths.map((p) => {
        const segs = p.split('.');
        if (!segs.every((x) => /^[\p{L}\p{N}_$-]+$/u.test(x))) throw new Problem('internal', { detail_en: `scan: not a state path: ${p}` });
        return segs;
      });
      // One json_extract with several paths parses each snapshot once (in SQLite, faster than JSON.parse) and returns
      // just those values as a JSON array; `$.caseId` first makes it an array even for a single path.
      const jsonPaths = ['$."caseId"', ...split.map((segs) => `$.${segs.map((x) => `"${x}"`).join('.')}`)];
      const select = `SELECT rowid AS r, id, json_extract(state, ${jsonPaths.map(() => '?').join(', ')}) AS j FROM cases`;
      // Keyset pages of SCAN_PAGE rows, so the connection is free between pages (the caller may query in between).
      // By procedure: one range of cases_procedure (procedure, status, rowid) per status.
      const ranges = filter.procedure === undefined
        ? [{ st: db.prepare(`${select} WHERE rowid > ? ORDER BY rowid LIMIT ?`), args: [] as unknown[] }]
        : CASE_STATUSES.map((status) => ({ st: db.prepare(`${select} WHERE procedure = ? AND status = ? AND rowid > ? ORDER BY rowid LIMIT ?`), args: [filter.procedure, status] }));
      let left = filter.limit ?? Infinity;
      for (const { st, args } of ranges) {
        let after = 0;
        while (left > 0) {
          const n = Math.min(SCAN_PAGE, left);
          const rows = st.all(...jsonPaths, ...args, after, n) as { r: number; id: string; j: string }[];
          for (const row of rows) {
            const values = JSON.parse(row.j) as unknown[];
            const state: Record<string, unknown> = {};
            split.forEach((segs, i) => {
              if (values[i + 1] === null) return;
              let at = state;
              for (const seg of segs.slice(0, -1)) at = (at[seg] ??= {}) as Record<string, unknown>;
              at[segs[segs.length - 1]] = values[i + 1];
            });
            yield { id: row.id, state: state as Partial<CaseState> };
          }
          left -= rows.length;
          if (rows.length < n) break;
          after = rows[rows.length - 1].r;
        }
      }
    },
    allIds() {
      return (q.allIds.all() as { id: string }[]).map((r) => r.id);
    },
    assignNumber(caseId, scope, format) {
      const current = (q.getNumber.get(caseId) as { number: string | null } | undefined)?.number;
      if (current) return current;
      const { last } = q.bumpNumber.get(scope.bundle, scope.year) as { last: number };
      const number = format(last);
      q.setNumber.run(number, caseId);
      return number;
    },
    openCase(procedure, subject) {
      return q.openCase.get(subject, procedure) as { id: string; number: string | null } | undefined;
    },
  };
}
