/** Administration: audit log, scheduler jobs, the notification outbox, running the scheduler now. */
import { Router } from 'express';
import { requireAdmin } from '../auth/middleware.js';
import type { Services } from '../services.js';
import { page, str } from './util.js';

export function adminRoutes(s: Services): Router {
  const r = Router();
  const { store } = s.deps;
  r.use(['/audit', '/jobs', '/outbox', '/scheduler'], requireAdmin);

  r.get('/audit', (req, res) => {
    res.json(store.audit.list({ userId: str(req.query.user), action: str(req.query.action), target: str(req.query.target), ...page(req) }));
  });

  r.get('/jobs', (req, res) => {
    res.json(store.jobs.list({ status: str(req.query.status), kind: str(req.query.kind), ...page(req) }));
  });

  r.get('/outbox', (req, res) => {
    res.json(store.outbox.list({ status: str(req.query.status), ...page(req) }));
  });

  r.post('/scheduler/tick', async (_req, res) => {
    res.json(await s.scheduler.tick());
  });

  return r;
}
