/**
 * Issue 12: an impossible Jalali date is refused wherever a date is written (resolutions' `date`, scenarios' `now`,
 * holidays, date parameters' values, registry records' date fields, scenario inputs), at its line and column, by the
 * engine's calendar — not a pattern that lets `1405-13-40` through.
 */
import { describe, expect, it } from 'vitest';
import { formatError } from '../../engine/load/index.js';
import { jalaliDateProblem } from '../../engine/load/dates.js';
import { expectPersianBeside, header, loadWith, minimalFiles } from './helpers.js';

const base = minimalFiles();
const entities = `${header('entities')}kind: entities
entities:
  - id: unit
    label: { fa: واحد, en: Unit }
    schema:
      type: object
      required: [id]
      properties:
        id: { type: string }
        place: { type: string }
        issued_on: { type: string, pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }
        history:
          type: array
          items: { type: object, properties: { on: { type: string, pattern: "^\\\\d{4}-\\\\d{2}-\\\\d{2}$" } } }
`;
const form = `${header('forms')}kind: forms
forms:
  - id: request
    title: { fa: درخواست, en: Request }
    fields:
      - { id: area, type: number, label: { fa: مساحت, en: Area }, required: true }
      - { id: asked_on, type: date, label: { fa: تاریخ, en: Date } }
`;

interface Case { name: string; changes: Record<string, string>; file: string; line: number; col: number; message: RegExp }
const cases: Case[] = [
  {
    name: 'a resolution dated in month 13',
    changes: { 'resolutions.yaml': base['resolutions.yaml'].replace('date: 1399-05-12', 'date: 1405-13-40') },
    file: 'resolutions.yaml', line: 6, col: 11, message: /"1405-13-40" is not a date: a Jalali year has months 01 to 12, not 13/,
  },
  {
    name: 'a resolution dated Mehr 31',
    changes: { 'resolutions.yaml': base['resolutions.yaml'].replace('date: 1399-05-12', 'date: 1404-07-31') },
    file: 'resolutions.yaml', line: 6, col: 11, message: /Mehr \(month 7\) of 1404 has 30 days/,
  },
  {
    name: 'a Gregorian resolution date',
    changes: { 'resolutions.yaml': base['resolutions.yaml'].replace('date: 1399-05-12', 'date: 2021-05-03') },
    file: 'resolutions.yaml', line: 6, col: 11, message: /not a Jalali date: write dates in the Jalali calendar \(as a Gregorian date it is 1400-02-13\)/,
  },
  {
    name: "a scenario's now on Shahrivar 32",
    changes: { 'scenarios.yaml': `${header('scenarios')}kind: scenarios\nscenarios:\n  - id: s\n    procedure: p\n    now: 1405-06-32\n    input: { area: 40 }\n    expect: { active: [review] }\n` },
    file: 'scenarios.yaml', line: 6, col: 10, message: /Shahrivar \(month 6\) of 1405 has 31 days/,
  },
  {
    name: 'a holiday on Esfand 30 of a common year',
    changes: { 'calendar.yaml': `${header('calendar')}kind: calendar\nweekend: [friday]\nholidays:\n  - { date: 1404-12-30, label: { fa: تعطیل, en: Holiday } }\n` },
    file: 'calendar.yaml', line: 5, col: 13, message: /Esfand \(month 12\) of 1404 has 29 days \(1404 is not a leap year\)/,
  },
  {
    name: 'a date parameter set to a day that does not exist',
    changes: { 'resolutions.yaml': base['resolutions.yaml'].replace('start.date: 1390-01-01', 'start.date: 1390-08-31') },
    file: 'resolutions.yaml', line: 9, col: 19, message: /"start.date" must be a real Jalali date: "1390-08-31" is not a date: Aban/,
  },
  {
    name: "a registry record's date field",
    changes: { 'entities.yaml': entities, 'registry.yaml': `${header('registry')}kind: registry\nrecords:\n  unit:\n    - { id: u-1, issued_on: 1404-07-31 }\n` },
    file: 'registry.yaml', line: 5, col: 29, message: /"1404-07-31" is not a date: Mehr/,
  },
  {
    name: "a date nested in a list of a registry record",
    changes: { 'entities.yaml': entities, 'registry.yaml': `${header('registry')}kind: registry\nrecords:\n  unit:\n    - id: u-1\n      history:\n        - { on: 1400-01-01 }\n        - { on: 1400-00-10 }\n` },
    file: 'registry.yaml', line: 8, col: 17, message: /months 01 to 12, not 00/,
  },
  {
    name: "a date field of a scenario's start input",
    changes: { 'forms.yaml': form, 'scenarios.yaml': `${header('scenarios')}kind: scenarios\nscenarios:\n  - id: s\n    procedure: p\n    input: { area: 40, asked_on: 1405-02-32 }\n    expect: { active: [review] }\n` },
    file: 'scenarios.yaml', line: 6, col: 34, message: /Ordibehesht \(month 2\) of 1405 has 31 days/,
  },
  {
    name: "a date field of a scenario's own registry record",
    changes: { 'entities.yaml': entities, 'scenarios.yaml': `${header('scenarios')}kind: scenarios\nscenarios:\n  - id: s\n    procedure: p\n    input: { area: 40 }\n    registry:\n      unit:\n        - { id: u-9, issued_on: 1403-12-31 }\n    expect: { active: [review] }\n` },
    file: 'scenarios.yaml', line: 9, col: 33, message: /Esfand \(month 12\) of 1403 has 30 days/,
  },
];

describe('impossible Jalali dates', () => {
  it.each(cases)('refuses $name at its line and column', (c) => {
    const r = loadWith(c.changes);
    const hit = r.errors.find((e) => e.file === `defs/b/${c.file}` && c.message.test(e.message));
    expect(hit, `errors were:\n${r.errors.map(formatError).join('\n')}`).toBeDefined();
    expect({ line: hit?.line, col: hit?.col }).toEqual({ line: c.line, col: c.col });
    expect(r.bundle).toBeUndefined();
    expectPersianBeside(hit!);
  });

  it('accepts real dates at the edges of months (Esfand 30 of a leap year, Shahrivar 31, Mehr 30)', () => {
    for (const d of ['1403-12-30', '1405-06-31', '1404-07-30']) expect(jalaliDateProblem(d), d).toBeUndefined();
    const r = loadWith({ 'resolutions.yaml': base['resolutions.yaml'].replace('date: 1399-05-12', 'date: 1403-12-30') });
    expect(r.errors.map(formatError)).toEqual([]);
  });

  it('says in Persian what the month allows', () => {
    expect(jalaliDateProblem('1404-07-31')?.fa).toBe('«1404-07-31» تاریخ نیست: مهر (ماه ۷) سال ۱۴۰۴ ۳۰ روز دارد — روزی از ۰۱ تا ۳۰ بنویسید');
  });
});
