/**
 * The inbox query: open tasks of a user's roles, filtered, in the order asked, one page at a time — read in index order
 * so a page costs the same with fifty open tasks or fifty thousand.
 *
 * Open tasks are indexed (partial indexes, migration 3) per role and across roles, by due date and by opening time,
 * and per procedure and role. A page for several roles reads the first `offset + limit` rows of each role in order and
 * merges them here (SQLite cannot keep the order of `role IN (…)` without sorting every matching row); filtered by
 * procedure, it reads each role's range within that procedure (for administrators: each role with open tasks there). Dated tasks come before undated ones,
 * so "by due date" is two ranges: the dated ones, then — only if the page reaches past them — the undated ones.
 * The total is counted up to INBOX_COUNT_CAP: past it the page says `totalCapped` (the UI shows "1,000+").
 */
import type Database from 'better-sqlite3';
import type { Db } from './db.js';
import type { InboxFilter, InboxPage } from './types.js';

/** Totals above this are reported as this, with `totalCapped`. */
export const INBOX_COUNT_CAP = 1000;
/** Pages deeper than this (offset + limit) for several roles are sorted by SQLite instead of merged here. */
const MERGE_LIMIT = 5000;

type Row = Record<string, unknown> & { due: string | null; opened_at: string; case_id: string; task_id: string };

/** One ordered range of open tasks: a WHERE term, its ORDER BY, the index that reads it in that order. */
interface Part {
  where: string;
  order: string;
  key: (r: Row) => string[];
  desc: boolean;
  roleIndex: string;
  allIndex: string;
  procedureIndex: string;
}

const dated = (desc: boolean): Part => ({
  where: 'due IS NOT NULL',
  order: desc ? 'due DESC, opened_at DESC, case_id DESC, task_id DESC' : 'due, opened_at, case_id, task_id',
  key: (r) => [r.due!, r.opened_at, r.case_id, r.task_id],
  desc,
  roleIndex: 'tasks_open_role_due',
  allIndex: 'tasks_open_due',
  procedureIndex: 'tasks_open_procedure_due',
});
const undated = (desc: boolean): Part => ({
  where: 'due IS NULL',
  order: desc ? 'opened_at DESC, case_id DESC, task_id DESC' : 'opened_at, case_id, task_id',
  key: (r) => [r.opened_at, r.case_id, r.task_id],
  desc,
  roleIndex: 'tasks_open_role_due',
  allIndex: 'tasks_open_due',
  procedureIndex: 'tasks_open_procedure_due',
});
const byOpening = (desc: boolean): Part => ({
  ...undated(desc), where: '1', roleIndex: 'tasks_open_role_opened', allIndex: 'tasks_open_opened', procedureIndex: 'tasks_open_procedure_opened',
});

/** The ranges of each sort, in the order they are shown. */
const PARTS: Record<InboxFilter['sort'], Part[]> = {
  due: [dated(false), undated(false)],
  '-due': [dated(true), undated(true)],
  opened: [byOpening(false)],
  '-opened': [byOpening(true)],
};

/** The same order in one ORDER BY (for a single case's tasks and very deep pages). */
const FULL_ORDER: Record<InboxFilter['sort'], string> = {
  due: 'due IS NULL, due, opened_at, case_id, task_id',
  '-due': 'due IS NULL, due DESC, opened_at DESC, case_id DESC, task_id DESC',
  opened: 'opened_at, case_id, task_id',
  '-opened': 'opened_at DESC, case_id DESC, task_id DESC',
};

function compare(part: Part): (a: Row, b: Row) => number {
  return (a, b) => {
    const x = part.key(a), y = part.key(b);
    for (let i = 0; i < x.length; i++) {
      if (x[i] !== y[i]) return (x[i] < y[i] ? -1 : 1) * (part.desc ? -1 : 1);
    }
    return 0;
  };
}

/** `inbox(filter)` over the tasks table; rows come back as stored (the caller maps them). */
export function sqliteInbox(db: Db): (f: InboxFilter) => InboxPage<Row> {
  const stmts = new Map<string, Database.Statement<unknown[]>>();
  const prepared = (sql: string) => {
    let st = stmts.get(sql);
    if (!st) stmts.set(sql, (st = db.prepare<unknown[]>(sql)));
    return st;
  };

  return (f) => {
    // The roles to read: the user's, narrowed to one when the filter names it (administrators: every role).
    let roles: string[] | undefined = f.roles === 'all' ? undefined : [...new Set(f.roles)];
    if (f.role) roles = roles === undefined || roles.includes(f.role) ? [f.role] : [];
    if (roles?.length === 0) return { items: [], total: 0, totalCapped: false };

    const where: string[] = [];
    const args: unknown[] = [];
    if (f.step) (where.push('step = ?'), args.push(f.step));
    if (f.caseId) (where.push('case_id = ?'), args.push(f.caseId));
    if (f.overdue === true) (where.push('due IS NOT NULL AND due < ?'), args.push(f.now));
    if (f.overdue === false) (where.push('(due IS NULL OR due >= ?)'), args.push(f.now));
    if (f.partyOnly?.roles.length) {
      // A party role's tasks are the party's own cases' only.
      const { roles: pr, cases } = f.partyOnly;
      where.push(`(role NOT IN (${pr.map(() => '?').join(',')})${cases.length ? ` OR case_id IN (${cases.map(() => '?').join(',')})` : ''})`);
      args.push(...pr, ...cases);
    }
    const rest = where.map((w) => ` AND ${w}`).join('');
    // The procedure filter leads (it is the first column of the procedure indexes): `proc` and its argument go first.
    const proc = f.procedure === undefined ? '' : ' AND procedure = ?';
    const procArg = f.procedure === undefined ? [] : [f.procedure];
    const roleIn = roles ? ` AND role IN (${roles.map(() => '?').join(',')})` : '';

    const n = (prepared(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM tasks WHERE status = 'open'${proc}${roleIn}${rest} LIMIT ${INBOX_COUNT_CAP + 1})`)
      .get(...procArg, ...(roles ?? []), ...args) as { n: number }).n;
    const counted = { total: Math.min(n, INBOX_COUNT_CAP), totalCapped: n > INBOX_COUNT_CAP };
    const want = f.offset + f.limit;

    // One case's tasks (a handful: the primary key finds them), or a deep page over several roles: SQLite sorts.
    if (f.caseId || (roles && roles.length > 1 && want > MERGE_LIMIT)) {
      const items = prepared(`SELECT * FROM tasks WHERE status = 'open'${proc}${roleIn}${rest} ORDER BY ${FULL_ORDER[f.sort]} LIMIT ? OFFSET ?`)
        .all(...procArg, ...(roles ?? []), ...args, f.limit, f.offset) as Row[];
      return { items, ...counted };
    }

    /**
     * The first `limit` keys (after `offset`) of a part for one role (or all), in index order: only the indexed columns
     * (no table row is read unless a filter needs one); the page's rows are fetched by key at the end.
     */
    const read = (part: Part, role: string | undefined, limit: number, offset: number): Row[] => {
      const index = f.procedure !== undefined ? part.procedureIndex : role === undefined ? part.allIndex : part.roleIndex;
      const sql = `SELECT case_id, task_id, due, opened_at FROM tasks INDEXED BY ${index} WHERE status = 'open'${proc}${role === undefined ? '' : ' AND role = ?'} AND ${part.where}${rest} ORDER BY ${part.order} LIMIT ? OFFSET ?`;
      return prepared(sql).all(...procArg, ...(role === undefined ? [] : [role]), ...args, limit, offset) as Row[];
    };
    const countPart = (part: Part, role: string | undefined): number =>
      (prepared(`SELECT COUNT(*) AS n FROM tasks WHERE status = 'open'${proc}${role === undefined ? '' : ' AND role = ?'} AND ${part.where}${rest}`)
        .get(...procArg, ...(role === undefined ? [] : [role]), ...args) as { n: number }).n;

    // Within one procedure every read is per role (its index leads with procedure, role): an administrator's roles are
    // those with open tasks there.
    const procedureRoles = () => {
      // One seek per role (a skip scan), not a walk over every open task of the procedure.
      const next = prepared(`SELECT role FROM tasks INDEXED BY tasks_open_procedure_opened WHERE status = 'open' AND procedure = ? AND role > ? ORDER BY role LIMIT 1`);
      const found: string[] = [];
      for (let r = next.get(f.procedure, '') as { role: string } | undefined; r; r = next.get(f.procedure, r.role) as { role: string } | undefined) found.push(r.role);
      return found;
    };
    const streams = roles ?? (f.procedure === undefined ? [undefined] : procedureRoles());
    if (streams.length === 0) return { items: [], ...counted };
    if (streams.length > 1 && want > MERGE_LIMIT) {
      const items = prepared(`SELECT * FROM tasks WHERE status = 'open'${proc}${rest} ORDER BY ${FULL_ORDER[f.sort]} LIMIT ? OFFSET ?`).all(...procArg, ...args, f.limit, f.offset) as Row[];
      return { items, ...counted };
    }
    const items: Row[] = [];
    let skip = f.offset;
    for (const part of PARTS[f.sort]) {
      const room = f.limit - items.length;
      if (room <= 0) break;
      if (streams.length === 1) {
        // One ordered range: SQLite skips and stops by itself.
        const rows = read(part, streams[0], room, skip);
        items.push(...rows);
        // Rows to skip in the next range: the offset less this range's size (counted only when the page reaches past it).
        if (rows.length < room) skip = Math.max(0, skip - (rows.length > 0 ? skip : countPart(part, streams[0])));
        continue;
      }
      // Several roles: the first `skip + room` rows of each, merged in order.
      const merged = streams.flatMap((role) => read(part, role, skip + room, 0)).sort(compare(part));
      items.push(...merged.slice(skip, skip + room));
      skip = Math.max(0, skip - merged.length);
    }
    const row = prepared('SELECT * FROM tasks WHERE case_id = ? AND task_id = ?');
    return { items: items.map((k) => row.get(k.case_id, k.task_id) as Row), ...counted };
  };
}
