/**
 * Human case numbers. A bundle's `case_number` pattern says how a case's number reads: `{year}` is the Jalali year
 * the case started in, `{seq}` its place among the bundle's cases of that year (from 1), `{seq:N}` the same padded
 * with zeros to N digits; anything else is written as is (digits and the separators - / . _). The host keeps the
 * sequence (one counter per bundle and year) and calls `formatCaseNumber` at each start.
 */

/** The pattern of a bundle that sets none: `1405-0023`. */
export const DEFAULT_CASE_NUMBER = '{year}-{seq:4}';

const TOKEN = /\{(year|seq)(?::([1-9]))?\}/g;

/** A number from a (valid) pattern, a Jalali year and a sequence number. */
export function formatCaseNumber(pattern: string, year: number, seq: number): string {
  return pattern.replace(TOKEN, (_, name: string, width?: string) => {
    const v = String(name === 'year' ? year : seq);
    return width ? v.padStart(Number(width), '0') : v;
  });
}

/** Why a pattern cannot number cases (undefined when it can): what is wrong, and what to write instead. */
export function casePatternProblem(pattern: string): { en: string; fa: string } | undefined {
  const rest = pattern.replace(TOKEN, '');
  if (/[{}]/.test(rest)) {
    return { en: `unknown placeholder in "${pattern}" — only {year}, {seq} and {seq:N} (N = 1…9) are known`, fa: `جای‌نگهدار ناشناخته در «${pattern}» — تنها {year}، {seq} و {seq:N} (N از ۱ تا ۹) شناخته‌اند` };
  }
  if (/[^0-9\-/._]/.test(rest)) {
    return {
      en: `"${pattern}" has characters other than digits and the separators - / . _ — a case number is read aloud and typed, keep it to those`,
      fa: `«${pattern}» نویسه‌ای جز رقم و جداکننده‌های - / . _ دارد — شمارهٔ پرونده خوانده و تایپ می‌شود؛ به همین‌ها بسنده کنید`,
    };
  }
  const seqs = [...pattern.matchAll(TOKEN)].filter((m) => m[1] === 'seq').length;
  if (seqs !== 1) return { en: `"${pattern}" needs exactly one {seq} (or {seq:N}) — the case's place in its year`, fa: `«${pattern}» باید دقیقاً یک {seq} (یا {seq:N}) داشته باشد — جای پرونده در سال خود` };
  if (!pattern.includes('{year')) {
    return { en: `"${pattern}" has no {year}: the sequence starts again each year, so numbers would repeat — add {year}`, fa: `«${pattern}» {year} ندارد: شماره‌ها هر سال از نو آغاز می‌شوند و تکرار می‌شوند — {year} را بیفزایید` };
  }
  if (/\{year:/.test(pattern)) return { en: `"${pattern}": {year} takes no width — write {year}`, fa: `«${pattern}»: {year} پهنا نمی‌گیرد — {year} بنویسید` };
  return undefined;
}
