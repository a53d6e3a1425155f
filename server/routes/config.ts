/** What the signed-in web UI needs to know about this installation: the map tile server, if any. */
import { Router } from 'express';
import { requireAuth } from '../auth/middleware.js';
import type { ServerConfig } from '../deps.js';

export function configRoutes(config: ServerConfig): Router {
  const r = Router();
  r.get('/config', requireAuth, (_req, res) => {
    res.json({ tilesUrl: config.tiles?.url ?? null, tilesAttribution: config.tiles?.attribution ?? null });
  });
  return r;
}
