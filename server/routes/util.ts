/** Small helpers shared by route files. */
import type { Request, Response } from 'express';
import { Problem } from '../problem.js';

/** Pagination from the (already validated) query. */
export function page(req: Request, max = 200): { limit: number; offset: number } {
  const limit = Math.min(Number(req.query.limit ?? 50), max);
  const offset = Number(req.query.offset ?? 0);
  return { limit, offset };
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** A route parameter (Express 5 gives `string | string[]`). */
export function param(req: Request, name: string): string {
  const v = req.params[name];
  const s = Array.isArray(v) ? v.join('/') : v;
  if (typeof s !== 'string' || s === '') throw new Problem('bad-request', { detail_en: `missing path parameter ${name}` });
  return s;
}

/** Parses `true`/`false` query flags. */
export function flag(v: unknown): boolean | undefined {
  if (v === true || v === 'true' || v === '1') return true;
  if (v === false || v === 'false' || v === '0') return false;
  return undefined;
}

/** Sends CSV text as a download named `filename` (UTF-8; the name may be Persian). */
export function csvAttachment(res: Response, filename: string, csv: string): void {
  res.set('Content-Type', 'text/csv; charset=utf-8');
  res.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
  res.send(csv);
}
