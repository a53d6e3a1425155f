/** Persian (Extended Arabic-Indic) digits: display in `fa`, and tolerant reading of dates typed with them. */

const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';

/** Replaces ASCII digits with Persian digits; leaves everything else as is. */
export function toPersianDigits(s: string): string {
  return s.replace(/[0-9]/g, (d) => PERSIAN[d.charCodeAt(0) - 48]);
}

/** Replaces Persian and Arabic-Indic digits with ASCII digits. */
export function toAsciiDigits(s: string): string {
  return s.replace(/[۰-۹٠-٩]/g, (d) => {
    const i = PERSIAN.indexOf(d);
    return String(i >= 0 ? i : ARABIC_INDIC.indexOf(d));
  });
}
