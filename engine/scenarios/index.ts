export { runScenarios, runScenario, type ScenarioReport, type ScenarioResult } from './run.js';
