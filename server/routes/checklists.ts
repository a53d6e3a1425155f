/** Checklists of the definitions: what an inspection asks, item by item (the UI renders its form from them). */
import { Router } from 'express';
import type { Bundle, ChecklistDef } from '../../engine/model.js';
import { currentUser, isAdmin, requireAuth } from '../auth/middleware.js';
import { notFound, Problem } from '../problem.js';
import type { Services } from '../services.js';
import { procedureRoles } from './procedures.js';
import { param, str } from './util.js';

/** A checklist as the API shows it: its items without their pass logic (judged by the server when a task completes). */
export function checklistJson(c: ChecklistDef): Record<string, unknown> {
  return {
    id: c.id,
    title: c.title,
    items: c.items.map((i) => ({ id: i.id, label: i.label, type: i.type, critical: i.critical, ...(i.applies_when === undefined ? {} : { applies_when: i.applies_when }) })),
  };
}

export function checklistRoutes(s: Services): Router {
  const r = Router();
  const { store, bundles } = s.deps;
  r.use('/checklists', requireAuth);

  /** The bundle to read: a case's own version (when the user may see the case), else the current one. */
  const bundleFor = (caseId: string | undefined, user: ReturnType<typeof currentUser>): Bundle => {
    if (!caseId) return bundles.current();
    const c = store.cases.row(caseId);
    if (!c) throw notFound('پرونده', caseId);
    const proc = s.cases.procedureFor(c);
    if (!isAdmin(user) && !(proc && [...procedureRoles(proc)].some((x) => user.roles.includes(x)))) {
      throw new Problem('forbidden', { detail: 'این پرونده به نقش‌های شما مربوط نیست', detail_en: 'This case does not involve your roles' });
    }
    // A version that no longer loads is read through the current definitions, like every read of its case.
    return bundles.tryGet(c.bundleHash) ?? bundles.current();
  };

  r.get('/checklists/:id', (req, res) => {
    const id = param(req, 'id');
    const checklist = bundleFor(str(req.query.case), currentUser(req)).checklists.get(id);
    if (!checklist) throw notFound('چک‌لیست', id);
    res.json(checklistJson(checklist));
  });

  return r;
}
