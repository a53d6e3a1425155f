/**
 * Issue 10, item 12: digits are localised only in numbers and dates — never inside ids, hashes, URLs or codes (the
 * walk saw «b۹۰۰۲۳b۴۰۱» and «…/call/۱۴۰۵-۱۲») — and a year has no thousands separator (it saw «۱٬۳۹۰»).
 */
import { describe, expect, it } from 'vitest';
import { formatNumber, localizeNumbers } from '../../ui/src/i18n/digits.js';
import { show } from '../../ui/src/i18n/locale.js';

describe('which digits are a number’s', () => {
  it.each([
    ['b90023b401', 'b90023b401'],
    ['sha256: 9f86d081884c7d65', 'sha256: 9f86d081884c7d65'],
    ['https://portal.example.ir/call/1405-12', 'https://portal.example.ir/call/1405-12'],
    ['مصوبه (www.example.ir/r/1399-05) را ببینید', 'مصوبه (www.example.ir/r/1399-05) را ببینید'],
    ['نامه به dabir1405@example.ir', 'نامه به dabir1405@example.ir'],
    ['office-ard-1001', 'office-ard-1001'],
    ['پروانهٔ ard-1013', 'پروانهٔ ard-1013'],
  ])('leaves the digits of a code, hash or link alone: %s', (input, out) => expect(localizeNumbers(input, 'fa')).toBe(out));

  it.each([
    ['پرونده 1405-0023', 'پرونده ۱۴۰۵-۰۰۲۳'],
    ['مساحت 70 متر مربع', 'مساحت ۷۰ متر مربع'],
    ['از 1403/05/12 تا 1404/05/12', 'از ۱۴۰۳/۰۵/۱۲ تا ۱۴۰۴/۰۵/۱۲'],
    ['سرشماری 1395 (https://amar.example.ir/1395)', 'سرشماری ۱۳۹۵ (https://amar.example.ir/1395)'],
  ])('shapes numbers and dates for Persian: %s', (input, out) => expect(localizeNumbers(input, 'fa')).toBe(out));

  it('writes Latin digits for English, codes untouched', () => {
    expect(localizeNumbers('۱۴۰۳/۰۵/۱۲ — ard-1013', 'en')).toBe('1403/05/12 — ard-1013');
  });

  it('shows a text value of a record by the same rule', () => {
    expect(show('see https://x.example.ir/a/12 at 10', 'fa')).toBe('see https://x.example.ir/a/12 at ۱۰');
    expect(show({ note: 'b90023b401', n: 12 }, 'fa')).toBe('{"note":"b90023b401","n":۱۲}');
  });
});

describe('numbers', () => {
  it('writes a four-digit number (a year) without a thousands separator, larger ones grouped', () => {
    expect(formatNumber(1390, 'fa')).toBe('۱۳۹۰');
    expect(formatNumber(1390, 'en')).toBe('1390');
    expect(formatNumber(20864, 'fa')).toBe('۲۰٬۸۶۴');
    expect(formatNumber(529374, 'en')).toBe('529,374');
    expect(formatNumber(12.5, 'fa')).toBe('۱۲٫۵');
  });
});
