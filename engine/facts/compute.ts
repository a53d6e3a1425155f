/**
 * Computed fields of registry records: derived by JSON-Logic from the record, parameters and facts.
 */
import type { Bundle } from '../model.js';
import { evaluate, type EvalEnv } from '../rules/index.js';

/** The record with its entity's computed fields added (in declaration order; later fields see earlier ones). */
export function computeRecord(bundle: Bundle, entityId: string, record: Record<string, unknown>, env: EvalEnv): Record<string, unknown> {
  const entity = bundle.entities.get(entityId);
  if (!entity || Object.keys(entity.computed).length === 0) return record;
  const out: Record<string, unknown> = { ...record };
  for (const [field, logic] of Object.entries(entity.computed)) out[field] = evaluate(logic, out, env);
  return out;
}
