/** Rule changes by form (administrators): a parameter's new value drafted as a resolution, checked, never written. */
import { Router } from 'express';
import { requireAdmin } from '../auth/middleware.js';
import type { ProposalRequest } from '../proposals/service.js';
import type { Services } from '../services.js';
import { param } from './util.js';

export function proposalRoutes(s: Services): Router {
  const r = Router();
  r.use('/admin/parameters', requireAdmin);

  r.post('/admin/parameters/:id/proposal', (req, res) => {
    res.json(s.proposals.draft(param(req, 'id'), req.body as ProposalRequest));
  });

  return r;
}
