/**
 * The JSON Schemas of the definition kinds (from schemas/), compiled once per process with ajv in strict mode.
 */
import type { ValidateFunction } from 'ajv';
import { DATE_FORMAT, DATE_OR_INSTANT_FORMAT, isDateOrInstant, isJalaliDate } from './dates.js';
import { type Ajv, createAjv } from './ajv.js';
import bundle from '../../schemas/bundle.schema.json' with { type: 'json' };
import calendar from '../../schemas/calendar.schema.json' with { type: 'json' };
import checklists from '../../schemas/checklists.schema.json' with { type: 'json' };
import common from '../../schemas/common.schema.json' with { type: 'json' };
import entities from '../../schemas/entities.schema.json' with { type: 'json' };
import facts from '../../schemas/facts.schema.json' with { type: 'json' };
import forms from '../../schemas/forms.schema.json' with { type: 'json' };
import parameters from '../../schemas/parameters.schema.json' with { type: 'json' };
import procedure from '../../schemas/procedure.schema.json' with { type: 'json' };
import registry from '../../schemas/registry.schema.json' with { type: 'json' };
import resolutions from '../../schemas/resolutions.schema.json' with { type: 'json' };
import roles from '../../schemas/roles.schema.json' with { type: 'json' };
import rules from '../../schemas/rules.schema.json' with { type: 'json' };
import scenarios from '../../schemas/scenarios.schema.json' with { type: 'json' };
import triggers from '../../schemas/triggers.schema.json' with { type: 'json' };
import units from '../../schemas/units.schema.json' with { type: 'json' };


/** Every definition kind, in the order a bundle is best read. */
export const KINDS = [
  'bundle', 'roles', 'units', 'parameters', 'resolutions', 'rules', 'facts', 'entities', 'forms', 'checklists', 'procedure',
  'triggers', 'calendar', 'registry', 'scenarios',
] as const;

/** The value of a definition file's `kind:`. */
export type DefinitionKind = (typeof KINDS)[number];

type Json = Record<string, unknown>;

const BY_KIND: Record<DefinitionKind, Json> = {
  bundle, roles, units, parameters, resolutions, rules, facts, entities, forms, checklists, procedure, triggers, calendar,
  registry, scenarios,
} as unknown as Record<DefinitionKind, Json>;

/** True when `kind` names a definition kind. */
export function isKind(kind: unknown): kind is DefinitionKind {
  return typeof kind === 'string' && (KINDS as readonly string[]).includes(kind);
}

/** The JSON Schema of a kind (as in schemas/<kind>.schema.json). */
export function schemaOf(kind: DefinitionKind): Json {
  return BY_KIND[kind];
}

/** Every schema file's content by file name, including common.schema.json. */
export function allSchemas(): Record<string, Json> {
  const out: Record<string, Json> = { 'common.schema.json': common as Json };
  for (const k of KINDS) out[`${k}.schema.json`] = BY_KIND[k];
  return out;
}

let ajv: Ajv | undefined;
const compiled = new Map<DefinitionKind, ValidateFunction>();

/** A strict ajv instance that knows every Dabir schema (created on first use). */
export function schemaAjv(): Ajv {
  if (!ajv) {
    // The definition schemas' own formats only: a Jalali date is not ajv-formats' `date`.
    ajv = createAjv({ strict: true, allowUnionTypes: true, verbose: true }, { formats: false });
    ajv.addFormat(DATE_FORMAT, { type: 'string', validate: isJalaliDate });
    ajv.addFormat(DATE_OR_INSTANT_FORMAT, { type: 'string', validate: isDateOrInstant });
    ajv.addSchema(common as Json);
    for (const k of KINDS) ajv.addSchema(BY_KIND[k]);
  }
  return ajv;
}

/** The compiled validator of a kind (compiled once, then cached). */
export function validatorFor(kind: DefinitionKind): ValidateFunction {
  let v = compiled.get(kind);
  if (!v) {
    const id = BY_KIND[kind].$id as string;
    v = schemaAjv().getSchema(id);
    if (!v) throw new Error(`schema ${id} did not compile`);
    compiled.set(kind, v);
  }
  return v;
}
