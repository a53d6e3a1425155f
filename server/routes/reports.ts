/** Reports: cases by procedure and status, overdue tasks, durations of ended cases. */
import { Router } from 'express';
import { currentUser, isAdmin, requireAuth } from '../auth/middleware.js';
import { Problem } from '../problem.js';
import type { Services } from '../services.js';
import { taskView } from './cases.js';
import { page } from './util.js';

const DAY_MS = 86_400_000;

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

export function reportRoutes(s: Services): Router {
  const r = Router();
  const { reports } = s.deps.store;
  // Reports are for administrators and the roles that start procedures (the people who run cases).
  r.use('/reports', requireAuth, (req, _res, next) => {
    const u = currentUser(req);
    const starters = new Set([...s.deps.bundles.current().procedures.values()].flatMap((p) => p.start.roles));
    if (isAdmin(u) || u.roles.some((x) => starters.has(x))) return next();
    next(new Problem('forbidden', { detail: 'گزارش‌ها برای مدیر و آغازکنندگان پرونده است', detail_en: 'Reports are for administrators and the roles that start cases' }));
  });

  r.get('/reports/cases', (_req, res) => {
    const rows = reports.casesByProcedureAndStatus();
    const byProcedure: Record<string, Record<string, number>> = {};
    for (const row of rows) (byProcedure[row.procedure] ??= {})[row.status] = row.count;
    res.json({ rows, byProcedure, total: rows.reduce((a, x) => a + x.count, 0) });
  });

  r.get('/reports/overdue', (req, res) => {
    const now = s.now();
    const result = reports.overdue(now, page(req).limit, page(req).offset);
    res.json({ now, items: result.items.map((t) => taskView(t, now)), total: result.total });
  });

  r.get('/reports/durations', (_req, res) => {
    res.json(
      reports.durations().map(({ procedure, durationsMs }) => ({
        procedure,
        count: durationsMs.length,
        meanDays: durationsMs.reduce((a, x) => a + x, 0) / durationsMs.length / DAY_MS,
        medianDays: quantile(durationsMs, 0.5) / DAY_MS,
        p90Days: quantile(durationsMs, 0.9) / DAY_MS,
        maxDays: durationsMs[durationsMs.length - 1] / DAY_MS,
      })),
    );
  });

  return r;
}
