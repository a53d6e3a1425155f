/**
 * Request checks derived from the OpenAPI document: first access (`x-access`: public | user | admin), then for every operation the path parameters, query, headers and
 * JSON body are checked with ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) before any route runs.
 */
import type { ValidateFunction } from 'ajv';
import { Router, type RequestHandler } from 'express';
import { Problem } from '../problem.js';
import { explainRequestErrors, type RequestProblem } from './messages.js';
import { ADMIN_ROLE, createAjv } from '../../engine/index.js';


type Schema = Record<string, unknown>;
interface Param {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Express path from an OpenAPI path: `/cases/{id}` → `/cases/:id`. */
export const expressPath = (p: string): string => p.replace(/\{(\w+)\}/g, ':$1');

// The router holds no per-app state, so every app built from the same document (restarts in one process, tests)
// shares one, with the validators it has compiled so far.
const compiled = new WeakMap<Schema, Router>();

/** A router that validates every documented operation's request. Mount it before the routes, at the API base. */
export function requestValidator(doc: Schema): Router {
  let router = compiled.get(doc);
  if (!router) compiled.set(doc, (router = buildValidator(doc)));
  return router;
}

function buildValidator(doc: Schema): Router {
  const components = (doc.components as { schemas: Schema }).schemas;
  // verbose: each error carries its schema, whose `x-label` names the field in the message (messages.ts).
  const strictAjv = createAjv({ strict: false, verbose: true });
  const coercingAjv = createAjv({ strict: false, verbose: true, coerceTypes: 'array', useDefaults: true });
  for (const ajv of [strictAjv, coercingAjv]) {
    ajv.addSchema({ $id: 'urn:dabir:api', components: { schemas: components } });
  }
  // `#/components/...` refs inside operations resolve against the document registered above.
  const rebase = (s: Schema): Schema => JSON.parse(JSON.stringify(s).replace(/"#\/components\//g, '"urn:dabir:api#/components/')) as Schema;

  const router = Router();
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Schema>>)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = (op.parameters as Param[] | undefined) ?? [];
      const group = (where: Param['in']): ValidateFunction | undefined => {
        const ps = params.filter((p) => p.in === where);
        if (!ps.length) return undefined;
        const key = (p: Param) => (where === 'header' ? p.name.toLowerCase() : p.name);
        return coercingAjv.compile(rebase({
          type: 'object',
          properties: Object.fromEntries(ps.map((p) => [key(p), p.schema])),
          required: ps.filter((p) => p.required).map(key),
        }));
      };
      const body = (op.requestBody as { required?: boolean; content: Record<string, { schema: Schema }> } | undefined);
      const jsonBody = body?.content['application/json'];
      const contentTypes = body ? Object.keys(body.content) : [];
      // Compiled on the operation's first request: start-up stays fast, and most processes use few operations.
      let compiled: { vPath?: ValidateFunction; vQuery?: ValidateFunction; vHeader?: ValidateFunction; vBody?: ValidateFunction } | undefined;
      const validators = () =>
        (compiled ??= {
          vPath: group('path'),
          vQuery: group('query'),
          vHeader: group('header'),
          vBody: jsonBody ? strictAjv.compile(rebase(jsonBody.schema)) : undefined,
        });

      // 'keeper' passes here like 'user': which roles keep the registry is the bundle's, checked by the route.
      const access = op['x-access'] as 'public' | 'user' | 'keeper' | 'admin' | undefined;
      const handler: RequestHandler = (req, _res, next) => {
        // Access first (from the document's x-access): an anonymous or under-privileged caller learns nothing more.
        if (access !== 'public' && !req.user) return next(new Problem('unauthenticated'));
        if (access === 'admin' && !req.user?.roles.includes(ADMIN_ROLE)) {
          return next(new Problem('forbidden', { detail: 'فقط مدیر سامانه', detail_en: 'Administrators only', extra: { requiredRoles: [ADMIN_ROLE] } }));
        }
        const { vPath, vQuery, vHeader, vBody } = validators();
        const errors: RequestProblem[] = [];
        const run = (v: ValidateFunction | undefined, where: string, data: unknown) => {
          if (v && !v(data)) errors.push(...explainRequestErrors(v.errors ?? [], where));
        };
        run(vPath, 'path', { ...req.params });
        run(vQuery, 'query', { ...(req.query as Record<string, unknown>) });
        run(vHeader, 'header', { ...req.headers });
        if (jsonBody) {
          if (!req.is('application/json')) {
            if (body?.required !== false) {
              return next(new Problem('unsupported-media-type', { detail: 'بدنه باید JSON باشد', detail_en: 'The body must be application/json' }));
            }
          } else run(vBody, 'body', req.body);
        } else if (contentTypes.length === 0 && req.is('application/json') && req.body && Object.keys(req.body as object).length) {
          const field = { fa: 'بدنهٔ درخواست', en: 'The request body' };
          errors.push({ in: 'body', path: '/', keyword: 'body', field, message: { fa: 'این درخواست بدنه نمی‌گیرد.', en: 'This operation takes no body.' } });
        }
        if (errors.length) {
          // Persian sentences naming each field by its label; `fieldErrors` is what forms show beside their fields.
          return next(new Problem('validation-failed', {
            detail: errors.map((e) => e.message.fa).join(' '),
            detail_en: errors.map((e) => e.message.en ?? e.message.fa).join(' '),
            extra: { errors, fieldErrors: errors.filter((e) => e.in === 'body').map((e) => ({ path: e.path, message: e.message })) },
          }));
        }
        next();
      };
      router[method](expressPath(path), handler);
    }
  }
  return router;
}
