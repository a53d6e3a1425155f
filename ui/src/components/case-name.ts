/**
 * How a case is named on screen: by its human number (`1405-0023`, in the language's digits) and its subject's title —
 * never by its internal id. Either may be missing (a server without numbers, a procedure without a subject).
 */
import type { Text } from '../api/client.js';
import { t, tx } from '../i18n/index.js';
import { caseNoText } from './case-number.js';

/** «پروندهٔ ۱۴۰۵-۰۰۲۳ — <subject title>», or as much of it as is known. */
export function caseName(number: string | null | undefined, subjectTitle?: string | Text | null): string {
  const subject = typeof subjectTitle === 'string' ? subjectTitle : tx(subjectTitle ?? undefined);
  // The number is a left-to-right isolate: after Persian letters its parts would otherwise read backwards.
  const no = number ? t('caseNo', { no: caseNoText(number) }) : '';
  return [no, subject].filter(Boolean).join(' — ') || t('case');
}
