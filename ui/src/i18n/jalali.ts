/**
 * Jalali dates for display and input. Dates travel as Jalali `YYYY-MM-DD` (ASCII digits, see docs/language.md) or
 * as ISO instants; both are shown in the Jalali calendar in the Asia/Tehran time zone.
 */
import { isValidJalaaliDate, jalaaliMonthLength, toGregorian, toJalaali } from 'jalaali-js';
import { localDigits, toLatinDigits } from './digits.js';

export const TIME_ZONE = 'Asia/Tehran';

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export const MONTHS: Record<'fa' | 'en', string[]> = {
  fa: ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'],
  en: ['Farvardin', 'Ordibehesht', 'Khordad', 'Tir', 'Mordad', 'Shahrivar', 'Mehr', 'Aban', 'Azar', 'Dey', 'Bahman', 'Esfand'],
};

/** Week days from Saturday (the first day of the Iranian week). */
export const WEEKDAYS: Record<'fa' | 'en', string[]> = {
  fa: ['ش', 'ی', 'د', 'س', 'چ', 'پ', 'ج'],
  en: ['Sa', 'Su', 'Mo', 'Tu', 'We', 'Th', 'Fr'],
};

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Canonical `YYYY-MM-DD`. */
export const formatYmd = (j: Ymd): string => `${pad(j.y, 4)}-${pad(j.m)}-${pad(j.d)}`;

const localParts = (ms: number) => {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (t: string) => Number(f.find((p) => p.type === t)?.value ?? 0);
  return { y: get('year'), m: get('month'), d: get('day'), hh: get('hour'), mm: get('minute') };
};

/** Reads a Jalali or Gregorian day (`YYYY-MM-DD`, any digits, `/` allowed) or an ISO instant; undefined otherwise. */
export function readDate(value: unknown): (Ymd & { hh?: number; mm?: number }) | undefined {
  if (typeof value !== 'string') return undefined;
  const s = toLatinDigits(value.trim()).replace(/\//g, '-');
  const day = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (day) {
    const y = +day[1], m = +day[2], d = +day[3];
    if (y < 1700) return isValidJalaaliDate(y, m, d) ? { y, m, d } : undefined;
    const j = toJalaali(y, m, d);
    return { y: j.jy, m: j.jm, d: j.jd };
  }
  const ms = Date.parse(s);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(s) || Number.isNaN(ms)) return undefined;
  const p = localParts(ms);
  const j = toJalaali(p.y, p.m, p.d);
  return { y: j.jy, m: j.jm, d: j.jd, hh: p.hh, mm: p.mm };
}

/** A date as `۱۴۰۳/۰۵/۱۲` (fa) or `1403/05/12` (en); with `long`, `۱۲ مرداد ۱۴۰۳`. Unreadable values pass through. */
export function formatDate(value: unknown, lang: 'fa' | 'en', opts: { long?: boolean; time?: boolean } = {}): string {
  const j = readDate(value);
  if (!j) return value === undefined || value === null ? '' : String(value);
  let s = opts.long ? `${j.d} ${MONTHS[lang][j.m - 1]} ${j.y}` : `${pad(j.y, 4)}/${pad(j.m)}/${pad(j.d)}`;
  if (opts.time && j.hh !== undefined) s += ` ${pad(j.hh)}:${pad(j.mm ?? 0)}`;
  return localDigits(s, lang);
}

/** Today in Tehran as a Jalali date. */
export function todayJalali(now = Date.now()): Ymd {
  const p = localParts(now);
  const j = toJalaali(p.y, p.m, p.d);
  return { y: j.jy, m: j.jm, d: j.jd };
}

export const monthLength = (y: number, m: number): number => jalaaliMonthLength(y, m);

/** 0 = Saturday … 6 = Friday, for a Jalali date. */
export function weekdayIndex(j: Ymd): number {
  const g = toGregorian(j.y, j.m, j.d);
  const dow = new Date(Date.UTC(g.gy, g.gm - 1, g.gd)).getUTCDay(); // 0 = Sunday
  return (dow + 1) % 7;
}

/** Moves a date by days (negative allowed), across months and years. */
export function addDays(j: Ymd, days: number): Ymd {
  const g = toGregorian(j.y, j.m, j.d);
  const t = new Date(Date.UTC(g.gy, g.gm - 1, g.gd + days));
  const r = toJalaali(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
  return { y: r.jy, m: r.jm, d: r.jd };
}

/** Moves a date by whole months, clamping the day to the month's length. */
export function addMonths(j: Ymd, months: number): Ymd {
  const idx = j.y * 12 + (j.m - 1) + months;
  const y = Math.floor(idx / 12), m = (idx % 12) + 1;
  return { y, m, d: Math.min(j.d, monthLength(y, m)) };
}

/** A Gregorian rendering of a Jalali date, for a tooltip. */
export function gregorianOf(j: Ymd): string {
  const g = toGregorian(j.y, j.m, j.d);
  return `${g.gy}-${pad(g.gm)}-${pad(g.gd)}`;
}

/** Whole days from now until an instant (negative when past). */
export function daysUntil(iso: string, now = Date.now()): number {
  return Math.floor((Date.parse(iso) - now) / 86_400_000);
}
