/**
 * Message templates: `{name}` is replaced by a rule's value, `{input.area}` (a dotted path) by the data. Values
 * are shown for the reader's language: Persian digits in `fa` (numbers, and Jalali dates kept as written but
 * with Persian digits and slashes, ۱۴۰۵/۰۳/۰۱), Latin digits in `en`; numbers from 10,000 up are grouped. An unresolved placeholder stays as written, so a gap is visible.
 */
import { toPersianDigits } from '../calendar/index.js';
import { walkPath } from './builtins.js';

/** A display language. */
export type Lang = 'fa' | 'en';

const PLACEHOLDER = /\{([A-Za-z_$][\w$-]*(?:\.[\w$-]+)*)\}/g;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Groups the integer part in threes from 10,000 up (four-digit years stay ungrouped). */
function group(s: string, sep: string): string {
  const [int, frac] = s.split('.');
  const digits = int.replace(/^-/, '');
  if (digits.length < 5) return s;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return `${int.startsWith('-') ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/** A number for display: at most two decimals, grouped from 10,000; Persian digits and separators in `fa`. */
export function formatNumber(n: number, lang: Lang): string {
  if (!Number.isFinite(n)) return String(n);
  const s = Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
  return lang === 'fa' ? toPersianDigits(group(s, '٬')).replace('.', '٫').replace(/^-/, '−') : group(s, ',');
}

/** One value for display in `lang`. */
export function formatValue(v: unknown, lang: Lang): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return formatNumber(v, lang);
  if (typeof v === 'boolean') return lang === 'fa' ? (v ? 'بله' : 'خیر') : v ? 'yes' : 'no';
  if (typeof v === 'string') return lang === 'fa' && DATE.test(v) ? toPersianDigits(v.replace(/-/g, '/')) : v;
  if (Array.isArray(v)) return v.map((x) => formatValue(x, lang)).join(lang === 'fa' ? '، ' : ', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.fa === 'string') return lang === 'en' && typeof o.en === 'string' ? o.en : o.fa;
    return JSON.stringify(v);
  }
  return String(v);
}

/**
 * How a value read from the data by a dotted path reads to a person (an option's label, a record's title), or
 * undefined to show it as it is. The interpreter knows each step's form and passes one.
 */
export type Describe = (path: string, value: unknown, lang: Lang) => string | undefined;

/**
 * Fills `{name}` placeholders from `values`, then dotted paths from `data` (described by `describe` when given);
 * formats each value for `lang`.
 */
export function fillTemplate(template: string, values: Record<string, unknown>, data: unknown, lang: Lang, describe?: Describe): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    if (Object.hasOwn(values, name)) return formatValue(values[name], lang);
    const v = walkPath(data, name.split('.'), undefined);
    if (v === undefined) return whole;
    return describe?.(name, v, lang) ?? formatValue(v, lang);
  });
}
