/**
 * Refusals: a command that cannot be carried out, explained in fa and en. Nothing is emitted.
 */
import type { Text } from '../model.js';
import type { FieldError } from './forms.js';
import type { Decision, RuleFailure } from './types.js';

/**
 * Every code the interpreter refuses a command with (stable: clients and scenarios switch on them; a scenario may
 * expect one instead of rule ids, `expect_refused: [case-already-open]`). `refuse` takes nothing else.
 */
export const REFUSAL_CODES = [
  'guard-failed', 'cannot-evaluate', 'invalid-form', 'not-permitted', 'unknown-case', 'unknown-task', 'unknown-outcome',
  'unknown-procedure', 'unknown-subject', 'unknown-child', 'retired-record', 'unknown-timer', 'case-closed', 'case-already-open',
  'return-not-allowed', 'bad-definition',
] as const;

/** A refusal code (see {@link REFUSAL_CODES}). */
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** A refusal decision with a stable code. */
export function refuse(code: RefusalCode, message: Text, failures: RuleFailure[] = [], fieldErrors?: FieldError[]): Decision {
  return { ok: false, refusal: fieldErrors ? { code, message, failures, fieldErrors } : { code, message, failures } };
}

/** The refusal for failed guards, listing every failed rule. */
export function guardRefusal(failures: RuleFailure[]): Decision {
  const n = failures.length;
  return refuse(
    'guard-failed',
    {
      fa: n === 1 ? `یک شرط برقرار نیست: ${failures[0].message.fa}` : `${n} شرط برقرار نیست.`,
      en: n === 1 ? `A condition is not met: ${failures[0].message.en ?? failures[0].message.fa}` : `${n} conditions are not met.`,
    },
    failures,
  );
}

export function formRefusal(errors: FieldError[]): Decision {
  return refuse('invalid-form', { fa: 'اطلاعات فرم کامل یا درست نیست.', en: 'The form data is incomplete or invalid.' }, [], errors);
}
