/**
 * A run-time failure inside a case (a bad definition value, a missing fact): the case goes to its error state.
 */
import type { Text } from '../model.js';

export class CaseError extends Error {
  constructor(
    readonly code: string,
    readonly text: Text,
    readonly detail?: unknown,
  ) {
    super(text.en ?? text.fa);
  }
}

/** Turns anything thrown while running a case into a case error (never rethrows). */
export function toCaseError(err: unknown): CaseError {
  if (err instanceof CaseError) return err;
  const e = err as { code?: unknown; message?: unknown; fa?: unknown; en?: unknown; text?: Text };
  const en = typeof e?.message === 'string' ? e.message : String(err);
  const fa = e?.text?.fa ?? (typeof e?.fa === 'string' ? e.fa : `خطای اجرایی: ${en}`);
  return new CaseError(typeof e?.code === 'string' ? e.code : 'runtime-error', { fa, en });
}
