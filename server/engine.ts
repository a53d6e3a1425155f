/** The engine functions the server uses, in one place (the server's only door into engine/). */
export {
  startCase, applyCommand, fold, evolve, explainGuards, explainRules, triggerTimes, validateForm, prefillFor, deriveStartInput, resolveOptions,
  previewCompletion, stepMarks, taskEvidence, showsEvidence, reasonRequired, CANCEL_REASON, findTask,
} from '../engine/interpret/index.js';
export { formatCaseNumber } from '../engine/numbers.js';
export type * from '../engine/interpret/types.js';
export { toCaseError } from '../engine/interpret/errors.js';
export { computeRecord, factArgs, nearestAnswer, nearRecord, type Near } from '../engine/facts/index.js';
export { evaluate, fillTemplate } from '../engine/rules/index.js';
export { runScenarios, type ScenarioReport, type ScenarioResult } from '../engine/scenarios/index.js';
export { toMermaid, toSvg } from '../engine/diagram/index.js';
export { interpolateProcedure, interpolateText } from '../engine/labels/index.js';
export { toJalaliDate, jalaliToInstant, toAsciiDigits, toPersianDigits } from '../engine/calendar/index.js';
export { distanceMeters, toPoint, EARTH_RADIUS_M } from '../engine/geo.js';
export { optionLabel, recordDisplay, recordRefs, recordSubtitle, recordTitle, refEntityOf, type RecordLookup } from '../engine/records/index.js';
export { formatError, formatErrorFa } from '../engine/load/errors.js';
export { draftResolution, verdictChanges, type DraftedResolution, type ProposalInput, type VerdictChange } from '../engine/proposal/index.js';
export { appendItem, listText, replaceValue, YamlEditError } from '../engine/edit/index.js';
