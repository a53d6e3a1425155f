/**
 * Checks that data written in the definitions names records that exist: sample registry records' `x-entity` fields,
 * and scenarios' start inputs, step data and own registry records (each scenario sees the bundle's registry with its
 * own records added). An unknown id — or the id of a record of another kind — is an error at the value. A scenario
 * that expects the form to be refused (`invalid-form`) is left alone: naming a missing record is what it tests.
 */
import type { FormField } from '../model.js';
import { formRefs, recordRefs } from '../records/refs.js';
import type { Msg, Problems } from './errors.js';
import { at } from './layer.js';
import type { Item } from './layer.js';
import type { Merged } from './overlay.js';
import { pointer } from './pointer.js';
import { didYouMean } from './suggest.js';

type Obj = Record<string, unknown>;
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/** Keys of the records of each entity: the bundle's, plus a scenario's own. */
type Keys = (entity: string) => Set<string>;

/** Checks the references of sample records and of scenarios. */
export function checkRecordReferences(m: Merged, problems: Problems): void {
  const bundleKeys = new Map<string, Set<string>>();
  for (const [entity, recs] of m.records) bundleKeys.set(entity, new Set(recs.keys()));
  const keysOf: Keys = (entity) => bundleKeys.get(entity) ?? new Set();
  const unknown = (item: Item, ptr: string, entity: string, value: unknown, keys: Keys, where: Msg): void => {
    const label = (m.entities.get(entity)?.data.label as { en?: string; fa: string } | undefined);
    // The id of a record of another kind is the commonest slip (a person where a place belongs): say which kind it is.
    const other = [...m.entities.keys()].find((k) => k !== entity && keys(k).has(String(value)));
    const otherLabel = other ? (m.entities.get(other)?.data.label as { en?: string; fa: string } | undefined) : undefined;
    const hint: Msg = other
      ? { en: ` — it is a ${otherLabel?.en ?? other} record (entity "${other}"); name a "${entity}" record here`, fa: ` — این شناسهٔ رکوردی از نوع «${otherLabel?.fa ?? other}» (${other}) است؛ اینجا رکوردی از نوع «${entity}» بنویسید` }
      : didYouMean(String(value), keys(entity));
    problems.error(at(item.file, ptr, other ? 'wrong-record-kind' : 'unknown-record', {
      en: `${where.en}: "${String(value)}" is not a ${label?.en ?? label?.fa ?? entity} record (entity "${entity}") in the registry${hint.en}`,
      fa: `${where.fa}: «${String(value)}» رکورد «${label?.fa ?? entity}» (${entity}) در ثبت‌ها نیست${hint.fa}`,
    }));
  };
  const schemaOf = (entity: string) => obj(m.entities.get(entity)?.data.schema);

  for (const [entity, recs] of m.records) {
    for (const rec of recs.values()) {
      for (const r of recordRefs(schemaOf(entity), rec.data)) {
        if (!keysOf(r.entity).has(String(r.value))) unknown(rec, rec.pointer + r.path, r.entity, r.value, keysOf, { en: `${entity} record "${rec.id}", field "${r.field}"`, fa: `رکورد ${entity} «${rec.id}»، فیلد «${r.field}»` });
      }
    }
  }
  for (const sc of m.scenarios) checkScenario(m, sc, keysOf, schemaOf, unknown);
}

function checkScenario(
  m: Merged, sc: Item, bundleKeys: Keys, schemaOf: (entity: string) => Obj | undefined,
  unknown: (item: Item, ptr: string, entity: string, value: unknown, keys: Keys, where: Msg) => void,
): void {
  const proc = m.procedures.get(String(sc.data.procedure));
  if (!proc) return;
  // The scenario's registry: the bundle's records plus its own (same key replaces, new keys add).
  const own = obj(sc.data.registry) ?? {};
  const extra = new Map<string, Set<string>>();
  for (const [entity, recs] of Object.entries(own)) {
    const key = String(m.entities.get(entity)?.data.key ?? 'id');
    extra.set(entity, new Set(list(recs).map((r) => String(r[key]))));
  }
  const keys: Keys = (entity) => new Set([...bundleKeys(entity), ...(extra.get(entity) ?? [])]);
  for (const [entity, recs] of Object.entries(own)) {
    list(recs).forEach((rec, i) => {
      for (const r of recordRefs(schemaOf(entity), rec)) {
        if (!keys(r.entity).has(String(r.value))) unknown(sc, pointer(sc.pointer, 'registry', entity, i) + r.path, r.entity, r.value, keys, { en: `scenario "${sc.id}", ${entity} record, field "${r.field}"`, fa: `سناریوی «${sc.id}»، رکورد ${entity}، فیلد «${r.field}»` });
      }
    });
  }
  const fieldsOf = (formId: unknown): FormField[] => (typeof formId === 'string' ? ((m.forms.get(formId)?.data.fields ?? []) as unknown as FormField[]) : []);
  const refusesForm = (expected: unknown) => list(expected).some((x) => (x as unknown) === 'invalid-form');
  const expect = obj(sc.data.expect) ?? {};
  if (!refusesForm(expect.refused)) {
    const start = obj(proc.data.start) ?? {};
    for (const r of formRefs(fieldsOf(start.form), obj(sc.data.input) ?? {})) {
      if (!keys(r.entity).has(String(r.value))) unknown(sc, pointer(sc.pointer, 'input') + r.path, r.entity, r.value, keys, { en: `scenario "${sc.id}", input "${r.field.id}"`, fa: `سناریوی «${sc.id}»، ورودی «${r.field.id}»` });
    }
  }
  // A step's data is checked by the form (and checklist) of every step of that id in the procedure and the
  // sub-procedures it starts.
  const steps = new Map<string, Obj[]>();
  const seen = new Set<string>();
  const queue: Item[] = [proc];
  for (let p = queue.shift(); p; p = queue.shift()) {
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    for (const s of list(p.data.steps)) {
      steps.set(String(s.id), [...(steps.get(String(s.id)) ?? []), s]);
      const child = s.kind === 'subprocedure' ? m.procedures.get(String(s.procedure)) : undefined;
      if (child) queue.push(child);
    }
  }
  list(sc.data.steps).forEach((c, i) => {
    if (typeof c.complete !== 'string' || !obj(c.data) || refusesForm(c.expect_refused)) return;
    for (const s of steps.get(c.complete) ?? []) {
      const fields = [...fieldsOf(s.form), ...(typeof s.checklist === 'string' ? ((m.checklists.get(s.checklist)?.data.items ?? []) as unknown as FormField[]) : [])];
      for (const r of formRefs(fields, obj(c.data)!)) {
        if (!keys(r.entity).has(String(r.value))) unknown(sc, pointer(sc.pointer, 'steps', i, 'data') + r.path, r.entity, r.value, keys, { en: `scenario "${sc.id}", step "${c.complete}", field "${r.field.id}"`, fa: `سناریوی «${sc.id}»، مرحلهٔ «${c.complete}»، فیلد «${r.field.id}»` });
      }
    }
  });
}
