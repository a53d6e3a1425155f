/**
 * A proposed new value for a parameter, checked and turned into a dated resolution: the value must have the
 * parameter's type (a table's rows its columns) and lie within its bounds, the date must be a Jalali date, the
 * title must be given. The resolution's id is chosen here, from the bundle, the date and the title — unique among
 * the bundle's resolutions and valid — so the administrator never types one.
 */
import { toAsciiDigits, tryParseDate } from '../calendar/index.js';
import { boundsProblem, valueTypeProblem } from '../load/check-params.js';
import type { Bundle, Parameter, Text } from '../model.js';
import type { Words } from '../scenarios/outcome.js';

/** What the administrator fills in. */
export interface ProposalInput {
  value: unknown;
  /** Jalali YYYY-MM-DD, the date from which the value is in force. */
  date: string;
  title: Text;
  /** The resolution's number as its issuer gave it. */
  number?: string;
  reference?: Text;
}

/** The resolution as it is written into the resolutions file (key order as in the files). */
export interface DraftedResolution {
  id: string;
  title: Text;
  date: string;
  number?: string;
  reference?: Text;
  sets: Record<string, unknown>;
}

/** A problem of one field of the proposal (JSON pointer into the input), in both languages. */
export interface ProposalFieldError {
  path: string;
  message: Words;
}

const ID = /^[a-z][a-z0-9]*([-_.][a-z0-9]+)*$/;

/** Lower-kebab ASCII words of a text (at most `max` words), or '' when it has none. */
function slug(s: string | undefined, max = 6): string {
  const words = (s ?? '').toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, ' ').trim().split(/\s+/).filter(Boolean);
  return words.slice(0, max).join('-');
}

/**
 * A fresh resolution id: `<bundle>-<date>-<words of the English title, or the parameter id>`, with `-2`, `-3`, …
 * appended when the bundle already has it.
 */
export function chooseResolutionId(bundle: Bundle, date: string, title: Text, parameter: string): string {
  const words = slug(title.en) || slug(parameter.replace(/[._]/g, ' '));
  let base = [slug(bundle.info.id, 4) || 'resolution', date, words].filter(Boolean).join('-');
  if (!/^[a-z]/.test(base)) base = `r-${base}`;
  let id = base;
  for (let n = 2; bundle.resolutions.has(id); n++) id = `${base}-${n}`;
  return ID.test(id) ? id : `resolution-${date}`;
}

const blank = (t: Text | undefined): boolean => !t || typeof t.fa !== 'string' || t.fa.trim() === '';

/** Why a proposed value does not fit the parameter (type, columns, bounds), or undefined when it does. */
export function valueProblem(p: Parameter, value: unknown): Words | undefined {
  if (value === undefined || value === null || value === '') return { fa: 'مقدار تازه را بنویسید', en: 'Give the new value' };
  const type = valueTypeProblem(p.type, p.columns, value);
  if (type) return { fa: `مقدار ${type.fa}`, en: `The value ${type.en}` };
  const bounds = boundsProblem(p.bounds, value);
  if (bounds) return { fa: `مقدار در بازهٔ مجاز نیست: ${bounds.fa}`, en: `The value is out of bounds: ${bounds.en}` };
  return undefined;
}

/** Checks a proposal and builds its resolution; `errors` lists every problem (the resolution only when none). */
export function draftResolution(bundle: Bundle, p: Parameter, input: ProposalInput): { resolution?: DraftedResolution; errors: ProposalFieldError[] } {
  const errors: ProposalFieldError[] = [];
  const bad = valueProblem(p, input.value);
  if (bad) errors.push({ path: '/value', message: bad });
  const date = typeof input.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(input.date) ? tryParseDate(input.date) : undefined;
  if (!date || date !== input.date || Number(date.slice(0, 4)) >= 1700) {
    errors.push({ path: '/date', message: { fa: 'تاریخ اجرا تاریخ شمسی معتبری نیست (مثلاً ۱۴۰۵/۰۹/۱۱)', en: 'The effective date is not a valid Jalali date (e.g. 1405-09-11)' } });
  }
  if (blank(input.title)) errors.push({ path: '/title/fa', message: { fa: 'عنوان فارسی مصوبه را بنویسید', en: 'Give the resolution\'s Persian title' } });
  if (errors.length) return { errors };
  const clean = (t: Text | undefined): Text | undefined =>
    blank(t) ? undefined : { fa: t!.fa.trim(), ...(t!.en?.trim() ? { en: t!.en.trim() } : {}) };
  const resolution: DraftedResolution = {
    id: chooseResolutionId(bundle, input.date, input.title, p.id),
    title: clean(input.title)!,
    date: input.date,
    ...(input.number?.trim() ? { number: toAsciiDigits(input.number.trim()) } : {}),
    ...(clean(input.reference) ? { reference: clean(input.reference) } : {}),
    sets: { [p.id]: input.value },
  };
  return { resolution, errors };
}
