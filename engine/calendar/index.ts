/** Jalali dates, time zones and business-day due dates. Pure: the current time always comes in as an argument. */
export {
  parseDate, tryParseDate, toJalaliDate, jalaliToInstant, addDays, addMonths, addYears, monthsBetween, yearsBetween,
  daysBetween, jalaliYear, weekday, isLeapYear, monthLength, dayNumber, fromDayNumber, formatFa, MIN_YEAR, MAX_YEAR,
} from './jalali.js';
export type { JalaliDate } from './jalali.js';
export { addDuration, isWorkingDay, endOfDay } from './business.js';
export { CalendarError } from './errors.js';
export type { CalendarErrorCode } from './errors.js';
export { toPersianDigits, toAsciiDigits } from './digits.js';
export { DEFAULT_TIME_ZONE, localFields, zoneOffset, localToUtc, formatInstant } from './time-zone.js';
export type { LocalFields } from './time-zone.js';
