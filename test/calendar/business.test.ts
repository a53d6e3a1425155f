/** Due dates in working days, months and days; end of the local day; weekends and holidays skipped. */
import { describe, expect, it } from 'vitest';
import type { CalendarDef, Duration } from '../../engine/model.js';
import { CalendarError, addDuration, isWorkingDay } from '../../engine/calendar/index.js';

const cal: CalendarDef = {
  weekend: [5], // Friday
  holidays: [
    { date: '1404-05-11', label: { fa: 'تعطیل', en: 'Holiday' } },
    { date: '1404-01-01', label: { fa: 'نوروز', en: 'Nowruz' } },
  ],
};
const TZ = 'Asia/Tehran';
const WED_1404_05_08 = '2025-07-30T08:00:00Z';

describe('addDuration', () => {
  it.each<[string, string, Duration, string]>([
    // Wed → Thu (1), Fri weekend, Sat holiday, Sun (2), Mon (3): due Mon 1404-05-13 at 23:59:59 +03:30
    ['counts working days across a Friday and a holiday', WED_1404_05_08, { working_days: 3 }, '2025-08-04T20:29:59Z'],
    ['counts one working day to the next working day', WED_1404_05_08, { working_days: 1 }, '2025-07-31T20:29:59Z'],
    ['skips a Friday after Thursday', '2025-07-31T08:00:00Z', { working_days: 1 }, '2025-08-03T20:29:59Z'],
    ['counts calendar days without skipping', WED_1404_05_08, { days: 3 }, '2025-08-02T20:29:59Z'],
    ['adds a Jalali month with month-end clamping', '2024-09-21T08:00:00Z' /* 1403-06-31 */, { months: 1 }, '2024-10-21T20:29:59Z' /* 1403-07-30 */],
    ['adds months, then days, then working days', WED_1404_05_08, { months: 1, days: 1, working_days: 1 }, '2025-09-01T20:29:59Z'],
    ['ends the starting day for an empty duration', WED_1404_05_08, {}, '2025-07-30T20:29:59Z'],
    ['starts from the local date, not the UTC date', '2025-07-29T21:00:00Z' /* 00:30 Wed local */, { working_days: 1 }, '2025-07-31T20:29:59Z'],
    ['uses the daylight-saving offset of its day', '2020-07-29T08:00:00Z', { days: 1 }, '2020-07-30T19:29:59Z'],
    ['skips Nowruz', '2025-03-19T08:00:00Z' /* Wed 1403-12-29 */, { working_days: 2 }, '2025-03-22T20:29:59Z'],
  ])('%s', (_name, from, d, expected) => {
    expect(addDuration(from, d, cal, TZ)).toBe(expected);
  });

  it('counts backwards for negative working days', () => {
    expect(addDuration('2025-08-04T08:00:00Z', { working_days: -3 }, cal, TZ)).toBe('2025-07-30T20:29:59Z');
  });

  it('refuses a calendar with no working days', () => {
    expect(() => addDuration(WED_1404_05_08, { working_days: 1 }, { weekend: [0, 1, 2, 3, 4, 5, 6], holidays: [] }, TZ)).toThrow(CalendarError);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['1404-05-08', true],
    ['1404-05-10', false],
    ['1404-05-11', false],
    ['1404-05-12', true],
    ['2025-08-02', false],
  ])('%s → %s', (date, expected) => {
    expect(isWorkingDay(date, cal)).toBe(expected);
  });
});
