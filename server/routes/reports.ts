/** Reports: cases by procedure and status, overdue tasks, durations of ended cases — as JSON, and as CSV to download. */
import { Router } from 'express';
import { currentUser, isAdmin, requireAuth } from '../auth/middleware.js';
import { recordTitle } from '../engine.js';
import { Problem } from '../problem.js';
import { casesCsv, durationsCsv, overdueCsv } from '../reports/csv.js';
import type { Services } from '../services.js';
import { taskView } from './cases.js';
import { csvAttachment, page } from './util.js';

/** The most rows a CSV export of overdue tasks carries. */
const MAX_EXPORT_ROWS = 100_000;

const DAY_MS = 86_400_000;

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

export function reportRoutes(s: Services): Router {
  const r = Router();
  const { reports } = s.deps.store;
  // Reports are for administrators and the roles that start procedures (the people who run cases) — not for parties
  // (a party role sees its own cases only).
  r.use('/reports', requireAuth, (req, _res, next) => {
    const u = currentUser(req);
    const b = s.deps.bundles.current();
    const starters = new Set([...b.procedures.values()].flatMap((p) => p.start.roles));
    if (isAdmin(u) || u.roles.some((x) => starters.has(x) && !b.roles.get(x)?.party)) return next();
    next(new Problem('forbidden', { detail: 'گزارش‌ها برای مدیر و آغازکنندگان پرونده است', detail_en: 'Reports are for administrators and the roles that start cases' }));
  });

  const durations = () =>
    reports.durations().map(({ procedure, durationsMs }) => ({
      procedure,
      count: durationsMs.length,
      meanDays: durationsMs.reduce((a, x) => a + x, 0) / durationsMs.length / DAY_MS,
      medianDays: quantile(durationsMs, 0.5) / DAY_MS,
      p90Days: quantile(durationsMs, 0.9) / DAY_MS,
      maxDays: durationsMs[durationsMs.length - 1] / DAY_MS,
    }));

  r.get('/reports/cases.csv', (_req, res) => {
    csvAttachment(res, 'پرونده‌ها.csv', casesCsv(s.deps.bundles.current(), reports.casesByProcedureAndStatus()));
  });

  r.get('/reports/overdue.csv', (_req, res) => {
    const b = s.deps.bundles.current();
    const now = s.now();
    const { entities, cases } = s.deps.store;
    const subjectTitle = (t: { procedure: string; subject: string | null }) => {
      const entity = b.procedures.get(t.procedure)?.subject?.entity;
      const rec = entity && t.subject ? entities.get(entity, t.subject) : undefined;
      return rec && entity ? recordTitle(b, entity, rec, (e, id) => entities.get(e, id)).fa : '';
    };
    // The case's human number when the store keeps one; never the internal id.
    const caseNumber = (t: { caseId: string }) => String((cases.row(t.caseId) as { number?: string } | undefined)?.number ?? '');
    csvAttachment(res, 'کارهای گذشته از مهلت.csv', overdueCsv(b, reports.overdue(now, MAX_EXPORT_ROWS, 0).items, now, subjectTitle, caseNumber));
  });

  r.get('/reports/durations.csv', (_req, res) => {
    csvAttachment(res, 'مدت پرونده‌ها.csv', durationsCsv(s.deps.bundles.current(), durations()));
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
    res.json(durations());
  });

  return r;
}
