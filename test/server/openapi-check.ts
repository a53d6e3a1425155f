/**
 * Checks HTTP responses against the OpenAPI document, so the document stays complete and true: the operation and the
 * status code must be documented, the Content-Type must be one the document lists for that status, and the body must
 * match its schema. Stricter than the document itself in one way: an object schema that lists `properties` without
 * saying `additionalProperties` is closed here, so a field the server sends but the document does not name is
 * reported (schemas meant to be open say `additionalProperties: true`).
 */
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { openApiDocument } from '../../server/openapi/document.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

type Schema = Record<string, unknown>;
interface Content {
  schema?: Schema;
}
interface Operation {
  responses: Record<string, { content?: Record<string, Content> }>;
}

/** Closes every object schema that lists properties and does not say whether others are allowed. */
function closed(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(closed);
  if (!s || typeof s !== 'object') return s;
  const out: Schema = {};
  for (const [k, v] of Object.entries(s as Schema)) out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as Schema).map(([p, x]) => [p, closed(x)])) : closed(v);
  if ('properties' in out && !('additionalProperties' in out) && !('unevaluatedProperties' in out)) out.additionalProperties = false;
  return out;
}

export interface CheckedResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export class OpenApiChecker {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false });
  private readonly ops: { method: string; re: RegExp; template: string; op: Operation; params: number }[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();
  /** Every problem found so far ("METHOD path → status: what"). */
  problems: string[] = [];
  /** How many responses were checked. */
  checked = 0;

  constructor(doc: Schema = openApiDocument) {
    addFormats(this.ajv);
    const components = closed((doc.components as { schemas: Schema }).schemas) as Schema;
    this.ajv.addSchema({ $id: 'urn:dabir:api', components: { schemas: components } });
    for (const [template, item] of Object.entries(doc.paths as Record<string, Record<string, Operation>>)) {
      const re = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`);
      for (const [method, op] of Object.entries(item)) this.ops.push({ method: method.toUpperCase(), re, template, op, params: (template.match(/\{/g) ?? []).length });
    }
    // A literal segment wins over a parameter (`/registry/{entity}/import` before `/registry/{entity}/{id}`).
    this.ops.sort((a, b) => a.params - b.params);
  }

  /** Checks one response to `METHOD url` (url with or without the origin; paths are under /api). Returns its problems. */
  check(method: string, url: string, res: CheckedResponse): string[] {
    this.checked++;
    const path = new URL(url, 'http://x').pathname.replace(/^\/api(?=\/)/, '');
    const where = `${method} ${path} → ${res.status}`;
    const found: string[] = [];
    const op = this.ops.find((o) => o.method === method && o.re.test(path));
    // A route that does not exist is answered 404 problem+json by the catch-all, which documents itself.
    const notFoundContent = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
    if (!op && res.status === 404) found.push(...this.checkContent(where, 'unknown 404', notFoundContent, res));
    else if (!op && res.status === 405) {
      // A documented path asked with a method it lacks: 405 problem+json whose Allow lists exactly the documented methods.
      const known = this.ops.filter((o) => o.re.test(path));
      if (!known.length) found.push(`${where}: 405 for a path that is not documented`);
      const allow = new Set((res.headers.get('allow') ?? '').split(',').map((m) => m.trim().toLowerCase()).filter(Boolean));
      const expected = new Set(known.filter((o) => o.re.source === known[0]?.re.source).map((o) => o.method.toLowerCase()));
      if (expected.has('get')) expected.add('head');
      if ([...expected].some((m) => !allow.has(m)) || allow.size !== expected.size) found.push(`${where}: Allow "${res.headers.get('allow')}" is not the documented methods (${[...expected].join(', ')})`);
      found.push(...this.checkContent(where, 'unknown 405', notFoundContent, res));
    } else if (!op) found.push(`${where}: the operation is not documented`);
    else {
      const documented = op.op.responses[String(res.status)] ?? op.op.responses.default;
      if (!documented) found.push(`${where}: status ${res.status} is not documented (documented: ${Object.keys(op.op.responses).join(', ')})`);
      else found.push(...this.checkContent(where, `${op.method} ${op.template} ${res.status}`, documented.content, res));
    }
    this.problems.push(...found);
    return found;
  }

  /** The problems found since the last call (and forgets them). */
  take(): string[] {
    const p = this.problems;
    this.problems = [];
    return p;
  }

  private checkContent(where: string, key: string, content: Record<string, Content> | undefined, res: CheckedResponse): string[] {
    const type = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (!content) return res.text.length ? [`${where}: the document promises no body, the server sent ${type || 'one'}`] : [];
    const media = content[type] ?? content[`${type.split('/')[0]}/*`] ?? content['*/*'];
    if (!media) return [`${where}: Content-Type ${type || '(none)'} is not documented (documented: ${Object.keys(content).join(', ')})`];
    const schema = media.schema;
    if (!schema || (schema as { contentMediaType?: string }).contentMediaType) return [];
    const k = `${key} ${type}`;
    let v = this.compiled.get(k);
    if (!v) {
      const rebased = JSON.parse(JSON.stringify(closed(schema)).replace(/"#\/components\//g, '"urn:dabir:api#/components/')) as Schema;
      this.compiled.set(k, (v = this.ajv.compile(rebased)));
    }
    const data = type.includes('json') ? res.body : res.text;
    if (v(data)) return [];
    return (v.errors ?? []).map((e) => `${where}: body${e.instancePath || ''} ${e.message ?? 'invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
  }
}
