/**
 * Labels that name the parameters in force: `{param:<parameter-id>}` in a step's or an outcome's label reads the
 * parameter's value on a date, so a national label need not hard-code one province's value. Persian text gets Persian
 * digits. Pure: the date comes from the caller (today for a definition's page, the case's judging date for a case).
 */
import { toPersianDigits } from '../calendar/digits.js';
import type { Bundle, ProcedureDef, Text } from '../model.js';
import { inForce } from '../rules/params.js';

/** The `{param:<id>}` placeholder (ids as the language writes them). */
export const PARAM_PLACEHOLDER = /\{param:([a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*)\}/g;

/** The parameter ids a text's placeholders name (for the loader's check). */
export function labelParams(text: string): string[] {
  return [...text.matchAll(PARAM_PLACEHOLDER)].map((m) => m[1]);
}

/** A text with every `{param:id}` replaced by the value in force on `date` (a placeholder without a value stays). */
export function interpolateText(bundle: Bundle, text: Text, date: string): Text {
  if (!text.fa.includes('{param:') && !(text.en ?? '').includes('{param:')) return text;
  const fill = (s: string, fa: boolean) =>
    s.replace(PARAM_PLACEHOLDER, (whole, id: string) => {
      const p = bundle.parameters.get(id);
      const v = p && inForce(p, date)?.value;
      if (v === undefined || v === null || typeof v === 'object') return whole;
      return fa ? toPersianDigits(String(v)) : String(v);
    });
  return { ...text, fa: fill(text.fa, true), ...(text.en !== undefined ? { en: fill(text.en, false) } : {}) };
}

/** A procedure whose step and outcome labels read the parameters in force on `date` (the original when none do). */
export function interpolateProcedure(bundle: Bundle, proc: ProcedureDef, date: string): ProcedureDef {
  let changed = false;
  const fill = <T extends { label?: Text }>(x: T): T => {
    if (!x.label) return x;
    const label = interpolateText(bundle, x.label, date);
    if (label === x.label) return x;
    changed = true;
    return { ...x, label };
  };
  const steps = proc.steps.map((st) => {
    const s1 = fill(st);
    if (!('outcomes' in s1) || !Array.isArray(s1.outcomes)) return s1;
    const outcomes = s1.outcomes.map(fill);
    return outcomes.some((o, i) => o !== (s1.outcomes as unknown[])[i]) ? { ...s1, outcomes } : s1;
  }) as ProcedureDef['steps'];
  if (!changed) return proc;
  const stepIndex = new Map(steps.map((st) => [st.id, st]));
  return { ...proc, steps, stepIndex } as ProcedureDef;
}
