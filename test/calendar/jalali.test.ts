/** Jalali date values: parsing, conversion, month-end clamping, leap years, whole years/months/days between. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CalendarError, addDays, addMonths, addYears, daysBetween, formatFa, isLeapYear, jalaliToInstant, jalaliYear, monthLength,
  monthsBetween, parseDate, toJalaliDate, tryParseDate, weekday, yearsBetween,
} from '../../engine/calendar/index.js';

describe('parseDate', () => {
  it.each([
    ['1403-06-31', '1403-06-31'],
    ['1403-12-30', '1403-12-30'],
    ['2024-03-20', '1403-01-01'],
    ['1700-01-01', '1078-10-11'],
    ['1970-01-01', '1348-10-11'],
    ['2321-03-20', '1699-12-29'],
    ['۱۴۰۳-۰۶-۳۱', '1403-06-31'],
    ['2025-03-20T20:29:59Z', '1403-12-30'],
    ['2025-03-20T20:30:00Z', '1404-01-01'],
    ['2025-03-21T00:00:00+03:30', '1404-01-01'],
    ['2025-03-20T23:00:00.123Z', '1404-01-01'],
  ])('reads %s as %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each(['1404-12-30', '1403-13-01', '1403-00-10', '1403-07-31', '2023-02-29', '2024-02-30', '1403/06/31', '1403-6-31', 'tomorrow', '', '2025-03-20T25:00:00Z', '2025-03-20T10:00'])(
    'refuses %j',
    (input) => {
      expect(tryParseDate(input)).toBeUndefined();
      expect(() => parseDate(input)).toThrow(CalendarError);
    },
  );

  it.each([null, undefined, 14030631, {}, ['1403-01-01']])('refuses the non-string %j', (input) => {
    expect(tryParseDate(input)).toBeUndefined();
  });

  it('reads an instant in the given time zone', () => {
    expect(parseDate('2025-03-20T21:00:00Z', 'UTC')).toBe('1403-12-30');
    expect(parseDate('2025-03-20T21:00:00Z', 'Asia/Tehran')).toBe('1404-01-01');
    expect(() => parseDate('2025-03-20T21:00:00Z', 'Mars/Olympus')).toThrow(CalendarError);
  });
});

describe('instants', () => {
  it.each([
    ['2026-11-23T08:00:00Z', 'Asia/Tehran', '1405-09-02'],
    ['2026-11-23T21:00:00Z', 'Asia/Tehran', '1405-09-03'],
    ['2026-11-23T21:00:00Z', 'UTC', '1405-09-02'],
  ])('toJalaliDate(%s, %s) is %s', (instant, tz, expected) => {
    expect(toJalaliDate(instant, tz)).toBe(expected);
  });

  it('refuses a date where an instant is needed', () => {
    expect(() => toJalaliDate('2026-11-23')).toThrow(CalendarError);
  });

  it.each([
    ['1405-09-02', 8, '2026-11-23T04:30:00Z'],
    ['1390-06-10', 8, '2011-09-01T03:30:00Z'], // Iran kept daylight saving time until 1401
    ['1404-01-01', 0, '2025-03-20T20:30:00Z'],
  ])('jalaliToInstant(%s, Tehran, %i) is %s', (date, hour, expected) => {
    expect(jalaliToInstant(date, 'Asia/Tehran', hour)).toBe(expected);
  });

  it('round-trips a date through its 08:00 instant', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 40_000 }), (n) => {
      const d = addDays('1300-01-01', n);
      expect(toJalaliDate(jalaliToInstant(d))).toBe(d);
    }), { numRuns: 300 });
  });
});

describe('arithmetic', () => {
  it.each([
    ['1403-06-31', 1, '1403-07-30'],
    ['1403-06-31', 6, '1403-12-30'],
    ['1403-06-31', 7, '1404-01-31'],
    ['1403-12-30', 12, '1404-12-29'],
    ['1403-12-30', 60, '1408-12-30'],
    ['1403-01-31', -1, '1402-12-29'],
    ['1403-05-15', -17, '1401-12-15'],
    ['1403-05-15', 0, '1403-05-15'],
  ])('addMonths(%s, %i) is %s', (date, n, expected) => {
    expect(addMonths(date, n)).toBe(expected);
  });

  it.each([
    ['1403-12-30', 1, '1404-12-29'],
    ['1399-12-30', 4, '1403-12-30'],
    ['1399-05-10', 5, '1404-05-10'],
  ])('addYears(%s, %i) is %s', (date, n, expected) => {
    expect(addYears(date, n)).toBe(expected);
  });

  it.each([
    ['1403-12-29', 1, '1403-12-30'],
    ['1403-12-30', 1, '1404-01-01'],
    ['1404-12-29', 1, '1405-01-01'],
    ['1404-01-01', -1, '1403-12-30'],
    ['1403-06-31', 1, '1403-07-01'],
    ['1403-01-01', 366, '1404-01-01'],
  ])('addDays(%s, %i) is %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it.each([
    ['1399-05-10', '1404-05-09', 4, 59],
    ['1399-05-10', '1404-05-10', 5, 60],
    ['1404-05-10', '1399-05-10', -5, -60],
    ['1404-05-09', '1399-05-10', -4, -59],
    ['1403-06-31', '1403-07-30', 0, 1],
    ['1403-06-31', '1403-07-29', 0, 0],
    ['1403-12-30', '1404-12-29', 1, 12],
    ['1403-05-10', '1403-05-10', 0, 0],
    ['1403-05-10', '1403-05-09', 0, 0],
  ])('from %s to %s: %i whole years, %i whole months', (a, b, years, months) => {
    expect(yearsBetween(a, b)).toBe(years);
    expect(monthsBetween(a, b)).toBe(months);
  });

  it.each([
    ['1403-12-29', '1404-01-01', 2],
    ['1404-01-01', '1403-12-29', -2],
    ['1403-01-01', '1404-01-01', 366],
    ['1404-01-01', '1405-01-01', 365],
    ['2024-03-20', '1403-01-02', 1],
  ])('daysBetween(%s, %s) is %i', (a, b, n) => {
    expect(daysBetween(a, b)).toBe(n);
  });

  it('refuses non-integer counts and dates past the supported years', () => {
    expect(() => addDays('1403-01-01', 0.5)).toThrow(CalendarError);
    expect(() => addMonths('1699-12-01', 1)).toThrow(CalendarError);
    expect(() => addDays('1699-12-29', 1)).toThrow(CalendarError);
    expect(tryParseDate('2321-03-21')).toBeUndefined(); // would be Jalali 1700, which reads back as Gregorian
  });
});

describe('calendar facts', () => {
  it('knows the leap years of the current 33-year cycle (jalaali-js)', () => {
    const leap = [];
    for (let y = 1390; y <= 1420; y++) if (isLeapYear(y)) leap.push(y);
    expect(leap).toEqual([1391, 1395, 1399, 1403, 1408, 1412, 1416, 1420]);
    expect(monthLength(1403, 12)).toBe(30);
    expect(monthLength(1404, 12)).toBe(29);
    expect(monthLength(1404, 6)).toBe(31);
    expect(monthLength(1404, 7)).toBe(30);
  });

  it.each([
    ['1404-05-08', 3],
    ['1404-05-10', 5],
    ['1404-05-11', 6],
    ['1403-01-01', 3],
  ])('weekday(%s) is %i (0 = Sunday)', (date, w) => {
    expect(weekday(date)).toBe(w);
  });

  it('gives the year and a Persian rendering', () => {
    expect(jalaliYear('2025-03-21')).toBe(1404);
    expect(formatFa('1403-06-31')).toBe('۱۴۰۳/۰۶/۳۱');
  });
});

describe('properties', () => {
  const date = fc.integer({ min: 0, max: 60_000 }).map((n) => addDays('1300-01-01', n));

  it('addMonths then monthsBetween round-trips', () => {
    fc.assert(fc.property(date, fc.integer({ min: -600, max: 600 }), (d, n) => {
      expect(monthsBetween(d, addMonths(d, n))).toBe(n);
    }), { numRuns: 2000 });
  });

  it('addYears then yearsBetween round-trips', () => {
    fc.assert(fc.property(date, fc.integer({ min: -50, max: 50 }), (d, n) => {
      expect(yearsBetween(d, addYears(d, n))).toBe(n);
    }), { numRuns: 1000 });
  });

  it('addDays and daysBetween are inverse', () => {
    fc.assert(fc.property(date, fc.integer({ min: -20_000, max: 20_000 }), (d, n) => {
      const e = addDays(d, n);
      expect(daysBetween(d, e)).toBe(n);
      expect(addDays(e, -n)).toBe(d);
    }), { numRuns: 2000 });
  });

  it('monthsBetween counts only completed months', () => {
    fc.assert(fc.property(date, date, (a, b) => {
      const m = monthsBetween(a, b);
      if (b >= a) {
        expect(addMonths(a, m) <= b).toBe(true);
        expect(addMonths(a, m + 1) > b).toBe(true);
      } else {
        expect(addMonths(a, m) >= b).toBe(true);
        expect(addMonths(a, m - 1) < b).toBe(true);
      }
    }), { numRuns: 2000 });
  });
});
