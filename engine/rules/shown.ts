/**
 * The values of a failed rule a person is shown: those its `show:` labels, each with its words — an option's label,
 * a record's title (through the host's facts), a Jalali date, a number in the language's digits — and its unit's
 * label. Values the rule does not label (helpers that only fill its message) are never shown.
 */
import type { Bundle, Rule, ShowSpec, Text } from '../model.js';
import type { ShownValue } from '../interpret/types.js';
import { recordTitle } from '../records/display.js';
import type { EvalEnv } from './context.js';
import { formatValue } from './template.js';

const isText = (v: unknown): v is Text => typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as Text).fa === 'string';

function words(spec: ShowSpec, v: unknown, env: EvalEnv): Text {
  if (Array.isArray(v)) {
    const parts = v.map((x) => words(spec, x, env));
    return { fa: parts.map((p) => p.fa).join('، '), en: parts.map((p) => p.en ?? p.fa).join(', ') };
  }
  if (isText(v)) return v;
  const option = spec.options?.find((o) => o.value === v);
  if (option) return option.label;
  if (spec.entity && (typeof v === 'string' || typeof v === 'number')) {
    const bundle = env.bundle as Bundle;
    const rec = env.facts?.record(spec.entity, String(v));
    // Without the registry (or the entities) the key is all there is to say.
    if (rec && bundle.entities) return recordTitle(bundle, spec.entity, rec, (e, id) => env.facts?.record(e, id));
  }
  return { fa: formatValue(v, 'fa'), en: formatValue(v, 'en') };
}

/** The shown values of a failure, in `show:` order; values that are null or missing are left out. */
export function shownValues(rule: Rule, values: Record<string, unknown>, env: EvalEnv): ShownValue[] {
  const out: ShownValue[] = [];
  for (const spec of rule.show ?? []) {
    const value = values[spec.key];
    if (value === undefined || value === null || value === '') continue;
    const shown: ShownValue = { key: spec.key, label: spec.label, value, display: words(spec, value, env) };
    if (spec.unitLabel) shown.unit = spec.unitLabel;
    out.push(shown);
  }
  return out;
}
