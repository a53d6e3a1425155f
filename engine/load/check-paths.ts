/**
 * Data paths checked against the schemas they read: every `{ var: "subject.<field>" }` and `{ var: "input.<field>" }`
 * in a procedure's own logic and in every rule it uses (its guards, its outcomes' guards, and the rules those reach
 * through `{ rule }`) must name a field of the procedure's subject entity (its schema's properties and its computed
 * fields) or of its start form. Rules are shared by procedures, so a rule is typed where it is used: a path is an
 * error for each procedure whose subject lacks it, with "did you mean". A `var` whose path is computed cannot be
 * typed: a warning says so. `steps.<step>.<part>[.<field>]` must name a step of the procedure, a part of its record
 * (outcome, data, items, by, at, visits, previous, children) and, under `data`, a field of that step's form (an
 * inspection's checklist items too; a selection's `selected`, `skipped`, `beyond`, `limit`). The `{…}` placeholders of
 * notify messages (notify steps and notify effects) that read `subject.`, `input.` or `steps.` are checked the same
 * way. A field read of a fact's result (`{ get: [{ fact: [...] }, field] }`) must be one the fact declares it gives (a
 * `lookup`'s entity record, a `nearest` object's id, title, distance_m). Other roots (form, case, item) are not checked.
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

/** The parts of a step's record a path may read (`steps.<step>.<part>`). */
const STEP_PARTS = ['outcome', 'data', 'items', 'by', 'at', 'visits', 'previous', 'children'];
/** What a subprocedure's selection (`each:`) records as its data. */
const SELECTION_FIELDS = ['selected', 'skipped', 'beyond', 'limit'];
/** A `{path}` placeholder of a message that reads case data. */
const PLACEHOLDER = /\{((?:subject|input|steps)\.[^{}\s]+)\}/g;

/** The `{subject.…}`, `{input.…}` and `{steps.…}` placeholders of a procedure's notify messages, as uses of `var`. */
function messagePaths(proc: Item, vars: VarUse[]): void {
  const texts = (message: unknown, ptr: string) => {
    for (const [lang, text] of Object.entries(obj(message) ?? {})) {
      if (typeof text !== 'string') continue;
      for (const mt of text.matchAll(PLACEHOLDER)) vars.push({ path: mt[1], ptr: pointer(ptr, lang), optional: false });
    }
  };
  const effects = (list_: unknown, ptr: string) => list(list_).forEach((e, k) => {
    const n = obj(e.notify);
    if (n) texts(n.message, pointer(ptr, k, 'notify', 'message'));
  });
  list(proc.data.steps).forEach((st, i) => {
    const sp = pointer(proc.pointer, 'steps', i);
    if (st.kind === 'notify') texts(st.message, pointer(sp, 'message'));
    effects(st.effects, pointer(sp, 'effects'));
    list(st.outcomes).forEach((o, j) => { effects(o.effects, pointer(sp, 'outcomes', j, 'effects')); });
  });
}

/**
 * What a procedure's steps record: step id → the fields of its data (undefined when they cannot be known: a form or
 * checklist that does not exist, which is reported elsewhere).
 */
function stepFields(m: Merged, proc: Item): Map<string, string[] | null | undefined> {
  const out = new Map<string, string[] | null | undefined>();
  for (const st of list(proc.data.steps)) {
    const fields: string[] = [];
    let known = true;
    // a human step without a form records whatever its command sends: its data cannot be typed (null)
    if (st.form === undefined && 'role' in st && st.kind !== 'inspection') {
      out.set(String(st.id), null);
      continue;
    }
    if (typeof st.form === 'string') {
      const f = m.forms.get(st.form);
      if (f) fields.push(...list(f.data.fields).map((x) => String(x.id)));
      else known = false;
    }
    if (st.kind === 'inspection' && typeof st.checklist === 'string') {
      const c = m.checklists.get(st.checklist);
      if (c) fields.push(...list(c.data.items).map((x) => String(x.id)));
      else known = false;
    }
    if (st.kind === 'subprocedure' && obj(st.each)) fields.push(...SELECTION_FIELDS);
    out.set(String(st.id), known ? fields : undefined);
  }
  return out;
}

/**
 * The fields a fact's result has, when its declaration says: a `lookup` gives its entity's record (schema properties
 * and computed fields), a `nearest` of type object gives `{ id, title, distance_m }`; undefined for any other.
 */
function factResultFields(m: Merged, fact: Item | undefined): { fields: string[]; what: { en: string; fa: string } } | undefined {
  if (!fact) return undefined;
  const lookup = obj(fact.data.lookup);
  if (lookup && typeof lookup.entity === 'string') {
    const e = m.entities.get(lookup.entity);
    if (!e) return undefined;
    return {
      fields: [...Object.keys(obj(obj(e.data.schema)?.properties) ?? {}), ...Object.keys(obj(e.data.computed) ?? {})],
      what: { en: `a record of entity "${lookup.entity}"`, fa: `رکوردی از نوع ثبت «${lookup.entity}»` },
    };
  }
  if (obj(fact.data.nearest) && fact.data.type === 'object') return { fields: ['id', 'title', 'distance_m'], what: { en: 'the nearest record: { id, title, distance_m }', fa: 'نزدیک‌ترین رکورد: { id, title, distance_m }' } };
  return undefined;
}

/** Every `{ get: [{ fact: [id, …] }, "field…"] }` in `logic`: the fact read and the field asked of its result. */
function factGets(logic: unknown, ptr: string, out: { fact: string; field: string; ptr: string }[]): void {
  if (Array.isArray(logic)) {
    logic.forEach((x, i) => { factGets(x, `${ptr}/${i}`, out); });
    return;
  }
  const o = obj(logic);
  if (!o) return;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === 'get' && Array.isArray(o.get)) {
    const [from, field] = o.get as unknown[];
    const f = obj(from);
    if (f && Object.keys(f).length === 1 && Array.isArray(f.fact) && typeof f.fact[0] === 'string' && typeof field === 'string') {
      out.push({ fact: f.fact[0], field: field.split('.')[0], ptr: pointer(ptr, 'get', 1) });
    }
  }
  for (const k of keys) factGets(o[k], pointer(ptr, k), out);
}

/** Checks the fields read of facts' results (`get` of a `lookup` fact's record, of a `nearest` fact's object). */
function checkFactResults(m: Merged, sites: LogicSite[], problems: Problems): void {
  const known = new Map<string, ReturnType<typeof factResultFields>>();
  for (const site of sites) {
    const gets: { fact: string; field: string; ptr: string }[] = [];
    factGets(site.logic, site.ptr, gets);
    for (const g of gets) {
      if (!known.has(g.fact)) known.set(g.fact, factResultFields(m, m.facts.get(g.fact)));
      const result = known.get(g.fact);
      if (!result || result.fields.includes(g.field)) continue;
      const hint = didYouMean(g.field, result.fields);
      problems.error(at(site.item.file, g.ptr, 'unknown-path', {
        en: `fact "${g.fact}" gives ${result.what.en}, which has no field "${g.field}"${hint.en}`,
        fa: `واقعیت «${g.fact}» ${result.what.fa} می‌دهد که فیلدی به نام «${g.field}» ندارد${hint.fa}`,
      }));
    }
  }
}

/** Checks the `subject.*`, `input.*` and `steps.*` paths of each procedure and the rules it uses. */
export function checkDataPaths(m: Merged, problems: Problems): void {
  const sitesOf = new Map<Item, LogicSite[]>();
  const sites = logicSites(m);
  for (const s of sites) sitesOf.set(s.item, [...(sitesOf.get(s.item) ?? []), s]);
  checkFactResults(m, sites, problems);
  const parsed = new Map<Item, { vars: VarUse[]; rules: string[] }>();
  const read = (item: Item) => {
    let hit = parsed.get(item);
    if (!hit) {
      hit = { vars: [], rules: [] };
      for (const s of sitesOf.get(item) ?? []) walk(s.logic, s.ptr, hit.vars, hit.rules);
      if (m.procedures.get(item.id) === item) messagePaths(item, hit.vars);
      parsed.set(item, hit);
    }
    return hit;
  };
  const warned = new Set<string>();
  // An optional path is an error only when no procedure that reads it has it: key → its use, fields seen, found.
  const optionalUses = new Map<string, { item: Item; v: VarUse; fields: Set<string>; found: boolean; procs: string[]; field: string }>();
  for (const proc of m.procedures.values()) {
    const entityId = obj(proc.data.subject)?.entity;
    const entity = typeof entityId === 'string' ? m.entities.get(entityId) : undefined;
    const subjectFields = entity ? [
      ...Object.keys(obj(obj(entity.data.schema)?.properties) ?? {}),
      ...Object.keys(obj(entity.data.computed) ?? {}),
    ] : undefined;
    const form = m.forms.get(String(obj(proc.data.start)?.form));
    const inputFields = form ? list(form.data.fields).map((f) => String(f.id)) : undefined;
    const steps = stepFields(m, proc);
    /**
     * Where a path fails for this procedure: the name it lacks, the names there are, and whose they are — or undefined
     * when it is found (or cannot be typed).
     */
    const lacks = (path: string): { field: string; fields: string[]; whose: { en: string; fa: string } } | undefined => {
      const [root, first, part, field] = path.split('.');
      if (first === undefined) return undefined;
      if (root === 'subject' || root === 'input') {
        const fields = root === 'subject' ? subjectFields : inputFields;
        if (!fields || fields.includes(first)) return undefined;
        return {
          field: first, fields,
          whose: root === 'subject'
            ? { en: `the subject of procedure "${proc.id}" (entity "${String(entityId)}") has no field "${first}"`, fa: `موضوع فرایند «${proc.id}» (نوع ثبت «${String(entityId)}») فیلدی به نام «${first}» ندارد` }
            : { en: `the start form "${form!.id}" of procedure "${proc.id}" has no field "${first}"`, fa: `فرم آغاز «${form!.id}» فرایند «${proc.id}» فیلدی به نام «${first}» ندارد` },
        };
      }
      if (root !== 'steps') return undefined;
      if (!steps.has(first)) {
        return { field: first, fields: [...steps.keys()], whose: { en: `procedure "${proc.id}" has no step "${first}"`, fa: `فرایند «${proc.id}» مرحله‌ای به نام «${first}» ندارد` } };
      }
      if (part === undefined) return undefined;
      if (!STEP_PARTS.includes(part)) {
        return {
          field: part, fields: STEP_PARTS,
          whose: { en: `a step's record has no part "${part}" (its parts: ${STEP_PARTS.join(', ')})`, fa: `رکورد یک مرحله بخشی به نام «${part}» ندارد (بخش‌های آن: ${STEP_PARTS.join('، ')})` },
        };
      }
      const fields = steps.get(first);
      if (part !== 'data' || field === undefined || !fields || fields.includes(field)) return undefined;
      return {
        field, fields,
        whose: { en: `step "${first}" of procedure "${proc.id}" records no field "${field}" (its form's fields: ${fields.join(', ') || 'none'})`, fa: `مرحلهٔ «${first}» فرایند «${proc.id}» فیلدی به نام «${field}» ثبت نمی‌کند (فیلدهای فرم آن: ${fields.join('، ') || 'هیچ'})` },
      };
    };
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
        const [root, stepId, part, dataField] = v.path.split('.');
        if (root === 'steps' && part === 'data' && dataField !== undefined && steps.get(stepId) === null) {
          const key = `${item.file.path}\0${v.ptr}`;
          if (!warned.has(key)) {
            warned.add(key);
            problems.warn(at(item.file, v.ptr, 'untyped-path', {
              en: `step "${stepId}" of procedure "${proc.id}" has no form, so "${v.path}" cannot be checked — give the step a form`,
              fa: `مرحلهٔ «${stepId}» فرایند «${proc.id}» فرمی ندارد و «${v.path}» سنجیده نمی‌شود — به مرحله فرم بدهید`,
            }));
          }
          continue;
        }
        // subject.* and input.* only where the procedure has a subject entity / a start form
        if ((root === 'subject' && !subjectFields) || (root === 'input' && !inputFields)) continue;
        const miss = lacks(v.path);
        if (v.optional) {
          const key = `${item.file.path}\0${v.ptr}`;
          const u = optionalUses.get(key) ?? { item, v, fields: new Set<string>(), found: false, procs: [], field: '' };
          optionalUses.set(key, u);
          if (!miss) u.found = true;
          else {
            miss.fields.forEach((f) => { u.fields.add(f); });
            u.field ||= miss.field;
          }
          u.procs.push(proc.id);
          continue;
        }
        if (!miss) continue;
        const { field, fields, whose } = miss;
        const hint = didYouMean(field, fields);
        const used = item === proc ? { en: '', fa: '' } : { en: ` (rule "${item.id}" is used by procedure "${proc.id}")`, fa: ` (قاعدهٔ «${item.id}» در فرایند «${proc.id}» به کار رفته است)` };
        problems.error(at(item.file, v.ptr, 'unknown-path', {
          en: `unknown data path "${v.path}": ${whose.en}${hint.en}${used.en}`,
          fa: `مسیر دادهٔ «${v.path}» شناخته نیست: ${whose.fa}${hint.fa}${used.fa}`,
        }));
      }
    }
  }
  for (const u of optionalUses.values()) {
    if (u.found) continue;
    const field = u.field;
    const hint = didYouMean(field, u.fields);
    const procs = [...new Set(u.procs)].join(', ');
    problems.error(at(u.item.file, u.v.ptr, 'unknown-path', {
      en: `unknown data path "${u.v.path}": no procedure that reads it (${procs}) has a field "${field}" there${hint.en}`,
      fa: `مسیر دادهٔ «${u.v.path}» شناخته نیست: هیچ‌یک از فرایندهایی که آن را می‌خوانند (${procs}) فیلدی به نام «${field}» ندارد${hint.fa}`,
    }));
  }
}
