/** Checklists of the definitions: what an inspection asks, item by item (the UI renders its form from them). */
import { Router } from 'express';
import type { Bundle, ChecklistDef } from '../../engine/index.js';
import { currentUser, requireAuth } from '../auth/middleware.js';
import { resolveOptions, toJalaliDate } from '../engine.js';
import { notFound, Problem } from '../problem.js';
import type { Services } from '../services.js';
import { maySeeCase } from '../access/party.js';
import { procedureRoles } from './procedures.js';
import { param, str } from './util.js';

/**
 * A checklist as the API shows it: its items — each a form field (type, options, unit, entity…) with its critical flag
 * and condition, without the pass logic (judged by the server when a task completes) — and their compiled schema, the
 * options of tables as in force on `asOf`. The UI renders each item's widget from its property of the schema.
 */
export function checklistJson(bundle: Bundle, c: ChecklistDef, asOf: string, now: string): Record<string, unknown> {
  return {
    id: c.id,
    title: c.title,
    items: c.items.map(({ pass: _pass, prefill: _prefill, derive: _derive, required: _required, ...item }) => item),
    schema: resolveOptions(bundle, c.schema, { bundle, asOf, now }),
  };
}

export function checklistRoutes(s: Services): Router {
  const r = Router();
  const { store, bundles } = s.deps;
  r.use('/checklists', requireAuth);

  /** The bundle to read: a case's own version (when the user may see the case), else the current one. */
  const bundleFor = (caseId: string | undefined, user: ReturnType<typeof currentUser>): { bundle: Bundle; asOf?: string } => {
    if (!caseId) return { bundle: bundles.current() };
    const c = store.cases.row(caseId);
    if (!c) throw notFound('case', caseId);
    const proc = s.cases.procedureFor(c);
    if (!maySeeCase(bundles.current(), user, proc, store.cases.get(caseId)!.state, proc ? procedureRoles(proc) : new Set())) {
      throw new Problem('forbidden', { detail: 'این پرونده به نقش‌های شما مربوط نیست', detail_en: 'This case does not involve your roles' });
    }
    // A version that no longer loads is read through the current definitions, like every read of its case.
    return { bundle: bundles.tryGet(c.bundleHash) ?? bundles.current(), asOf: store.cases.get(caseId)?.state.judgedOn };
  };

  r.get('/checklists/:id', (req, res) => {
    const id = param(req, 'id');
    const { bundle, asOf } = bundleFor(str(req.query.case), currentUser(req));
    const checklist = bundle.checklists.get(id);
    if (!checklist) throw notFound('checklist', id);
    res.json(checklistJson(bundle, checklist, asOf ?? toJalaliDate(s.now(), bundle.info.timeZone), s.now()));
  });

  return r;
}
