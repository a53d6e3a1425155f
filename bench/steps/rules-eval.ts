/**
 * rules.eval — evaluations per second of the Ardabil relocation and establishment start guards through Dabir's
 * evaluator (checkRules → compiled JSON-Logic), against json-logic-js 2.0.5 applying the very same rule objects to the
 * very same data.
 *
 * Fairness: the guards use two custom operators, `param` and `fact`. json-logic-js gets them as the simplest
 * equivalent functions (a Map lookup of the value in force; the same fact provider). Dabir's side resolves `param`
 * through the bundle's dated history as it does in production. Facts come from one shared memoising provider over the
 * bundle's registry, so neither side pays for computing a fact (that is the host's job, measured in scale.*).
 * One "evaluation" = checking every guard of one procedure start for one case; the data sets all pass (a refusal
 * adds the explanation — message templates — which json-logic-js has no equivalent for).
 */
import jsonLogic from 'json-logic-js';
import type { RulesLogic } from 'json-logic-js';
import { checkRules, memoryFacts, paramAt, toJalaliDate, type Bundle, type EvalEnv, type FactProvider, type Rule } from '../../engine/index.js';
import { loadServed } from '../lib/defs.js';
import { interleaved, prng } from '../lib/measure.js';
import { result, type Goal } from '../lib/result.js';
import { progress, report, runStep } from '../lib/step.js';

/** 1405-02-20 08:00 Tehran: every Ardabil resolution is in force. */
const NOW = '2026-05-10T04:30:00.000Z';
const GOAL: Goal = { on: 'ratio', op: '>=', bound: 1, text: '(stretch 5)' };
const BASELINE = 'json-logic-js 2.0.5, same rules and data';

interface GuardCase {
  procedure: string;
  guards: string[];
  data: Record<string, unknown>;
}

/**
 * One provider for both evaluators: computes a fact once over the registry, then answers from nested Maps keyed by
 * the arguments themselves (objects by identity: the data sets are built once), so a lookup costs a few Map reads.
 */
function sharedFacts(bundle: Bundle, registry: Record<string, Record<string, unknown>[]>, asOf: string): FactProvider {
  const real = memoryFacts(bundle, registry, { asOf, now: NOW });
  type Node = { value?: unknown; has?: boolean; next: Map<unknown, Node> };
  const root: Node = { next: new Map() };
  const records = new Map<string, Record<string, unknown> | undefined>();
  return {
    get(id, args) {
      let node = root.next.get(id);
      if (!node) root.next.set(id, (node = { next: new Map() }));
      for (let i = 0; i < args.length; i++) {
        let child = node.next.get(args[i]);
        if (!child) node.next.set(args[i], (child = { next: new Map() }));
        node = child;
      }
      if (!node.has) (node.value = real.get(id, args), node.has = true);
      return node.value;
    },
    record(entity, id) {
      const key = `${entity}|${id}`;
      if (!records.has(key)) records.set(key, real.record(entity, id));
      return records.get(key);
    },
  };
}

function guardCases(bundle: Bundle, registry: Record<string, Record<string, unknown>[]>, facts: FactProvider, today: string): GuardCase[] {
  const caseInfo = (procedure: string) => ({ id: 'bench-case', procedure, started_at: NOW, started_on: today, judged_on: today });
  const base = (procedure: string) => ({ steps: {}, case: caseInfo(procedure), now: NOW, today });
  const out: GuardCase[] = [];
  const relocation = bundle.procedures.get('relocation');
  const establishment = bundle.procedures.get('establishment');
  if (!relocation || !establishment) throw new Error('the bundle has no relocation or establishment procedure');
  const rnd = prng(7);
  // Relocation: active offices moving 3–10 km away from their city centre (beyond every other office), large enough.
  const offices = (registry.office ?? []).filter((o) => o.status === 'active');
  for (const o of offices.slice(0, 24)) {
    const subject = facts.record('office', String(o.id))!;
    const loc = o.location as { lat: number; lon: number };
    const input = {
      place: o.place, kind: o.kind, area: 60 + Math.round(rnd() * 40),
      location: { lat: loc.lat + 0.03 + rnd() * 0.06, lon: loc.lon - 0.03 - rnd() * 0.06 },
      address: 'نشانی نمونه',
    };
    out.push({ procedure: 'relocation', guards: relocation.start.guards, data: { ...base('relocation'), subject, input } });
  }
  // Establishment: the bench's own villages that warrant an office (the sample registry has none left).
  for (const p of (registry.place ?? []).filter((p) => String(p.id).startsWith('bench-village-'))) {
    out.push({ procedure: 'establishment', guards: establishment.start.guards, data: { ...base('establishment'), subject: null, input: { place: p.id } } });
  }
  return out;
}

runStep(async ({ bundleDir, quick }) => {
  const { bundle } = loadServed(bundleDir);
  const today = toJalaliDate(NOW, bundle.info.timeZone);
  // The sample registry has every place at capacity, so establishment would always be refused: add villages that
  // warrant an office (population above the village threshold, no office yet).
  const registry = structuredClone(bundle.registry);
  registry.place = [...(registry.place ?? [])];
  for (let i = 0; i < 8; i++) {
    registry.place.push({ id: `bench-village-${i}`, name: { fa: `روستای آزمون ${i}` }, kind: 'village', county: 'county-ardabil', population: 4000 + i * 100, location: { lat: 38.1 + i * 0.05, lon: 48.0 } });
  }
  const facts = sharedFacts(bundle, registry, today);
  const env: EvalEnv = { bundle, asOf: today, now: NOW, facts };
  const cases = guardCases(bundle, registry, facts, today);

  // json-logic-js with the simplest equivalent custom operators.
  const inForce = new Map<string, unknown>();
  for (const [id, p] of bundle.parameters) {
    const v = paramAt(p, today);
    if (v) inForce.set(id, v.value);
  }
  jsonLogic.add_operation('param', (id: string) => inForce.get(id));
  jsonLogic.add_operation('fact', (id: string, ...args: unknown[]) => facts.get(id, args) ?? null);
  const rulesOf = (ids: string[]): Rule[] => ids.map((id) => bundle.rules.get(id)!);
  const jlFailures = (rules: Rule[], data: unknown): number => {
    let failed = 0;
    for (const r of rules) {
      if (r.when !== undefined && !jsonLogic.truthy(jsonLogic.apply(r.when as RulesLogic, data))) continue;
      if (jsonLogic.truthy(jsonLogic.apply(r.check as RulesLogic, data))) continue;
      failed++;
      for (const v of Object.values(r.values)) jsonLogic.apply(v as RulesLogic, data);
    }
    return failed;
  };

  // Both evaluators must agree (and every data set must pass) before anything is timed.
  for (const c of cases) {
    const dabir = checkRules(c.guards, c.data, env);
    const jl = jlFailures(rulesOf(c.guards), c.data);
    if (dabir.length !== 0 || jl !== 0) {
      throw new Error(`${c.procedure}: the bench data must pass every guard (Dabir: ${dabir.map((f) => `${f.rule}: ${f.message.en}`).join('; ') || 'pass'}; json-logic-js: ${jl} failed)`);
    }
  }
  progress(`${cases.length} guard sets (${cases.filter((c) => c.procedure === 'relocation').length} relocation, ${cases.filter((c) => c.procedure === 'establishment').length} establishment); both evaluators agree`);

  const rounds = quick ? 3 : 7;
  const roundMs = quick ? 100 : 300;
  const measure = (subset: GuardCase[]) => {
    const prepared = subset.map((c) => ({ guards: c.guards, rules: rulesOf(c.guards), data: c.data }));
    const dabir = () => {
      for (const c of prepared) checkRules(c.guards, c.data, env);
      return prepared.length;
    };
    const jl = () => {
      for (const c of prepared) jlFailures(c.rules, c.data);
      return prepared.length;
    };
    // Warm both up before timing.
    for (let i = 0; i < 200; i++) (dabir(), jl());
    return interleaved(dabir, jl, rounds, roundMs);
  };

  for (const proc of ['relocation', 'establishment']) {
    const m = measure(cases.filter((c) => c.procedure === proc));
    progress(`${proc}: Dabir ${Math.round(m.a).toLocaleString('en')} /s, json-logic-js ${Math.round(m.b).toLocaleString('en')} /s`);
    report(result(`rules.eval.${proc}`, m.a, 'evals/s', GOAL, { name: BASELINE, value: m.b }));
  }
  const all = measure(cases);
  report(result('rules.eval', all.a, 'evals/s', GOAL, { name: BASELINE, value: all.b }));
});
