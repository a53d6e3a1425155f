export { runScenarios, runScenario, type ScenarioReport, type ScenarioResult } from './run.js';
export { briefs, expectWords, happenedWords, outcomeWords, reasonWords, ruleLabel, stepLabel, type FailureBrief, type Outcome, type Words } from './outcome.js';
