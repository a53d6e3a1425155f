/**
 * The interpreter: (bundle, case state, command, ctx) → events or a refusal. Pure: no I/O, no clock of its own.
 */
export { startCase } from './start.js';
export { applyCommand, findTask } from './apply.js';
export { fold, evolve, emptyState } from './fold.js';
export { explainGuards, explainRules, triggerTime, type WhatIfInput } from './what-if.js';
export { validateForm, type FieldError } from './forms.js';
export type * from './types.js';
export { triggerTime as triggerTimes } from './what-if.js';
