/** Turns an interpreter refusal into the API's problem: rule failures and field errors travel as data. */
import { toCaseError, type Refusal } from '../engine.js';
import { Problem } from '../problem.js';

export function refusalProblem(r: Refusal): Problem {
  const code = r.code === 'guard-failed' ? 'rule-refused' : r.code === 'not-permitted' ? 'forbidden' : r.code === 'case-already-open' ? 'case-already-open' : 'command-refused';
  return new Problem(code, {
    detail: r.message.fa,
    detail_en: r.message.en ?? r.message.fa,
    extra: { refusal: r.code, failures: r.failures, ...(r.fieldErrors ? { fieldErrors: r.fieldErrors } : {}), ...(r.openCase ? { openCase: r.openCase } : {}) },
  });
}

/** The 422 of a rule that cannot be evaluated with the data given (named when known), with the evaluator's reason. */
export function cannotEvaluate(rule: string | undefined, err: unknown): Problem {
  const e = toCaseError(err);
  return new Problem('cannot-evaluate', {
    detail: rule ? `قاعدهٔ «${rule}» با این داده‌ها ارزیابی نمی‌شود: ${e.text.fa}` : `قواعد با این داده‌ها ارزیابی نمی‌شوند: ${e.text.fa}`,
    detail_en: rule ? `Rule "${rule}" cannot be evaluated with this data: ${e.text.en ?? e.text.fa}` : `The rules cannot be evaluated with this data: ${e.text.en ?? e.text.fa}`,
    extra: { ...(rule ? { rule } : {}), error: e.code },
  });
}
