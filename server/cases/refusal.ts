/** Turns an interpreter refusal into the API's problem: rule failures and field errors travel as data. */
import type { Refusal } from '../engine.js';
import { Problem } from '../problem.js';

export function refusalProblem(r: Refusal): Problem {
  const code = r.code === 'guard-failed' ? 'rule-refused' : r.code === 'not-permitted' ? 'forbidden' : 'command-refused';
  return new Problem(code, {
    detail: r.message.fa,
    detail_en: r.message.en ?? r.message.fa,
    extra: { refusal: r.code, failures: r.failures, ...(r.fieldErrors ? { fieldErrors: r.fieldErrors } : {}) },
  });
}
