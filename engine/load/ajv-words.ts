/**
 * ajv's own messages ("must be >= 0") in both languages, from the keyword and its params: ajv-i18n has no Persian,
 * so the keywords Dabir's schemas use are mapped here, once, for every place that explains a schema error.
 */
import type { ErrorObject } from 'ajv';
import { toPersianDigits } from '../calendar/digits.js';
import type { Msg } from './errors.js';

type Params = Record<string, unknown>;

/** What is wrong with a value, after its name (`"area" ` + `must be at least 0`), in English and Persian. */
export function ajvWords(e: Pick<ErrorObject, 'keyword' | 'params' | 'message'>): Msg {
  const p = (e.params ?? {}) as Params;
  const limit = String(p.limit ?? '');
  const n = toPersianDigits(limit);
  switch (e.keyword) {
    case 'minimum': return { en: `must be at least ${limit}`, fa: `باید دست‌کم ${n} باشد` };
    case 'maximum': return { en: `must be at most ${limit}`, fa: `باید حداکثر ${n} باشد` };
    case 'exclusiveMinimum': return { en: `must be more than ${limit}`, fa: `باید بیش از ${n} باشد` };
    case 'exclusiveMaximum': return { en: `must be less than ${limit}`, fa: `باید کمتر از ${n} باشد` };
    case 'minLength': return { en: `must have at least ${limit} characters`, fa: `باید دست‌کم ${n} نویسه داشته باشد` };
    case 'maxLength': return { en: `must have at most ${limit} characters`, fa: `باید حداکثر ${n} نویسه داشته باشد` };
    case 'minItems': return { en: `must have at least ${limit} items`, fa: `باید دست‌کم ${n} مورد داشته باشد` };
    case 'maxItems': return { en: `must have at most ${limit} items`, fa: `باید حداکثر ${n} مورد داشته باشد` };
    case 'minProperties': return { en: `must have at least ${limit} entries`, fa: `باید دست‌کم ${n} کلید داشته باشد` };
    case 'maxProperties': return { en: `must have at most ${limit} entries`, fa: `باید حداکثر ${n} کلید داشته باشد` };
    case 'multipleOf': return { en: `must be a multiple of ${String(p.multipleOf)}`, fa: `باید مضربی از ${String(p.multipleOf)} باشد` };
    case 'type': return typeWords(String(p.type));
    case 'enum': {
      const allowed = ((p.allowedValues ?? []) as unknown[]).map(String);
      return { en: `must be one of ${allowed.join(', ')}`, fa: `باید یکی از این‌ها باشد: ${allowed.join('، ')}` };
    }
    case 'const': return { en: `must be ${JSON.stringify(p.allowedValue)}`, fa: `باید ${JSON.stringify(p.allowedValue)} باشد` };
    case 'pattern': return { en: `must match the pattern ${String(p.pattern)}`, fa: `قالبش درست نیست (باید با الگوی ${String(p.pattern)} بخواند)` };
    case 'format': return { en: `must be a valid ${String(p.format)}`, fa: `باید ${String(p.format)} معتبر باشد` };
    case 'required': return { en: `missing required field "${String(p.missingProperty)}"`, fa: `فیلد لازم «${String(p.missingProperty)}» را ندارد` };
    case 'additionalProperties': return { en: `unknown field "${String(p.additionalProperty)}"`, fa: `فیلد «${String(p.additionalProperty)}» شناخته نیست` };
    case 'uniqueItems': return { en: 'must not list the same value twice', fa: 'نباید مقداری را دو بار داشته باشد' };
    default: return { en: e.message ?? 'is invalid', fa: 'معتبر نیست' };
  }
}

/** `must be a number` / `باید عدد باشد`, for a JSON Schema type name (or a comma-separated list of them). */
export function typeWords(type: string): Msg {
  const names: Record<string, Msg> = {
    object: { en: 'a mapping (key: value)', fa: 'نگاشت (کلید: مقدار)' }, array: { en: 'a list', fa: 'فهرست' },
    string: { en: 'a text', fa: 'متن' }, integer: { en: 'a whole number', fa: 'عدد صحیح' }, number: { en: 'a number', fa: 'عدد' },
    boolean: { en: 'true or false', fa: 'true یا false' }, null: { en: 'empty', fa: 'خالی' },
  };
  const parts = type.split(',').map((t) => names[t] ?? { en: t, fa: t });
  return { en: `must be ${parts.map((x) => x.en).join(' or ')}`, fa: `باید ${parts.map((x) => x.fa).join(' یا ')} باشد` };
}
