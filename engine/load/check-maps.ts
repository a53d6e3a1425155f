/**
 * Checks the maps of location fields and the facts they show: `nearby` names a `nearest` fact, `circle.param` a
 * number parameter (its value is a radius in metres), every landmark an entity with a location; a `nearest` fact
 * answers a distance (type number) or the nearest record (type object). Each problem is reported at its file:line:col.
 */
import type { Msg, Problems } from './errors.js';
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
    problems.error(at(f.file, pointer(f.pointer, 'type'), 'nearest-type', {
      en: `a nearest fact answers the distance (type: number) or the nearest record with its title and distance (type: object), not a ${String(f.data.type)}`,
      fa: `واقعیت نزدیک‌ترین (nearest) فاصله را می‌دهد (type: number) یا نزدیک‌ترین رکورد را با عنوان و فاصله‌اش (type: object)، نه ${String(f.data.type)}`,
    }));
  }
  for (const form of m.forms.values()) checkFields(m, form, pointer(form.pointer, 'fields'), form.data.fields, problems);
}

function checkFields(m: Merged, form: Item, ptr: string, fields: unknown, problems: Problems): void {
  list(fields).forEach((f, i) => {
    const fp = pointer(ptr, i);
    const map = obj(f.map);
    if (map && f.type !== 'location') {
      problems.warn(at(form.file, pointer(fp, 'map'), 'ignored-property', {
        en: `"map" only applies to location fields; field "${String(f.id)}" is a ${String(f.type)}`,
        fa: `«map» فقط برای فیلدهای موقعیت (location) است؛ فیلد «${String(f.id)}» از نوع ${String(f.type)} است`,
      }, true));
    } else if (map) checkMap(m, form, pointer(fp, 'map'), map, problems);
    checkFields(m, form, pointer(fp, 'fields'), f.fields, problems);
  });
}

function checkMap(m: Merged, form: Item, ptr: string, map: Obj, problems: Problems): void {
  const err = (p: string, code: string, message: Msg) => problems.error(at(form.file, p, code, message));
  const nearby = String(map.nearby);
  const fact = m.facts.get(nearby);
  if (!fact) {
    const dym = didYouMean(nearby, m.facts.keys());
    err(pointer(ptr, 'nearby'), 'unknown-fact', {
      en: `unknown fact "${nearby}"${dym.en || ' — declare a fact with "nearest:" in a facts file'}`,
      fa: `واقعیت «${nearby}» تعریف نشده است${dym.fa || ' — واقعیتی با «nearest:» در یک فایل facts تعریف کنید'}`,
    });
  } else if (fact.data.nearest === undefined) {
    const nearest = [...m.facts.values()].filter((x) => x.data.nearest !== undefined).map((x) => x.id);
    err(pointer(ptr, 'nearby'), 'not-nearest-fact', {
      en: `fact "${nearby}" is not a nearest fact, so it has no records to show on a map${nearest.length ? ` — nearest facts: ${nearest.join(', ')}` : ' — declare one with "nearest:"'}`,
      fa: `واقعیت «${nearby}» از نوع نزدیک‌ترین (nearest) نیست و رکوردی برای نمایش روی نقشه ندارد${nearest.length ? ` — واقعیت‌های نزدیک‌ترین: ${nearest.join('، ')}` : ' — یکی با «nearest:» تعریف کنید'}`,
    });
  }
  const circle = obj(map.circle);
  if (circle) {
    const id = String(circle.param);
    const p = m.parameters.get(id);
    if (!p) {
      const dym = didYouMean(id, m.parameters.keys());
      err(pointer(ptr, 'circle', 'param'), 'unknown-parameter', {
        en: `unknown parameter "${id}"${dym.en || ' — declare it in a parameters file'}`,
        fa: `پارامتر «${id}» تعریف نشده است${dym.fa || ' — آن را در یک فایل parameters تعریف کنید'}`,
      });
    } else if (p.type !== 'number' && p.type !== 'integer') {
      err(pointer(ptr, 'circle', 'param'), 'param-type', {
        en: `parameter "${id}" is a ${p.type}; a circle's radius needs a number of metres`,
        fa: `پارامتر «${id}» از نوع ${p.type} است؛ شعاع دایره عددی به متر لازم دارد`,
      });
    }
  }
  list(map.landmarks).forEach((_, j) => {
    const id = String((map.landmarks as unknown[])[j]);
    const lp = pointer(ptr, 'landmarks', j);
    const e = m.entities.get(id);
    if (!e) {
      const dym = didYouMean(id, m.entities.keys());
      err(lp, 'unknown-entity', {
        en: `unknown entity "${id}"${dym.en || ' — declare it in an entities file'}`,
        fa: `نوع رکورد «${id}» تعریف نشده است${dym.fa || ' — آن را در یک فایل entities تعریف کنید'}`,
      });
    } else if (e.data.location === undefined) {
      err(lp, 'no-location', {
        en: `entity "${id}" has no location field — add "location: <field>" to it so its records can be drawn`,
        fa: `نوع رکورد «${id}» فیلد موقعیت ندارد — «location: <فیلد>» را به آن بیفزایید تا رکوردهایش روی نقشه کشیده شوند`,
      });
    }
  });
}
