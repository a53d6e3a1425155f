/**
 * Merges bundle layers, base first: a later layer overrides an earlier one's elements by id; parameter declarations
 * merge (the base's type and bounds stay binding); resolutions accumulate; the last calendar wins; registry records
 * merge by entity and key; scenarios are the top layer's own (a base bundle's scenarios are not re-run).
 */
import type { Problems } from './errors.js';
import { at, where } from './layer.js';
import type { Elements, Item, Layer, RecordItem } from './layer.js';
import { pointer } from './pointer.js';
import { didYouMean } from './suggest.js';

/** A parameter after merging its declarations. */
export interface ParamEntry {
  /** The latest declaration, with the earlier ones' properties merged under it. */
  decl: Item;
  type: string;
  bounds: { min?: number; max?: number };
  /** The declaration each bound comes from. */
  boundFrom: { min?: Item; max?: Item };
}

/** The merged definitions of a bundle and everything it extends. */
export interface Merged {
  /** Base first; the last is the bundle being loaded. */
  layers: Layer[];
  roles: Map<string, Item>;
  units: Map<string, Item>;
  parameters: Map<string, ParamEntry>;
  /** Every resolution of every layer, base first (one overridden by id in a later layer is dropped). */
  resolutions: Item[];
  rules: Map<string, Item>;
  facts: Map<string, Item>;
  entities: Map<string, Item>;
  forms: Map<string, Item>;
  checklists: Map<string, Item>;
  procedures: Map<string, Item>;
  triggers: Map<string, Item>;
  calendar?: Item;
  /** Entity id → record key → record. */
  records: Map<string, Map<string, RecordItem>>;
  scenarios: Item[];
}

const BY_ID: (keyof Elements)[] = ['roles', 'units', 'rules', 'facts', 'entities', 'forms', 'checklists', 'procedures', 'triggers'];

/** Merges layers (base first) into one set of definitions. */
export function mergeLayers(layers: Layer[], problems: Problems): Merged {
  const top = layers[layers.length - 1];
  const m: Merged = {
    layers, parameters: new Map(), resolutions: [], records: new Map(), scenarios: top.scenarios,
    roles: new Map(), units: new Map(), rules: new Map(), facts: new Map(), entities: new Map(), forms: new Map(), checklists: new Map(),
    procedures: new Map(), triggers: new Map(),
  };
  for (const layer of layers) {
    for (const kind of BY_ID) {
      const target = m[kind] as Map<string, Item>;
      for (const it of layer[kind]) if (!isDuplicateInLayer(layer[kind], it)) target.set(it.id, it);
    }
    for (const it of layer.parameters) if (!isDuplicateInLayer(layer.parameters, it)) mergeParameter(m.parameters, it, problems);
    m.resolutions = replaceResolutions(m.resolutions, layer.resolutions, problems);
    if (layer.calendar) m.calendar = layer.calendar;
  }
  mergeRecords(m, problems);
  return m;
}

/**
 * A layer's resolutions added to its bases'. Reusing a base resolution's id is an error (it would silently drop the
 * base's values on some dates) unless the resolution says `replaces: <that id>`; `replaces: <id>` with a new id
 * drops the base resolution of that id and all its values. A `replaces` naming no base resolution is an error.
 */
function replaceResolutions(base: Item[], own: Item[], problems: Problems): Item[] {
  const byId = new Map(base.map((r) => [r.id, r]));
  const dropped = new Set<string>();
  for (const r of own) {
    const replaces = typeof r.data.replaces === 'string' ? r.data.replaces : undefined;
    const same = byId.get(r.id);
    if (same && replaces !== r.id) {
      problems.error(at(r.file, pointer(r.pointer, 'id'), 'resolution-reused', {
        en: `resolution "${r.id}" has the id of a resolution of bundle "${same.bundle}" (${where(same)}): give it a new id to add values, or write "replaces: ${r.id}" to replace that resolution and all of its values`,
        fa: `مصوبهٔ «${r.id}» شناسهٔ مصوبه‌ای از بستهٔ «${same.bundle}» (${where(same)}) را دارد: برای افزودن مقدار شناسهٔ تازه‌ای به آن بدهید، یا «replaces: ${r.id}» بنویسید تا آن مصوبه و همهٔ مقدارهایش جایگزین شود`,
      }));
    }
    if (replaces === undefined) continue;
    if (!byId.has(replaces)) {
      const hint = didYouMean(replaces, byId.keys());
      problems.error(at(r.file, pointer(r.pointer, 'replaces'), 'unknown-resolution', {
        en: `resolution "${r.id}" replaces "${replaces}", but no base bundle has a resolution of that id${hint.en}`,
        fa: `مصوبهٔ «${r.id}» جای «${replaces}» را می‌گیرد، ولی هیچ بستهٔ پایه‌ای مصوبه‌ای با این شناسه ندارد${hint.fa}`,
      }));
      continue;
    }
    dropped.add(replaces);
  }
  for (const r of own) if (byId.has(r.id)) dropped.add(r.id);
  return [...base.filter((r) => !dropped.has(r.id)), ...own];
}

function isDuplicateInLayer(list: Item[], it: Item): boolean {
  return list.find((x) => x.id === it.id) !== it;
}

function mergeParameter(params: Map<string, ParamEntry>, it: Item, problems: Problems): void {
  const prev = params.get(it.id);
  const bounds = (it.data.bounds ?? {}) as { min?: number; max?: number };
  if (!prev) {
    params.set(it.id, {
      decl: it, type: String(it.data.type), bounds: { ...bounds },
      boundFrom: { min: bounds.min === undefined ? undefined : it, max: bounds.max === undefined ? undefined : it },
    });
    return;
  }
  if (it.data.type !== prev.type) {
    problems.error(at(it.file, pointer(it.pointer, 'type'), 'param-type-changed', {
      en: `parameter "${it.id}" is declared as ${prev.type} in bundle "${prev.decl.bundle}" (${where(prev.decl)}); an overlay may not change its type to ${String(it.data.type)}`,
      fa: `پارامتر «${it.id}» در بستهٔ «${prev.decl.bundle}» (${where(prev.decl)}) از نوع ${prev.type} تعریف شده است؛ بستهٔ استانی نمی‌تواند نوع آن را به ${String(it.data.type)} تغییر دهد`,
    }));
  }
  const entry: ParamEntry = { decl: { ...it, data: { ...prev.decl.data, ...it.data, type: prev.type } }, type: prev.type, bounds: { ...prev.bounds }, boundFrom: { ...prev.boundFrom } };
  // The base's bounds stay binding: an overlay may only narrow them.
  if (bounds.min !== undefined) {
    if (entry.bounds.min !== undefined && bounds.min < entry.bounds.min) {
      const pos = where(prev.boundFrom.min as Item);
      problems.warn(at(it.file, pointer(it.pointer, 'bounds', 'min'), 'bounds-loosened', {
        en: `the minimum ${bounds.min} is below the base's minimum ${entry.bounds.min} (${pos}), which stays binding`,
        fa: `کمینهٔ ${bounds.min} کمتر از کمینهٔ بستهٔ پایه (${entry.bounds.min}، ${pos}) است و همان کمینهٔ پایه معتبر می‌ماند`,
      }));
    } else {
      entry.bounds.min = bounds.min;
      entry.boundFrom.min = it;
    }
  }
  if (bounds.max !== undefined) {
    if (entry.bounds.max !== undefined && bounds.max > entry.bounds.max) {
      const pos = where(prev.boundFrom.max as Item);
      problems.warn(at(it.file, pointer(it.pointer, 'bounds', 'max'), 'bounds-loosened', {
        en: `the maximum ${bounds.max} is above the base's maximum ${entry.bounds.max} (${pos}), which stays binding`,
        fa: `بیشینهٔ ${bounds.max} بیشتر از بیشینهٔ بستهٔ پایه (${entry.bounds.max}، ${pos}) است و همان بیشینهٔ پایه معتبر می‌ماند`,
      }));
    } else {
      entry.bounds.max = bounds.max;
      entry.boundFrom.max = it;
    }
  }
  entry.decl.data.bounds = { ...entry.bounds };
  params.set(it.id, entry);
}

function mergeRecords(m: Merged, problems: Problems): void {
  for (const layer of m.layers) {
    const seen = new Map<string, RecordItem>();
    const reportedEntity = new Set<string>();
    for (const rec of layer.records) {
      const entity = m.entities.get(rec.entity);
      if (!entity) {
        const k = `${rec.file.path}\0${rec.entity}`;
        if (!reportedEntity.has(k)) {
          reportedEntity.add(k);
          const hint = didYouMean(rec.entity, m.entities.keys());
          problems.error(at(rec.file, pointer('/records', rec.entity), 'unknown-entity', {
            en: `unknown entity "${rec.entity}"${hint.en} — declare it in an entities file`,
            fa: `نوع ثبت «${rec.entity}» تعریف نشده است${hint.fa} — آن را در فایلی از نوع entities تعریف کنید`,
          }, true));
        }
        continue;
      }
      const keyField = String(entity.data.key ?? 'id');
      const key = rec.data[keyField];
      if (typeof key !== 'string' && typeof key !== 'number') {
        problems.error(at(rec.file, rec.pointer, 'missing-key', {
          en: `this ${rec.entity} record has no "${keyField}" (the entity's key field)`,
          fa: `این رکورد ${rec.entity} فیلد «${keyField}» (کلید نوع ثبت) را ندارد`,
        }));
        continue;
      }
      const id = String(key);
      const dupKey = `${rec.entity}\0${id}`;
      const prev = seen.get(dupKey);
      if (prev) {
        problems.error(at(rec.file, pointer(rec.pointer, keyField), 'duplicate-id', {
          en: `duplicate ${rec.entity} record "${id}" — already at ${where(prev)}`,
          fa: `رکورد ${rec.entity} با شناسهٔ «${id}» تکراری است — پیش‌تر در ${where(prev)} آمده است`,
        }));
        continue;
      }
      seen.set(dupKey, rec);
      const byKey = m.records.get(rec.entity) ?? new Map<string, RecordItem>();
      byKey.set(id, { ...rec, id });
      m.records.set(rec.entity, byKey);
    }
  }
}

