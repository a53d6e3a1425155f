// Throwaway helper: lists Iran's official holidays for the given Jalali years (default 1405 1406).
// Solar holidays are fixed Jalali dates; lunar ones are computed from the Umm al-Qura calendar (ICU,
// Intl 'islamic-umalqura') and converted to Jalali with jalaali-js. Iran's official lunar dates follow
// the moon sighting of the Geophysics Institute and may differ by a day: check against the official calendar.
// Usage: node scripts/holidays.mjs [1405 1406]   → YAML lines for definitions/national/calendar.yaml
import * as jalaali from 'jalaali-js';

const years = process.argv.slice(2).map(Number);
if (!years.length) years.push(1405, 1406);

const solar = [
  [1, 1, 'عید نوروز', 'Nowruz'], [1, 2, 'عید نوروز', 'Nowruz'], [1, 3, 'عید نوروز', 'Nowruz'], [1, 4, 'عید نوروز', 'Nowruz'],
  [1, 12, 'روز جمهوری اسلامی', 'Islamic Republic Day'], [1, 13, 'روز طبیعت', 'Nature Day'],
  [3, 14, 'رحلت امام خمینی', 'Death of Imam Khomeini'], [3, 15, 'قیام ۱۵ خرداد', '15 Khordad uprising'],
  [11, 22, 'پیروزی انقلاب اسلامی', 'Victory of the Islamic Revolution'], [12, 29, 'ملی شدن صنعت نفت', 'Nationalisation of the oil industry'],
];
// [hijri month, day, fa, en]; day 'last' = the last day of the month (Imam Reza: end of Safar).
const lunar = [
  [1, 9, 'تاسوعای حسینی', 'Tasua'], [1, 10, 'عاشورای حسینی', 'Ashura'],
  [2, 20, 'اربعین حسینی', 'Arbaeen'], [2, 28, 'رحلت رسول اکرم و شهادت امام حسن مجتبی (ع)', 'Death of the Prophet and martyrdom of Imam Hasan'],
  [2, 'last', 'شهادت امام رضا (ع)', 'Martyrdom of Imam Reza'],
  [3, 8, 'شهادت امام حسن عسکری (ع)', 'Martyrdom of Imam Hasan Askari'],
  [3, 17, 'میلاد رسول اکرم و امام جعفر صادق (ع)', 'Birthday of the Prophet and Imam Sadeq'],
  [6, 3, 'شهادت حضرت فاطمه زهرا (س)', 'Martyrdom of Fatimah'],
  [7, 13, 'ولادت امام علی (ع)', 'Birthday of Imam Ali'], [7, 27, 'مبعث رسول اکرم (ص)', "Mab'ath"],
  [8, 15, 'ولادت حضرت قائم (عج)', 'Birthday of Imam Mahdi'],
  [9, 21, 'شهادت حضرت علی (ع)', 'Martyrdom of Imam Ali'],
  [10, 1, 'عید سعید فطر', 'Eid al-Fitr'], [10, 2, 'تعطیل به مناسبت عید سعید فطر', 'Eid al-Fitr (second day)'],
  [10, 25, 'شهادت امام جعفر صادق (ع)', 'Martyrdom of Imam Sadeq'],
  [12, 10, 'عید سعید قربان', 'Eid al-Adha'], [12, 18, 'عید سعید غدیر خم', 'Eid Ghadir'],
];

const fmt = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' });
const hijri = (d) => {
  const p = Object.fromEntries(fmt.formatToParts(d).map((x) => [x.type, x.value]));
  return { y: +p.year, m: +p.month, d: +p.day };
};
const pad = (n) => String(n).padStart(2, '0');
const out = [];
for (const jy of years) {
  for (const [m, d, fa, en] of solar) out.push({ date: `${jy}-${pad(m)}-${pad(d)}`, fa, en });
  const first = jalaali.toGregorian(jy, 1, 1);
  const last = jalaali.toGregorian(jy + 1, 1, 1);
  const start = Date.UTC(first.gy, first.gm - 1, first.gd, 12);
  const end = Date.UTC(last.gy, last.gm - 1, last.gd, 12);
  for (let t = start; t < end; t += 86400000) {
    const h = hijri(new Date(t));
    const next = hijri(new Date(t + 86400000));
    for (const [hm, hd, fa, en] of lunar) {
      const hit = hd === 'last' ? h.m === hm && next.m !== hm : h.m === hm && h.d === hd;
      if (!hit) continue;
      const g = new Date(t);
      const j = jalaali.toJalaali(g.getUTCFullYear(), g.getUTCMonth() + 1, g.getUTCDate());
      out.push({ date: `${j.jy}-${pad(j.jm)}-${pad(j.jd)}`, fa, en, hijri: `${h.y}-${pad(h.m)}-${pad(h.d)}`, greg: g.toISOString().slice(0, 10) });
    }
  }
}
out.sort((a, b) => a.date.localeCompare(b.date));
for (const h of out) {
  const note = h.hijri ? `   # ${h.hijri} AH (Umm al-Qura) = ${h.greg}` : '';
  console.log(`  - { date: ${h.date}, label: { fa: "${h.fa}", en: "${h.en}" } }${note}`);
}
