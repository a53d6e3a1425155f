/** The engine functions the server uses, in one place (the server's only door into engine/). */
export {
  startCase, applyCommand, fold, evolve, explainGuards, explainRules, triggerTimes, validateForm, prefillFor, deriveStartInput, resolveOptions,
  previewCompletion, stepMarks, taskEvidence, showsEvidence, reasonRequired, CANCEL_REASON, findTask,
} from '../engine/index.js';
export { formatCaseNumber } from '../engine/index.js';
export type * from '../engine/index.js';
export { toCaseError } from '../engine/index.js';
export { computeRecord, factArgs, nearestAnswer, nearRecord, type Near } from '../engine/index.js';
export { evaluate, fillTemplate } from '../engine/index.js';
export { runScenarios, type ScenarioReport, type ScenarioResult } from '../engine/index.js';
export { toMermaid, toSvg } from '../engine/index.js';
export { interpolateProcedure, interpolateText } from '../engine/index.js';
export { toJalaliDate, jalaliToInstant, toAsciiDigits, toPersianDigits } from '../engine/index.js';
export { distanceMeters, toPoint, EARTH_RADIUS_M } from '../engine/index.js';
export { optionLabel, recordDisplay, recordRefs, recordSubtitle, recordTitle, refEntityOf, type RecordLookup } from '../engine/index.js';
export { formatError, formatErrorFa } from '../engine/index.js';
export { draftResolution, verdictChanges, type DraftedResolution, type ProposalInput, type VerdictChange } from '../engine/index.js';
export { appendItem, listText, replaceValue, YamlEditError } from '../engine/index.js';
