/**
 * Every place in the merged definitions that holds JSON-Logic, with the element and pointer it sits at.
 */
import type { Item } from './layer.js';
import type { Merged } from './overlay.js';
import { pointer } from './pointer.js';

/** One logic expression and where it is written. */
export interface LogicSite {
  item: Item;
  /** Absolute pointer inside the item's file. */
  ptr: string;
  logic: unknown;
}

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

function list(v: unknown): Obj[] {
  return Array.isArray(v) ? (v as Obj[]) : [];
}

/** Collects every logic expression of the merged definitions. */
export function logicSites(m: Merged): LogicSite[] {
  const out: LogicSite[] = [];
  const add = (item: Item, ptr: string, logic: unknown): void => {
    if (logic !== undefined) out.push({ item, ptr, logic });
  };
  const addMap = (item: Item, ptr: string, map: unknown): void => {
    for (const [k, v] of Object.entries(obj(map) ?? {})) add(item, pointer(ptr, k), v);
  };
  const addEffects = (item: Item, ptr: string, effects: unknown): void => {
    list(effects).forEach((e, i) => {
      const update = obj(e.update);
      const create = obj(e.create);
      if (update) {
        add(item, pointer(ptr, i, 'update', 'id'), update.id);
        addMap(item, pointer(ptr, i, 'update', 'set'), update.set);
      }
      if (create) addMap(item, pointer(ptr, i, 'create', 'values'), create.values);
    });
  };
  const addFields = (item: Item, ptr: string, fields: unknown): void => {
    list(fields).forEach((f, i) => {
      add(item, pointer(ptr, i, 'visible_when'), f.visible_when);
      add(item, pointer(ptr, i, 'prefill'), f.prefill);
      add(item, pointer(ptr, i, 'derive'), f.derive);
      add(item, pointer(ptr, i, 'options_from', 'where'), obj(f.options_from)?.where);
      addFields(item, pointer(ptr, i, 'fields'), f.fields);
    });
  };

  for (const r of m.rules.values()) {
    add(r, pointer(r.pointer, 'when'), r.data.when);
    add(r, pointer(r.pointer, 'check'), r.data.check);
    addMap(r, pointer(r.pointer, 'values'), r.data.values);
  }
  for (const f of m.facts.values()) {
    for (const how of ['nearest', 'count', 'sum', 'list']) {
      const q = obj(f.data[how]);
      if (!q) continue;
      add(f, pointer(f.pointer, how, 'where'), q.where);
      add(f, pointer(f.pointer, how, 'value'), q.value);
    }
  }
  for (const e of m.entities.values()) addMap(e, pointer(e.pointer, 'computed'), e.data.computed);
  for (const f of m.forms.values()) addFields(f, pointer(f.pointer, 'fields'), f.data.fields);
  for (const c of m.checklists.values()) {
    list(c.data.items).forEach((it, i) => {
      add(c, pointer(c.pointer, 'items', i, 'pass'), it.pass);
      add(c, pointer(c.pointer, 'items', i, 'applies_when'), it.applies_when);
      add(c, pointer(c.pointer, 'items', i, 'prefill'), it.prefill);
      add(c, pointer(c.pointer, 'items', i, 'options_from', 'where'), obj(it.options_from)?.where);
    });
  }
  for (const p of m.procedures.values()) {
    add(p, pointer(p.pointer, 'start', 'judged_on'), obj(p.data.start)?.judged_on);
    list(p.data.steps).forEach((s, i) => {
      const sp = pointer(p.pointer, 'steps', i);
      add(p, pointer(sp, 'items'), s.items);
      add(p, pointer(sp, 'until'), s.until);
      const w = obj(s.with);
      if (w) {
        add(p, pointer(sp, 'with', 'subject'), w.subject);
        addMap(p, pointer(sp, 'with', 'input'), w.input);
      }
      const each = obj(s.each);
      if (each) for (const k of ['items', 'score', 'key', 'limit']) add(p, pointer(sp, 'each', k), each[k]);
      list(s.routes).forEach((r, j) => { add(p, pointer(sp, 'routes', j, 'when'), r.when); });
      list(s.outcomes).forEach((o, j) => { addEffects(p, pointer(sp, 'outcomes', j, 'effects'), o.effects); });
      addEffects(p, pointer(sp, 'effects'), s.effects);
    });
  }
  for (const t of m.triggers.values()) {
    add(t, pointer(t.pointer, 'where'), t.data.where);
    add(t, pointer(t.pointer, 'at'), t.data.at);
  }
  return out;
}
