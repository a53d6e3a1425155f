/**
 * Checks data-shaped definitions: entity schemas compile and name their key and location fields, sample records
 * match their entity's schema, and scenarios name existing procedures, steps, outcomes, roles, rules and records.
 */
import type { Problems } from './errors.js';
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

/** Checks entities and registry records. */
export function checkEntitiesAndRecords(m: Merged, problems: Problems): void {
  for (const e of m.entities.values()) {
    const compiled = compileUserSchema(e.data.schema as object);
    if (typeof compiled === 'string') {
      problems.error(at(e.file, pointer(e.pointer, 'schema'), 'bad-schema', `the schema of entity "${e.id}" does not compile: ${compiled}`));
      continue;
    }
    const props = ((e.data.schema as Obj).properties ?? {}) as Obj;
    for (const field of ['key', 'location'] as const) {
      const name = field === 'key' ? String(e.data.key ?? 'id') : e.data.location;
      if (typeof name === 'string' && Object.keys(props).length && !(name in props)) {
        problems.warn(at(e.file, pointer(e.pointer, field === 'key' && e.data.key === undefined ? 'id' : field), 'unknown-field',
          `the ${field} field "${name}" is not among the schema's properties${didYouMean(name, Object.keys(props))}`));
      }
    }
  }
  for (const [entity, records] of m.records) {
    const e = m.entities.get(entity) as Item;
    const compiled = compileUserSchema(e.data.schema as object);
    if (typeof compiled === 'string') continue;
    for (const rec of records.values()) {
      for (const bad of userSchemaProblems(compiled, rec.data).slice(0, 3)) {
        problems.error(at(rec.file, rec.pointer + bad.pointer, 'bad-record', `${entity} record "${rec.id}": ${bad.message} (see entity "${entity}")`));
      }
    }
  }
}

/** Checks the top bundle's scenarios. */
export function checkScenarios(m: Merged, problems: Problems): void {
  const roles = new Set([...m.roles.keys(), ADMIN_ROLE]);
  for (const sc of m.scenarios) {
    const err = (ptr: string, code: string, message: string, key = false): void => problems.error(at(sc.file, pointer(sc.pointer, ...ptr.split('/').filter(Boolean)), code, message, key));
    if (typeof sc.data.trigger === 'string') {
      checkTriggerScenario(m, sc, err);
      continue;
    }
    if (sc.data.procedure === undefined) {
      err('', 'missing-property', 'a scenario names the "procedure" it starts (or the "trigger" it tests)', true);
      continue;
    }
    const proc = m.procedures.get(String(sc.data.procedure));
    if (!proc) {
      err('procedure', 'unknown-procedure', `unknown procedure "${String(sc.data.procedure)}"${didYouMean(String(sc.data.procedure), m.procedures.keys())}`);
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
      if (!s) err(ptr, 'unknown-step', `procedure "${proc.id}" has no step "${id}"${didYouMean(id, steps.keys())}`);
      return s;
    };
    const taskRef = (ptr: string, id: string): Obj[] => {
      const found = taskSteps.get(id) ?? [];
      if (!found.length) err(ptr, 'unknown-step', `procedure "${proc.id}" (or a sub-procedure it starts) has no step "${id}"${didYouMean(id, taskSteps.keys())}`);
      return found;
    };
    if (typeof sc.data.actor === 'string' && !roles.has(sc.data.actor)) err('actor', 'unknown-role', `unknown role "${sc.data.actor}"${didYouMean(sc.data.actor, roles)}`);
    list(sc.data.steps).forEach((c, i) => {
      if (typeof c.as === 'string' && !roles.has(c.as)) err(`steps/${i}/as`, 'unknown-role', `unknown role "${c.as}"${didYouMean(c.as, roles)}`);
      if (typeof c.return === 'string') {
        const from = taskRef(`steps/${i}/return`, c.return);
        const targets = [...new Set(from.flatMap((s) => list(s.returns).map((r) => String(r.to))))];
        if (from.length && typeof c.to === 'string' && !targets.includes(c.to)) {
          err(`steps/${i}/to`, 'bad-return', `step "${c.return}" cannot send a case back to "${c.to}"${targets.length ? `; its returns: ${targets.join(', ')}` : ' — it declares no returns'}`);
        }
      }
      if (typeof c.start === 'string' && !m.procedures.has(c.start)) {
        err(`steps/${i}/start`, 'unknown-procedure', `unknown procedure "${c.start}"${didYouMean(c.start, m.procedures.keys())}`);
      }
      const found = typeof c.complete === 'string' ? taskRef(`steps/${i}/complete`, c.complete) : [];
      const outcomes = [...new Set(found.flatMap((s) => {
        const ids = list(s.outcomes).map((o) => String(o.id));
        if (s.next !== undefined && s.outcomes === undefined && s.kind !== 'inspection') ids.push('done');
        if (s.kind === 'inspection') ids.push('pass', 'fail');
        return ids;
      }))];
      if (found.length && typeof c.outcome === 'string' && !outcomes.includes(c.outcome)) {
        err(`steps/${i}/outcome`, 'unknown-outcome', `step "${String(c.complete)}" has no outcome "${c.outcome}"${didYouMean(c.outcome, outcomes)} (its outcomes: ${outcomes.join(', ')})`);
      }
      list(c.expect_refused).forEach((r, j) => ruleRef(m, sc, `steps/${i}/expect_refused/${j}`, r as unknown as string, err));
    });
    const expect = (sc.data.expect ?? {}) as Obj;
    list(expect.refused).forEach((r, j) => ruleRef(m, sc, `expect/refused/${j}`, r as unknown as string, err));
    list(expect.path).forEach((s, j) => stepRef(`expect/path/${j}`, s as unknown as string));
    list(expect.active).forEach((s, j) => stepRef(`expect/active/${j}`, s as unknown as string));
    if (typeof expect.result === 'string') {
      const results = new Set([...steps.values()].filter((s) => s.kind === 'end').map((s) => String(s.result)));
      if (!results.has(expect.result)) err('expect/result', 'unknown-result', `procedure "${proc.id}" never ends with result "${expect.result}"${didYouMean(expect.result, results)}`);
    }
    for (const entity of Object.keys((sc.data.registry ?? {}) as Obj)) {
      if (!m.entities.has(entity)) err(`registry/${entity}`, 'unknown-entity', `unknown entity "${entity}"${didYouMean(entity, m.entities.keys())}`, true);
    }
    const subjectEntity = (proc.data.subject as Obj | undefined)?.entity;
    if (typeof sc.data.subject === 'string' && typeof subjectEntity === 'string') {
      const inBundle = m.records.get(subjectEntity)?.has(sc.data.subject);
      const key = String(m.entities.get(subjectEntity)?.data.key ?? 'id');
      const inScenario = list(((sc.data.registry ?? {}) as Obj)[subjectEntity]).some((r) => String(r[key]) === sc.data.subject);
      if (!inBundle && !inScenario) {
        err('subject', 'unknown-record', `no ${subjectEntity} record "${sc.data.subject}" in the registry or in this scenario's registry${didYouMean(sc.data.subject, m.records.get(subjectEntity)?.keys() ?? [])}`);
      }
    }
  }
}

function ruleRef(m: Merged, _sc: Item, ptr: string, id: string, err: (ptr: string, code: string, message: string) => void): void {
  // A refusal code (e.g. case-already-open) stands for a refusal that names no rule.
  if (!m.rules.has(id) && !(REFUSAL_CODES as readonly string[]).includes(id)) err(ptr, 'unknown-rule', `unknown rule "${id}"${didYouMean(id, m.rules.keys())}`);
}

/** A trigger scenario names a declared trigger, and a record of the trigger's entity. */
function checkTriggerScenario(m: Merged, sc: Item, err: (ptr: string, code: string, message: string) => void): void {
  const id = String(sc.data.trigger);
  const trigger = m.triggers.get(id);
  if (!trigger) {
    err('trigger', 'unknown-trigger', `unknown trigger "${id}"${didYouMean(id, m.triggers.keys())}`);
    return;
  }
  if (typeof sc.data.subject !== 'string') err('', 'missing-property', `a trigger scenario names its record as "subject"`);
  const expect = (sc.data.expect ?? {}) as Obj;
  if (expect.fires_on === undefined && expect.fires === undefined) err('expect', 'missing-property', 'a trigger scenario expects "fires_on" (a date) or "fires: false"');
}
