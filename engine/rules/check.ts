/**
 * Checking rules and explaining failures: a failure carries the rule's message filled in both languages, the
 * values behind it, and the resolution in force (as of the judging date) of every parameter the rule reads.
 */
import type { Rule } from '../model.js';
import type { RuleFailure } from '../interpret/types.js';
import type { EvalEnv } from './context.js';
import { LogicError } from './errors.js';
import { evaluate } from './evaluate.js';
import { truthy } from './builtins.js';
import { paramAt } from './params.js';
import { formatFa } from '../calendar/index.js';
import { fillTemplate } from './template.js';
import { shownValues } from './shown.js';

/** The result of checking one rule. `applicable` is false when its `when` is falsy (it then passes). */
export interface RuleCheck {
  passed: boolean;
  applicable: boolean;
  failure?: RuleFailure;
}

/** The resolutions in force on `env.asOf` behind every parameter `rule` reads (parameters with none are left out). */
export function resolutionsOf(rule: Rule, env: EvalEnv): RuleFailure['resolutions'] {
  const out: RuleFailure['resolutions'] = [];
  for (const id of rule.params) {
    const p = env.bundle.parameters.get(id);
    const v = p && paramAt(p, env.asOf);
    if (!v) continue;
    const r = v.resolution;
    out.push({ id: r.id, title: r.title, date: r.date, ...(r.reference ? { reference: r.reference } : {}), parameter: id, value: v.value });
  }
  return out;
}

/** Explains a failed rule: its values evaluated, its message filled, its resolutions. Throws LogicError. */
export function explainFailure(rule: Rule, data: unknown, env: EvalEnv): RuleFailure {
  const values: Record<string, unknown> = {};
  for (const [name, logic] of Object.entries(rule.values)) values[name] = evaluate(logic, data, env);
  const resolutions = resolutionsOf(rule, env);
  const cite = citation(resolutions);
  const message = {
    fa: fillTemplate(rule.message.fa, values, data, 'fa') + cite.fa,
    ...(rule.message.en !== undefined ? { en: fillTemplate(rule.message.en, values, data, 'en') + cite.en } : {}),
  };
  return { rule: rule.id, label: rule.label, message, values, shown: shownValues(rule, values, env), resolutions };
}

/** A title's head: the part before its first «:» (titles often go on to quote the whole decision). */
function head(t: string): string {
  const i = t.search(/[:：]/);
  return (i > 0 ? t.slice(0, i) : t).trim();
}

/**
 * The resolutions behind a failure, named in its text so a refusal read alone (a printed letter, a notification)
 * still says whose rule it applies: ` — مصوبهٔ «…» (۱۳۹۹/۰۵/۱۲)`, several joined by «؛». Empty when none.
 */
export function citation(resolutions: RuleFailure['resolutions']): { fa: string; en: string } {
  const seen = new Map<string, RuleFailure['resolutions'][number]>();
  for (const r of resolutions) if (!seen.has(r.id)) seen.set(r.id, r);
  if (!seen.size) return { fa: '', en: '' };
  const list = [...seen.values()];
  // A title that already says «مصوبه» / "resolution" is not prefixed again.
  const fa = list.map((r) => {
    const t = head(r.title.fa);
    return `${/^مصوب/.test(t) ? '' : 'مصوبهٔ '}«${t}» (${formatFa(r.date)})`;
  }).join('؛ ');
  const en = list.map((r) => {
    const t = head(r.title.en ?? r.title.fa);
    return `${/resolution/i.test(t) ? '' : 'resolution '}"${t}" (${r.date})`;
  }).join('; ');
  return { fa: ` — ${fa}`, en: ` — ${en}` };
}

/** Checks one rule over data: it passes when `when` is falsy or `check` is truthy. Throws LogicError. */
export function checkRule(rule: Rule, data: unknown, env: EvalEnv): RuleCheck {
  const applicable = rule.when === undefined || truthy(evaluate(rule.when, data, env));
  if (!applicable) return { passed: true, applicable };
  if (truthy(evaluate(rule.check, data, env))) return { passed: true, applicable };
  return { passed: false, applicable, failure: explainFailure(rule, data, env) };
}

/** Checks rules by id and returns every failure (not only the first), in the given order. Throws LogicError. */
export function checkRules(ruleIds: string[], data: unknown, env: EvalEnv): RuleFailure[] {
  const failures: RuleFailure[] = [];
  for (const id of ruleIds) {
    const rule = env.bundle.rules.get(id);
    if (!rule) throw new LogicError('unknown-rule', { fa: `قاعدهٔ ناشناخته: ${id}`, en: `Unknown rule: ${id}` }, { rule: id });
    const r = checkRule(rule, data, env);
    if (r.failure) failures.push(r.failure);
  }
  return failures;
}
