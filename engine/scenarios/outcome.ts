/**
 * What happened when a scenario ran, as data (`Outcome`), and how it reads to an administrator: what the scenario
 * expects, what happened (in the present, or in the past when comparing with an earlier run) and why — with the
 * labels of steps, ends and rules, never their ids, in Persian and English.
 */
import { formatValue } from '../rules/template.js';
import type { Bundle, Scenario, Text } from '../model.js';
import type { Refusal } from '../interpret/types.js';

/** Both languages of a sentence (the engine always writes both). */
export interface Words {
  fa: string;
  en: string;
}

/** One rule that refused, as the refusal explained it. */
export interface FailureBrief {
  rule: string;
  label: Text;
  /** The rule's message with its values filled in. */
  message: Text;
}

/** What a scenario's run came to. */
export type Outcome =
  | { kind: 'refused'; code: string; message: Text; failures: FailureBrief[] }
  | { kind: 'step-refused'; step: string; code: string; message: Text; failures: FailureBrief[] }
  | { kind: 'ended'; result: string; step: string; path: string[] }
  | { kind: 'open'; active: string[]; path: string[] }
  | { kind: 'fires'; on: string | null }
  | { kind: 'error'; message: Text };

/** A refusal as an outcome's failures. */
export function briefs(r: Refusal): FailureBrief[] {
  return r.failures.map((f) => ({ rule: f.rule, label: f.label, message: f.message }));
}

const en = (t: Text | undefined, fallback: string): string => t?.en ?? t?.fa ?? fallback;
const fa = (t: Text | undefined, fallback: string): string => t?.fa ?? fallback;

/** The label of a step of a procedure (or of a sub-procedure it starts), or the id when it has none. */
export function stepLabel(bundle: Bundle, procedure: string, step: string): Words {
  const own = bundle.procedures.get(procedure)?.stepIndex.get(step);
  const s = own ?? [...bundle.procedures.values()].map((p) => p.stepIndex.get(step)).find(Boolean);
  return { fa: fa(s?.label, step), en: en(s?.label, step) };
}

/** The label of a rule, or its id. */
export function ruleLabel(bundle: Bundle, rule: string): Words {
  const r = bundle.rules.get(rule);
  return { fa: fa(r?.label, rule), en: en(r?.label, rule) };
}

/** The label of the end step that gives `result` (the first one), or the result id. */
function resultLabel(bundle: Bundle, procedure: string, result: string, step?: string): Words {
  const p = bundle.procedures.get(procedure);
  const end = (step ? p?.stepIndex.get(step) : undefined) ?? p?.steps.find((s) => s.kind === 'end' && 'result' in s && s.result === result);
  return { fa: fa(end?.label, result), en: en(end?.label, result) };
}

const quoteFa = (list: string[]): string => list.map((x) => `«${x}»`).join('، ');
const quoteEn = (list: string[]): string => list.map((x) => `"${x}"`).join(', ');
const dateFa = (d: string): string => formatValue(d, 'fa');

/** Why an outcome is what it is: each refusing rule by its label with its message (empty when none refused). */
export function reasonWords(o: Outcome): Words {
  if (o.kind !== 'refused' && o.kind !== 'step-refused') return o.kind === 'error' ? { fa: fa(o.message, ''), en: en(o.message, '') } : { fa: '', en: '' };
  if (!o.failures.length) return { fa: fa(o.message, o.code), en: en(o.message, o.code) };
  return {
    fa: o.failures.map((f) => `قاعدهٔ «${fa(f.label, f.rule)}» — ${fa(f.message, '')}`).join('؛ '),
    en: o.failures.map((f) => `rule "${en(f.label, f.rule)}" — ${en(f.message, '')}`).join('; '),
  };
}

/** What happened, as a clause: "the start is refused" — or, with `past`, "the start was refused". */
export function outcomeWords(bundle: Bundle, sc: Pick<Scenario, 'procedure'>, o: Outcome, past = false): Words {
  switch (o.kind) {
    case 'refused':
      return past ? { fa: 'شروع پرونده رد می‌شد', en: 'the start was refused' } : { fa: 'شروع پرونده رد می‌شود', en: 'the start is refused' };
    case 'step-refused': {
      const s = stepLabel(bundle, sc.procedure, o.step);
      return past
        ? { fa: `در مرحلهٔ «${s.fa}» رد می‌شد`, en: `it was refused at the step "${s.en}"` }
        : { fa: `در مرحلهٔ «${s.fa}» رد می‌شود`, en: `it is refused at the step "${s.en}"` };
    }
    case 'ended': {
      const r = resultLabel(bundle, sc.procedure, o.result, o.step);
      return past
        ? { fa: `پرونده با «${r.fa}» پایان می‌یافت`, en: `the case ended with "${r.en}"` }
        : { fa: `پرونده با «${r.fa}» پایان می‌یابد`, en: `the case ends with "${r.en}"` };
    }
    case 'open': {
      const labels = o.active.map((s) => stepLabel(bundle, sc.procedure, s));
      const at = { fa: quoteFa(labels.map((l) => l.fa)), en: quoteEn(labels.map((l) => l.en)) };
      return past
        ? { fa: `پذیرفته می‌شد و در مرحلهٔ ${at.fa} باز می‌ماند`, en: `it was accepted and stayed open at ${at.en}` }
        : { fa: `پذیرفته می‌شود و در مرحلهٔ ${at.fa} باز می‌ماند`, en: `it is accepted and stays open at ${at.en}` };
    }
    case 'fires':
      if (o.on === null) return past ? { fa: 'راه‌انداز اجرا نمی‌شد', en: 'the trigger did not apply' } : { fa: 'راه‌انداز اجرا نمی‌شود', en: 'the trigger does not apply' };
      return past
        ? { fa: `راه‌انداز در ${dateFa(o.on)} اجرا می‌شد`, en: `the trigger fired on ${o.on}` }
        : { fa: `راه‌انداز در ${dateFa(o.on)} اجرا می‌شود`, en: `the trigger fires on ${o.on}` };
    case 'error':
      return past ? { fa: 'با خطا روبه‌رو می‌شد', en: 'it ran into an error' } : { fa: 'با خطا روبه‌رو می‌شود', en: 'it runs into an error' };
  }
}

/** What happened with why, as a sentence: "the start is refused: rule "Minimum area" — …". */
export function happenedWords(bundle: Bundle, sc: Pick<Scenario, 'procedure'>, o: Outcome): Words {
  const what = outcomeWords(bundle, sc, o);
  const why = reasonWords(o);
  return { fa: why.fa ? `${what.fa}: ${why.fa}` : what.fa, en: why.en ? `${what.en}: ${why.en}` : what.en };
}

/** What a scenario expects, in words. */
export function expectWords(bundle: Bundle, sc: Scenario): Words {
  const ex = sc.expect;
  const parts: Words[] = [];
  if (ex.refused) {
    const rules = ex.refused.map((r) => ruleLabel(bundle, r));
    parts.push(rules.length
      ? { fa: `شروع پرونده با قاعدهٔ ${quoteFa(rules.map((r) => r.fa))} رد شود`, en: `the start to be refused by ${quoteEn(rules.map((r) => r.en))}` }
      : { fa: 'شروع پرونده رد شود', en: 'the start to be refused' });
  }
  if (ex.result !== undefined) {
    const r = resultLabel(bundle, sc.procedure, ex.result);
    parts.push({ fa: `پرونده با «${r.fa}» پایان یابد`, en: `the case to end with "${r.en}"` });
  }
  if (ex.active) {
    const labels = ex.active.map((s) => stepLabel(bundle, sc.procedure, s));
    parts.push({ fa: `پرونده در مرحلهٔ ${quoteFa(labels.map((l) => l.fa))} باز بماند`, en: `the case to stay open at ${quoteEn(labels.map((l) => l.en))}` });
  }
  if (ex.path) {
    const labels = ex.path.map((s) => stepLabel(bundle, sc.procedure, s));
    parts.push({ fa: `از مرحله‌های ${labels.map((l) => `«${l.fa}»`).join(' ← ')} بگذرد`, en: `the case to pass ${labels.map((l) => `"${l.en}"`).join(' → ')}` });
  }
  if (ex.registry) parts.push({ fa: 'ثبت‌ها پس از اثرها همان شوند که آمده است', en: 'the records to read as given after the effects' });
  if (ex.fires_on !== undefined) parts.push({ fa: `راه‌انداز در ${dateFa(ex.fires_on)} اجرا شود`, en: `the trigger to fire on ${ex.fires_on}` });
  if (ex.fires === false) parts.push({ fa: 'راه‌انداز اجرا نشود', en: 'the trigger not to apply' });
  if (!parts.length) return { fa: 'انتظاری ندارد', en: 'no expectation' };
  return { fa: parts.map((p) => p.fa).join('، '), en: parts.map((p) => p.en).join(', ') };
}

/** A refusal in words: its rules by label with their messages, and the form's field problems. */
export function refusalText(r: Refusal): Words {
  const why = reasonWords({ kind: 'refused', code: r.code, message: r.message, failures: briefs(r) });
  const fields = r.fieldErrors ?? [];
  return {
    fa: `${why.fa}${fields.length ? ` [${fields.map((f) => `${f.path}: ${f.message.fa}`).join('؛ ')}]` : ''}`,
    en: `${why.en}${fields.length ? ` [${fields.map((f) => `${f.path}: ${f.message.en ?? f.message.fa}`).join('; ')}]` : ''}`,
  };
}

/** Rules by label, both languages. */
export function rulesIn(bundle: Bundle, ids: string[]): Words {
  const labels = ids.map((id) => ruleLabel(bundle, id));
  return { fa: labels.map((l) => `«${l.fa}»`).join('، '), en: labels.map((l) => `"${l.en}"`).join(', ') };
}
