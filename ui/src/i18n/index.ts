export { getLang, setLang, onLangChange, t, tx, n, d, date, show, type Lang, type Text } from './locale.js';
export { formatNumber, parseNumber, toLatinDigits, toPersianDigits, localDigits, localizeNumbers } from './digits.js';
export * as jalali from './jalali.js';
export type { StringKey } from './strings.js';
