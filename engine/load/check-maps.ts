/**
 * Checks the maps of location fields and the facts they show: `nearby` names a `nearest` fact, `circle.param` a
 * number parameter (its value is a radius in metres), every landmark an entity with a location; a `nearest` fact
 * answers a distance (type number) or the nearest record (type object). Each problem is reported at its file:line:col.
 */
import type { Problems } from './errors.js';
import { at } from './layer.js';
import type { Item } from './layer.js';
import type { Merged } from './overlay.js';
import { pointer } from './pointer.js';
import { didYouMean } from './suggest.js';

type Obj = Record<string, unknown>;

const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/** The fact types a `nearest` fact may declare, and what each answers. */
const NEAREST_TYPES = ['number', 'object'];

/** Checks every location field's `map` and every `nearest` fact's type. */
export function checkMaps(m: Merged, problems: Problems): void {
  for (const f of m.facts.values()) {
    if (f.data.nearest === undefined || NEAREST_TYPES.includes(String(f.data.type))) continue;
    problems.error(at(f.file, pointer(f.pointer, 'type'), 'nearest-type',
      `a nearest fact answers the distance (type: number) or the nearest record with its title and distance (type: object), not a ${String(f.data.type)}`));
  }
  for (const form of m.forms.values()) checkFields(m, form, pointer(form.pointer, 'fields'), form.data.fields, problems);
}

function checkFields(m: Merged, form: Item, ptr: string, fields: unknown, problems: Problems): void {
  list(fields).forEach((f, i) => {
    const fp = pointer(ptr, i);
    const map = obj(f.map);
    if (map && f.type !== 'location') {
      problems.warn(at(form.file, pointer(fp, 'map'), 'ignored-property', `"map" only applies to location fields; field "${String(f.id)}" is a ${String(f.type)}`, true));
    } else if (map) checkMap(m, form, pointer(fp, 'map'), map, problems);
    checkFields(m, form, pointer(fp, 'fields'), f.fields, problems);
  });
}

function checkMap(m: Merged, form: Item, ptr: string, map: Obj, problems: Problems): void {
  const err = (p: string, code: string, message: string) => problems.error(at(form.file, p, code, message));
  const nearby = String(map.nearby);
  const fact = m.facts.get(nearby);
  if (!fact) {
    err(pointer(ptr, 'nearby'), 'unknown-fact', `unknown fact "${nearby}"${didYouMean(nearby, m.facts.keys()) || ' — declare a fact with "nearest:" in a facts file'}`);
  } else if (fact.data.nearest === undefined) {
    const nearest = [...m.facts.values()].filter((x) => x.data.nearest !== undefined).map((x) => x.id);
    err(pointer(ptr, 'nearby'), 'not-nearest-fact',
      `fact "${nearby}" is not a nearest fact, so it has no records to show on a map${nearest.length ? ` — nearest facts: ${nearest.join(', ')}` : ' — declare one with "nearest:"'}`);
  }
  const circle = obj(map.circle);
  if (circle) {
    const id = String(circle.param);
    const p = m.parameters.get(id);
    if (!p) err(pointer(ptr, 'circle', 'param'), 'unknown-parameter', `unknown parameter "${id}"${didYouMean(id, m.parameters.keys()) || ' — declare it in a parameters file'}`);
    else if (p.type !== 'number' && p.type !== 'integer') {
      err(pointer(ptr, 'circle', 'param'), 'param-type', `parameter "${id}" is a ${p.type}; a circle's radius needs a number of metres`);
    }
  }
  list(map.landmarks).forEach((_, j) => {
    const id = String((map.landmarks as unknown[])[j]);
    const lp = pointer(ptr, 'landmarks', j);
    const e = m.entities.get(id);
    if (!e) err(lp, 'unknown-entity', `unknown entity "${id}"${didYouMean(id, m.entities.keys()) || ' — declare it in an entities file'}`);
    else if (e.data.location === undefined) err(lp, 'no-location', `entity "${id}" has no location field — add "location: <field>" to it so its records can be drawn`);
  });
}
