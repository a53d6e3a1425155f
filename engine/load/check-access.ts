/**
 * Checks who-sees-what declarations: an entity's `sensitive:` groups name fields of its schema (or computed fields)
 * and declared roles, and no sensitive field is part of how a record is named (`title` / `subtitle`: a title is shown
 * to everyone who sees the record); a step's `confidential:` names declared roles.
 */
import { ADMIN_ROLE } from './check-refs.js';
import type { Msg, Problems } from './errors.js';
import { at } from './layer.js';
import type { Item } from './layer.js';
import type { Merged } from './overlay.js';
import { pointer } from './pointer.js';
import { didYouMean } from './suggest.js';

type Obj = Record<string, unknown>;
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const ids = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The fields a `{field}` / `{field.sub}` template names (their first segment). */
export function templateFields(template: unknown): string[] {
  if (typeof template !== 'string') return [];
  return [...template.matchAll(/\{([^{}]+)\}/g)].map((x) => x[1].trim().split('.')[0]);
}

/** Checks `sensitive:` on entities and `confidential:` on steps. */
export function checkAccess(m: Merged, problems: Problems): void {
  const roles = new Set([...m.roles.keys(), ADMIN_ROLE]);
  const unknownRole = (item: Item, ptr: string, role: unknown) => {
    if (typeof role !== 'string' || roles.has(role)) return;
    const hint = didYouMean(role, roles);
    problems.error(at(item.file, ptr, 'unknown-role', {
      en: `unknown role "${role}"${hint.en || ' — declare it in a roles file'}`,
      fa: `نقش «${role}» تعریف نشده است${hint.fa || ' — آن را در فایل نقش‌ها تعریف کنید'}`,
    }));
  };
  for (const e of m.entities.values()) checkEntity(e, unknownRole, (ptr, code, msg) => problems.error(at(e.file, ptr, code, msg)));
  for (const proc of m.procedures.values()) {
    list(proc.data.steps).forEach((s, i) => {
      const c = s.confidential as Obj | undefined;
      if (!c || typeof c !== 'object') return;
      ids(c.roles).forEach((role, k) => unknownRole(proc, pointer(proc.pointer, 'steps', i, 'confidential', 'roles', k), role));
    });
  }
}

function checkEntity(e: Item, unknownRole: (item: Item, ptr: string, role: unknown) => void, err: (ptr: string, code: string, msg: Msg) => void): void {
  const props = Object.keys(((e.data.schema as Obj | undefined)?.properties ?? {}) as Obj);
  const fields = new Set([...props, ...Object.keys((e.data.computed ?? {}) as Obj)]);
  const named = new Map<string, string>();
  for (const which of ['title', 'subtitle'] as const) for (const f of templateFields(e.data[which])) if (!named.has(f)) named.set(f, which);
  const seen = new Set<string>();
  list(e.data.sensitive).forEach((g, i) => {
    const gp = pointer(e.pointer, 'sensitive', i);
    ids(g.fields).forEach((f, k) => {
      if (typeof f !== 'string') return;
      const fp = pointer(gp, 'fields', k);
      if (!fields.has(f)) {
        const hint = didYouMean(f, fields);
        err(fp, 'unknown-field', {
          en: `entity "${e.id}" has no field "${f}"${hint.en || ' — name a top-level property of its schema (or a computed field)'}`,
          fa: `نوع ثبت «${e.id}» فیلد «${f}» ندارد${hint.fa || ' — یکی از ویژگی‌های سطح اول طرح‌وارهٔ آن (یا فیلدی محاسبه‌شده) را بنویسید'}`,
        });
      } else if (named.has(f)) {
        const where = named.get(f)!;
        err(fp, 'sensitive-in-title', {
          en: `the sensitive field "${f}" is part of the entity's ${where} — a record's ${where} is shown to everyone who sees the record; take "${f}" out of the ${where} or out of sensitive`,
          fa: `فیلد محرمانهٔ «${f}» در ${where === 'title' ? 'عنوان (title)' : 'زیرعنوان (subtitle)'} نوع ثبت آمده است — عنوان رکورد به همهٔ کسانی که آن را می‌بینند نشان داده می‌شود؛ «${f}» را از عنوان یا از فهرست محرمانه بردارید`,
        });
      } else if (seen.has(f)) {
        err(fp, 'duplicate-sensitive', {
          en: `the field "${f}" is already in another sensitive group of entity "${e.id}" — list each field in one group`,
          fa: `فیلد «${f}» در گروه محرمانهٔ دیگری از نوع ثبت «${e.id}» هم آمده است — هر فیلد را فقط در یک گروه بنویسید`,
        });
      }
      seen.add(f);
    });
    ids(g.roles).forEach((role, k) => unknownRole(e, pointer(gp, 'roles', k), role));
  });
}
