/**
 * The JSON Schemas in schemas/: each compiles in ajv strict mode, each kind's examples validate, and each is
 * documented well enough for an editor's autocomplete.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { KINDS, allSchemas, schemaOf } from '../../engine/load/index.js';

import { DATE_FORMAT, DATE_OR_INSTANT_FORMAT, isDateOrInstant, isJalaliDate } from '../../engine/load/dates.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js').default;

const DIR = 'schemas';
const files = readdirSync(DIR).filter((f) => f.endsWith('.schema.json')).sort();
const read = (f: string): Record<string, any> => JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8'));

function strictAjv(): InstanceType<typeof Ajv2020> {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  // The two date formats are the calendar's (engine/load/dates.ts): real Jalali dates, not a pattern.
  ajv.addFormat(DATE_FORMAT, { type: 'string', validate: isJalaliDate });
  ajv.addFormat(DATE_OR_INSTANT_FORMAT, { type: 'string', validate: isDateOrInstant });
  for (const f of files) ajv.addSchema(read(f));
  return ajv;
}

/** Every subschema that declares `properties`, with its path. */
function objectSchemas(node: unknown, path: string, out: [string, Record<string, any>][] = []): [string, Record<string, any>][] {
  if (Array.isArray(node)) node.forEach((n, i) => { objectSchemas(n, `${path}/${i}`, out); });
  else if (node && typeof node === 'object') {
    const o = node as Record<string, any>;
    if (o.properties && typeof o.properties === 'object' && !/\/(if|examples)(\/|$)/.test(path)) out.push([path, o]);
    for (const [k, v] of Object.entries(o)) if (k !== 'examples') objectSchemas(v, `${path}/${k}`, out);
  }
  return out;
}

describe('schemas', () => {
  it('has one schema per kind plus common.schema.json, and the loader uses exactly those', () => {
    expect(files).toEqual([...KINDS.map((k) => `${k}.schema.json`), 'common.schema.json'].sort());
    for (const f of files) expect(allSchemas()[f]).toEqual(read(f));
  });

  it.each(files)('%s compiles in ajv strict mode', (f) => {
    const ajv = strictAjv();
    const s = read(f);
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.$id).toBe(`https://dabir.example/schemas/${f}`);
    expect(ajv.getSchema(s.$id)).toBeTypeOf('function');
  });

  it.each(KINDS.map((k) => [k]))('the %s schema pins kind, refuses unknown top-level keys and has valid examples', (kind) => {
    const s = schemaOf(kind);
    expect((s.properties as any).kind.const).toBe(kind);
    expect(s.additionalProperties).toBe(false);
    const validate = strictAjv().getSchema(s.$id as string)!;
    const examples = (s.examples ?? []) as unknown[];
    expect(examples.length).toBeGreaterThan(0);
    for (const ex of examples) expect(validate(ex), JSON.stringify(validate.errors)).toBe(true);
  });

  // `if` conditions are not properties an author writes, so they need no documentation.
  it.each(files)('%s documents every property with a title and a description', (f) => {
    const missing: string[] = [];
    for (const [path, o] of objectSchemas(read(f), '#')) {
      for (const [name, p] of Object.entries(o.properties as Record<string, any>)) {
        if (p === true) continue;
        const target = p.$ref && !p.title ? undefined : p;
        if (!target?.title || !target?.description) {
          if (!(p.$ref && path.includes('/$defs/'))) missing.push(`${path}/properties/${name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
