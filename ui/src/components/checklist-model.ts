/**
 * The pure part of dabir-checklist: which items apply to this visit and which still need an answer. `applies_when`
 * is JSON-Logic over the case's data with the answers as `form` — the server's scope. It may use the engine's own
 * operators (rules, parameters, facts) that only the server can evaluate: such an item is shown and may be answered,
 * but is not required here; the server judges it.
 */
import type { ChecklistDef } from '../api/client.js';
import { holds } from '../logic.js';

/** Whether each item applies: true, false, or undefined when only the server can tell. */
export function applicableItems(list: ChecklistDef, answers: Record<string, unknown>, context: Record<string, unknown> = {}): Map<string, boolean | undefined> {
  const m = new Map<string, boolean | undefined>();
  for (const item of list.items) {
    if (item.applies_when === undefined) {
      m.set(item.id, true);
      continue;
    }
    m.set(item.id, holds(item.applies_when, { ...context, form: answers }));
  }
  return m;
}

const blank = (v: unknown) => v === undefined || v === null || v === '';

/** The items that surely apply and have no answer yet. */
export function unanswered(list: ChecklistDef, answers: Record<string, unknown>, context: Record<string, unknown> = {}): string[] {
  const applies = applicableItems(list, answers, context);
  return list.items.filter((i) => applies.get(i.id) === true && blank(answers[i.id])).map((i) => i.id);
}
