/** A small generic bundle for rule tests: parameters with dated resolutions, rules, and an env builder. */
import type { Parameter, Resolution, Rule, SourcePos, Bundle, Text } from '../../engine/model.js';
import type { EvalEnv } from '../../engine/rules/index.js';
import type { FactProvider } from '../../engine/interpret/types.js';

export const src: SourcePos = { file: 'definitions/test/rules.yaml', line: 1, col: 1, pointer: '', bundle: 'test' };

export function resolution(id: string, date: string, reference?: Text): Resolution {
  return { id, title: { fa: `مصوبه ${id}`, en: `Resolution ${id}` }, date, reference, sample: false, modellingDefault: false, source: src };
}

export const base = resolution('base-1399', '1399-05-12', { fa: 'ماده ۲۰', en: 'Article 20' });
export const amend = resolution('amend-1403', '1403-01-15', { fa: 'بند ۳', en: 'Clause 3' });
export const overlay = resolution('overlay-1403', '1403-01-15');

export function param(id: string, type: Parameter['type'], history: [Resolution, unknown][]): Parameter {
  return {
    id, type, label: { fa: id, en: id }, source: src,
    history: history.map(([resolution, value]) => ({ value, resolution, source: src })),
  };
}

export function rule(id: string, r: Partial<Rule> & { check: unknown }): Rule {
  return { id, label: { fa: `قاعده ${id}`, en: `Rule ${id}` }, values: {}, message: { fa: id, en: id }, params: [], source: src, ...r };
}

export const parameters = new Map<string, Parameter>([
  ['site.min_area', param('site.min_area', 'number', [[base, 50], [amend, 60], [overlay, 65]])],
  ['site.min_distance', param('site.min_distance', 'number', [[base, 1000]])],
  ['site.kinds', param('site.kinds', 'table', [[base, ['a', 'b']]])],
  ['late.value', param('late.value', 'number', [[amend, 7]])],
]);

export const rules = new Map<string, Rule>([
  ['area.ok', rule('area.ok', {
    check: { '>=': [{ var: 'input.area' }, { param: 'site.min_area' }] },
    values: { found: { var: 'input.area' }, required: { param: 'site.min_area' } },
    message: { fa: 'مساحت {found} متر مربع است؛ حداقل {required} لازم است.', en: 'The area is {found} m²; at least {required} m² is required.' },
    params: ['site.min_area'],
  })],
  ['rural.only', rule('rural.only', {
    when: { '==': [{ var: 'subject.kind' }, 'rural'] },
    check: { '>': [{ var: 'input.staff' }, 1] },
    message: { fa: 'کارکنان {input.staff} نفر', en: 'Staff: {input.staff}' },
  })],
  ['both', rule('both', { check: { and: [{ rule: 'area.ok' }, { rule: 'rural.only' }] }, params: ['site.min_area'] })],
  ['loop.a', rule('loop.a', { check: { rule: 'loop.b' } })],
  ['loop.b', rule('loop.b', { check: { rule: 'loop.a' } })],
]);

export const bundle: Pick<Bundle, 'parameters' | 'rules' | 'info'> = {
  parameters,
  rules,
  info: { id: 'test', name: { fa: 'آزمون' }, lineage: ['test'], locale: 'fa-IR', timeZone: 'Asia/Tehran', calendar: 'jalali', caseNumber: '{year}-{seq:4}' },
};

/** An env judged on `asOf`, at instant `now`, with optional facts. */
export function env(asOf = '1404-05-10', now = '2025-08-01T08:00:00Z', facts?: FactProvider): EvalEnv {
  return { bundle, asOf, now, facts };
}

/** A fact provider over a fixed table; records the calls it gets. */
export function factsOf(table: Record<string, (args: unknown[]) => unknown>): FactProvider & { calls: [string, unknown[]][] } {
  const calls: [string, unknown[]][] = [];
  return {
    calls,
    get(id, args) { calls.push([id, args]); const f = table[id]; if (!f) throw new Error(`no fact ${id}`); return f(args); },
    record: () => undefined,
  };
}
