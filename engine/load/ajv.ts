/**
 * The one way Dabir makes an Ajv instance: JSON Schema 2020-12 with ajv-formats' formats, every error collected.
 * Callers add what is theirs (strictness, coercion, defaults, verbose errors, their own formats and schemas).
 */
import { createRequire } from 'node:module';
import type { Options } from 'ajv';

const require = createRequire(import.meta.url);
// ajv and ajv-formats ship CommonJS whose default export ESM cannot name directly.
const Ajv2020 = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

/** An Ajv 2020-12 instance. */
export type Ajv = InstanceType<typeof Ajv2020>;

/** A new Ajv 2020-12 instance with `allErrors` and the standard formats, plus `options`; `formats: false` leaves them out. */
export function createAjv(options: Options = {}, { formats = true }: { formats?: boolean } = {}): Ajv {
  const ajv = new Ajv2020({ allErrors: true, ...options });
  if (formats) addFormats(ajv);
  return ajv;
}
