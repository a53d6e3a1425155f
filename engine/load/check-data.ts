/**
 * Checks data-shaped definitions: entity schemas compile and name their key and location fields, sample records
 * match their entity's schema, and scenarios name existing procedures, steps, outcomes, roles, rules and records.
 */
import type { Msg, Problems } from './errors.js';
import { at } from './layer.js';
import type { Item } from './layer.js';
import type { Merged } from './overlay.js';
import { pointer } from './pointer.js';
import { ADMIN_ROLE } from './check-refs.js';
import { REFUSAL_CODES } from '../interpret/refusal.js';
import { didYouMean } from './suggest.js';
import { compileUserSchema, userSchemaProblems } from './user-schema.js';

type Obj = Record<string, unknown>;
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/** Checks entities and registry records. */
export function checkEntitiesAndRecords(m: Merged, problems: Problems): void {
  for (const e of m.entities.values()) {
    const compiled = compileUserSchema(e.data.schema as object);
    if (typeof compiled === 'string') {
      problems.error(at(e.file, pointer(e.pointer, 'schema'), 'bad-schema', {
        en: `the schema of entity "${e.id}" does not compile: ${compiled}`,
        fa: `طرح‌وارهٔ (schema) نوع ثبت «${e.id}» کامپایل نمی‌شود: ${compiled}`,
      }));
      continue;
    }
    const props = ((e.data.schema as Obj).properties ?? {}) as Obj;
    for (const field of ['key', 'location'] as const) {
      const name = field === 'key' ? String(e.data.key ?? 'id') : e.data.location;
      if (typeof name === 'string' && Object.keys(props).length && !(name in props)) {
        const hint = didYouMean(name, Object.keys(props));
        problems.warn(at(e.file, pointer(e.pointer, field === 'key' && e.data.key === undefined ? 'id' : field), 'unknown-field', {
          en: `the ${field} field "${name}" is not among the schema's properties${hint.en}`,
          fa: `فیلد ${field === 'key' ? 'کلید' : 'مکان'} («${name}») در ویژگی‌های طرح‌واره نیست${hint.fa}`,
        }));
      }
    }
  }
  for (const [entity, records] of m.records) {
    const e = m.entities.get(entity) as Item;
    const compiled = compileUserSchema(e.data.schema as object);
    if (typeof compiled === 'string') continue;
    for (const rec of records.values()) {
      for (const bad of userSchemaProblems(compiled, rec.data).slice(0, 3)) {
        problems.error(at(rec.file, rec.pointer + bad.pointer, 'bad-record', {
          en: `${entity} record "${rec.id}": ${bad.message.en} (see entity "${entity}")`,
          fa: `رکورد «${rec.id}» از نوع ${entity}: ${bad.message.fa} (نوع ثبت «${entity}» را ببینید)`,
        }));
      }
    }
  }
}

/** Checks the top bundle's scenarios. */
export function checkScenarios(m: Merged, problems: Problems): void {
  const roles = new Set([...m.roles.keys(), ADMIN_ROLE]);
  for (const sc of m.scenarios) {
    const err = (ptr: string, code: string, message: Msg, key = false): void => problems.error(at(sc.file, pointer(sc.pointer, ...ptr.split('/').filter(Boolean)), code, message, key));
    if (typeof sc.data.trigger === 'string') {
      checkTriggerScenario(m, sc, err);
      continue;
    }
    if (sc.data.procedure === undefined) {
      err('', 'missing-property', {
        en: 'a scenario names the "procedure" it starts (or the "trigger" it tests)',
        fa: 'سناریو باید «procedure» (فرایندی که آغاز می‌کند) یا «trigger» (راه‌اندازی که می‌آزماید) را نام ببرد',
      }, true);
      continue;
    }
    const proc = m.procedures.get(String(sc.data.procedure));
    if (!proc) {
      const hint = didYouMean(String(sc.data.procedure), m.procedures.keys());
      err('procedure', 'unknown-procedure', {
        en: `unknown procedure "${String(sc.data.procedure)}"${hint.en}`,
        fa: `فرایند «${String(sc.data.procedure)}» تعریف نشده است${hint.fa}`,
      });
      continue;
    }
    const steps = new Map(list(proc.data.steps).map((s) => [String(s.id), s]));
    // A scenario may also complete the tasks of the sub-procedures its procedure starts.
    // Step ids may repeat across procedures: every step of that id is a candidate.
    const taskSteps = new Map([...steps].map(([id, s]) => [id, [s]]));
    const seen = new Set([proc.id]);
    const queue = [...steps.values()];
    for (let s = queue.shift(); s; s = queue.shift()) {
      const child = s.kind === 'subprocedure' ? m.procedures.get(String(s.procedure)) : undefined;
      if (!child || seen.has(child.id)) continue;
      seen.add(child.id);
      for (const cs of list(child.data.steps)) {
        taskSteps.set(String(cs.id), [...(taskSteps.get(String(cs.id)) ?? []), cs]);
        queue.push(cs);
      }
    }
    const stepRef = (ptr: string, id: string): Obj | undefined => {
      const s = steps.get(id);
      if (!s) {
        const hint = didYouMean(id, steps.keys());
        err(ptr, 'unknown-step', { en: `procedure "${proc.id}" has no step "${id}"${hint.en}`, fa: `فرایند «${proc.id}» مرحله‌ای به نام «${id}» ندارد${hint.fa}` });
      }
      return s;
    };
    const taskRef = (ptr: string, id: string): Obj[] => {
      const found = taskSteps.get(id) ?? [];
      if (!found.length) {
        const hint = didYouMean(id, taskSteps.keys());
        err(ptr, 'unknown-step', {
          en: `procedure "${proc.id}" (or a sub-procedure it starts) has no step "${id}"${hint.en}`,
          fa: `فرایند «${proc.id}» (و فرایندهای فرعی‌ای که آغاز می‌کند) مرحله‌ای به نام «${id}» ندارد${hint.fa}`,
        });
      }
      return found;
    };
    const roleRef = (ptr: string, role: unknown): void => {
      if (typeof role !== 'string' || roles.has(role)) return;
      const hint = didYouMean(role, roles);
      err(ptr, 'unknown-role', { en: `unknown role "${role}"${hint.en}`, fa: `نقش «${role}» تعریف نشده است${hint.fa}` });
    };
    roleRef('actor', sc.data.actor);
    list(sc.data.steps).forEach((c, i) => {
      roleRef(`steps/${i}/as`, c.as);
      if (typeof c.return === 'string') {
        const from = taskRef(`steps/${i}/return`, c.return);
        const targets = [...new Set(from.flatMap((s) => list(s.returns).map((r) => String(r.to))))];
        if (from.length && typeof c.to === 'string' && !targets.includes(c.to)) {
          err(`steps/${i}/to`, 'bad-return', {
            en: `step "${c.return}" cannot send a case back to "${c.to}"${targets.length ? `; its returns: ${targets.join(', ')}` : ' — it declares no returns'}`,
            fa: `مرحلهٔ «${c.return}» نمی‌تواند پرونده را به «${c.to}» بازگرداند${targets.length ? `؛ بازگشت‌های آن: ${targets.join('، ')}` : ' — هیچ بازگشتی (returns) تعریف نکرده است'}`,
          });
        }
      }
      if (typeof c.start === 'string' && !m.procedures.has(c.start)) {
        const hint = didYouMean(c.start, m.procedures.keys());
        err(`steps/${i}/start`, 'unknown-procedure', { en: `unknown procedure "${c.start}"${hint.en}`, fa: `فرایند «${c.start}» تعریف نشده است${hint.fa}` });
      }
      const found = typeof c.complete === 'string' ? taskRef(`steps/${i}/complete`, c.complete) : [];
      const outcomes = [...new Set(found.flatMap((s) => {
        const ids = list(s.outcomes).map((o) => String(o.id));
        if (s.next !== undefined && s.outcomes === undefined && s.kind !== 'inspection') ids.push('done');
        if (s.kind === 'inspection') ids.push('pass', 'fail');
        return ids;
      }))];
      if (found.length && typeof c.outcome === 'string' && !outcomes.includes(c.outcome)) {
        const hint = didYouMean(c.outcome, outcomes);
        err(`steps/${i}/outcome`, 'unknown-outcome', {
          en: `step "${String(c.complete)}" has no outcome "${c.outcome}"${hint.en} (its outcomes: ${outcomes.join(', ')})`,
          fa: `مرحلهٔ «${String(c.complete)}» نتیجه‌ای به نام «${c.outcome}» ندارد${hint.fa} (نتیجه‌های آن: ${outcomes.join('، ')})`,
        });
      }
      list(c.expect_refused).forEach((r, j) => { ruleRef(m, sc, `steps/${i}/expect_refused/${j}`, r as unknown as string, err); });
    });
    const expect = (sc.data.expect ?? {}) as Obj;
    list(expect.refused).forEach((r, j) => { ruleRef(m, sc, `expect/refused/${j}`, r as unknown as string, err); });
    // `values` describes failures of the refusal: each rule it names must be one the scenario expects to refuse.
    for (const [rule, want] of Object.entries((expect.values ?? {}) as Obj)) {
      const refused = (Array.isArray(expect.refused) ? expect.refused : []).map(String);
      if (!refused.includes(rule)) {
        err(`expect/values/${rule}`, 'values-without-refusal', {
          en: `"values" describes the failure of rule "${rule}", but "refused" does not list it (refused: ${refused.join(', ') || 'none'})`,
          fa: `«values» شکست قاعدهٔ «${rule}» را وصف می‌کند، ولی «refused» آن را نام نمی‌برد (refused: ${refused.join('، ') || 'هیچ'})؛ آن را به refused بیفزایید یا از values بردارید`,
        }, true);
      }
      const declared = Object.keys((m.rules.get(rule)?.data.values ?? {}) as Obj);
      for (const name of Object.keys((want ?? {}) as Obj)) {
        if (m.rules.has(rule) && !declared.includes(name)) {
          const dym = didYouMean(name, declared);
          err(`expect/values/${rule}/${name}`, 'unknown-value', {
            en: `rule "${rule}" has no value "${name}"${dym.en || ` (its values: ${declared.join(', ') || 'none'})`}`,
            fa: `قاعدهٔ «${rule}» مقداری به نام «${name}» ندارد${dym.fa || ` (مقدارهای آن: ${declared.join('، ') || 'هیچ'})`}`,
          }, true);
        }
      }
    }
    list(expect.path).forEach((s, j) => { stepRef(`expect/path/${j}`, s as unknown as string); });
    list(expect.active).forEach((s, j) => { stepRef(`expect/active/${j}`, s as unknown as string); });
    for (const stepId of Object.keys(obj(expect.selection) ?? {})) {
      const s = stepRef(`expect/selection/${stepId}`, stepId);
      if (s && !(s.kind === 'subprocedure' && obj(s.each))) {
        err(`expect/selection/${stepId}`, 'not-a-selection', {
          en: `step "${stepId}" selects nothing: only a subprocedure with "each" makes a selection`,
          fa: `مرحلهٔ «${stepId}» انتخابی نمی‌کند: تنها مرحلهٔ subprocedure با «each» نفراتی برمی‌گزیند`,
        });
      }
    }
    list(expect.children).forEach((c, j) => {
      if (typeof c.procedure === 'string' && !m.procedures.has(c.procedure)) {
        const hint = didYouMean(c.procedure, m.procedures.keys());
        err(`expect/children/${j}/procedure`, 'unknown-procedure', { en: `unknown procedure "${c.procedure}"${hint.en}`, fa: `فرایند «${c.procedure}» تعریف نشده است${hint.fa}` });
      }
      list(c.active).forEach((a, k) => { taskRef(`expect/children/${j}/active/${k}`, a as unknown as string); });
      list(c.path).forEach((a, k) => { taskRef(`expect/children/${j}/path/${k}`, a as unknown as string); });
    });
    list(expect.notices).forEach((n, j) => {
      if (typeof n.to === 'string' && !roles.has(n.to)) {
        const hint = didYouMean(n.to, roles);
        err(`expect/notices/${j}/to`, 'unknown-role', { en: `unknown role "${n.to}"${hint.en}`, fa: `نقش «${n.to}» تعریف نشده است${hint.fa}` });
      }
    });
    if (typeof expect.result === 'string') {
      const results = new Set([...steps.values()].filter((s) => s.kind === 'end').map((s) => String(s.result)));
      if (!results.has(expect.result)) {
        const hint = didYouMean(expect.result, results);
        err('expect/result', 'unknown-result', {
          en: `procedure "${proc.id}" never ends with result "${expect.result}"${hint.en}`,
          fa: `فرایند «${proc.id}» هرگز با نتیجهٔ «${expect.result}» پایان نمی‌یابد${hint.fa}`,
        });
      }
    }
    for (const entity of Object.keys((sc.data.registry ?? {}) as Obj)) {
      if (m.entities.has(entity)) continue;
      const hint = didYouMean(entity, m.entities.keys());
      err(`registry/${entity}`, 'unknown-entity', { en: `unknown entity "${entity}"${hint.en}`, fa: `نوع ثبت «${entity}» تعریف نشده است${hint.fa}` }, true);
    }
    const subjectEntity = (proc.data.subject as Obj | undefined)?.entity;
    if (typeof sc.data.subject === 'string' && typeof subjectEntity === 'string') {
      const inBundle = m.records.get(subjectEntity)?.has(sc.data.subject);
      const key = String(m.entities.get(subjectEntity)?.data.key ?? 'id');
      const inScenario = list(((sc.data.registry ?? {}) as Obj)[subjectEntity]).some((r) => String(r[key]) === sc.data.subject);
      if (!inBundle && !inScenario) {
        const hint = didYouMean(sc.data.subject, m.records.get(subjectEntity)?.keys() ?? []);
        err('subject', 'unknown-record', {
          en: `no ${subjectEntity} record "${sc.data.subject}" in the registry or in this scenario's registry${hint.en}`,
          fa: `رکوردی از نوع ${subjectEntity} با شناسهٔ «${sc.data.subject}» نه در ثبت‌ها هست و نه در ثبت‌های این سناریو${hint.fa}`,
        });
      }
    }
  }
}

function ruleRef(m: Merged, _sc: Item, ptr: string, id: string, err: (ptr: string, code: string, message: Msg) => void): void {
  // A refusal code (e.g. invalid-form, case-already-open) stands for a refusal that names no rule.
  if (m.rules.has(id) || (REFUSAL_CODES as readonly string[]).includes(id)) return;
  const hint = didYouMean(id, [...m.rules.keys(), ...REFUSAL_CODES]);
  err(ptr, 'unknown-rule', { en: `unknown rule "${id}"${hint.en}`, fa: `قاعدهٔ «${id}» تعریف نشده است${hint.fa}` });
}

/** A trigger scenario names a declared trigger, and a record of the trigger's entity. */
function checkTriggerScenario(m: Merged, sc: Item, err: (ptr: string, code: string, message: Msg) => void): void {
  const id = String(sc.data.trigger);
  const trigger = m.triggers.get(id);
  if (!trigger) {
    const hint = didYouMean(id, m.triggers.keys());
    err('trigger', 'unknown-trigger', { en: `unknown trigger "${id}"${hint.en}`, fa: `راه‌انداز (trigger) «${id}» تعریف نشده است${hint.fa}` });
    return;
  }
  if (typeof sc.data.subject !== 'string') {
    err('', 'missing-property', { en: 'a trigger scenario names its record as "subject"', fa: 'سناریوی راه‌انداز رکوردش را با «subject» نام می‌برد' });
  }
  const expect = (sc.data.expect ?? {}) as Obj;
  if (expect.fires_on === undefined && expect.fires === undefined) {
    err('expect', 'missing-property', {
      en: 'a trigger scenario expects "fires_on" (a date) or "fires: false"',
      fa: 'سناریوی راه‌انداز «fires_on» (یک تاریخ) یا «fires: false» را انتظار دارد',
    });
  }
}
