/**
 * Turns ajv's schema errors into definition errors at exact positions, with messages that say what to do.
 * One mistake should give one or two errors: `if` noise is dropped, `oneOf`/`anyOf` branches are collapsed, an
 * unknown key that is a typo of a missing required key is reported once.
 */
import type { ErrorObject } from 'ajv';
import type { DefinitionError } from '../model.js';
import type { ParsedFile } from './parse.js';
import { pointer, segments } from './pointer.js';
import { closest, listNames } from './suggest.js';

type Params = Record<string, unknown>;
type Schema = Record<string, unknown>;

const ID_PATTERN = '^[a-z][a-z0-9]*([-_.][a-z0-9]+)*$';
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/** Maps the errors of one validation of `file.data` to definition errors. */
export function explainAjvErrors(raw: readonly ErrorObject[], file: ParsedFile): DefinitionError[] {
  const errs = raw.filter((e) => e.keyword !== 'if');
  const dropped = new Set<ErrorObject>();
  const out: DefinitionError[] = [];
  const at = (code: string, ptr: string, message: string, key = false): DefinitionError => {
    const pos = file.locate(ptr, key);
    return { code, message: context(file.data, ptr) + message, file: file.path, pointer: ptr, line: pos.line, col: pos.col };
  };

  errs.forEach((e, i) => {
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf') {
      const branches = errs.slice(0, i).filter((b) => !dropped.has(b) && b.schemaPath.startsWith(`${e.schemaPath}/`)
        && b.instancePath.startsWith(e.instancePath));
      const alts = Array.isArray(e.schema) ? (e.schema as Schema[]) : [];
      const requiredOnly = alts.length > 0 && alts.every((s) => Array.isArray(s.required))
        && branches.every((b) => b.keyword === 'required' && b.instancePath === e.instancePath);
      const names = alts.flatMap((s) => (Array.isArray(s.required) ? (s.required as string[]) : []));
      const passing = (e.params as Params).passingSchemas;
      if (Array.isArray(passing)) {
        branches.forEach((b) => dropped.add(b));
        const both = passing.map((n) => names[Number(n)]).filter(Boolean);
        const second = both[1] ?? both[0];
        out.push(at('conflicting-properties', second ? pointer(e.instancePath, second) : e.instancePath,
          `use only one of ${listNames(both)}, not several`, true));
      } else if (requiredOnly) {
        branches.forEach((b) => dropped.add(b));
        out.push(at('missing-property', e.instancePath, `needs ${e.keyword === 'oneOf' ? 'exactly' : 'at least'} one of ${listNames(names)}`, true));
      } else {
        // Keep the branch that got furthest (no type mismatch at this level, fewest errors); drop the others.
        const byBranch = new Map<string, ErrorObject[]>();
        for (const b of branches) {
          const k = b.schemaPath.slice(e.schemaPath.length + 1).split('/')[0];
          byBranch.set(k, [...(byBranch.get(k) ?? []), b]);
        }
        const ranked = [...byBranch.values()].filter((l) => !l.some((b) => b.keyword === 'type' && b.instancePath === e.instancePath))
          .sort((a, b) => a.length - b.length);
        branches.forEach((b) => dropped.add(b));
        if (ranked.length) ranked[0].forEach((b) => dropped.delete(b));
        else out.push(at('wrong-type', e.instancePath, `${subject(e.instancePath)} has the wrong type`));
      }
      dropped.add(e);
    }
    if (e.keyword === 'propertyNames') {
      for (let j = i - 1; j >= 0 && errs[j].instancePath === e.instancePath && !['required', 'additionalProperties', 'propertyNames'].includes(errs[j].keyword); j--) dropped.add(errs[j]);
    }
  });

  const kept = errs.filter((e) => !dropped.has(e));
  // An unknown key that is a typo of a missing required key: report the typo only.
  const typoOf = new Map<string, string>();
  for (const e of kept) {
    if (e.keyword !== 'additionalProperties') continue;
    const name = String((e.params as Params).additionalProperty);
    const missing = kept.filter((r) => r.keyword === 'required' && r.instancePath === e.instancePath)
      .map((r) => String((r.params as Params).missingProperty));
    const guess = closest(name, missing);
    if (guess) typoOf.set(`${e.instancePath}\0${guess}`, name);
  }
  for (const e of kept) {
    if (dropped.has(e)) continue;
    const p = e.params as Params;
    if (e.keyword === 'required' && typoOf.has(`${e.instancePath}\0${String(p.missingProperty)}`)) continue;
    out.push(explainOne(e, at));
  }
  return out;
}

function explainOne(e: ErrorObject, at: (code: string, ptr: string, message: string, key?: boolean) => DefinitionError): DefinitionError {
  const p = e.params as Params;
  const schema = (e.parentSchema ?? {}) as Schema;
  switch (e.keyword) {
    case 'required':
      return at('missing-property', e.instancePath, `missing required property "${String(p.missingProperty)}"${example(schema, String(p.missingProperty))}`, true);
    case 'additionalProperties': {
      const name = String(p.additionalProperty);
      const allowed = Object.keys((schema.properties ?? {}) as Schema);
      const guess = closest(name, allowed);
      let hint = guess ? ` — did you mean "${guess}"?` : allowed.length ? ` (allowed here: ${listNames(allowed, 20)})` : '';
      // `{ en: A, b }` — a comma inside a flow mapping starts a new key.
      if (/\s/.test(name)) hint += ' — if it is part of the previous text, put that text in quotes (a comma inside { … } starts a new key)';
      return at('unknown-property', pointer(e.instancePath, name), `unknown property "${name}"${hint}`, true);
    }
    case 'propertyNames': {
      const name = String(p.propertyName);
      return at('bad-pattern', pointer(e.instancePath, name), `"${name}" is not a valid id: use lower-case ASCII letters and digits, parts joined by "-", "_" or "."`, true);
    }
    case 'type': {
      const isText = typeof schema.properties === 'object' && schema.properties !== null && 'fa' in (schema.properties as Schema);
      const want = isText ? 'a text { fa: …, en: … }' : expected(String(p.type));
      const eg = Array.isArray(schema.examples) && schema.examples.length ? ` (e.g. ${JSON.stringify(schema.examples[0])})` : '';
      return at('wrong-type', e.instancePath, `${subject(e.instancePath)} must be ${want}, not ${describe(e.data)}${eg}`);
    }
    case 'enum':
    case 'const': {
      const allowed = e.keyword === 'enum' ? ((p.allowedValues ?? []) as unknown[]) : [p.allowedValue];
      const strs = allowed.map(String);
      const guess = typeof e.data === 'string' ? closest(e.data, strs) : undefined;
      const hint = guess ? ` — did you mean "${guess}"?` : '';
      const list = allowed.length === 1 ? `it must be ${JSON.stringify(allowed[0])}` : `allowed: ${listNames(strs, 20)}`;
      return at('bad-enum', e.instancePath, `${subject(e.instancePath)}: ${JSON.stringify(e.data)} is not allowed${hint} (${list})`);
    }
    case 'pattern': {
      const pat = String(p.pattern);
      const what = pat === ID_PATTERN ? 'a valid id: use lower-case ASCII letters and digits, parts joined by "-", "_" or "."'
        : pat === DATE_PATTERN ? 'a Jalali date YYYY-MM-DD with ASCII digits (e.g. 1399-05-12)'
        : `in the expected format (${pat})`;
      return at('bad-pattern', e.instancePath, `${subject(e.instancePath)}: ${JSON.stringify(e.data)} is not ${what}`);
    }
    case 'uniqueItems':
      return at('duplicate-item', e.instancePath, `${subject(e.instancePath)} lists the same value twice (items ${String(p.j)} and ${String(p.i)})`);
    case 'minProperties':
    case 'maxProperties':
      if (schema.title === 'Effect') return at('bad-effect', e.instancePath, 'an effect must have exactly one of "update", "create", "notify"');
      return at('out-of-range', e.instancePath, `${subject(e.instancePath)} ${e.message ?? 'is invalid'}`);
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
    case 'minLength': case 'maxLength': case 'minItems': case 'maxItems':
      return at('out-of-range', e.instancePath, `${subject(e.instancePath)} ${e.message ?? 'is out of range'}`);
    default:
      return at('invalid', e.instancePath, `${subject(e.instancePath)} ${e.message ?? 'is invalid'}`);
  }
}

/** `in "step-id": ` when the offending value sits inside a listed element with an id (helps in long lists). */
function context(data: unknown, ptr: string): string {
  let cur: unknown = data;
  let id: string | undefined;
  const segs = segments(ptr);
  for (let i = 0; i < segs.length && cur !== null && typeof cur === 'object'; i++) {
    cur = Array.isArray(cur) ? cur[Number(segs[i])] : (cur as Schema)[segs[i]];
    const own = cur !== null && typeof cur === 'object' && !Array.isArray(cur) ? (cur as Schema).id : undefined;
    if (typeof own === 'string') id = own;
  }
  return id === undefined ? '' : `in "${id}": `;
}

function subject(ptr: string): string {
  const segs = segments(ptr);
  if (!segs.length) return 'the document';
  const last = segs[segs.length - 1];
  if (/^\d+$/.test(last) && segs.length > 1) return `"${segs[segs.length - 2]}[${last}]"`;
  return `"${last}"`;
}

function expected(type: string): string {
  const names: Record<string, string> = {
    object: 'a mapping (key: value)', array: 'a list', string: 'a text', integer: 'a whole number', number: 'a number',
    boolean: 'true or false', null: 'empty',
  };
  return type.split(',').map((t) => names[t] ?? t).join(' or ');
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v} ${String(v)}`;
}

function example(schema: Schema, prop: string): string {
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  const s = props[prop];
  // A conditional requirement (`then`) explains itself in its own description.
  const desc = s && typeof s.description === 'string' ? s.description : typeof schema.description === 'string' && (s as unknown) === true ? schema.description : '';
  return desc ? ` (${desc.replace(/\.$/, '')})` : '';
}
