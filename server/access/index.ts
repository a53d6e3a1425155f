/** Who sees what: the policy from the definitions, the redaction of answers, and the audit of sensitive reads. */
import type { Request } from 'express';
import type { Bundle } from '../../engine/index.js';
import { currentUser } from '../auth/middleware.js';
import { Access } from './policy.js';

export { Access, confidentialReaders, isWithheld, withheld, type Withheld } from './policy.js';
export { keepHidden, ReadLog, redactCase, redactEvents, redactEvidence, redactFailures, redactProblem, redactRecord, type CaseScope } from './redact.js';
export { auditReads, SENSITIVE_READ } from './audit.js';

/** The signed-in user's access to `bundle`. */
export function accessOf(req: Request, bundle: Bundle): Access {
  return new Access(bundle, currentUser(req).roles);
}
