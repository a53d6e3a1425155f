/** Rule changes by form: a proposed parameter value drafted as a resolution, and the scenarios it turns. */
export { chooseResolutionId, draftResolution, valueProblem, type DraftedResolution, type ProposalFieldError, type ProposalInput } from './draft.js';
export { expectationFor, verdictChanges, type VerdictChange, type VerdictSide } from './verdicts.js';
