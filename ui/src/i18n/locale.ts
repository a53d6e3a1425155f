/**
 * The current language (fa first, en switchable): one observable value, remembered in localStorage and reflected on
 * <html lang dir>. Components follow it through LocaleController.
 */
import { STRINGS, type StringKey } from './strings.js';
import { formatNumber, localDigits, localizeNumbers } from './digits.js';
import { formatDate } from './jalali.js';

export type Lang = 'fa' | 'en';
/** Text of the definitions: Persian first, English alongside. */
export interface Text {
  fa: string;
  en?: string;
}

type Listener = (lang: Lang) => void;
const listeners = new Set<Listener>();
const KEY = 'dabir.lang';

function initial(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(KEY);
    if (saved === 'fa' || saved === 'en') return saved;
  } catch {
    /* storage may be unavailable */
  }
  return 'fa';
}

let current: Lang = initial();

function reflect(lang: Lang): void {
  const root = globalThis.document?.documentElement;
  if (!root) return;
  root.lang = lang;
  root.dir = lang === 'fa' ? 'rtl' : 'ltr';
}
reflect(current);

export const getLang = (): Lang => current;

/** Switches the language everywhere. */
export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  try {
    globalThis.localStorage?.setItem(KEY, lang);
  } catch {
    /* ignore */
  }
  reflect(lang);
  for (const l of listeners) l(lang);
}

/** Subscribes to language changes; returns the unsubscribe function. */
export function onLangChange(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** A chrome string in the current language, with `{name}` placeholders filled (numbers in the language's digits). */
export function t(key: StringKey, vars: Record<string, string | number> = {}, lang = current): string {
  const s: string = STRINGS[key][lang];
  return s.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = vars[k];
    if (v === undefined) return `{${k}}`;
    return typeof v === 'number' ? formatNumber(v, lang) : v;
  });
}

/** A definition's text in the current language (falls back to Persian); digits shaped for the language. */
export function tx(text: Text | string | undefined | null, lang = current): string {
  if (text === undefined || text === null) return '';
  if (typeof text === 'string') return text;
  return (lang === 'en' ? text.en : undefined) ?? text.fa ?? '';
}

/** A number in the current language. */
export const n = (v: number, opts?: Intl.NumberFormatOptions): string => formatNumber(v, current, opts);

/** The numbers and dates of a text in the current language's digits (ids, codes, hashes and links keep theirs). */
export const d = (s: string | number): string => (typeof s === 'number' ? localDigits(String(s), current) : localizeNumbers(s, current));

/** A date (Jalali day or instant) in the current language. */
export const date = (v: unknown, opts?: { long?: boolean; time?: boolean }): string => formatDate(v, current, opts);

/** Any JSON value for display: numbers and dates localized, objects compact. */
export function show(v: unknown, lang = current): string {
  if (v === undefined || v === null) return '—';
  // A value the server withheld (a sensitive field, a confidential step's answer).
  if (typeof v === 'object' && (v as { $withheld?: unknown }).$withheld === true) return t('withheld', {}, lang);
  if (typeof v === 'number') return formatNumber(v, lang);
  if (typeof v === 'boolean') return t(v ? 'yes' : 'no', {}, lang);
  if (typeof v === 'string') {
    if (/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(v)) return formatDate(v, lang, { time: v.includes('T') });
    return localizeNumbers(v, lang);
  }
  if (Array.isArray(v)) return v.map((x) => show(x, lang)).join(lang === 'fa' ? '، ' : ', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.fa === 'string') return tx(o as unknown as Text, lang);
    // A point as people write one: latitude then longitude, each with the language's decimal sign (۳۸٫۲۸۰۷، ۴۸٫۲۹۳۳).
    if (typeof o.lat === 'number' && typeof o.lon === 'number') {
      const one = (n: number) => formatNumber(n, lang, { maximumFractionDigits: 6, useGrouping: false });
      return `${one(o.lat)}${lang === 'fa' ? '، ' : ', '}${one(o.lon)}`;
    }
    return localizeNumbers(JSON.stringify(v), lang);
  }
  return String(v);
}
