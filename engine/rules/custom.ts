/**
 * Dabir's custom operators (docs/language.md, "Custom operators"). Like json-logic-js operations they receive
 * their already evaluated arguments; they also get the data and the run context. Bad input throws LogicError.
 */
import {
  CalendarError, addDays, addMonths, addYears, daysBetween, jalaliYear, monthsBetween, yearsBetween,
} from '../calendar/index.js';
import { toPoint, distanceMeters } from '../geo.js';
import { LogicError, isEvalError } from './errors.js';
import type { RunCtx } from './context.js';
import { inForce } from './params.js';
import { truthy } from './builtins.js';

/** A custom operator: evaluated arguments, current data, run context → value. */
export type CustomOp = (args: unknown[], data: unknown, ctx: RunCtx) => unknown;

const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

function idArg(op: string, v: unknown): string {
  if (typeof v !== 'string' || v === '') {
    throw new LogicError('bad-argument', { fa: `شناسهٔ ${op} باید متن باشد: ${show(v)}`, en: `${op} needs an id string, got ${show(v)}` }, v);
  }
  return v;
}

/** Runs calendar arithmetic, turning a CalendarError into a LogicError. */
function calendar<T>(op: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof CalendarError) {
      const code = e.code === 'bad-number' ? 'bad-number' : 'bad-date';
      throw new LogicError(code, { fa: `${op}: ورودی نامعتبر ${show(e.value)}`, en: `${op}: ${e.message}` }, e.value);
    }
    throw e;
  }
}

function param(args: unknown[], _data: unknown, ctx: RunCtx): unknown {
  const id = idArg('param', args[0]);
  const p = ctx.env.bundle.parameters.get(id);
  if (!p) throw new LogicError('unknown-param', { fa: `پارامتر ناشناخته: ${id}`, en: `Unknown parameter: ${id}` }, { param: id });
  const date = args.length > 1 ? ctx.date(args[1], `param ${id}`) : ctx.asOf;
  const v = inForce(p, date);
  if (!v) {
    throw new LogicError('param-not-in-force', {
      fa: `پارامتر ${id} در تاریخ ${date} هنوز با هیچ مصوبه‌ای تعیین نشده است.`,
      en: `Parameter ${id} has no value in force on ${date}: no resolution sets it on or before that date.`,
    }, { param: id, date });
  }
  return v.value;
}

const between = (f: (a: string, b: string) => number, name: string): CustomOp => (args, _d, ctx) =>
  calendar(name, () => f(ctx.date(args[0], name), ctx.date(args[1], name)));

const shift = (f: (d: string, n: number) => string, name: string): CustomOp => (args, _d, ctx) =>
  calendar(name, () => f(ctx.date(args[0], name), args[1] as number));

function distance(args: unknown[]): number {
  for (const p of [args[0], args[1]]) {
    if (!toPoint(p)) throw new LogicError('bad-point', { fa: `نقطهٔ نامعتبر: ${show(p)}`, en: `Not a point {lat, lon}: ${show(p)}` }, p);
  }
  return distanceMeters(args[0], args[1]);
}

function fact(args: unknown[], _data: unknown, ctx: RunCtx): unknown {
  const id = idArg('fact', args[0]);
  const facts = ctx.env.facts;
  if (!facts) throw new LogicError('no-fact-provider', { fa: `برای محاسبهٔ ${id} منبع داده‌ای در دسترس نیست.`, en: `No fact provider to compute fact ${id}.` }, { fact: id });
  try {
    const v = facts.get(id, args.slice(1));
    return v === undefined ? null : v;
  } catch (e) {
    if (isEvalError(e)) throw e;
    const why = e instanceof Error ? e.message : String(e);
    throw new LogicError('fact-failed', { fa: `محاسبهٔ ${id} ناموفق بود: ${why}`, en: `Fact ${id} failed: ${why}` }, { fact: id, cause: why });
  }
}

function rule(args: unknown[], data: unknown, ctx: RunCtx): boolean {
  const id = idArg('rule', args[0]);
  const r = ctx.env.bundle.rules.get(id);
  if (!r) throw new LogicError('unknown-rule', { fa: `قاعدهٔ ناشناخته: ${id}`, en: `Unknown rule: ${id}` }, { rule: id });
  if (ctx.ruleStack.includes(id)) {
    const cycle = [...ctx.ruleStack, id].join(' → ');
    throw new LogicError('rule-cycle', { fa: `قاعده‌ها به هم ارجاع دوری دارند: ${cycle}`, en: `Rules refer to each other in a cycle: ${cycle}` }, { cycle: [...ctx.ruleStack, id] });
  }
  ctx.ruleStack.push(id);
  try {
    if (r.when !== undefined && !truthy(ctx.run(r.when, data, ctx))) return true;
    return truthy(ctx.run(r.check, data, ctx));
  } finally {
    ctx.ruleStack.pop();
  }
}

/** `{get: [object, "a.b"]}` (or `[object, "a.b", default]`): a field of a computed value, e.g. of a fact's record. */
function get(args: unknown[]): unknown {
  const [obj, path, fallback] = args;
  if (typeof path !== 'string' && typeof path !== 'number') {
    throw new LogicError('bad-argument', { fa: `get: مسیر باید متن باشد: ${show(path)}`, en: `get needs a path string, got ${show(path)}` }, path);
  }
  let cur: unknown = obj;
  for (const key of String(path).split('.').filter((k) => k !== '')) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, key)) return fallback ?? null;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur === undefined ? (fallback ?? null) : cur;
}

/** Rounding: `{floor: x}`, `{ceil: x}`, `{round: x}` (half away from zero). */
const rounding = (name: string, f: (n: number) => number): CustomOp => (args) => {
  const n = Number(args[0]);
  if (args[0] === null || args[0] === '' || !Number.isFinite(n)) {
    throw new LogicError('bad-number', { fa: `${name}: عدد نیست: ${show(args[0])}`, en: `${name}: not a number: ${show(args[0])}` }, args[0]);
  }
  return f(n);
};

/** `{count: list}`: the number of items of a list (or characters of a text); 0 for null. */
function count(args: unknown[]): number {
  const v = args[0];
  if (v === null || v === undefined) return 0;
  if (Array.isArray(v) || typeof v === 'string') return v.length;
  throw new LogicError('bad-argument', { fa: `count: فهرست نیست: ${show(v)}`, en: `count needs a list, got ${show(v)}` }, v);
}

/** `{find: [list, "field", value]}`: the first item whose field equals value (loosely, like `==`), or null. */
function find(args: unknown[]): unknown {
  const [items, field, value] = args;
  if (items === null || items === undefined) return null;
  if (!Array.isArray(items)) throw new LogicError('bad-argument', { fa: `find: فهرست نیست: ${show(items)}`, en: `find needs a list, got ${show(items)}` }, items);
  // biome-ignore lint/suspicious/noDoubleEquals: find compares as JsonLogic's == does (loosely)
  return items.find((it) => get([it, field]) == value) ?? null;
}

/** `{keys: object}`: the keys of an object (e.g. the items answered in an inquiry-each step); [] for null. */
function keys(args: unknown[]): string[] {
  const v = args[0];
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : [];
}

/** Every custom operator by name. */
export const CUSTOM_OPS: ReadonlyMap<string, CustomOp> = new Map<string, CustomOp>([
  ['param', param],
  ['today', (_a, _d, ctx) => ctx.today],
  ['years_between', between(yearsBetween, 'years_between')],
  ['months_between', between(monthsBetween, 'months_between')],
  ['days_between', between(daysBetween, 'days_between')],
  ['add_months', shift(addMonths, 'add_months')],
  ['add_days', shift(addDays, 'add_days')],
  ['add_years', shift(addYears, 'add_years')],
  ['jalali_year', (args, _d, ctx) => calendar('jalali_year', () => jalaliYear(ctx.date(args[0], 'jalali_year')))],
  ['distance_m', distance],
  ['fact', fact],
  ['rule', rule],
  ['get', get],
  ['count', count],
  ['find', find],
  ['keys', keys],
  ['floor', rounding('floor', Math.floor)],
  ['ceil', rounding('ceil', Math.ceil)],
  ['round', rounding('round', (n) => Math.sign(n) * Math.round(Math.abs(n)))],
]);
