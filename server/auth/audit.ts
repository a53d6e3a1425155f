/**
 * The audit log: every write (and every sign-in attempt) is recorded with who, what, when and from where, after the
 * response is sent. Routes add a target and details through `res.locals.audit`.
 */
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Clock } from '../deps.js';
import type { AuditStore } from '../store/types.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function auditLog(audit: AuditStore, clock: Clock, log: Logger): RequestHandler {
  return (req, res, next) => {
    if (READS.has(req.method)) return next();
    res.on('finish', () => {
      const extra = (res.locals.audit ?? {}) as { target?: string; detail?: unknown; username?: string };
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : req.path;
      try {
        audit.add({
          at: clock.now().toISOString(),
          userId: req.user?.id ?? null,
          username: req.user?.username ?? extra.username ?? null,
          action: `${req.method} ${route}`,
          target: extra.target ?? req.originalUrl,
          ip: req.ip ?? null,
          status: res.statusCode,
          detail: extra.detail ?? null,
        });
      } catch (err) {
        log.error({ err }, 'audit write failed');
      }
    });
    next();
  };
}
