/**
 * Time-zone arithmetic over Intl.DateTimeFormat (pure computation, no clock): the local wall-clock fields of an
 * instant in a zone, and the instant of a local wall-clock time. Formatters are cached per zone.
 */
import { CalendarError } from './errors.js';

/** Dabir's default time zone. */
export const DEFAULT_TIME_ZONE = 'Asia/Tehran';

/** Local wall-clock fields (Gregorian). */
export interface LocalFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: tz, calendar: 'gregory', numberingSystem: 'latn', hourCycle: 'h23',
        year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    } catch {
      throw new CalendarError('bad-time-zone', `unknown time zone "${tz}"`, tz);
    }
    formatters.set(tz, f);
  }
  return f;
}

/** The wall-clock fields of the instant `ms` (epoch milliseconds) in zone `tz`. */
export function localFields(ms: number, tz: string): LocalFields {
  const out: LocalFields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  let era = 'AD';
  for (const p of formatter(tz).formatToParts(ms)) {
    if (p.type === 'era') era = p.value;
    else if (p.type in out) out[p.type as keyof LocalFields] = Number(p.value);
  }
  if (era === 'BC') out.year = 1 - out.year;
  return out;
}

/** Offset of zone `tz` from UTC at instant `ms`, in milliseconds (e.g. +3:30 → 12_600_000). */
export function zoneOffset(ms: number, tz: string): number {
  const f = localFields(ms, tz);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant (epoch ms) at which zone `tz` shows the given Gregorian wall-clock time. */
export function localToUtc(year: number, month: number, day: number, hour: number, minute: number, second: number, tz: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const guess = wall - zoneOffset(wall, tz);
  // A second pass settles the offset when `guess` falls on the other side of a DST change.
  return wall - zoneOffset(guess, tz);
}

/** Formats epoch milliseconds as an ISO-8601 UTC instant without milliseconds when they are zero. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
