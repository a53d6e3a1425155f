/**
 * The engine's public face: everything a host (the server, the CLI, the bench) may use. The engine is pure — no I/O,
 * no clock of its own; the host passes the clock, the facts and the files in. Import from here, not from the folders.
 */
export * from './model.js';
export * from './calendar/index.js';
export * from './load/index.js';
export * from './rules/index.js';
export * from './interpret/index.js';
export type * from './interpret/types.js';
export * from './facts/index.js';
export * from './records/index.js';
export * from './labels/index.js';
export * from './diagram/index.js';
export {
  runScenarios, runScenario, type ScenarioReport, type ScenarioResult, briefs, expectWords, happenedWords, outcomeWords, reasonWords, ruleLabel, stepLabel,
  type FailureBrief, type Outcome as ScenarioOutcome, type Words,
} from './scenarios/index.js';
export * from './proposal/index.js';
export * from './edit/index.js';
export { formatCaseNumber, casePatternProblem, DEFAULT_CASE_NUMBER } from './numbers.js';
export { distanceMeters, toPoint, destination, EARTH_RADIUS_M, type GeoPoint } from './geo.js';
export { REFUSAL_CODES, type RefusalCode } from './interpret/refusal.js';
export { toCaseError, CaseError } from './interpret/errors.js';
export { createAjv, type Ajv } from './load/ajv.js';
/** For the bench: the loader's stages on their own (parsing a file, the compiled schema of a kind). */
export { parseSource } from './load/parse.js';
export { validatorFor } from './load/schemas.js';
