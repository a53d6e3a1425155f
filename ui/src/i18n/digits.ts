/**
 * Digit mapping between Latin, Persian (۰–۹) and Arabic-Indic (٠–٩) forms, and which digits of a text are a number's:
 * only numbers and dates are shaped for the language — never the digits inside an id, a code, a hash or a URL
 * («b۹۰۰۲۳b۴۰۱», «…/call/۱۴۰۵-۱۲» are what shaping every digit run gives).
 */

import { toAsciiDigits, toPersianDigits } from '../../../engine/calendar/digits.js';

export { toPersianDigits };

/** Every Persian or Arabic-Indic digit as ASCII, and the Persian decimal mark as "." (its thousands mark dropped). */
export function toLatinDigits(s: string): string {
  return toAsciiDigits(s).replace(/[٫٬]/g, (c) => (c === '٫' ? '.' : ''));
}

/** Every digit shaped for a language: Persian for fa, Latin for en (for a string known to be a number or a date). */
export function localDigits(s: string, lang: 'fa' | 'en'): string {
  return lang === 'fa' ? toPersianDigits(s) : toLatinDigits(s);
}

/** URLs, e-mail addresses and `scheme:` references: their digits are never a number's. */
const LINKS = /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.)[^\s<>«»"]+|[^\s@<>«»"]+@[^\s@<>«»"]+\.[a-z]{2,}/gi;
/** A run of characters that may make one token: letters and digits of codes, and what joins them. */
const TOKEN = /[A-Za-z0-9۰-۹٠-٩_\-./:#+%٫]+/g;

/**
 * A text with the digits of its numbers and dates shaped for the language, and every other digit left alone: a token
 * with a Latin letter (an id, a code, a hash, a number like `ab-1013`) and links keep theirs; a token of digits
 * and marks only (`1405-0023`, `1403/05/12`, `70`) is a number or a date.
 */
export function localizeNumbers(s: string, lang: 'fa' | 'en'): string {
  let out = '';
  let last = 0;
  for (const m of s.matchAll(LINKS)) {
    out += shapeTokens(s.slice(last, m.index), lang) + m[0];
    last = m.index! + m[0].length;
  }
  return out + shapeTokens(s.slice(last), lang);
}

function shapeTokens(s: string, lang: 'fa' | 'en'): string {
  return s.replace(TOKEN, (tok) => (/[A-Za-z]/.test(tok) ? tok : localDigits(tok, lang)));
}

/**
 * A number for display: the language's decimal mark and digits, thousands grouped from five digits on — a four-digit
 * number (a year: ۱۳۹۰, not ۱٬۳۹۰) stays whole, as the SI and most style guides write it.
 */
export function formatNumber(n: number, lang: 'fa' | 'en', opts: Intl.NumberFormatOptions = {}): string {
  if (!Number.isFinite(n)) return String(n);
  const grouping = { useGrouping: 'min2' } as unknown as Intl.NumberFormatOptions;
  const s = new Intl.NumberFormat(lang === 'fa' ? 'fa-IR' : 'en-US', { maximumFractionDigits: 2, ...grouping, ...opts }).format(n);
  return lang === 'fa' ? toPersianDigits(s) : s;
}

/** Reads a number typed in any digit form ("۱۲٫۵", "12.5", "1,200"); NaN when not a number. */
export function parseNumber(s: string): number {
  const t = toLatinDigits(s).replace(/[,\s]/g, '').trim();
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return Number.NaN;
  return Number(t);
}
