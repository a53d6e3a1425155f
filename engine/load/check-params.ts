/**
 * Checks resolution values against parameter declarations: the parameter exists, the value has its type (a table's
 * rows match its columns), and the value lies within the bounds — the base bundle's bounds bind overlays too.
 */
import type { Msg, Problems } from './errors.js';
import { jalaliDateProblem } from './dates.js';
import { at, where } from './layer.js';
import type { Item } from './layer.js';
import type { Merged, ParamEntry } from './overlay.js';
import { pointer } from './pointer.js';
import { formatNumber } from '../rules/template.js';
import { didYouMean } from './suggest.js';
import { compileUserSchema, userSchemaProblems } from './user-schema.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks every value of every resolution, and table parameters' column schemas. Warns about parameters never set. */
export function checkParameterValues(m: Merged, problems: Problems): void {
  for (const p of m.parameters.values()) {
    if (p.type !== 'table') continue;
    const compiled = compileUserSchema(p.decl.data.columns as object);
    if (typeof compiled === 'string') {
      problems.error(at(p.decl.file, pointer(p.decl.pointer, 'columns'), 'bad-schema', {
        en: `the columns schema does not compile: ${compiled}`,
        fa: `طرح‌وارهٔ ستون‌ها (columns) کامپایل نمی‌شود: ${compiled}`,
      }));
    }
  }
  const set = new Set<string>();
  for (const r of m.resolutions) {
    for (const [id, value] of Object.entries((r.data.sets ?? {}) as Record<string, unknown>)) {
      const ptr = pointer(r.pointer, 'sets', id);
      const p = m.parameters.get(id);
      if (!p) {
        const hint = didYouMean(id, m.parameters.keys());
        problems.error(at(r.file, ptr, 'unknown-parameter', {
          en: `resolution "${r.id}" sets "${id}", which is not a declared parameter${hint.en}`,
          fa: `مصوبهٔ «${r.id}» مقدار «${id}» را تعیین می‌کند، ولی چنین پارامتری تعریف نشده است${hint.fa}`,
        }, true));
        continue;
      }
      set.add(id);
      const typeProblem = valueTypeProblem(p.type, p.decl.data.columns, value);
      if (typeProblem) {
        problems.error(at(r.file, ptr, 'param-value-type', {
          en: `resolution "${r.id}": "${id}" ${typeProblem.en}`,
          fa: `مصوبهٔ «${r.id}»: «${id}» ${typeProblem.fa}`,
        }));
        continue;
      }
      checkBounds(p, r, ptr, value as number, problems);
    }
  }
  // A scenario's assumptions (`assume:`) are values too: a declared parameter, of its type, within its bounds.
  for (const sc of m.scenarios) {
    for (const [id, value] of Object.entries((sc.data.assume ?? {}) as Record<string, unknown>)) {
      const ptr = pointer(sc.pointer, 'assume', id);
      const p = m.parameters.get(id);
      if (!p) {
        const hint = didYouMean(id, m.parameters.keys());
        problems.error(at(sc.file, ptr, 'unknown-parameter', {
          en: `scenario "${sc.id}" assumes "${id}", which is not a declared parameter${hint.en}`,
          fa: `سناریوی «${sc.id}» مقدار «${id}» را فرض می‌کند، ولی چنین پارامتری تعریف نشده است${hint.fa}`,
        }, true));
        continue;
      }
      const why = valueTypeProblem(p.type, p.decl.data.columns, value) ?? boundsProblem(p.bounds, value);
      if (why) {
        problems.error(at(sc.file, ptr, 'param-value-type', {
          en: `scenario "${sc.id}": assumed "${id}" ${typeof value === 'number' && !valueTypeProblem(p.type, p.decl.data.columns, value) ? `is out of bounds: ${why.en}` : why.en}`,
          fa: `سناریوی «${sc.id}»: مقدار فرضی «${id}» ${typeof value === 'number' && !valueTypeProblem(p.type, p.decl.data.columns, value) ? `بیرون از بازهٔ مجاز است: ${why.fa}` : why.fa}`,
        }));
      }
    }
  }
  for (const p of m.parameters.values()) {
    if (!set.has(p.decl.id) && p.decl.bundle === m.layers[m.layers.length - 1].id) {
      problems.warn(at(p.decl.file, pointer(p.decl.pointer, 'id'), 'param-unset', {
        en: `no resolution sets parameter "${p.decl.id}" — rules reading it will fail`,
        fa: `هیچ مصوبه‌ای مقدار پارامتر «${p.decl.id}» را تعیین نکرده است — قاعده‌هایی که آن را می‌خوانند شکست می‌خورند`,
      }));
    }
  }
}

/**
 * Why `value` is not a value of a parameter of `type` (a table's rows checked against `columns`), in both
 * languages — or undefined when it is one. Also used to check a proposed value before it is written.
 */
export function valueTypeProblem(type: string, columns: unknown, value: unknown): Msg | undefined {
  const not = (en: string, fa: string): Msg => ({ en: `${en}, not ${show(value)}`, fa: `${fa}، نه ${showFa(value)}` });
  switch (type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : not('must be a number', 'باید عدد باشد');
    case 'integer':
      return Number.isInteger(value) ? undefined : not('must be a whole number', 'باید عدد صحیح باشد');
    case 'boolean':
      return typeof value === 'boolean' ? undefined : not('must be true or false', 'باید true یا false باشد');
    case 'string':
      return typeof value === 'string' ? undefined : not('must be a text', 'باید متن باشد');
    case 'date':
      if (typeof value !== 'string' || !DATE.test(value)) return not('must be a Jalali date YYYY-MM-DD', 'باید تاریخ شمسی به شکل YYYY-MM-DD باشد');
      // `"id" must be a real date: "1404-07-31" is not a date: Mehr … has 30 days`
      {
        const why = jalaliDateProblem(value);
        return why && { en: `must be a real Jalali date: ${why.en}`, fa: `باید تاریخ شمسی درستی باشد: ${why.fa}` };
      }
    case 'table': {
      if (!Array.isArray(value)) return not('must be a list of rows', 'باید فهرستی از ردیف‌ها باشد');
      const compiled = compileUserSchema((columns ?? {}) as object);
      if (typeof compiled === 'string') return undefined;
      for (let i = 0; i < value.length; i++) {
        const bad = userSchemaProblems(compiled, value[i]);
        if (bad.length) {
          return {
            en: `row ${i + 1}: ${bad[0].message.en} (see the parameter's columns)`,
            fa: `ردیف ${formatNumber(i + 1, 'fa')}: ${bad[0].message.fa} (ستون‌های پارامتر را ببینید)`,
          };
        }
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Why a number lies outside a parameter's bounds, in both languages — or undefined when it lies within them. */
export function boundsProblem(bounds: { min?: number; max?: number } | undefined, value: unknown): Msg | undefined {
  if (typeof value !== 'number' || !bounds) return undefined;
  const fa = (n: number) => formatNumber(n, 'fa');
  if (bounds.min !== undefined && value < bounds.min) return { en: `${value} is below the minimum ${bounds.min}`, fa: `${fa(value)} کمتر از کمینهٔ مجاز (${fa(bounds.min)}) است` };
  if (bounds.max !== undefined && value > bounds.max) return { en: `${value} is above the maximum ${bounds.max}`, fa: `${fa(value)} بیشتر از بیشینهٔ مجاز (${fa(bounds.max)}) است` };
  return undefined;
}

function checkBounds(p: ParamEntry, r: Item, ptr: string, value: number, problems: Problems): void {
  if (typeof value !== 'number') return;
  const { min, max } = p.bounds;
  const fail = (bound: 'minimum' | 'maximum', limit: number, from: Item | undefined): void => {
    const pos = from ? where({ file: from.file, pointer: pointer(from.pointer, 'bounds') }) : '';
    const low = bound === 'minimum';
    problems.error(at(r.file, ptr, 'param-out-of-bounds', {
      en: `resolution "${r.id}" sets "${p.decl.id}" to ${value}, ${low ? 'below' : 'above'} its ${bound} ${limit}${from ? ` (declared in bundle "${from.bundle}" at ${pos})` : ''} — use a value within the bounds`,
      fa: `مصوبهٔ «${r.id}» مقدار «${p.decl.id}» را ${value} تعیین می‌کند که ${low ? 'کمتر از کمینهٔ' : 'بیشتر از بیشینهٔ'} مجاز آن (${limit}) است${from ? ` (تعریف‌شده در بستهٔ «${from.bundle}»، ${pos})` : ''} — مقداری در این بازه بدهید`,
    }));
  };
  if (min !== undefined && value < min) fail('minimum', min, p.boundFrom.min);
  if (max !== undefined && value > max) fail('maximum', max, p.boundFrom.max);
}

function show(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return JSON.stringify(v);
}

function showFa(v: unknown): string {
  if (v === null || v === undefined) return 'خالی';
  if (Array.isArray(v)) return 'یک فهرست';
  if (typeof v === 'object') return 'یک نگاشت';
  return JSON.stringify(v);
}
