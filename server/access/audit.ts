/**
 * The audit of sensitive reads: a response that gave a user sensitive fields they may read records who read which
 * fields of which records, and when, in the audit log (action `READ sensitive`).
 */
import type { Request } from 'express';
import type { Clock } from '../deps.js';
import type { AuditStore } from '../store/types.js';
import type { ReadLog } from './redact.js';

/** The audit action of a sensitive read. */
export const SENSITIVE_READ = 'READ sensitive';

/** Writes one audit row for what `log` holds (nothing when it holds nothing). */
export function auditReads(audit: AuditStore, clock: Clock, req: Request, log: ReadLog): void {
  const reads = log.entries();
  if (!reads.length) return;
  audit.add({
    at: clock.now().toISOString(),
    userId: req.user?.id ?? null,
    username: req.user?.username ?? null,
    action: SENSITIVE_READ,
    target: reads.length === 1 ? `${reads[0].entity}/${reads[0].id}` : req.originalUrl,
    ip: req.ip ?? null,
    status: 200,
    detail: { path: req.originalUrl, reads },
  });
}
