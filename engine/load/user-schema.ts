/**
 * JSON Schemas written inside definitions (entity records, table parameter rows, compiled forms): checked that they
 * compile, and used to validate sample records and parameter values. Lenient ajv: unknown `x-` keywords are allowed.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { type Ajv, createAjv } from './ajv.js';
import { ajvWords } from './ajv-words.js';
import type { Msg } from './errors.js';


let ajv: Ajv | undefined;
const cache = new WeakMap<object, ValidateFunction | string>();

function instance(): Ajv {
  ajv ??= createAjv({ strict: false, validateSchema: true });
  return ajv;
}

/** Compiles a user schema, or returns why it does not compile. `$id`/`$schema` are ignored (no clashes between files). */
export function compileUserSchema(schema: object): ValidateFunction | string {
  const hit = cache.get(schema);
  if (hit) return hit;
  let out: ValidateFunction | string;
  try {
    const { $id: _id, $schema: _s, ...rest } = schema as Record<string, unknown>;
    out = instance().compile(rest);
  } catch (e) {
    out = e instanceof Error ? e.message.split('\n')[0] : String(e);
  }
  cache.set(schema, out);
  return out;
}

/** Problems of `value` against a compiled user schema, each at its pointer in both languages (empty when valid). */
export function userSchemaProblems(validate: ValidateFunction, value: unknown): { pointer: string; message: Msg }[] {
  try {
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e: ErrorObject) => {
      const words = ajvWords(e);
      const named = e.keyword !== 'required' && e.keyword !== 'additionalProperties' && e.instancePath !== '';
      const name = e.instancePath.slice(1);
      return {
        pointer: e.keyword === 'required' ? `${e.instancePath}/${String((e.params as { missingProperty?: string }).missingProperty)}` : e.instancePath,
        message: named ? { en: `"${name}" ${words.en}`, fa: `«${name}» ${words.fa}` } : words,
      };
    });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return [{ pointer: '', message: { en: why, fa: `بررسی ممکن نشد: ${why}` } }];
  }
}
