/**
 * The audit log: every write (and every sign-in attempt) is recorded with who, what, when and from where. Routes add a
 * target and details through `res.locals.audit`.
 *
 * A write that commits a transaction of its own (a case command) records its audit row inside that transaction with
 * `auditedTx`: the change and its record commit together, with one disk sync instead of two. Every other request —
 * refusals and errors included — is recorded after its response is sent.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { Clock } from '../deps.js';
import type { AuditEntry, AuditStore, Store } from '../store/types.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What a route adds to its audit row. */
export interface AuditNote {
  target?: string;
  detail?: unknown;
  username?: string;
}

function entry(req: Request, status: number, note: AuditNote, at: string): AuditEntry {
  const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : req.path;
  return {
    at,
    userId: req.user?.id ?? null,
    username: req.user?.username ?? note.username ?? null,
    action: `${req.method} ${route}`,
    target: note.target ?? req.originalUrl,
    ip: req.ip ?? null,
    status,
    detail: note.detail ?? null,
  };
}

/**
 * Runs `fn` — a write — in a transaction together with this request's audit row (status and note as `fn` returns
 * them), then marks the request recorded so the after-response writer skips it. When `fn` throws, nothing is written
 * and the refusal is recorded after the response as usual.
 */
export function auditedTx<T>(
  store: Pick<Store, 'tx' | 'audit'>, clock: Clock, req: Request, res: Response, fn: () => { status: number; note: AuditNote; value: T },
): T {
  const out = store.tx(() => {
    const r = fn();
    store.audit.add(entry(req, r.status, r.note, clock.now().toISOString()));
    return r;
  });
  res.locals.audited = true;
  res.locals.audit = out.note;
  return out.value;
}

/** Middleware: records every non-read request after its response (unless it was recorded in its transaction). */
export function auditLog(audit: AuditStore, clock: Clock, log: Logger): RequestHandler {
  return (req, res, next) => {
    if (READS.has(req.method)) return next();
    res.on('finish', () => {
      if (res.locals.audited) return;
      try {
        audit.add(entry(req, res.statusCode, (res.locals.audit ?? {}) as AuditNote, clock.now().toISOString()));
      } catch (err) {
        log.error({ err }, 'audit write failed');
      }
    });
    next();
  };
}
