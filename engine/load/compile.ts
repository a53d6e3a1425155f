/**
 * Compiles merged, checked definitions into the immutable Bundle the interpreter reads: defaults filled, forms
 * compiled to JSON Schema, parameter histories sorted with their provenance, and a content hash of every source.
 */
import { createHash } from 'node:crypto';
import type {
  Bundle, CalendarDef, ChecklistDef, ChecklistItem, EntityDef, FactDef, FormDef, FormField, LocationMap, Parameter, ParamType,
  ParamValue, Resolution, Role, Rule, Scenario, ScenarioStep, SourcePos, Text, TriggerDef, Unit,
} from '../model.js';
import { DEFAULT_CASE_NUMBER } from '../numbers.js';
import { compileChecklistSchema, compileFormSchema } from './compile-form.js';
import { compileShow } from './compile-show.js';
import { compileProcedure, strip } from './compile-procedure.js';
import type { Item } from './layer.js';
import type { Merged } from './overlay.js';
import { pointer } from './pointer.js';

type Obj = Record<string, unknown>;

/** JavaScript's getUTCDay numbering. */
export const WEEKDAYS: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };

/** How many nearest records a location field's map lists when its `map` does not say. */
export const DEFAULT_MAP_LIMIT = 5;

/** Defaults for what bundle.yaml may leave out. */
export const BUNDLE_DEFAULTS = { locale: 'fa-IR', timeZone: 'Asia/Tehran', weekend: [WEEKDAYS.friday] };

/** Where an item (or a pointer inside its file) is. */
export function sourceOf(item: Item, ptr = item.pointer): SourcePos {
  const p = item.file.locate(ptr);
  return { file: item.file.path, line: p.line, col: p.col, pointer: ptr, bundle: item.bundle };
}

/** sha256 over every source file's path and text, in path order. */
export function contentHash(files: { path: string; text: string }[]): string {
  const h = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    h.update(`${f.path.length}:${f.path}\0${f.text.length}:`);
    h.update(f.text);
    h.update('\0');
  }
  return h.digest('hex');
}

const mapOf = <T>(items: Iterable<Item>, f: (it: Item) => T): Map<string, T> => {
  const out = new Map<string, T>();
  for (const it of items) out.set(it.id, f(it));
  return out;
};

/** Builds the Bundle (call only when the checks found no errors). */
export function compileBundle(m: Merged, ruleParams: Map<string, string[]>): Bundle {
  const top = m.layers[m.layers.length - 1];
  const info = (top.info?.data ?? {}) as Obj;
  const inherited = (key: string): unknown => [...m.layers].reverse().map((l) => l.info?.data[key]).find((v) => v !== undefined);
  const resolutions = new Map<string, Resolution>();
  for (const r of m.resolutions) {
    resolutions.set(r.id, strip({
      id: r.id, title: r.data.title as Text, date: String(r.data.date), number: r.data.number as string | undefined,
      reference: r.data.reference as Text | undefined, sample: r.data.sample === true, modellingDefault: r.data.modelling_default === true, source: sourceOf(r),
    }));
  }
  const history = new Map<string, ParamValue[]>();
  for (const r of m.resolutions) {
    for (const [id, value] of Object.entries((r.data.sets ?? {}) as Obj)) {
      history.set(id, [...(history.get(id) ?? []), { value, resolution: resolutions.get(r.id) as Resolution, source: sourceOf(r, pointer(r.pointer, 'sets', id)) }]);
    }
  }
  const units = mapOf<Unit>(m.units.values(), (u) => ({ id: u.id, label: u.data.label as Text, source: sourceOf(u) }));
  /** The entity a `nearest` fact measures (a location field's map lists its records). */
  const nearestEntity = (fact: string) => String(((m.facts.get(fact)?.data.nearest ?? {}) as Obj).entity ?? '');
  const parameters = new Map<string, Parameter>();
  for (const [id, p] of m.parameters) {
    const d = p.decl.data;
    // Array.prototype.sort is stable: equal dates keep base-before-overlay (and file) order.
    const values = (history.get(id) ?? []).sort((a, b) => (a.resolution.date < b.resolution.date ? -1 : a.resolution.date > b.resolution.date ? 1 : 0));
    parameters.set(id, strip({
      id, type: p.type as ParamType, unit: d.unit as string | undefined, unitLabel: typeof d.unit === 'string' ? units.get(d.unit)?.label : undefined, label: d.label as Text,
      bounds: p.bounds.min === undefined && p.bounds.max === undefined ? undefined : { ...p.bounds },
      columns: d.columns, history: values, source: sourceOf(p.decl),
    }));
  }
  return {
    info: {
      id: top.id, name: (info.name ?? { fa: top.id }) as Text, lineage: m.layers.map((l) => l.id),
      locale: String(inherited('locale') ?? BUNDLE_DEFAULTS.locale), timeZone: String(inherited('time_zone') ?? BUNDLE_DEFAULTS.timeZone), calendar: 'jalali',
      caseNumber: String(inherited('case_number') ?? DEFAULT_CASE_NUMBER),
    },
    roles: mapOf<Role>(m.roles.values(), (r) => strip({ id: r.id, label: r.data.label as Text, external: r.data.external === true, keepsRegistry: r.data.keeps_registry === true, source: sourceOf(r), party: r.data.party as Role['party'] })),
    units,
    parameters,
    resolutions,
    rules: mapOf<Rule>(m.rules.values(), (r) => strip({
      id: r.id, label: r.data.label as Text, when: r.data.when, check: r.data.check, values: (r.data.values ?? {}) as Obj,
      message: r.data.message as Text, show: compileShow(m, units, r.data.show), params: ruleParams.get(r.id) ?? [], source: sourceOf(r),
    })),
    facts: mapOf<FactDef>(m.facts.values(), (f) => strip({
      id: f.id, label: f.data.label as Text | undefined, type: f.data.type as FactDef['type'], params: (f.data.params ?? []) as string[],
      nearest: f.data.nearest as FactDef['nearest'], count: f.data.count as FactDef['count'], sum: f.data.sum as FactDef['sum'],
      list: f.data.list as FactDef['list'], lookup: f.data.lookup as FactDef['lookup'], source: sourceOf(f),
    })),
    entities: mapOf<EntityDef>(m.entities.values(), (e) => strip({
      id: e.id, label: e.data.label as Text, key: String(e.data.key ?? 'id'), title: e.data.title as string | undefined,
      subtitle: e.data.subtitle as string | undefined, location: e.data.location as string | undefined, schema: e.data.schema as Obj, computed: (e.data.computed ?? {}) as Obj,
      computedLabels: e.data.computed_labels as Record<string, Text> | undefined, sensitive: e.data.sensitive as EntityDef['sensitive'], source: sourceOf(e),
    })),
    forms: mapOf<FormDef>(m.forms.values(), (f) => {
      const fields = compileFields(f.data.fields, nearestEntity);
      return { id: f.id, title: f.data.title as Text, fields, schema: compileFormSchema(f.data.title as Text, fields, f.data.description as Text | undefined, units), source: sourceOf(f) };
    }),
    checklists: mapOf<ChecklistDef>(m.checklists.values(), (c) => {
      // An item is a field (boolean unless it says otherwise) with its pass logic: the form compiler compiles it.
      const raw: Obj[] = ((c.data.items ?? []) as Obj[]).map((i) => ({ ...i, type: i.type ?? 'boolean' }));
      const items = compileFields(raw, nearestEntity).map((f, n) => strip<ChecklistItem>({
        ...f, required: false, pass: raw[n].pass, applies_when: raw[n].applies_when, critical: raw[n].critical !== false,
      }));
      return { id: c.id, title: c.data.title as Text, items, schema: compileChecklistSchema(c.data.title as Text, items, units), source: sourceOf(c) };
    }),
    procedures: mapOf(m.procedures.values(), (p) => compileProcedure(p, (ptr) => sourceOf(p, ptr))),
    triggers: mapOf<TriggerDef>(m.triggers.values(), (t) => strip({
      id: t.id, entity: String(t.data.entity), where: t.data.where, at: t.data.at,
      notify: t.data.notify as TriggerDef['notify'], start: t.data.start as TriggerDef['start'], source: sourceOf(t),
    })),
    calendar: compileCalendar(m.calendar),
    registry: Object.fromEntries([...m.records].map(([entity, recs]) => [entity, [...recs.values()].map((r) => r.data)])),
    scenarios: m.scenarios.map(compileScenario),
    hash: contentHash(m.layers.flatMap((l) => l.files)),
  };
}

/** `nearestEntity` names the entity a `nearest` fact measures (for a location field's map). */
function compileFields(raw: unknown, nearestEntity: (fact: string) => string): FormField[] {
  return ((raw ?? []) as Obj[]).map((f) => strip<FormField>({
    id: String(f.id), type: f.type as FormField['type'], label: f.label as Text, required: f.required === true,
    help: f.help as Text | undefined, unit: f.unit as string | undefined, min: f.min as number | undefined, max: f.max as number | undefined,
    min_length: f.min_length as number | undefined, max_length: f.max_length as number | undefined, pattern: f.pattern as string | undefined,
    options: f.options as FormField['options'], options_from: f.options_from as FormField['options_from'], entity: f.entity as string | undefined, of: f.of as FormField['of'],
    fields: f.fields === undefined ? undefined : compileFields(f.fields, nearestEntity), visible_when: f.visible_when, prefill: f.prefill, derive: f.derive,
    map: f.type === 'location' && f.map ? compileMap(f.map as Obj, nearestEntity) : undefined,
  }));
}

function compileMap(map: Obj, nearestEntity: (fact: string) => string): LocationMap {
  const nearby = String(map.nearby);
  const circle = (map.circle ?? undefined) as Obj | undefined;
  return strip<LocationMap>({
    nearby, entity: nearestEntity(nearby), circle: circle ? { param: String(circle.param) } : undefined,
    landmarks: ((map.landmarks ?? []) as unknown[]).map(String), limit: typeof map.limit === 'number' ? map.limit : DEFAULT_MAP_LIMIT,
  });
}

function compileCalendar(item: Item | undefined): CalendarDef {
  if (!item) return { weekend: [...BUNDLE_DEFAULTS.weekend], holidays: [] };
  const d = item.data;
  return strip({
    weekend: ((d.weekend ?? []) as string[]).map((w) => WEEKDAYS[w]).sort((a, b) => a - b),
    holidays: ((d.holidays ?? []) as Obj[]).map((h) => ({ date: String(h.date), label: h.label as Text })).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    source: d.source as Text | undefined,
  });
}

function compileScenario(sc: Item): Scenario {
  const d = sc.data;
  return strip({
    id: sc.id, title: d.title as Text | undefined, procedure: d.procedure === undefined ? '' : String(d.procedure), trigger: d.trigger as string | undefined, now: d.now as string | undefined,
    registry: (d.registry ?? {}) as Scenario['registry'], subject: d.subject as string | undefined, input: (d.input ?? {}) as Obj,
    actor: d.actor as string | undefined, assume: d.assume as Obj | undefined,
    steps: ((d.steps ?? []) as Obj[]).map((c, i) => strip<ScenarioStep>({
      complete: c.complete as string | undefined, return: c.return as string | undefined, to: c.to as string | undefined,
      reason: c.reason as string | undefined, start: c.start as string | undefined, subject: c.subject as string | undefined, input: c.input as Obj | undefined,
      item: c.item as string | undefined, outcome: c.outcome as string | undefined,
      data: c.data as Obj | undefined, as: c.as as string | undefined, advance: c.advance as ScenarioStep['advance'],
      expect_refused: c.expect_refused as string[] | undefined, expect_fields: c.expect_fields as string[] | undefined, source: sourceOf(sc, pointer(sc.pointer, 'steps', i)),
    })),
    expect: (d.expect ?? {}) as Scenario['expect'],
    source: sourceOf(sc),
  });
}
