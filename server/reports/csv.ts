/**
 * The reports as CSV for a spreadsheet: Persian headers, every procedure, step, role and status by its label (from
 * the definitions; statuses are the engine's own), Jalali dates, and a UTF-8 byte order mark so Excel reads Persian.
 */
import { stringify } from 'csv-stringify/sync';
import type { Bundle, Text } from '../../engine/index.js';
import { toJalaliDate } from '../engine.js';
import type { TaskRow } from '../store/types.js';

/** The engine's case statuses in words. */
export const STATUS_LABELS: Record<string, Text> = {
  active: { fa: 'در جریان', en: 'In progress' },
  ended: { fa: 'پایان‌یافته', en: 'Ended' },
  cancelled: { fa: 'ابطال‌شده', en: 'Cancelled' },
  failed: { fa: 'دچار خطا', en: 'Failed' },
};

const csv = (rows: unknown[][]): string => stringify(rows, { bom: true, record_delimiter: 'windows' });
const procedureTitle = (b: Bundle, id: string): string => b.procedures.get(id)?.title.fa ?? id;
const round = (n: number): string => (Math.round(n * 10) / 10).toString();

/** Cases by procedure and status. */
export function casesCsv(b: Bundle, rows: { procedure: string; status: string; count: number }[]): string {
  return csv([['فرایند', 'وضعیت', 'تعداد'], ...rows.map((r) => [procedureTitle(b, r.procedure), STATUS_LABELS[r.status]?.fa ?? r.status, r.count])]);
}

/** Overdue tasks; `subjectTitle` says how a task's subject reads, `caseNumber` a case's number when it has one. */
export function overdueCsv(b: Bundle, tasks: TaskRow[], now: string, subjectTitle: (t: TaskRow) => string, caseNumber: (t: TaskRow) => string): string {
  const day = 86_400_000;
  return csv([
    ['شمارهٔ پرونده', 'فرایند', 'مرحله', 'نقش', 'موضوع', 'مهلت', 'روز تأخیر'],
    ...tasks.map((t) => {
      const step = b.procedures.get(t.procedure)?.stepIndex.get(t.step);
      return [
        caseNumber(t), procedureTitle(b, t.procedure), step?.label.fa ?? t.step, b.roles.get(t.role)?.label.fa ?? t.role, subjectTitle(t),
        t.due ? toJalaliDate(t.due, b.info.timeZone) : '', t.due ? Math.max(1, Math.floor((Date.parse(now) - Date.parse(t.due)) / day)) : '',
      ];
    }),
  ]);
}

/** Durations of ended cases per procedure, in days. */
export function durationsCsv(b: Bundle, rows: { procedure: string; count: number; meanDays: number; medianDays: number; p90Days: number; maxDays: number }[]): string {
  return csv([
    ['فرایند', 'تعداد', 'میانگین (روز)', 'میانه (روز)', 'صدک ۹۰ (روز)', 'بیشینه (روز)'],
    ...rows.map((r) => [procedureTitle(b, r.procedure), r.count, round(r.meanDays), round(r.medianDays), round(r.p90Days), round(r.maxDays)]),
  ]);
}
