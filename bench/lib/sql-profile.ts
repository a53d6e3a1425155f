/**
 * Statement timing on one better-sqlite3 connection, to say *why* a figure is slow: wraps every statement the
 * connection prepares (the store prepares its statements when it is built, so instrument first, then build the store
 * on this connection). Off until `start()`; `stop()` returns the statements by total time with their query plans.
 */
import type { Db } from '../../server/store/index.js';

export interface StatementCost {
  sql: string;
  ms: number;
  calls: number;
  plan: string;
}

type Stmt = Record<'run' | 'get' | 'all' | 'iterate', (...args: unknown[]) => unknown>;

export function instrument(db: Db): { start(): void; stop(): StatementCost[] } {
  const stats = new Map<string, { ms: number; calls: number }>();
  let on = false;
  const prepare = db.prepare.bind(db);
  (db as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
    const st = prepare(sql) as unknown as Stmt;
    for (const m of ['run', 'get', 'all'] as const) {
      const f = st[m].bind(st);
      st[m] = (...args: unknown[]) => {
        if (!on) return f(...args);
        const t = performance.now();
        try {
          return f(...args);
        } finally {
          const e = stats.get(sql) ?? { ms: 0, calls: 0 };
          e.ms += performance.now() - t;
          e.calls++;
          stats.set(sql, e);
        }
      };
    }
    return st;
  };
  const plan = (sql: string): string => {
    if (!/^\s*(SELECT|UPDATE|DELETE)/i.test(sql) || /@\w/.test(sql)) return '';
    try {
      const n = (sql.match(/\?/g) ?? []).length;
      return (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...new Array(n).fill(null)) as { detail: string }[]).map((r) => r.detail).join(' | ');
    } catch {
      return '';
    }
  };
  return {
    start() {
      stats.clear();
      on = true;
    },
    stop() {
      on = false;
      return [...stats].map(([sql, s]) => ({ sql: sql.replace(/\s+/g, ' ').trim(), ...s, plan: plan(sql) })).sort((a, b) => b.ms - a.ms);
    },
  };
}

/** One line about the costliest statement(s) of `costs`, per operation. */
export function describeCosts(costs: StatementCost[], ops: number, top = 2): string {
  const total = costs.reduce((a, c) => a + c.ms, 0);
  const parts = costs.slice(0, top).map((c) => `${(c.ms / ops).toFixed(2)} ms in \`${c.sql.slice(0, 110)}\`${c.plan ? ` [${c.plan}]` : ''}`);
  return `${(total / ops).toFixed(2)} ms of SQL per operation; the most: ${parts.join('; ')}`;
}
