/**
 * SQLite CaseStore: the `events` table is the truth; `cases` (with the folded state as a snapshot) and `tasks` are
 * projections that `append` updates in the caller's transaction and `rebuild` recomputes from the events alone.
 */
import type { CaseEvent, CaseState } from '../../engine/interpret/types.js';
import { Problem, staleVersion } from '../problem.js';
import type { Db } from './db.js';
import type { CaseFilter, CaseRow, CaseStore, InboxFilter, Page, StoredEvent, TaskRow } from './types.js';

type Evolve = (state: CaseState | undefined, event: CaseEvent) => CaseState;

interface CaseDbRow {
  id: string;
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

const INBOX_SORT: Record<InboxFilter['sort'], string> = {
  due: 'due IS NULL, due ASC, opened_at ASC',
  '-due': 'due IS NULL, due DESC, opened_at DESC',
  opened: 'opened_at ASC, case_id, task_id',
  '-opened': 'opened_at DESC, case_id, task_id',
};

export function sqliteCaseStore(db: Db, evolve: Evolve): CaseStore {
  const q = {
    events: db.prepare('SELECT body FROM events WHERE case_id = ? ORDER BY seq'),
    version: db.prepare('SELECT MAX(seq) AS v FROM events WHERE case_id = ?'),
    insertEvent: db.prepare('INSERT INTO events (case_id, seq, type, at, body) VALUES (?, ?, ?, ?, ?)'),
    getCase: db.prepare('SELECT * FROM cases WHERE id = ?'),
    upsertCase: db.prepare(`INSERT INTO cases (id, procedure, bundle_hash, status, result, subject, parent_id, version, started_at, started_by, ended_at, updated_at, state)
      VALUES (@id, @procedure, @bundle_hash, @status, @result, @subject, @parent_id, @version, @started_at, @started_by, @ended_at, @updated_at, @state)
      ON CONFLICT(id) DO UPDATE SET status=excluded.status, result=excluded.result, version=excluded.version,
        ended_at=excluded.ended_at, updated_at=excluded.updated_at, state=excluded.state`),
    openTask: db.prepare(`INSERT OR REPLACE INTO tasks (case_id, task_id, step, kind, role, item, procedure, subject, due, clock_stopped, status, opened_at, closed_at, closed_by, outcome)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, NULL, NULL, NULL)`),
    completeTask: db.prepare(`UPDATE tasks SET status='done', closed_at=?, closed_by=?, outcome=? WHERE case_id=? AND task_id=?`),
    openTasks: db.prepare(`SELECT task_id FROM tasks WHERE case_id = ? AND status = 'open'`),
    closeTask: db.prepare(`UPDATE tasks SET status='closed', closed_at=? WHERE case_id=? AND task_id=?`),
    tasks: db.prepare('SELECT * FROM tasks WHERE case_id = ? ORDER BY opened_at, task_id'),
    deleteTasks: db.prepare('DELETE FROM tasks WHERE case_id = ?'),
    deleteCase: db.prepare('DELETE FROM cases WHERE id = ?'),
    allIds: db.prepare('SELECT id FROM cases ORDER BY started_at, id'),
  };

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
    const existing = q.getCase.get(caseId) as CaseDbRow | undefined;
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
    events,
    append(caseId, expectedVersion, evs, startedBy) {
      const current = (q.version.get(caseId) as { v: number | null }).v ?? 0;
      if (current !== expectedVersion) {
        throw staleVersion(expectedVersion, current);
      }
      evs.forEach((e, i) => q.insertEvent.run(caseId, current + i + 1, e.type, e.at, JSON.stringify(e)));
      const prev = current === 0 ? undefined : (JSON.parse((q.getCase.get(caseId) as CaseDbRow).state) as CaseState);
      return project(caseId, prev, evs, startedBy);
    },
    rebuild(caseId) {
      const evs = events(caseId);
      if (evs.length === 0) return;
      const startedBy = (q.getCase.get(caseId) as CaseDbRow | undefined)?.started_by;
      q.deleteTasks.run(caseId);
      db.pragma('defer_foreign_keys = ON'); // rows referring to the case (documents) are checked at COMMIT, after the case row is back
      q.deleteCase.run(caseId);
      project(caseId, undefined, evs, startedBy);
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
        if (f.procedures.length === 0) return { items: [], total: 0 };
        where.push(`procedure IN (${f.procedures.map(() => '?').join(',')})`);
        args.push(...f.procedures);
      }
      if (f.status) (where.push('status = ?'), args.push(f.status));
      if (f.subject) (where.push('subject = ?'), args.push(f.subject));
      if (f.parent) (where.push('parent_id = ?'), args.push(f.parent));
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM cases ${w}`).get(...args) as { n: number }).n;
      const rows = db.prepare(`SELECT * FROM cases ${w} ORDER BY started_at DESC, id LIMIT ? OFFSET ?`).all(...args, f.limit, f.offset) as CaseDbRow[];
      return { items: rows.map(caseRow), total };
    },
    tasks(caseId) {
      return (q.tasks.all(caseId) as TaskDbRow[]).map(taskRow);
    },
    inbox(f: InboxFilter): Page<TaskRow> {
      const where = [`status = 'open'`];
      const args: unknown[] = [];
      if (f.roles !== 'all') {
        if (f.roles.length === 0) return { items: [], total: 0 };
        where.push(`role IN (${f.roles.map(() => '?').join(',')})`);
        args.push(...f.roles);
      }
      if (f.role) (where.push('role = ?'), args.push(f.role));
      if (f.procedure) (where.push('procedure = ?'), args.push(f.procedure));
      if (f.step) (where.push('step = ?'), args.push(f.step));
      if (f.caseId) (where.push('case_id = ?'), args.push(f.caseId));
      if (f.overdue === true) (where.push('due IS NOT NULL AND due < ?'), args.push(f.now));
      if (f.overdue === false) (where.push('(due IS NULL OR due >= ?)'), args.push(f.now));
      const w = `WHERE ${where.join(' AND ')}`;
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM tasks ${w}`).get(...args) as { n: number }).n;
      const rows = db.prepare(`SELECT * FROM tasks ${w} ORDER BY ${INBOX_SORT[f.sort]} LIMIT ? OFFSET ?`).all(...args, f.limit, f.offset) as TaskDbRow[];
      return { items: rows.map(taskRow), total };
    },
    allIds() {
      return (q.allIds.all() as { id: string }[]).map((r) => r.id);
    },
  };
}
