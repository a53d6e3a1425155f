/**
 * A bound on how deeply a JSON body may nest. `JSON.parse` accepts any depth, but everything after it that walks a
 * value recursively — request validation, the Idempotency-Key hash, the engine, `JSON.stringify` of events — can run
 * out of stack on a body nested thousands deep (a 500). One check right after body parsing protects them all.
 */
import type { RequestHandler } from 'express';
import { Problem } from './problem.js';
import { toPersianDigits } from '../engine/index.js';

/** Deepest accepted nesting of objects and arrays (the same bound as definitions' JSON-Logic, MAX_LOGIC_DEPTH). */
export const MAX_JSON_DEPTH = 64;

/** True when `value` nests objects/arrays deeper than `max` (iterative: never recurses, stops at the first too deep). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/** Middleware (after `express.json`): 400 validation-failed for a body nested deeper than `max`. */
export function jsonDepthLimit(max = MAX_JSON_DEPTH): RequestHandler {
  return (req, _res, next) => {
    if (req.body !== null && typeof req.body === 'object' && !Buffer.isBuffer(req.body) && nestsDeeperThan(req.body, max)) {
      const fa = toPersianDigits(String(max));
      const message = { fa: `بدنهٔ درخواست بیش از ${fa} سطح تودرتو است.`, en: `The body is nested deeper than ${max} levels.` };
      return next(new Problem('validation-failed', {
        detail: message.fa,
        detail_en: message.en,
        extra: { errors: [{ in: 'body', path: '/', keyword: 'depth', field: { fa: 'بدنهٔ درخواست', en: 'The request body' }, message }] },
      }));
    }
    next();
  };
}
