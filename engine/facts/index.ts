export { computeRecord } from './compute.js';
export { memoryFacts, factArgs, type Registry } from './memory.js';
