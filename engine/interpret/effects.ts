/**
 * Effects on completion: evaluated here into data, carried out by the host (registry updates, notifications).
 */
import type { Effect, Text } from '../model.js';
import { evaluate, fillTemplate } from '../rules/index.js';
import { describer } from './describe.js';
import type { Run } from './run.js';

function evalMap(run: Run, map: Record<string, unknown>, data: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, logic] of Object.entries(map)) out[k] = evaluate(logic, data, run.env());
  return out;
}

/** Emits the events for a list of effects, evaluated against `data`. */
export function runEffects(run: Run, effects: readonly Effect[], data: Record<string, unknown>, step?: string): void {
  for (const effect of effects) {
    if ('update' in effect) {
      // `id` may give one key or a list of keys: the same fields are set on each record.
      const ids = evaluate(effect.update.id, data, run.env());
      const set = evalMap(run, effect.update.set, data);
      for (const id of Array.isArray(ids) ? ids : [ids]) {
        if (id === null || id === undefined || id === '') continue;
        run.emit({ type: 'entity.updated', entity: effect.update.entity, id: String(id), set });
      }
    } else if ('create' in effect) {
      const values = evalMap(run, effect.create.values, data);
      const entity = run.bundle.entities.get(effect.create.entity);
      const key = entity?.key ?? 'id';
      const id = values[key] != null && values[key] !== '' ? String(values[key]) : run.ctx.newId();
      values[key] = id;
      run.emit({ type: 'entity.created', entity: effect.create.entity, id, values });
    } else {
      run.emit({ type: 'notification.requested', to: effect.notify.to, message: fillText(run, effect.notify.message, data), step });
    }
  }
}

/** A message template filled from case data in both languages; options by their labels, references by their titles. */
export function fillText(run: Run, text: Text, data: Record<string, unknown>): Text {
  const describe = describer(run);
  const out: Text = { fa: fillTemplate(text.fa, {}, data, 'fa', describe) };
  if (text.en !== undefined) out.en = fillTemplate(text.en, {}, data, 'en', describe);
  return out;
}
