/**
 * The interpreter: (bundle, case state, command, ctx) → events or a refusal. Pure: no I/O, no clock of its own.
 */
export { startCase } from './start.js';
export { applyCommand, findTask } from './apply.js';
export { fold, evolve, emptyState } from './fold.js';
export { explainGuards, explainRules, triggerTime, type WhatIfInput } from './what-if.js';
export { validateForm, validateFields, fieldAt, labelAt, type FieldError, type FieldsDef } from './forms.js';
export { checkSubmission, deriveValues, valueProblems } from './submission.js';
export { prefillFor } from './prefill.js';
export { resolveOptions, tableOptions } from './options.js';
export { deriveStartInput } from './what-if.js';
export type * from './types.js';
export { triggerTime as triggerTimes } from './what-if.js';
export { previewCompletion, REFUSED_RESULT, type Preview } from './preview.js';
export { stepMarks, type MarkedCase } from './marks.js';
export { CANCEL_REASON } from './apply.js';
export { reasonRequired } from './returns.js';
export { taskEvidence, showsEvidence, type Evidence, type ShownValue } from './evidence.js';
