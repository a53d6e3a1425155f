/**
 * Checks every logic expression: known operators, declared parameters of the right type, declared facts with the
 * right number of arguments, existing rules, no `{rule}` cycles. Also computes each rule's parameters, including
 * those read through nested `{rule}` references.
 */
import { KNOWN_OPERATORS, analyze, measureLogic, MAX_LOGIC_DEPTH, MAX_LOGIC_NODES } from '../rules/index.js';
import type { ExpectedType, LogicAnalysis } from '../rules/index.js';
import type { Problems } from './errors.js';
import { at } from './layer.js';
import type { Item } from './layer.js';
import { logicSites } from './logic-sites.js';
import type { Merged } from './overlay.js';
import { pointer } from './pointer.js';
import { didYouMean } from './suggest.js';

/** Which declared parameter types satisfy what an operator expects. */
const SATISFIES: Record<string, ExpectedType[]> = {
  number: ['number'], integer: ['number'], boolean: ['boolean'], string: ['string'], date: ['date', 'string'], table: ['list'],
};

/** True when a parameter of `declared` type may be used where `expected` is wanted. */
export function paramTypeFits(declared: string, expected: ExpectedType): boolean {
  return expected === 'any' || (SATISFIES[declared] ?? []).includes(expected);
}

/** Checks all logic; returns rule id → every parameter it reads (directly or through `{rule}`), sorted. */
export function checkLogic(m: Merged, problems: Problems): Map<string, string[]> {
  const direct = new Map<string, { params: Set<string>; rules: { id: string; ptr: string }[]; item: Item }>();
  for (const r of m.rules.values()) direct.set(r.id, { params: new Set(), rules: [], item: r });

  for (const site of logicSites(m)) {
    const size = measureLogic(site.logic);
    if (!size.ok) {
      problems.error(at(site.item.file, site.ptr, 'logic-too-large', {
        en: `this expression is too large (depth ${size.depth} > ${MAX_LOGIC_DEPTH} or more than ${MAX_LOGIC_NODES} nodes) — split it into rules`,
        fa: `این عبارت بیش از حد بزرگ است (عمق ${size.depth} بیش از ${MAX_LOGIC_DEPTH} یا بیش از ${MAX_LOGIC_NODES} گره) — آن را به چند قاعده بشکنید`,
      }));
      continue;
    }
    const a = analyze(site.logic);
    checkSite(m, site.item, site.ptr, a, problems);
    const owner = m.rules.get(site.item.id) === site.item ? direct.get(site.item.id) : undefined;
    if (owner) {
      a.params.forEach((p) => { owner.params.add(p.id); });
      a.rules.forEach((r) => { owner.rules.push({ id: r.id, ptr: site.ptr + r.pointer }); });
    }
  }
  reportRuleCycles(direct, problems);
  const memo = new Map<string, string[]>();
  const paramsOf = (id: string, visiting: Set<string>): string[] => {
    const hit = memo.get(id);
    if (hit) return hit;
    const node = direct.get(id);
    if (!node || visiting.has(id)) return [];
    visiting.add(id);
    const all = new Set(node.params);
    for (const r of node.rules) paramsOf(r.id, visiting).forEach((p) => { all.add(p); });
    visiting.delete(id);
    const out = [...all].sort();
    memo.set(id, out);
    return out;
  };
  for (const id of direct.keys()) paramsOf(id, new Set());
  return memo;
}

function checkSite(m: Merged, item: Item, base: string, a: LogicAnalysis, problems: Problems): void {
  const file = item.file;
  for (const u of a.unknownOperators) {
    const hint = didYouMean(u.op, KNOWN_OPERATORS);
    problems.error(at(file, pointer(base + u.pointer, u.op), 'unknown-operator', {
      en: `unknown operator "${u.op}"${hint.en || ' — see the operators in docs/language.md'}`,
      fa: `عملگر «${u.op}» شناخته نیست${hint.fa || ' — عملگرها را در docs/language.md ببینید'}`,
    }, true));
  }
  for (const p of a.params) {
    const ptr = pointer(base + p.pointer, 'param');
    const decl = m.parameters.get(p.id);
    if (!decl) {
      const hint = didYouMean(p.id, m.parameters.keys());
      problems.error(at(file, ptr, 'unknown-parameter', {
        en: `unknown parameter "${p.id}"${hint.en || ' — declare it in a parameters file'}`,
        fa: `پارامتر «${p.id}» تعریف نشده است${hint.fa || ' — آن را در فایلی از نوع parameters تعریف کنید'}`,
      }));
    } else if (!paramTypeFits(decl.type, p.expected)) {
      problems.error(at(file, ptr, 'param-type', {
        en: `parameter "${p.id}" is a ${decl.type}, but it is used where a ${p.expected} is needed`,
        fa: `پارامتر «${p.id}» از نوع ${decl.type} است، ولی جایی به کار رفته که ${p.expected} لازم است`,
      }));
    }
  }
  for (const f of a.facts) {
    const ptr = pointer(base + f.pointer, 'fact');
    const decl = m.facts.get(f.id);
    if (!decl) {
      const hint = didYouMean(f.id, m.facts.keys());
      problems.error(at(file, ptr, 'unknown-fact', {
        en: `unknown fact "${f.id}"${hint.en || ' — declare it in a facts file'}`,
        fa: `دادهٔ بیرونی (fact) «${f.id}» تعریف نشده است${hint.fa || ' — آن را در فایلی از نوع facts تعریف کنید'}`,
      }));
      continue;
    }
    const params = (decl.data.params ?? []) as string[];
    if (params.length !== f.argc) {
      problems.error(at(file, ptr, 'fact-arity', {
        en: `fact "${f.id}" takes ${params.length} argument${params.length === 1 ? '' : 's'}${params.length ? ` (${params.join(', ')})` : ''}, but ${f.argc} ${f.argc === 1 ? 'is' : 'are'} given`,
        fa: `دادهٔ بیرونی «${f.id}» ${params.length} ورودی می‌گیرد${params.length ? ` (${params.join('، ')})` : ''}، ولی ${f.argc} ورودی داده شده است`,
      }));
    }
  }
  for (const r of a.rules) {
    if (!m.rules.has(r.id)) {
      const hint = didYouMean(r.id, m.rules.keys());
      problems.error(at(file, pointer(base + r.pointer, 'rule'), 'unknown-rule', {
        en: `unknown rule "${r.id}"${hint.en}`,
        fa: `قاعدهٔ «${r.id}» تعریف نشده است${hint.fa}`,
      }));
    }
  }
  if (m.facts.get(item.id) === item) {
    const params = new Set((item.data.params ?? []) as string[]);
    for (const v of a.vars) {
      const name = v.startsWith('$args.') ? v.slice(6).split('.')[0] : undefined;
      if (name !== undefined && !params.has(name)) {
        const hint = didYouMean(name, params);
        problems.error(at(file, base, 'unknown-fact-param', {
          en: `"$args.${name}" is not a parameter of fact "${item.id}"${hint.en} — its parameters: ${[...params].join(', ') || 'none'}`,
          fa: `«$args.${name}» از ورودی‌های دادهٔ بیرونی «${item.id}» نیست${hint.fa} — ورودی‌های آن: ${[...params].join('، ') || 'هیچ'}`,
        }));
      }
    }
  }
}

function reportRuleCycles(graph: Map<string, { rules: { id: string; ptr: string }[]; item: Item }>, problems: Problems): void {
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 'active');
    stack.push(id);
    const node = graph.get(id);
    for (const ref of node?.rules ?? []) {
      const s = state.get(ref.id);
      if (s === 'active') {
        const cycle = [...stack.slice(stack.indexOf(ref.id)), ref.id].join(' → ');
        problems.error(at((node as { item: Item }).item.file, pointer(ref.ptr, 'rule'), 'rule-cycle', {
          en: `rule "${id}" depends on itself through {rule} references: ${cycle} — break the cycle`,
          fa: `قاعدهٔ «${id}» از راه ارجاع‌های {rule} به خودش وابسته است: ${cycle} — این چرخه را بشکنید`,
        }));
      } else if (s === undefined && graph.has(ref.id)) visit(ref.id);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of graph.keys()) if (!state.has(id)) visit(id);
}
