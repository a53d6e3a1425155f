/**
 * Turns ajv's schema errors into definition errors at exact positions, with messages that say what to do.
 * One mistake should give one or two errors: `if` noise is dropped, `oneOf`/`anyOf` branches are collapsed, an
 * unknown key that is a typo of a missing required key is reported once.
 */
import type { ErrorObject } from 'ajv';
import type { DefinitionError } from '../model.js';
import { ajvWords, typeWords } from './ajv-words.js';
import { DATE_FORMAT, DATE_OR_INSTANT_FORMAT, jalaliDateProblem } from './dates.js';
import { definitionError, type Msg } from './errors.js';
import type { ParsedFile } from './parse.js';
import { pointer, segments } from './pointer.js';
import { closest, listNames, namesIn } from './suggest.js';

type Params = Record<string, unknown>;
type Schema = Record<string, unknown>;

const ID_PATTERN = '^[a-z][a-z0-9]*([-_.][a-z0-9]+)*$';
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/** Maps the errors of one validation of `file.data` to definition errors. */
export function explainAjvErrors(raw: readonly ErrorObject[], file: ParsedFile): DefinitionError[] {
  const errs = raw.filter((e) => e.keyword !== 'if');
  const dropped = new Set<ErrorObject>();
  const out: DefinitionError[] = [];
  const at = (code: string, ptr: string, message: Msg, key = false): DefinitionError => {
    const pos = file.locate(ptr, key);
    const ctx = context(file.data, ptr);
    return definitionError(code, { en: ctx.en + message.en, fa: ctx.fa + message.fa }, file.path, ptr, pos.line, pos.col);
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
        branches.forEach((b) => { dropped.add(b); });
        const both = passing.map((n) => names[Number(n)]).filter(Boolean);
        const second = both[1] ?? both[0];
        out.push(at('conflicting-properties', second ? pointer(e.instancePath, second) : e.instancePath,
          { en: `use only one of ${listNames(both)}, not several`, fa: `فقط یکی از ${listNames(both, 12, 'fa')} را به کار ببرید، نه چند تا را` }, true));
      } else if (requiredOnly) {
        branches.forEach((b) => { dropped.add(b); });
        const exactly = e.keyword === 'oneOf';
        out.push(at('missing-property', e.instancePath, {
          en: `needs ${exactly ? 'exactly' : 'at least'} one of ${listNames(names)}`,
          fa: `${exactly ? 'دقیقاً' : 'دست‌کم'} یکی از ${listNames(names, 12, 'fa')} لازم است`,
        }, true));
      } else {
        // Keep the branch that got furthest (no type mismatch at this level, fewest errors); drop the others.
        const byBranch = new Map<string, ErrorObject[]>();
        for (const b of branches) {
          const k = b.schemaPath.slice(e.schemaPath.length + 1).split('/')[0];
          byBranch.set(k, [...(byBranch.get(k) ?? []), b]);
        }
        const ranked = [...byBranch.values()].filter((l) => !l.some((b) => b.keyword === 'type' && b.instancePath === e.instancePath))
          .sort((a, b) => a.length - b.length);
        branches.forEach((b) => { dropped.add(b); });
        if (ranked.length) ranked[0].forEach((b) => { dropped.delete(b); });
        else {
          const subj = subject(e.instancePath);
          out.push(at('wrong-type', e.instancePath, { en: `${subj.en} has the wrong type`, fa: `نوع ${subj.fa} درست نیست` }));
        }
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

function explainOne(e: ErrorObject, at: (code: string, ptr: string, message: Msg, key?: boolean) => DefinitionError): DefinitionError {
  const p = e.params as Params;
  const schema = (e.parentSchema ?? {}) as Schema;
  const subj = subject(e.instancePath);
  switch (e.keyword) {
    case 'required': {
      const name = String(p.missingProperty);
      const eg = example(schema, name);
      return at('missing-property', e.instancePath, { en: `missing required property "${name}"${eg}`, fa: `کلید لازم «${name}» را ندارد${eg}` }, true);
    }
    case 'additionalProperties': {
      const name = String(p.additionalProperty);
      const allowed = Object.keys((schema.properties ?? {}) as Schema);
      const guess = closest(name, allowed);
      const hint: Msg = guess ? { en: ` — did you mean "${guess}"?`, fa: ` — آیا منظورتان «${guess}» است؟` }
        : allowed.length ? { en: ` (allowed here: ${listNames(allowed, 20)})`, fa: ` (کلیدهای مجاز اینجا: ${listNames(allowed, 20, 'fa')})` } : { en: '', fa: '' };
      // `{ en: A, b }` — a comma inside a flow mapping starts a new key.
      if (/\s/.test(name)) {
        hint.en += ' — if it is part of the previous text, put that text in quotes (a comma inside { … } starts a new key)';
        hint.fa += ' — اگر بخشی از متن پیشین است، آن متن را داخل گیومه بگذارید (ویرگول لاتین درون { … } کلید تازه‌ای آغاز می‌کند)';
      }
      return at('unknown-property', pointer(e.instancePath, name), { en: `unknown property "${name}"${hint.en}`, fa: `کلید «${name}» شناخته نیست${hint.fa}` }, true);
    }
    case 'propertyNames': {
      const name = String(p.propertyName);
      return at('bad-pattern', pointer(e.instancePath, name), {
        en: `"${name}" is not a valid id: use lower-case ASCII letters and digits, parts joined by "-", "_" or "."`,
        fa: `«${name}» شناسهٔ معتبری نیست: حروف کوچک لاتین و رقم به کار ببرید و بخش‌ها را با «-»، «_» یا «.» به هم بپیوندید`,
      }, true);
    }
    case 'type': {
      const isText = typeof schema.properties === 'object' && schema.properties !== null && 'fa' in (schema.properties as Schema);
      const want = isText ? { en: 'must be a text { fa: …, en: … }', fa: 'باید متنی به شکل { fa: …, en: … } باشد' } : typeWords(String(p.type));
      const eg = Array.isArray(schema.examples) && schema.examples.length ? JSON.stringify(schema.examples[0]) : '';
      const got = describe(e.data);
      return at('wrong-type', e.instancePath, {
        en: `${subj.en} ${want.en}, not ${got.en}${eg ? ` (e.g. ${eg})` : ''}`,
        fa: `${subj.fa} ${want.fa.replace(/ باشد$/, '')} باشد، نه ${got.fa}${eg ? ` (مثلاً ${eg})` : ''}`,
      });
    }
    case 'enum':
    case 'const': {
      const allowed = e.keyword === 'enum' ? ((p.allowedValues ?? []) as unknown[]) : [p.allowedValue];
      const strs = allowed.map(String);
      const guess = typeof e.data === 'string' ? closest(e.data, strs) : undefined;
      const value = JSON.stringify(e.data);
      const one = allowed.length === 1;
      const names = namesIn(strs, 20);
      return at('bad-enum', e.instancePath, {
        en: `${subj.en}: ${value} is not allowed${guess ? ` — did you mean "${guess}"?` : ''} (${one ? `it must be ${JSON.stringify(allowed[0])}` : `allowed: ${names.en}`})`,
        fa: `${subj.fa}: ${value} مجاز نیست${guess ? ` — آیا منظورتان «${guess}» است؟` : ''} (${one ? `باید ${JSON.stringify(allowed[0])} باشد` : `مجازها: ${names.fa}`})`,
      });
    }
    case 'pattern': {
      const pat = String(p.pattern);
      const value = JSON.stringify(e.data);
      const what: Msg = pat === ID_PATTERN
        ? { en: 'a valid id: use lower-case ASCII letters and digits, parts joined by "-", "_" or "."', fa: 'شناسهٔ معتبری نیست: حروف کوچک لاتین و رقم به کار ببرید و بخش‌ها را با «-»، «_» یا «.» به هم بپیوندید' }
        : pat === DATE_PATTERN
          ? { en: 'a Jalali date YYYY-MM-DD with ASCII digits (e.g. 1399-05-12)', fa: 'تاریخ شمسی به شکل YYYY-MM-DD با رقم‌های لاتین نیست (مثلاً 1399-05-12)' }
          : { en: `in the expected format (${pat})`, fa: `در قالب خواسته‌شده (${pat}) نیست` };
      return at('bad-pattern', e.instancePath, { en: `${subj.en}: ${value} is not ${what.en}`, fa: `${subj.fa}: ${value} ${what.fa}` });
    }
    case 'format': {
      if (p.format !== DATE_FORMAT && p.format !== DATE_OR_INSTANT_FORMAT) return at('invalid', e.instancePath, words(subj, e));
      const why = jalaliDateProblem(e.data) ?? { en: `${JSON.stringify(e.data)} is not a valid date`, fa: `${JSON.stringify(e.data)} تاریخ معتبری نیست` };
      return at('bad-date', e.instancePath, { en: `${subj.en}: ${why.en}`, fa: `${subj.fa}: ${why.fa}` });
    }
    case 'uniqueItems':
      return at('duplicate-item', e.instancePath, {
        en: `${subj.en} lists the same value twice (items ${String(p.j)} and ${String(p.i)})`,
        fa: `${subj.fa} یک مقدار را دو بار آورده است (موردهای ${String(p.j)} و ${String(p.i)})`,
      });
    case 'minProperties':
    case 'maxProperties':
      if (schema.title === 'Effect') {
        return at('bad-effect', e.instancePath, {
          en: 'an effect must have exactly one of "update", "create", "notify"',
          fa: 'هر اثر (effect) دقیقاً یکی از «update»، «create» یا «notify» را دارد',
        });
      }
      return at('out-of-range', e.instancePath, words(subj, e));
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
    case 'minLength': case 'maxLength': case 'minItems': case 'maxItems':
      return at('out-of-range', e.instancePath, words(subj, e));
    default:
      return at('invalid', e.instancePath, words(subj, e));
  }
}

function words(subj: Msg, e: ErrorObject): Msg {
  const w = ajvWords(e);
  return { en: `${subj.en} ${w.en}`, fa: `${subj.fa} ${w.fa}` };
}

/** `in "step-id": ` when the offending value sits inside a listed element with an id (helps in long lists). */
function context(data: unknown, ptr: string): Msg {
  let cur: unknown = data;
  let id: string | undefined;
  const segs = segments(ptr);
  for (let i = 0; i < segs.length && cur !== null && typeof cur === 'object'; i++) {
    cur = Array.isArray(cur) ? cur[Number(segs[i])] : (cur as Schema)[segs[i]];
    const own = cur !== null && typeof cur === 'object' && !Array.isArray(cur) ? (cur as Schema).id : undefined;
    if (typeof own === 'string') id = own;
  }
  return id === undefined ? { en: '', fa: '' } : { en: `in "${id}": `, fa: `در «${id}»: ` };
}

function subject(ptr: string): Msg {
  const segs = segments(ptr);
  if (!segs.length) return { en: 'the document', fa: 'سند' };
  const last = segs[segs.length - 1];
  if (/^\d+$/.test(last) && segs.length > 1) return { en: `"${segs[segs.length - 2]}[${last}]"`, fa: `«${segs[segs.length - 2]}[${last}]»` };
  return { en: `"${last}"`, fa: `«${last}»` };
}

function describe(v: unknown): Msg {
  if (v === null || v === undefined) return { en: 'empty', fa: 'خالی' };
  if (Array.isArray(v)) return { en: 'a list', fa: 'یک فهرست' };
  if (typeof v === 'object') return { en: 'a mapping', fa: 'یک نگاشت' };
  if (typeof v === 'string') {
    const text = JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
    return { en: `the text ${text}`, fa: `متن ${text}` };
  }
  const kind: Record<string, string> = { number: 'عدد', boolean: 'مقدار منطقی' };
  return { en: `${typeof v} ${String(v)}`, fa: `${kind[typeof v] ?? typeof v} ${String(v)}` };
}

function example(schema: Schema, prop: string): string {
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  const s = props[prop];
  // A conditional requirement (`then`) explains itself in its own description.
  const desc = s && typeof s.description === 'string' ? s.description : typeof schema.description === 'string' && (s as unknown) === true ? schema.description : '';
  return desc ? ` (${desc.replace(/\.$/, '')})` : '';
}
