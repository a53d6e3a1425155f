/**
 * Request-validation problems in plain words, Persian first: ajv's errors (ajv-i18n has no Persian) mapped keyword by
 * keyword to a sentence that names the field by its label — the `x-label` of the field's schema in the OpenAPI
 * document (`{ fa, en }`) — so "body /password: must NOT have fewer than 10 characters" reads «گذرواژه باید دست‌کم ۱۰
 * نویسه باشد.» with the English beside it. Validators must be compiled with `verbose: true` (for `parentSchema`).
 */
import type { ErrorObject } from 'ajv';
import { toPersianDigits } from '../../engine/index.js';

export interface Text {
  fa: string;
  en?: string;
}

/** One problem of a request, as the `errors` and `fieldErrors` of a `validation-failed` problem carry it. */
export interface RequestProblem {
  /** Where: body, query, path or header. */
  in: string;
  /** The JSON pointer of the value (the missing field's own pointer for `required`). */
  path: string;
  /** The ajv keyword that failed. */
  keyword: string;
  /** The field's label. */
  field: Text;
  message: Text;
}

type Schema = Record<string, unknown>;

const fa = (v: unknown): string => toPersianDigits(String(v));

/** What each `in` is called when the whole part is wrong (no field to name). */
const WHOLE: Record<string, Text> = {
  body: { fa: 'بدنهٔ درخواست', en: 'The request body' },
  query: { fa: 'پرسمان نشانی', en: 'The query' },
  path: { fa: 'نشانی', en: 'The path' },
  header: { fa: 'سرآیند درخواست', en: 'The request headers' },
};

const TYPES: Record<string, Text> = {
  string: { fa: 'متن', en: 'a text' },
  integer: { fa: 'عدد صحیح', en: 'a whole number' },
  number: { fa: 'عدد', en: 'a number' },
  boolean: { fa: 'درست یا نادرست (true/false)', en: 'true or false' },
  object: { fa: 'یک شیء JSON', en: 'a JSON object' },
  array: { fa: 'فهرست', en: 'a list' },
  null: { fa: 'خالی (null)', en: 'null' },
};

const FORMATS: Record<string, Text> = {
  'date-time': { fa: 'زمان به قالب ISO 8601 (مثلاً 2026-03-21T08:00:00Z)', en: 'an ISO 8601 instant (e.g. 2026-03-21T08:00:00Z)' },
  date: { fa: 'تاریخ به قالب YYYY-MM-DD', en: 'a date YYYY-MM-DD' },
  email: { fa: 'نشانی رایانامه', en: 'an e-mail address' },
  uri: { fa: 'نشانی اینترنتی', en: 'a URL' },
};

const isText = (v: unknown): v is Text => typeof v === 'object' && v !== null && typeof (v as Text).fa === 'string';

/** The label of a field from its schema's `x-label`, else its name, else what the part of the request is called. */
function labelOf(schema: Schema | undefined, name: string | undefined, where: string): Text {
  const l = schema?.['x-label'];
  if (isText(l)) return l;
  if (name && !/^\d+$/.test(name)) return { fa: name, en: name };
  return WHOLE[where] ?? { fa: where, en: where };
}

const lastSegment = (pointer: string): string | undefined => pointer.split('/').filter(Boolean).pop()?.replace(/~1/g, '/').replace(/~0/g, '~');

/** A list of values as Persian and English read it. */
const list = (vs: unknown[]): Text => ({ fa: vs.map((v) => fa(JSON.stringify(v))).join('، '), en: vs.map((v) => JSON.stringify(v)).join(', ') });

/** The sentence for one failed keyword, about a field labelled `l`. */
function sentence(e: ErrorObject, l: Text, where: string): Text {
  const p = e.params as Record<string, unknown>;
  const en = l.en ?? l.fa;
  const n = p.limit as number;
  switch (e.keyword) {
    case 'required':
      return { fa: `«${l.fa}» لازم است.`, en: `${en} is required.` };
    case 'minLength':
      return n === 1 ? { fa: `«${l.fa}» نباید خالی باشد.`, en: `${en} must not be empty.` } : { fa: `«${l.fa}» باید دست‌کم ${fa(n)} نویسه باشد.`, en: `${en} must have at least ${n} characters.` };
    case 'maxLength':
      return { fa: `«${l.fa}» باید حداکثر ${fa(n)} نویسه باشد.`, en: `${en} must have at most ${n} characters.` };
    case 'minimum':
      return { fa: `«${l.fa}» باید دست‌کم ${fa(n)} باشد.`, en: `${en} must be at least ${n}.` };
    case 'maximum':
      return { fa: `«${l.fa}» باید حداکثر ${fa(n)} باشد.`, en: `${en} must be at most ${n}.` };
    case 'exclusiveMinimum':
      return { fa: `«${l.fa}» باید بیشتر از ${fa(n)} باشد.`, en: `${en} must be more than ${n}.` };
    case 'exclusiveMaximum':
      return { fa: `«${l.fa}» باید کمتر از ${fa(n)} باشد.`, en: `${en} must be less than ${n}.` };
    case 'minItems':
      return { fa: `«${l.fa}» باید دست‌کم ${fa(n)} مورد داشته باشد.`, en: `${en} must have at least ${n} items.` };
    case 'maxItems':
      return { fa: `«${l.fa}» باید حداکثر ${fa(n)} مورد داشته باشد.`, en: `${en} must have at most ${n} items.` };
    case 'uniqueItems':
      return { fa: `«${l.fa}» موردی تکراری دارد.`, en: `${en} lists an item twice.` };
    case 'type': {
      const types = String(p.type).split(',').map((t) => TYPES[t] ?? { fa: t, en: t });
      return { fa: `«${l.fa}» باید ${types.map((t) => t.fa).join(' یا ')} باشد.`, en: `${en} must be ${types.map((t) => t.en).join(' or ')}.` };
    }
    case 'enum': {
      const allowed = list((p.allowedValues as unknown[]) ?? []);
      return { fa: `«${l.fa}» باید یکی از این‌ها باشد: ${allowed.fa}.`, en: `${en} must be one of: ${allowed.en}.` };
    }
    case 'const':
      return { fa: `«${l.fa}» باید ${fa(JSON.stringify(p.allowedValue))} باشد.`, en: `${en} must be ${JSON.stringify(p.allowedValue)}.` };
    case 'pattern':
      return { fa: `قالب «${l.fa}» درست نیست.`, en: `${en} has the wrong format.` };
    case 'format': {
      const f = FORMATS[String(p.format)] ?? { fa: String(p.format), en: String(p.format) };
      return { fa: `«${l.fa}» باید ${f.fa} باشد.`, en: `${en} must be ${f.en}.` };
    }
    case 'additionalProperties': {
      const name = String(p.additionalProperty);
      const whole = WHOLE[where] ?? l;
      const inside = e.instancePath ? l : whole;
      return { fa: `«${name}» در ${inside.fa} شناخته نیست.`, en: `"${name}" is not known in ${(inside.en ?? inside.fa).replace(/^The /, 'the ')}.` };
    }
    default:
      return { fa: `«${l.fa}» معتبر نیست.`, en: `${en} is not valid.` };
  }
}

/** One ajv error of a request part (`where`: body, query, path, header) as a problem in fa and en. */
export function explainRequestError(e: ErrorObject, where: string): RequestProblem {
  const parent = (e.parentSchema ?? {}) as Schema;
  if (e.keyword === 'required') {
    const missing = String((e.params as { missingProperty: string }).missingProperty);
    const props = (parent.properties ?? {}) as Record<string, Schema>;
    const field = labelOf(props[missing], missing, where);
    return { in: where, path: `${e.instancePath}/${missing}`, keyword: e.keyword, field, message: sentence(e, field, where) };
  }
  const field = labelOf(parent, lastSegment(e.instancePath), where);
  return { in: where, path: e.instancePath || '/', keyword: e.keyword, field, message: sentence(e, field, where) };
}

/**
 * The problems of a request, without repeats (alternatives of a `oneOf` say the same thing several times) and without
 * the summary ajv adds over its branches (`oneOf`, `anyOf`, `if`).
 */
export function explainRequestErrors(errors: readonly ErrorObject[], where: string): RequestProblem[] {
  const seen = new Set<string>();
  const out: RequestProblem[] = [];
  for (const e of errors) {
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if') continue;
    const p = explainRequestError(e, where);
    const key = `${p.path}\0${p.message.fa}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}
