/**
 * Dates written in definitions, checked with the engine's Jalali calendar (not a pattern): `1405-13-40` has no
 * month 13, `1404-07-31` is past Mehr's 30 days. Definitions are compared as dates only once they are real dates,
 * so an impossible one is an error that says what the month allows, never a value that silently moves a timeline.
 */
import { monthLength, tryParseDate } from '../calendar/index.js';
import { toPersianDigits } from '../calendar/digits.js';
import type { Msg } from './errors.js';

const MONTHS_FA = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'];
const MONTHS_EN = ['Farvardin', 'Ordibehesht', 'Khordad', 'Tir', 'Mordad', 'Shahrivar', 'Mehr', 'Aban', 'Azar', 'Dey', 'Bahman', 'Esfand'];
const DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/** The ajv format name of a Jalali date (`YYYY-MM-DD`), and of a date or instant (the date part is checked). */
export const DATE_FORMAT = 'jalali-date';
export const DATE_OR_INSTANT_FORMAT = 'jalali-date-or-instant';

/** True when `s` is a real Jalali date `YYYY-MM-DD` (year 1–1699). */
export function isJalaliDate(s: string): boolean {
  const m = DAY.exec(s);
  return !!m && s.length === 10 && +m[1] < 1700 && tryParseDate(s) === s;
}

/** True when `s` is a Jalali date, or an instant whose (Gregorian) date part is a real date. */
export function isDateOrInstant(s: string): boolean {
  if (s.length <= 10) return isJalaliDate(s);
  const m = DAY.exec(s);
  if (!m) return false;
  const back = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return back.getUTCFullYear() === +m[1] && back.getUTCMonth() === +m[2] - 1 && back.getUTCDate() === +m[3];
}

/**
 * Why `value` (a `YYYY-MM-DD…` text) is not a real Jalali date, in both languages — or undefined when it is one.
 * Only the first ten characters are read, so an instant's date part is checked the same way.
 */
export function jalaliDateProblem(value: unknown): Msg | undefined {
  if (typeof value !== 'string') return undefined;
  const m = DAY.exec(value);
  if (!m) return { en: `"${value}" is not a Jalali date YYYY-MM-DD (e.g. 1399-05-12)`, fa: `«${value}» تاریخ شمسی به شکل YYYY-MM-DD نیست (مثلاً 1399-05-12)` };
  const day = value.slice(0, 10);
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  const head = { en: `"${day}" is not a date`, fa: `«${day}» تاریخ نیست` };
  if (y >= 1700) {
    const jalali = tryParseDate(day);
    const as = jalali ? { en: ` (as a Gregorian date it is ${jalali})`, fa: ` (به‌عنوان تاریخ میلادی برابر ${jalali} است)` } : { en: '', fa: '' };
    return {
      en: `"${day}" is not a Jalali date: write dates in the Jalali calendar${as.en}`,
      fa: `«${day}» تاریخ شمسی نیست: تاریخ‌ها را به تقویم شمسی بنویسید${as.fa}`,
    };
  }
  if (y < 1) return { en: `${head.en}: the year must be at least 1`, fa: `${head.fa}: سال باید دست‌کم ۱ باشد` };
  if (mo < 1 || mo > 12) {
    return {
      en: `${head.en}: a Jalali year has months 01 to 12, not ${m[2]}`,
      fa: `${head.fa}: سال شمسی ماه‌های ۰۱ تا ۱۲ دارد، نه ${toPersianDigits(m[2])}`,
    };
  }
  const max = monthLength(y, mo);
  if (d < 1 || d > max) {
    const leap = mo === 12 && max === 29 ? { en: ` (${y} is not a leap year)`, fa: ` (${toPersianDigits(String(y))} کبیسه نیست)` } : { en: '', fa: '' };
    return {
      en: `${head.en}: ${MONTHS_EN[mo - 1]} (month ${mo}) of ${y} has ${max} days${leap.en} — use a day from 01 to ${max}`,
      fa: `${head.fa}: ${MONTHS_FA[mo - 1]} (ماه ${toPersianDigits(String(mo))}) سال ${toPersianDigits(String(y))} ${toPersianDigits(String(max))} روز دارد${leap.fa} — روزی از ۰۱ تا ${toPersianDigits(String(max))} بنویسید`,
    };
  }
  return undefined;
}

/** True when a user-written schema (an entity's, a form's compiled field) describes a date text. */
export function isDateSchema(s: unknown): boolean {
  if (s === null || typeof s !== 'object') return false;
  const o = s as Record<string, unknown>;
  if (o['x-widget'] === 'date') return true;
  return typeof o.pattern === 'string' && /^\^(\\d|\[0-9\])\{4\}-(\\d|\[0-9\])\{2\}-(\\d|\[0-9\])\{2\}\$$/.test(o.pattern);
}
