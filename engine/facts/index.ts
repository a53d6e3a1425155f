export { computeRecord } from './compute.js';
export { memoryFacts, factArgs, mergeRegistry, type Registry } from './memory.js';
