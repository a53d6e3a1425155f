export { computeRecord } from './compute.js';
export { memoryFacts, factArgs, mergeRegistry, type Registry } from './memory.js';
export { nearestAnswer, nearRecord, type Near } from './nearest.js';
