/**
 * Jalali conversion checked day by day against an independent oracle: ICU's Persian calendar through
 * Intl.DateTimeFormat('en-u-ca-persian'). Over 1900-01-01 … 2100-12-31 (Jalali 1278–1479) they agree on every day.
 *
 * Outside that range they need not: jalaali-js follows Borkowski's astronomical algorithm, ICU an arithmetic leap
 * rule. With ICU 78 (Node 20.20) the years where some day differs are, in 1700–2600 Gregorian, Jalali 1078,
 * 1176–1177, 1502–1503 and 1601–1602 (i.e. around 1700, 1797–1798, 2123–2124 and 2222–2223). Neither is
 * authoritative there (the official calendar is fixed year by year by the observatory), so agreement is asserted
 * only on 1900–2100, which covers every date the engine will see.
 */
import { describe, expect, it } from 'vitest';
import { addDays, parseDate } from '../../engine/calendar/index.js';

describe('Jalali conversion vs the ICU Persian calendar', () => {
  it('agrees on every day from 1900-01-01 to 2100-12-31', () => {
    const icu = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });
    const DAY = 86_400_000;
    const start = Date.UTC(1900, 0, 1);
    const end = Date.UTC(2100, 11, 31);
    const disagreements: string[] = [];
    let days = 0;
    let jalali = parseDate('1900-01-01');
    for (let ms = start; ms <= end; ms += DAY, days++) {
      const iso = new Date(ms).toISOString().slice(0, 10);
      // Conversion of each Gregorian day, and the running Jalali day count, must both match ICU.
      const converted = parseDate(iso);
      const m = /^(\d+)\/(\d+)\/(\d+)/.exec(icu.format(ms));
      const expected = m && `${m[3].padStart(4, '0')}-${m[1].padStart(2, '0')}-${m[2].padStart(2, '0')}`;
      if (converted !== expected || jalali !== expected) disagreements.push(`${iso}: ${converted} / ${jalali} vs ICU ${expected}`);
      jalali = addDays(jalali, 1);
      if (disagreements.length > 10) break;
    }
    expect(disagreements).toEqual([]);
    expect(days).toBe(73_414);
  });
});
