/**
 * Due dates: a duration added to an instant on the Jalali calendar, skipping the calendar's weekend and holidays
 * for working days. A due date is the end (23:59:59 local) of the day reached.
 */
import type { CalendarDef, Duration } from '../model.js';
import { CalendarError } from './errors.js';
import { addDays, addMonths, jalaliToInstant, parseDate, tryParseDate, weekday } from './jalali.js';
import { DEFAULT_TIME_ZONE } from './time-zone.js';

const holidaySets = new WeakMap<CalendarDef, Set<string>>();

function holidays(cal: CalendarDef): Set<string> {
  let set = holidaySets.get(cal);
  if (!set) {
    set = new Set();
    for (const h of cal.holidays) {
      const d = tryParseDate(h.date);
      if (d) set.add(d);
    }
    holidaySets.set(cal, set);
  }
  return set;
}

/** True when `date` (a Jalali date) is neither a weekend day nor a holiday of `cal`. */
export function isWorkingDay(date: string, cal: CalendarDef): boolean {
  const d = parseDate(date);
  return !cal.weekend.includes(weekday(d)) && !holidays(cal).has(d);
}

/** The UTC instant of 23:59:59 local time on a Jalali date in zone `tz`. */
export function endOfDay(date: string, tz: string = DEFAULT_TIME_ZONE): string {
  return jalaliToInstant(date, tz, 23, 59, 59);
}

/**
 * The due instant of `d` counted from `fromInstant`: its local date in `tz`, plus months, then days, then working
 * days (each working day is the next day that is not weekend or holiday; negative counts go backwards), at the end
 * of that local day. An empty duration gives the end of the starting day.
 */
export function addDuration(fromInstant: string, d: Duration, cal: CalendarDef, tz: string = DEFAULT_TIME_ZONE): string {
  let date = parseDate(fromInstant, tz);
  if (d.months) date = addMonths(date, d.months);
  if (d.days) date = addDays(date, d.days);
  const wd = d.working_days ?? 0;
  if (wd !== 0) {
    if (!Number.isSafeInteger(wd)) throw new CalendarError('bad-number', `working_days must be a whole number, got ${wd}`, wd);
    if (new Set(cal.weekend.filter((w) => w >= 0 && w <= 6)).size >= 7) {
      throw new CalendarError('no-working-days', 'the calendar has no working days: every weekday is a weekend day', cal.weekend);
    }
    const step = wd > 0 ? 1 : -1;
    for (let left = Math.abs(wd); left > 0;) {
      date = addDays(date, step);
      if (isWorkingDay(date, cal)) left--;
    }
  }
  return endOfDay(date, tz);
}
