/**
 * An inspection's result, computed from the answers to its checklist items.
 */
import type { ChecklistDef } from '../model.js';
import { evaluate } from '../rules/index.js';
import { validateFields, type FieldError } from './forms.js';
import type { Run } from './run.js';
import { valueProblems } from './submission.js';

export interface ItemResult {
  applicable: boolean;
  passed: boolean;
  value: unknown;
  critical: boolean;
}

export interface ChecklistResult {
  passed: boolean;
  items: Record<string, ItemResult>;
  failed: string[];
}

/**
 * Checks the answers like a form's values — by the checklist's compiled schema (an item is a field: its type, its
 * options, its bounds), its references and table options — and that every applicable item was answered.
 */
export function checkAnswers(list: ChecklistDef, answers: Record<string, unknown>, data: Record<string, unknown>, run: Run): FieldError[] {
  const errors: FieldError[] = [];
  for (const item of list.items) {
    const v = answers[item.id];
    const applies = item.applies_when === undefined || Boolean(evaluate(item.applies_when, { ...data, form: answers }, run.env()));
    if ((v === undefined || v === null || v === '') && applies) {
      errors.push({ path: `/${item.id}`, message: { fa: `به «${item.label.fa}» پاسخ داده نشده است.`, en: `"${item.label.en ?? item.label.fa}" has no answer.` } });
    }
  }
  const def = { schema: list.schema, fields: list.items };
  const present = Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const typed = validateFields(def, present);
  errors.push(...typed);
  errors.push(...valueProblems(run.bundle, list.items, present, run.ctx.facts, run.env(), new Set(typed.map((e) => e.path))));
  return errors;
}

/** Evaluates every item: passes when every applicable critical item passes. */
export function scoreChecklist(list: ChecklistDef, answers: Record<string, unknown>, data: Record<string, unknown>, run: Run): ChecklistResult {
  const items: Record<string, ItemResult> = {};
  const failed: string[] = [];
  for (const item of list.items) {
    const value = answers[item.id];
    const scope = { ...data, form: answers, value };
    const applicable = item.applies_when === undefined || Boolean(evaluate(item.applies_when, scope, run.env()));
    const passed = !applicable || (item.pass !== undefined ? Boolean(evaluate(item.pass, scope, run.env())) : item.type === 'boolean' ? value === true : value !== undefined && value !== null && value !== '');
    items[item.id] = { applicable, passed, value, critical: item.critical };
    if (!passed && item.critical) failed.push(item.id);
  }
  return { passed: failed.length === 0, items, failed };
}
