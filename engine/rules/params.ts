/** Parameter values over time: which resolution is in force on a date. */
import type { Parameter, ParamValue } from '../model.js';
import { tryParseDate } from '../calendar/index.js';
import { LogicError } from './errors.js';

const CANONICAL = /^(0\d{3}|1[0-6]\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * The value in force on `date` (Jalali; Gregorian dates and instants are converted): the latest entry of the
 * ascending history whose resolution date is on or before it; on equal dates the later entry (the overlay) wins.
 * Undefined when no resolution is in force yet. Throws LogicError('bad-date') for a date that is not one.
 */
export function paramAt(param: Parameter, date: string): ParamValue | undefined {
  const d = CANONICAL.test(date) ? date : tryParseDate(date);
  if (d === undefined) {
    throw new LogicError('bad-date', { fa: `تاریخ نامعتبر: ${date}`, en: `Not a date: ${date}` }, date);
  }
  return inForce(param, d);
}

/** paramAt for a date already known to be canonical Jalali. */
export function inForce(param: Parameter, d: string): ParamValue | undefined {
  const h = param.history;
  for (let i = h.length - 1; i >= 0; i--) {
    if (h[i].resolution.date <= d) return h[i];
  }
  return undefined;
}
