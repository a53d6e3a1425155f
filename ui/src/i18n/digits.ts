/** Digit mapping between Latin, Persian (۰–۹) and Arabic-Indic (٠–٩) forms. */

const FA = '۰۱۲۳۴۵۶۷۸۹';
const AR = '٠١٢٣٤٥٦٧٨٩';

/** Every Persian or Arabic-Indic digit (and the Persian decimal/thousands marks) as ASCII. */
export function toLatinDigits(s: string): string {
  return s.replace(/[۰-۹٠-٩٫٬]/g, (c) => {
    const i = FA.indexOf(c);
    if (i >= 0) return String(i);
    const j = AR.indexOf(c);
    if (j >= 0) return String(j);
    return c === '٫' ? '.' : '';
  });
}

/** Every ASCII digit as a Persian digit. */
export function toPersianDigits(s: string): string {
  return s.replace(/[0-9]/g, (c) => FA[+c]);
}

/** Digits shaped for a language: Persian for fa, Latin for en. */
export function localDigits(s: string, lang: 'fa' | 'en'): string {
  return lang === 'fa' ? toPersianDigits(s) : toLatinDigits(s);
}

/** A number for display: grouping and decimal marks of the language, its digits. */
export function formatNumber(n: number, lang: 'fa' | 'en', opts: Intl.NumberFormatOptions = {}): string {
  if (!Number.isFinite(n)) return String(n);
  const s = new Intl.NumberFormat(lang === 'fa' ? 'fa-IR' : 'en-US', { maximumFractionDigits: 2, ...opts }).format(n);
  return lang === 'fa' ? toPersianDigits(s) : s;
}

/** Reads a number typed in any digit form ("۱۲٫۵", "12.5", "1,200"); NaN when not a number. */
export function parseNumber(s: string): number {
  const t = toLatinDigits(s).replace(/[,\s]/g, '').trim();
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return Number.NaN;
  return Number(t);
}
