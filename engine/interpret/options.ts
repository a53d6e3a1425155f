/**
 * Options taken from a table parameter (`options_from` on an enum field): on a date, the table in force gives one
 * option per distinct value of its value column, labelled by its label column (a text or a string) or, without one,
 * by the value column's own `x-options`. A compiled form schema carries `x-options-from`; `resolveOptions` fills its
 * `enum` and `x-options` for a date, so a form is shown and checked with the options of that day.
 */
import type { Bundle, Option, OptionsFrom, Text } from '../model.js';
import { evaluate, paramAt, truthy, type EvalEnv } from '../rules/index.js';

type Obj = Record<string, unknown>;
const isText = (v: unknown): v is Text => typeof v === 'object' && v !== null && typeof (v as Text).fa === 'string';

/** The options of `from` on the env's judging date, in table order, each value once; [] when no table is in force. */
export function tableOptions(bundle: Bundle, from: OptionsFrom, env: EvalEnv): Option[] {
  const param = bundle.parameters.get(from.param);
  const rows = param ? paramAt(param, env.asOf)?.value : undefined;
  if (!Array.isArray(rows)) return [];
  const columns = ((param?.columns as Obj | undefined)?.properties ?? {}) as Record<string, Obj>;
  const coded = (columns[from.value]?.['x-options'] ?? []) as Option[];
  const out: Option[] = [];
  const seen = new Set<unknown>();
  for (const row of rows as Obj[]) {
    const value = row?.[from.value];
    if (value === undefined || value === null || seen.has(value)) continue;
    if (from.where !== undefined && !truthy(evaluate(from.where, row, env))) continue;
    seen.add(value);
    const raw = from.label !== undefined ? row[from.label] : undefined;
    const label = isText(raw) ? raw : typeof raw === 'string' ? { fa: raw, en: raw } : coded.find((o) => o.value === value)?.label ?? { fa: String(value), en: String(value) };
    out.push({ value: value as Option['value'], label });
  }
  return out;
}

/** A copy of a compiled form (or checklist) schema whose `x-options-from` fields carry the options in force on the env's date. */
export function resolveOptions<S extends Obj>(bundle: Bundle, schema: S, env: EvalEnv): S {
  const walk = (s: unknown): unknown => {
    if (!s || typeof s !== 'object' || Array.isArray(s)) return s;
    const o = s as Obj;
    const out: Obj = { ...o };
    if (o['x-options-from']) {
      const options = tableOptions(bundle, o['x-options-from'] as OptionsFrom, env);
      out.enum = options.map((x) => x.value);
      out['x-options'] = options;
    }
    if (o.properties) out.properties = Object.fromEntries(Object.entries(o.properties as Obj).map(([k, v]) => [k, walk(v)]));
    if (o.items) out.items = walk(o.items);
    return out;
  };
  return walk(schema) as S;
}
