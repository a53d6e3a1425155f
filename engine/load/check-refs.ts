/**
 * Checks that every id a definition names exists: roles, forms, checklists, rules (guards), entities and
 * procedures, in procedures, facts, forms, triggers and scenarios. Each unknown id comes with a "did you mean".
 */
import type { Problems } from './errors.js';
import { at } from './layer.js';
import type { Item } from './layer.js';
import type { Merged } from './overlay.js';
import { pointer } from './pointer.js';
import { didYouMean, namesIn } from './suggest.js';

type Obj = Record<string, unknown>;

/** The built-in administrators' role; definitions never declare it. */
export { ADMIN_ROLE } from '../model.js';
import { ADMIN_ROLE } from '../model.js';

/** What each kind of reference is called in Persian. */
const WHAT = { role: 'نقش', form: 'فرم', checklist: 'فهرست بازبینی', rule: 'قاعدهٔ', entity: 'نوع ثبت', procedure: 'فرایند' } as const;

const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/** Checks every reference between definitions. */
export function checkReferences(m: Merged, problems: Problems): void {
  const roles = new Set([...m.roles.keys(), ADMIN_ROLE]);
  const known = {
    role: roles, form: new Set(m.forms.keys()), checklist: new Set(m.checklists.keys()), rule: new Set(m.rules.keys()),
    entity: new Set(m.entities.keys()), procedure: new Set(m.procedures.keys()),
  };
  type What = keyof typeof known;
  const ref = (item: Item, ptr: string, what: What, id: unknown): boolean => {
    if (typeof id !== 'string' || known[what].has(id)) return true;
    const hint = didYouMean(id, known[what]);
    const name = WHAT[what];
    const fix = what === 'procedure'
      ? { en: 'add a procedure file with that id', fa: 'فایل فرایندی با این شناسه بیفزایید' }
      : { en: `declare it in a ${what === 'entity' ? 'entities' : `${what}s`} file`, fa: `آن را در فایلی از نوع ${what === 'entity' ? 'entities' : `${what}s`} تعریف کنید` };
    problems.error(at(item.file, ptr, `unknown-${what}`, {
      en: `unknown ${what} "${id}"${hint.en}${hint.en ? '' : ` — ${fix.en}`}`,
      fa: `${name} «${id}» تعریف نشده است${hint.fa}${hint.fa ? '' : ` — ${fix.fa}`}`,
    }));
    return false;
  };
  const guards = (item: Item, ptr: string, ids: unknown): void => {
    (Array.isArray(ids) ? ids : []).forEach((g, i) => { ref(item, pointer(ptr, i), 'rule', g); });
  };
  const effects = (item: Item, ptr: string, list_: unknown): void => {
    list(list_).forEach((e, i) => {
      ref(item, pointer(ptr, i, 'update', 'entity'), 'entity', obj(e.update)?.entity);
      ref(item, pointer(ptr, i, 'create', 'entity'), 'entity', obj(e.create)?.entity);
      ref(item, pointer(ptr, i, 'notify', 'to'), 'role', obj(e.notify)?.to);
    });
  };

  for (const p of m.procedures.values()) {
    const start = obj(p.data.start) ?? {};
    ref(p, pointer(p.pointer, 'subject', 'entity'), 'entity', obj(p.data.subject)?.entity);
    list(start.roles).forEach((_, i) => { ref(p, pointer(p.pointer, 'start', 'roles', i), 'role', (start.roles as string[])[i]); });
    ref(p, pointer(p.pointer, 'start', 'form'), 'form', start.form);
    guards(p, pointer(p.pointer, 'start', 'guards'), start.guards);
    list(p.data.steps).forEach((s, i) => {
      const sp = pointer(p.pointer, 'steps', i);
      ref(p, pointer(sp, 'role'), 'role', s.role);
      ref(p, pointer(sp, 'waits_for'), 'role', s.waits_for);
      if (ref(p, pointer(sp, 'target'), 'role', s.target) && typeof s.target === 'string' && m.roles.get(s.target)?.data.external !== true) {
        problems.warn(at(p.file, pointer(sp, 'target'), 'target-not-external', {
          en: `role "${s.target}" is not marked external: true, yet it is the target of an inquiry`,
          fa: `نقش «${s.target}» با external: true مشخص نشده، ولی مخاطب استعلام است`,
        }));
      }
      ref(p, pointer(sp, 'to'), 'role', s.to);
      ref(p, pointer(sp, 'form'), 'form', s.form);
      ref(p, pointer(sp, 'checklist'), 'checklist', s.checklist);
      ref(p, pointer(sp, 'item_entity'), 'entity', s.item_entity);
      if (s.kind === 'subprocedure') ref(p, pointer(sp, 'procedure'), 'procedure', s.procedure);
      const each = obj(s.each);
      if (each) {
        ref(p, pointer(sp, 'each', 'item_entity'), 'entity', each.item_entity);
        guards(p, pointer(sp, 'each', 'eligible'), each.eligible);
      }
      const outcomeIds = new Map<string, number>();
      list(s.outcomes).forEach((o, j) => {
        const op = pointer(sp, 'outcomes', j);
        if (outcomeIds.has(String(o.id))) {
          problems.error(at(p.file, pointer(op, 'id'), 'duplicate-id', {
            en: `duplicate outcome id "${String(o.id)}" in step "${String(s.id)}"`,
            fa: `شناسهٔ نتیجهٔ «${String(o.id)}» در مرحلهٔ «${String(s.id)}» تکراری است`,
          }));
        }
        outcomeIds.set(String(o.id), j);
        guards(p, pointer(op, 'guards'), o.guards);
        effects(p, pointer(op, 'effects'), o.effects);
      });
      effects(p, pointer(sp, 'effects'), s.effects);
      const all = obj(s.next)?.all;
      if (s.kind === 'inquiry-each' && typeof all === 'string' && !outcomeIds.has(all)) {
        const hint = didYouMean(all, outcomeIds.keys());
        problems.error(at(p.file, pointer(sp, 'next', 'all'), 'unknown-outcome', {
          en: `step "${String(s.id)}" has no outcome "${all}"${hint.en}`,
          fa: `مرحلهٔ «${String(s.id)}» نتیجه‌ای به نام «${all}» ندارد${hint.fa}`,
        }));
      }
    });
  }
  for (const f of m.facts.values()) {
    for (const how of ['nearest', 'count', 'sum', 'list', 'lookup']) {
      const entity = obj(f.data[how])?.entity;
      if (entity === undefined || !ref(f, pointer(f.pointer, how, 'entity'), 'entity', entity) || how !== 'nearest') continue;
      if (m.entities.get(String(entity))?.data.location === undefined) {
        problems.error(at(f.file, pointer(f.pointer, how, 'entity'), 'no-location', {
          en: `entity "${String(entity)}" has no location field — add "location: <field>" to it so nearest can measure distances`,
          fa: `نوع ثبت «${String(entity)}» فیلد مکان ندارد — «location: <فیلد>» را به آن بیفزایید تا nearest بتواند فاصله را بسنجد`,
        }));
      }
    }
  }
  for (const form of m.forms.values()) checkFields(form, pointer(form.pointer, 'fields'), form.data.fields, (ptr, id) => ref(form, ptr, 'entity', id), problems);
  // A label for a computed field that does not exist is a typo: it would label nothing.
  for (const e of m.entities.values()) {
    const computed = Object.keys(obj(e.data.computed) ?? {});
    for (const name of Object.keys(obj(e.data.computed_labels) ?? {})) {
      if (computed.includes(name)) continue;
      const hint = didYouMean(name, computed);
      problems.error(at(e.file, pointer(e.pointer, 'computed_labels', name), 'unknown-computed', {
        en: `"${name}" is not a computed field of entity "${e.id}"${hint.en}`,
        fa: `«${name}» فیلد محاسبه‌شدهٔ نوع رکورد «${e.id}» نیست${hint.fa}`,
      }, true));
    }
  }
  for (const t of m.triggers.values()) {
    ref(t, pointer(t.pointer, 'entity'), 'entity', t.data.entity);
    ref(t, pointer(t.pointer, 'notify', 'to'), 'role', obj(t.data.notify)?.to);
    ref(t, pointer(t.pointer, 'start', 'procedure'), 'procedure', obj(t.data.start)?.procedure);
  }
  for (const c of m.checklists.values()) checkFields(c, pointer(c.pointer, 'items'), c.data.items, (ptr, id) => ref(c, ptr, 'entity', id), problems, 'item');
  const admin = m.roles.get(ADMIN_ROLE);
  if (admin) {
    problems.warn(at(admin.file, pointer(admin.pointer, 'id'), 'reserved-role', {
      en: `"${ADMIN_ROLE}" is built in; definitions need not declare it — remove it from the roles`,
      fa: `نقش «${ADMIN_ROLE}» از پیش در سامانه هست و تعریفش لازم نیست — آن را از نقش‌ها بردارید`,
    }));
  }
  checkPlaceholders(m, problems);
}

/** `{name}` in a rule's message must be one of its `values` (or a data path such as `{input.area}`). */
function checkPlaceholders(m: Merged, problems: Problems): void {
  for (const r of m.rules.values()) {
    const values = Object.keys(obj(r.data.values) ?? {});
    for (const lang of ['fa', 'en']) {
      const text = obj(r.data.message)?.[lang];
      if (typeof text !== 'string') continue;
      for (const [, name] of text.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
        if (values.includes(name)) continue;
        const hint = didYouMean(name, values);
        const listed = namesIn(values);
        problems.warn(at(r.file, pointer(r.pointer, 'message', lang), 'unknown-placeholder', {
          en: `{${name}} is not one of this rule's values${hint.en || (values.length ? ` (${values.join(', ')})` : ' (it has none)')} — it will be shown as is`,
          fa: `{${name}} از مقادیر (values) این قاعده نیست${hint.fa || (values.length ? ` (${listed.fa})` : ' (قاعده مقداری ندارد)')} — همان‌گونه که هست نمایش داده می‌شود`,
        }));
      }
    }
  }
}

function checkFields(form: Item, ptr: string, fields: unknown, entity: (ptr: string, id: unknown) => void, problems: Problems, what: 'field' | 'item' = 'field'): void {
  reportDuplicateIds(form, ptr, fields, what, problems);
  list(fields).forEach((f, i) => {
    if (f.type === 'ref' || (f.type === 'list' && f.of === 'ref')) {
      if (f.entity === undefined) {
        problems.error(at(form.file, pointer(ptr, i, 'of'), 'missing-property', {
          en: `a list of references names the entity of its records: add "entity: <entity>" to field "${String(f.id)}"`,
          fa: `فهرست ارجاع‌ها باید نوع رکوردهایش را نام ببرد: «entity: <نوع>» را به فیلد «${String(f.id)}» بیفزایید`,
        }));
      }
      else entity(pointer(ptr, i, 'entity'), f.entity);
    }
    if (typeof f.pattern === 'string') {
      try {
        new RegExp(f.pattern, 'u');
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        problems.error(at(form.file, pointer(ptr, i, 'pattern'), 'bad-pattern', {
          en: `not a valid regular expression: ${why}`,
          fa: `عبارت باقاعدهٔ (regular expression) معتبری نیست: ${why}`,
        }));
      }
    }
    if (f.type !== 'list' && (f.of !== undefined || f.fields !== undefined)) {
      problems.warn(at(form.file, pointer(ptr, i, f.of !== undefined ? 'of' : 'fields'), 'ignored-property', {
        en: `"of"/"fields" only apply to list fields; field "${String(f.id)}" is a ${String(f.type)}`,
        fa: `«of» و «fields» فقط برای فیلدهای فهرستی (list) است؛ فیلد «${String(f.id)}» از نوع ${String(f.type)} است`,
      }, true));
    }
    if (f.type === 'list' && f.of === 'list') {
      problems.error(at(form.file, pointer(ptr, i, 'of'), 'bad-enum', {
        en: 'a list of lists is not supported — use "fields" for a list of objects',
        fa: 'فهرستی از فهرست‌ها پشتیبانی نمی‌شود — برای فهرستی از اشیا «fields» را به کار ببرید',
      }));
    }
    checkFields(form, pointer(ptr, i, 'fields'), f.fields, entity, problems);
  });
}

function reportDuplicateIds(item: Item, ptr: string, entries: unknown, what: 'item' | 'field', problems: Problems): void {
  const seen = new Set<string>();
  const fa = what === 'item' ? 'مورد' : 'فیلد';
  list(entries).forEach((e, i) => {
    const id = String(e.id);
    if (seen.has(id)) {
      problems.error(at(item.file, pointer(ptr, i, 'id'), 'duplicate-id', {
        en: `duplicate ${what} id "${id}" in "${item.id}"`,
        fa: `شناسهٔ ${fa} «${id}» در «${item.id}» تکراری است`,
      }));
    }
    seen.add(id);
  });
}
