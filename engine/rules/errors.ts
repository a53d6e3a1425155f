/**
 * The one error the evaluator throws. Evaluation failures (an unknown parameter, a missing fact provider, a bad
 * date…) are not rule failures: callers turn a LogicError into a case error (`toJSON()` has that shape).
 */
import type { Text } from '../model.js';

/** Stable codes of evaluation errors. */
export type EvalErrorCode =
  | 'unknown-operator'
  | 'unknown-param'
  | 'param-not-in-force'
  | 'unknown-rule'
  | 'rule-cycle'
  | 'no-fact-provider'
  | 'fact-failed'
  | 'bad-date'
  | 'bad-number'
  | 'bad-point'
  | 'bad-argument'
  | 'too-deep'
  | 'too-large'
  | 'logic-error';

/** An evaluation error with a stable code, a bilingual message and optional detail (the offending value, ids). */
export class LogicError extends Error {
  readonly code: EvalErrorCode;
  readonly text: Text;
  readonly detail?: unknown;

  constructor(code: EvalErrorCode, text: Text, detail?: unknown) {
    super(text.en ?? text.fa);
    this.name = 'LogicError';
    this.code = code;
    this.text = text;
    this.detail = detail;
  }

  /** The case-error shape: `{ code, message: Text, detail }`. */
  toJSON(): { code: EvalErrorCode; message: Text; detail?: unknown } {
    return this.detail === undefined ? { code: this.code, message: this.text } : { code: this.code, message: this.text, detail: this.detail };
  }
}

/** True for a LogicError (also across module copies). */
export function isEvalError(e: unknown): e is LogicError {
  return e instanceof LogicError || (e instanceof Error && e.name === 'LogicError' && 'code' in e && 'text' in e);
}

/** Wraps anything thrown during evaluation into a LogicError; LogicErrors pass through unchanged. */
export function toEvalError(e: unknown): LogicError {
  if (isEvalError(e)) return e;
  const why = e instanceof Error ? e.message : String(e);
  return new LogicError('logic-error', { fa: `خطا در اجرای منطق: ${why}`, en: `Logic failed: ${why}` }, { cause: why });
}
