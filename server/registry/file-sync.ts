/**
 * The registry files of a bundle and the live registry agree. When a new version of the definitions is published
 * (through the editor, or found on disk at start-up) and its registry files differ from the version before, the
 * difference is applied to the live records, in the transaction that records the version:
 *  - a record the files add is written (a live record of that key — retired, or kept by hand — takes the file's
 *    fields and is live again);
 *  - a record the files change gets the fields that changed in the files (set, or removed); its other fields — what
 *    cases and keepers wrote since — stay;
 *  - a record the files remove is retired (it stays readable by the cases that name it).
 * `planRegistrySync` says beforehand what would be added, changed (field by field, from the live value to the new one)
 * and retired, and what would not hold together (a record that no longer fits its schema, or names a missing or
 * retired record) — the editor's check shows it, and a publish with problems is refused with them.
 */
import type { Bundle, EntityDef, Text } from '../../engine/index.js';
import { optionLabel, recordTitle, toPersianDigits } from '../engine.js';
import { Problem } from '../problem.js';
import type { EntityStore } from '../store/types.js';
import { pointOf, recordProblems } from './records.js';
import { recordRefProblems } from './refs.js';

type Rec = Record<string, unknown>;

export interface SyncItem {
  entity: string;
  entityLabel: Text;
  id: string;
  title: string;
  /** For a change: each field that changes, by its title, from the live value to the new one (as people read them). */
  fields?: { path: string; label: string; before: string; after: string }[];
}

export interface RegistrySyncPlan {
  adds: SyncItem[];
  changes: SyncItem[];
  removals: SyncItem[];
  problems: { entity: string; id: string; title: string; message: Text }[];
  /** What to write: full records (put) and keys to retire. */
  writes: { def: EntityDef; id: string; rec: Rec; revive: boolean }[];
  retires: { def: EntityDef; id: string }[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const shown = (s: Record<string, unknown> | undefined, v: unknown): string => {
  if (v === undefined || v === null || v === '') return '';
  const l = optionLabel(s, v);
  if (l) return l.fa;
  if (typeof v === 'boolean') return v ? 'بله' : 'خیر';
  if (v && typeof v === 'object' && typeof (v as Text).fa === 'string') return (v as Text).fa;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
};

/** Records of a bundle's registry files by entity and key. */
function byKey(bundle: Bundle | undefined): Map<string, Map<string, Rec>> {
  const out = new Map<string, Map<string, Rec>>();
  if (!bundle) return out;
  for (const [entity, records] of Object.entries(bundle.registry)) {
    const key = bundle.entities.get(entity)?.key ?? 'id';
    out.set(entity, new Map(records.map((r) => [String(r[key]), r])));
  }
  return out;
}

/** What publishing `to` over `from` would do to the live registry (see the file comment). Writes nothing. */
export function planRegistrySync(from: Bundle | undefined, to: Bundle, entities: EntityStore): RegistrySyncPlan {
  const plan: RegistrySyncPlan = { adds: [], changes: [], removals: [], problems: [], writes: [], retires: [] };
  const before = byKey(from);
  const after = byKey(to);
  const planned = new Map<string, Rec>();
  const retiring = new Set<string>();
  const k = (e: string, id: string) => `${e}\u0000${id}`;
  const lookup = (e: string, id: string) => planned.get(k(e, id)) ?? entities.get(e, id);
  const titleOf = (e: string, rec: Rec) => recordTitle(to, e, rec, lookup).fa;

  for (const [entity, recs] of after) {
    const def = to.entities.get(entity);
    if (!def) continue;
    const props = (def.schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    const old = before.get(entity) ?? new Map<string, Rec>();
    for (const [id, rec] of recs) {
      const was = old.get(id);
      if (was && same(was, rec)) continue;
      const live = entities.get(entity, id);
      const meta = entities.meta(entity, id);
      let next: Rec;
      if (!was || !live) next = live ? { ...live, ...rec } : { ...rec };
      else {
        // Only what the files changed: the live record's other fields are the cases' and keepers'.
        next = { ...live };
        for (const f of new Set([...Object.keys(was), ...Object.keys(rec)])) {
          if (same(was[f], rec[f])) continue;
          if (rec[f] === undefined) delete next[f];
          else next[f] = rec[f];
        }
      }
      const revive = !!meta?.retired;
      if (live && same(live, next) && !revive) continue;
      planned.set(k(entity, id), next);
      plan.writes.push({ def, id, rec: next, revive });
      const label = def.label;
      if (!live) plan.adds.push({ entity, entityLabel: label, id, title: '' });
      else {
        const fields = [...new Set([...Object.keys(live), ...Object.keys(next)])]
          .filter((f) => !same(live[f], next[f]))
          .map((f) => ({ path: f, label: typeof props[f]?.title === 'string' ? (props[f].title as string) : f, before: shown(props[f], live[f]), after: shown(props[f], next[f]) }));
        plan.changes.push({ entity, entityLabel: label, id, title: '', fields });
      }
    }
  }
  for (const [entity, recs] of before) {
    const def = to.entities.get(entity) ?? from?.entities.get(entity);
    if (!def) continue;
    for (const id of recs.keys()) {
      if (after.get(entity)?.has(id)) continue;
      const live = entities.get(entity, id);
      if (!live || entities.meta(entity, id)?.retired) continue;
      retiring.add(k(entity, id));
      plan.retires.push({ def, id });
      plan.removals.push({ entity, entityLabel: def.label, id, title: titleOf(entity, live) });
    }
  }
  // Titles once every planned record is known (a title may read another record), then the problems.
  for (const item of [...plan.adds, ...plan.changes]) item.title = titleOf(item.entity, planned.get(k(item.entity, item.id))!);
  const retired = (e: string, id: string) => retiring.has(k(e, id)) || (!planned.has(k(e, id)) && !!entities.meta(e, id)?.retired);
  for (const w of plan.writes) {
    const previous = entities.get(w.def.id, w.id);
    const errs = [...recordProblems(w.def, w.rec), ...recordRefProblems(to, w.def, w.rec, lookup, { retired, previous })];
    for (const e of errs) plan.problems.push({ entity: w.def.id, id: w.id, title: titleOf(w.def.id, w.rec), message: e.message });
  }
  return plan;
}

/** Whether the plan changes anything. */
export const planChanges = (p: RegistrySyncPlan): boolean => p.writes.length + p.retires.length > 0;

/** The 422 of a publish whose registry files would not hold together with the live registry. */
export function registrySyncRefused(p: RegistrySyncPlan): Problem {
  const lines = p.problems.map((x) => `${x.title}: ${x.message.fa}`);
  return new Problem('invalid-record', {
    detail: `فایل‌های ثبت با ثبت‌های جاری سازگار نیستند (${toPersianDigits(String(p.problems.length))} ایراد)؛ چیزی منتشر نشد:\n${lines.join('\n')}`,
    detail_en: `The registry files do not hold together with the live registry (${p.problems.length} problems); nothing was published:\n${p.problems.map((x) => `${x.entity}/${x.id}: ${x.message.en ?? x.message.fa}`).join('\n')}`,
    extra: { errors: p.problems.map((x) => ({ path: `/${x.entity}/${x.id}`, message: x.message.en ?? x.message.fa })) },
  });
}

/** Applies a plan (in the caller's transaction): writes, revives and retires. */
export function applyRegistrySync(p: RegistrySyncPlan, entities: EntityStore, at: string, by: string, version: string): void {
  for (const w of p.writes) {
    const point = pointOf(w.def, w.rec);
    entities.put(w.def.id, w.id, w.rec, at, point);
    if (w.revive) entities.retire(w.def.id, w.id, null, at, point);
  }
  for (const r of p.retires) {
    entities.retire(r.def.id, r.id, { at, by, reason: `از فایل‌های ثبت برداشته شد (نسخهٔ ${version.slice(0, 12)})` }, at);
  }
}

/** The plan as the check endpoint answers it (without what to write). */
export function planSummary(p: RegistrySyncPlan) {
  const item = (x: SyncItem) => ({ entity: x.entity, entityLabel: x.entityLabel, id: x.id, title: x.title, ...(x.fields ? { fields: x.fields } : {}) });
  return { adds: p.adds.map(item), changes: p.changes.map(item), removals: p.removals.map(item), problems: p.problems };
}
