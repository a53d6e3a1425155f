/**
 * 405 for a path the API has but a method it does not answer there, with the `Allow` header (RFC 9110 §15.5.6).
 * The paths and their methods come from the OpenAPI document, so a route and its 405 cannot disagree.
 */
import type { RequestHandler } from 'express';
import { Problem } from '../problem.js';

type Schema = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

interface KnownPath {
  re: RegExp;
  literal: number;
  allow: string[];
}

function compile(doc: Schema): KnownPath[] {
  const out: KnownPath[] = [];
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Schema>)) {
    const methods = Object.keys(item).filter((m) => METHODS.includes(m));
    const allow = methods.map((m) => m.toUpperCase());
    if (methods.includes('get')) allow.push('HEAD');
    const parts = path.split(/(\{[^}]+\})/).filter((p) => p !== '');
    const src = parts.map((p) => (p.startsWith('{') ? '[^/]+' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
    out.push({ re: new RegExp(`^${src}/?$`), literal: parts.filter((p) => !p.startsWith('{')).join('').length, allow });
  }
  // The most specific path first: `/registry/{entity}/nearby` before `/registry/{entity}/{id}`.
  return out.sort((a, b) => b.literal - a.literal);
}

/** Mount after every route and before the 404: an unmatched request whose path is known answers 405. */
export function methodNotAllowed(doc: Schema): RequestHandler {
  const known = compile(doc);
  return (req, res, next) => {
    const hit = known.find((k) => k.re.test(req.path));
    if (!hit || hit.allow.includes(req.method)) return next();
    res.setHeader('Allow', hit.allow.join(', '));
    next(
      new Problem('method-not-allowed', {
        detail: `روش ${req.method} برای ${req.path} پذیرفته نیست؛ روش‌های پذیرفته: ${hit.allow.join('، ')}`,
        detail_en: `${req.method} is not allowed on ${req.path}; allowed: ${hit.allow.join(', ')}`,
      }),
    );
  };
}
