/**
 * Jalali calendar arithmetic over date values, which are Jalali `YYYY-MM-DD` strings with ASCII digits.
 * Inputs may also be Gregorian `YYYY-MM-DD` (year ≥ 1700), ISO-8601 instants (read as the local date in a time
 * zone, Asia/Tehran by default), and may use Persian digits; outputs are always canonical Jalali strings.
 * Day mapping and leap years come from jalaali-js (Borkowski's algorithm).
 */
import { d2j, g2d, isValidJalaaliDate, isLeapJalaaliYear, j2d, jalaaliMonthLength, toGregorian } from 'jalaali-js';
import { CalendarError } from './errors.js';
import { toAsciiDigits, toPersianDigits } from './digits.js';
import { DEFAULT_TIME_ZONE, formatInstant, localFields, localToUtc } from './time-zone.js';

/** A Jalali date `YYYY-MM-DD` (ASCII digits). */
export type JalaliDate = string;

/**
 * The supported Jalali years. A four-digit year ≥ 1700 reads as Gregorian, so a Jalali result past 1699 could not
 * be read back: arithmetic that would produce one fails with 'out-of-range' (Gregorian input is accepted up to
 * the Gregorian date of 1699-12-29, i.e. 2321-03-20).
 */
export const MIN_YEAR = 1;
export const MAX_YEAR = 1699;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

interface Ymd { y: number; m: number; d: number }
interface Parsed extends Ymd { text: JalaliDate }

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

function format({ y, m, d }: Ymd): JalaliDate {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

function validGregorian(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  const back = new Date(Date.UTC(y, m - 1, d));
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d;
}

function fromGregorian(y: number, m: number, d: number): Ymd {
  const j = d2j(g2d(y, m, d));
  return { y: j.jy, m: j.jm, d: j.jd };
}

function inRange(j: Ymd): boolean {
  return j.y >= MIN_YEAR && j.y <= MAX_YEAR;
}

/** Reads a date string already normalised to ASCII digits; undefined when it is not a date in range. */
function readString(s: string, tz: string): Ymd | undefined {
  let m = DAY.exec(s);
  if (m) {
    const y = +m[1], mo = +m[2], d = +m[3];
    if (y < 1700) return y >= MIN_YEAR && isValidJalaaliDate(y, mo, d) ? { y, m: mo, d } : undefined;
    if (!validGregorian(y, mo, d)) return undefined;
    const j = fromGregorian(y, mo, d);
    return inRange(j) ? j : undefined;
  }
  m = INSTANT.exec(s);
  if (!m || !validGregorian(+m[1], +m[2], +m[3]) || +m[4] > 23 || +m[5] > 59 || +(m[6] ?? 0) > 59) return undefined;
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) return undefined;
  const f = localFields(ms, tz);
  const j = fromGregorian(f.year, f.month, f.day);
  return inRange(j) ? j : undefined;
}

// Reading is pure, and the same few dates recur in every evaluation: memoise (bounded; Ymd values are never mutated).
const memo = new Map<string, Parsed | null>();
const MEMO_SIZE = 4096;

/** Reads a date value; undefined when it is not a date (or is outside the supported years). */
function read(value: unknown, tz: string): Parsed | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const key = value.length === 10 ? value : `${tz} ${value}`;
  let j = memo.get(key);
  if (j === undefined) {
    const r = readString(toAsciiDigits(value.trim()), tz);
    j = r ? { ...r, text: format(r) } : null;
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(key, j);
  }
  return j ?? undefined;
}

function parts(value: unknown, tz: string = DEFAULT_TIME_ZONE): Parsed {
  const j = read(value, tz);
  if (!j) throw new CalendarError('bad-date', `not a date: ${JSON.stringify(value)}`, value);
  return j;
}

function integer(n: unknown): number {
  const v = typeof n === 'string' && n.trim() !== '' ? Number(n) : n;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new CalendarError('bad-number', `not a whole number: ${JSON.stringify(n)}`, n);
  return v;
}

function checked(j: Ymd): JalaliDate {
  if (!inRange(j)) throw new CalendarError('out-of-range', `year ${j.y} is outside ${MIN_YEAR}–${MAX_YEAR}`, j);
  return format(j);
}

/** The Jalali date of a date value, or undefined when it is not one. Instants are read in zone `tz`. */
export function tryParseDate(value: unknown, tz: string = DEFAULT_TIME_ZONE): JalaliDate | undefined {
  return read(value, tz)?.text;
}

/** The Jalali date of a date value; throws CalendarError('bad-date') when it is not one. */
export function parseDate(value: unknown, tz: string = DEFAULT_TIME_ZONE): JalaliDate {
  return parts(value, tz).text;
}

/** The Jalali date, in zone `tz`, of an ISO instant. */
export function toJalaliDate(instant: string, tz: string = DEFAULT_TIME_ZONE): JalaliDate {
  if (typeof instant !== 'string' || !INSTANT.test(toAsciiDigits(instant))) throw new CalendarError('bad-date', `not an instant: ${JSON.stringify(instant)}`, instant);
  return parseDate(instant, tz);
}

/** The UTC instant of the given local time (08:00 by default) on a Jalali date in zone `tz`. */
export function jalaliToInstant(date: string, tz: string = DEFAULT_TIME_ZONE, hour = 8, minute = 0, second = 0): string {
  const { y, m, d } = parts(date, tz);
  const g = toGregorian(y, m, d);
  return formatInstant(localToUtc(g.gy, g.gm, g.gd, hour, minute, second, tz));
}

/** The day number (Julian Day Number) of a date; consecutive days differ by one. */
export function dayNumber(date: string): number {
  const { y, m, d } = parts(date);
  return j2d(y, m, d);
}

/** The Jalali date of a day number. */
export function fromDayNumber(jdn: number): JalaliDate {
  let j: ReturnType<typeof d2j>;
  try { j = d2j(jdn); } catch { throw new CalendarError('out-of-range', `day ${jdn} is outside the supported years`, jdn); }
  return checked({ y: j.jy, m: j.jm, d: j.jd });
}

/** `date` plus `n` days (n may be negative). */
export function addDays(date: string, n: number): JalaliDate {
  return fromDayNumber(dayNumber(date) + integer(n));
}

function shiftMonths({ y, m, d }: Ymd, n: number): Ymd {
  const index = y * 12 + (m - 1) + n;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  if (ny < MIN_YEAR || ny > MAX_YEAR) throw new CalendarError('out-of-range', `year ${ny} is outside ${MIN_YEAR}–${MAX_YEAR}`, { y, m, d });
  return { y: ny, m: nm, d: Math.min(d, jalaaliMonthLength(ny, nm)) };
}

/** Orders dates: negative, zero or positive as a is before, on or after b. */
const compare = (a: Ymd, b: Ymd): number => (a.y - b.y) * 512 + (a.m - b.m) * 32 + (a.d - b.d);

/** `date` plus `n` Jalali months; a day past the target month's end clamps to it (1403-06-31 + 1 → 1403-07-30). */
export function addMonths(date: string, n: number): JalaliDate {
  return format(shiftMonths(parts(date), integer(n)));
}

/** `date` plus `n` Jalali years (Esfand 30 of a leap year clamps to Esfand 29). */
export function addYears(date: string, n: number): JalaliDate {
  return addMonths(date, integer(n) * 12);
}

/**
 * Whole months completed from a to b: the largest m with addMonths(a, m) ≤ b; when b < a, minus the largest m
 * with addMonths(a, -m) ≥ b. So monthsBetween(a, addMonths(a, n)) === n for every n.
 */
export function monthsBetween(a: string, b: string): number {
  const pa = parts(a), pb = parts(b);
  const span = (pb.y * 12 + pb.m) - (pa.y * 12 + pa.m);
  if (compare(pb, pa) >= 0) return compare(shiftMonths(pa, span), pb) > 0 ? span - 1 : span;
  return compare(shiftMonths(pa, span), pb) < 0 ? span + 1 : span;
}

/** Whole years completed from a to b (negative when b < a): 1399-05-10 → 1404-05-09 is 4, → 1404-05-10 is 5. */
export function yearsBetween(a: string, b: string): number {
  return Math.trunc(monthsBetween(a, b) / 12);
}

/** Days from a to b (negative when b < a). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** The Jalali year of a date. */
export function jalaliYear(date: string): number {
  return parts(date).y;
}

/** Day of the week, 0 = Sunday … 5 = Friday, 6 = Saturday (getUTCDay numbering). */
export function weekday(date: string): number {
  return (dayNumber(date) + 1) % 7;
}

/** True when Jalali year `y` has 366 days. */
export function isLeapYear(y: number): boolean {
  return isLeapJalaaliYear(y);
}

/** Number of days in Jalali month `m` of year `y`. */
export function monthLength(y: number, m: number): number {
  return jalaaliMonthLength(y, m);
}

/** A date for Persian readers: `۱۴۰۳/۰۶/۳۱`. */
export function formatFa(date: string): string {
  return toPersianDigits(parseDate(date).replace(/-/g, '/'));
}
