/**
 * Data paths checked against the schemas they read: every `{ var: "subject.<field>" }` and `{ var: "input.<field>" }`
 * in a procedure's own logic and in every rule it uses (its guards, its outcomes' guards, and the rules those reach
 * through `{ rule }`) must name a field of the procedure's subject entity (its schema's properties and its computed
 * fields) or of its start form. Rules are shared by procedures, so a rule is typed where it is used: a path is an
 * error for each procedure whose subject lacks it, with "did you mean". A `var` whose path is computed cannot be
 * typed: a warning says so. Other roots (steps, form, case, facts' results, item) are not checked here yet.
 * Linear: each procedure's rules are walked once, each rule's logic once per procedure that uses it.
 */
import type { Problems } from './errors.js';
import { at } from './layer.js';
import type { Item } from './layer.js';
import { logicSites, type LogicSite } from './logic-sites.js';
import type { Merged } from './overlay.js';
import { pointer } from './pointer.js';
import { didYouMean } from './suggest.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

/**
 * One `var` in a logic expression: its path (undefined when computed), the pointer of its operand, and whether it is
 * optional — it has a default, or is one (`{ var: [form.area, { var: [input.area, …] }] }` reads whichever exists).
 */
interface VarUse { path?: string; ptr: string; optional: boolean }

/** Every `var` and every `{ rule }` reference in `logic`. */
function walk(logic: unknown, ptr: string, vars: VarUse[], rules: string[], optional = false): void {
  if (Array.isArray(logic)) {
    logic.forEach((x, i) => { walk(x, `${ptr}/${i}`, vars, rules, optional); });
    return;
  }
  const o = obj(logic);
  if (!o) return;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === 'var') {
    const v = o.var;
    const first = Array.isArray(v) ? v[0] : v;
    const at = Array.isArray(v) ? pointer(ptr, 'var', 0) : pointer(ptr, 'var');
    const hasDefault = Array.isArray(v) && v.length > 1;
    if (typeof first === 'string') vars.push({ path: first, ptr: at, optional: optional || hasDefault });
    else if (first !== null && typeof first === 'object') vars.push({ ptr: at, optional });
    if (Array.isArray(v)) v.slice(1).forEach((x, i) => { walk(x, pointer(ptr, 'var', i + 1), vars, rules, true); });
    return;
  }
  if (keys.length === 1 && keys[0] === 'rule' && typeof o.rule === 'string') rules.push(o.rule);
  for (const k of keys) walk(o[k], pointer(ptr, k), vars, rules, optional);
}

/** Checks the `subject.*` and `input.*` paths of each procedure and the rules it uses. */
export function checkDataPaths(m: Merged, problems: Problems): void {
  const sitesOf = new Map<Item, LogicSite[]>();
  for (const s of logicSites(m)) sitesOf.set(s.item, [...(sitesOf.get(s.item) ?? []), s]);
  const parsed = new Map<Item, { vars: VarUse[]; rules: string[] }>();
  const read = (item: Item) => {
    let hit = parsed.get(item);
    if (!hit) {
      hit = { vars: [], rules: [] };
      for (const s of sitesOf.get(item) ?? []) walk(s.logic, s.ptr, hit.vars, hit.rules);
      parsed.set(item, hit);
    }
    return hit;
  };
  const warned = new Set<string>();
  // An optional path is an error only when no procedure that reads it has it: key → its use, fields seen, found.
  const optionalUses = new Map<string, { item: Item; v: VarUse; fields: Set<string>; found: boolean; procs: string[] }>();
  for (const proc of m.procedures.values()) {
    const entityId = obj(proc.data.subject)?.entity;
    const entity = typeof entityId === 'string' ? m.entities.get(entityId) : undefined;
    const subjectFields = entity ? [
      ...Object.keys(obj(obj(entity.data.schema)?.properties) ?? {}),
      ...Object.keys(obj(entity.data.computed) ?? {}),
    ] : undefined;
    const form = m.forms.get(String(obj(proc.data.start)?.form));
    const inputFields = form ? list(form.data.fields).map((f) => String(f.id)) : undefined;
    // The procedure's own logic and the rules it names as guards, then the rules those reach.
    const queue: Item[] = [proc];
    const guardIds: string[] = [...((obj(proc.data.start)?.guards ?? []) as string[])];
    for (const s of list(proc.data.steps)) {
      guardIds.push(...((s.guards ?? []) as string[]));
      for (const o of list(s.outcomes)) guardIds.push(...((o.guards ?? []) as string[]));
    }
    const seen = new Set<string>();
    const addRule = (id: string) => {
      const r = m.rules.get(id);
      if (r && !seen.has(id)) {
        seen.add(id);
        queue.push(r);
      }
    };
    guardIds.forEach(addRule);
    for (let item = queue.shift(); item; item = queue.shift()) {
      const { vars, rules } = read(item);
      rules.forEach(addRule);
      for (const v of vars) {
        if (v.path === undefined) {
          const key = `${item.file.path}\0${v.ptr}`;
          if (!warned.has(key)) {
            warned.add(key);
            problems.warn(at(item.file, v.ptr, 'untyped-path', {
              en: 'this "var" computes its path, so it cannot be checked against a schema — write the path out where you can',
              fa: 'مسیر این «var» محاسبه می‌شود و با هیچ طرح‌واره‌ای سنجیده نمی‌شود — هر جا بتوانید مسیر را کامل بنویسید',
            }));
          }
          continue;
        }
        const [root, field] = v.path.split('.');
        if (field === undefined) continue;
        const fields = root === 'subject' ? subjectFields : root === 'input' ? inputFields : undefined;
        if (!fields) continue;
        if (v.optional) {
          const key = `${item.file.path}\0${v.ptr}`;
          const u = optionalUses.get(key) ?? { item, v, fields: new Set<string>(), found: false, procs: [] };
          optionalUses.set(key, u);
          fields.forEach((f) => { u.fields.add(f); });
          u.found ||= fields.includes(field);
          u.procs.push(proc.id);
          continue;
        }
        if (fields.includes(field)) continue;
        const hint = didYouMean(field, fields);
        const used = item === proc ? { en: '', fa: '' } : { en: ` (rule "${item.id}" is used by procedure "${proc.id}")`, fa: ` (قاعدهٔ «${item.id}» در فرایند «${proc.id}» به کار رفته است)` };
        const whose = root === 'subject'
          ? { en: `the subject of procedure "${proc.id}" (entity "${String(entityId)}") has no field "${field}"`, fa: `موضوع فرایند «${proc.id}» (نوع ثبت «${String(entityId)}») فیلدی به نام «${field}» ندارد` }
          : { en: `the start form "${form!.id}" of procedure "${proc.id}" has no field "${field}"`, fa: `فرم آغاز «${form!.id}» فرایند «${proc.id}» فیلدی به نام «${field}» ندارد` };
        problems.error(at(item.file, v.ptr, 'unknown-path', {
          en: `unknown data path "${v.path}": ${whose.en}${hint.en}${used.en}`,
          fa: `مسیر دادهٔ «${v.path}» شناخته نیست: ${whose.fa}${hint.fa}${used.fa}`,
        }));
      }
    }
  }
  for (const u of optionalUses.values()) {
    if (u.found) continue;
    const field = u.v.path!.split('.')[1];
    const hint = didYouMean(field, u.fields);
    const procs = [...new Set(u.procs)].join(', ');
    problems.error(at(u.item.file, u.v.ptr, 'unknown-path', {
      en: `unknown data path "${u.v.path}": no procedure that reads it (${procs}) has a field "${field}" there${hint.en}`,
      fa: `مسیر دادهٔ «${u.v.path}» شناخته نیست: هیچ‌یک از فرایندهایی که آن را می‌خوانند (${procs}) فیلدی به نام «${field}» ندارد${hint.fa}`,
    }));
  }
}
