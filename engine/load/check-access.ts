/**
 * Checks who-sees-what declarations: an entity's `sensitive:` groups name fields of its schema (or computed fields)
 * and declared roles, and no sensitive field is part of how a record is named (`title` / `subtitle`: a title is shown
 * to everyone who sees the record); a step's `confidential:` names declared roles. Parties: a role's `party:` names an
 * entity; a procedure's `party:` is a path its case's data has (the subject's field, a start-form field, a step's form
 * field) and names a record of a party role's entity; a procedure that gives tasks to a party role (or lets it start
 * cases) says how its party is found.
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
      ids(c.roles).forEach((role, k) => { unknownRole(proc, pointer(proc.pointer, 'steps', i, 'confidential', 'roles', k), role); });
    });
  }
  checkParties(m, problems);
}

/** `party:` on roles (an entity) and on procedures (a path to the party's record in the case). */
function checkParties(m: Merged, problems: Problems): void {
  const entities = new Set(m.entities.keys());
  const partyEntities = new Map<string, string>();
  for (const r of m.roles.values()) {
    const party = r.data.party as Obj | undefined;
    if (!party || typeof party !== 'object') continue;
    const entity = party.entity;
    if (typeof entity !== 'string') continue;
    if (!entities.has(entity)) {
      const hint = didYouMean(entity, entities);
      problems.error(at(r.file, pointer(r.pointer, 'party', 'entity'), 'unknown-entity', {
        en: `unknown entity "${entity}"${hint.en || ' — name an entity of the bundle (the record a user of this role is)'}`,
        fa: `نوع ثبت «${entity}» تعریف نشده است${hint.fa || ' — نوع ثبتی از این مجموعه را بنویسید (رکوردی که کاربر این نقش است)'}`,
      }));
    } else if (r.data.external === true) {
      problems.error(at(r.file, pointer(r.pointer, 'party'), 'external-party', {
        en: `role "${r.id}" is external (an outside authority, whose users never sign in) and cannot be a party to cases — remove party: or external: true`,
        fa: `نقش «${r.id}» بیرونی است (مرجع بیرونی که کاربرانش وارد سامانه نمی‌شوند) و نمی‌تواند طرف پرونده باشد — party: یا external: true را بردارید`,
      }));
    } else partyEntities.set(r.id, entity);
  }
  if (!partyEntities.size && ![...m.procedures.values()].some((p) => p.data.party !== undefined)) return;
  const fieldsOf = (formId: unknown): Map<string, Obj> =>
    new Map(list(m.forms.get(String(formId))?.data.fields).filter((f) => typeof f.id === 'string').map((f) => [String(f.id), f]));
  for (const proc of m.procedures.values()) {
    const d = proc.data;
    const steps = list(d.steps);
    const start = (d.start ?? {}) as Obj;
    // The party roles the procedure involves: who starts it, who has its tasks.
    const involved = [
      ...ids(start.roles).map((x, k) => ({ role: x, ptr: pointer(proc.pointer, 'start', 'roles', k) })),
      ...steps.map((s, i) => ({ role: s.role, ptr: pointer(proc.pointer, 'steps', i, 'role') })),
    ].filter((x): x is { role: string; ptr: string } => typeof x.role === 'string' && partyEntities.has(x.role));
    const path = d.party;
    const pp = pointer(proc.pointer, 'party');
    if (path === undefined) {
      if (involved.length) {
        problems.error(at(proc.file, involved[0].ptr, 'party-missing', {
          en: `procedure "${proc.id}" gives tasks to the party role "${involved[0].role}" but does not say who its party is — add party: (a path to the record's id: subject.id, or a field of the subject or the start form that names it), so a task goes only to the case's own party`,
          fa: `روند «${proc.id}» کار را به نقش «${involved[0].role}» (طرف پرونده) می‌دهد ولی نمی‌گوید طرف پرونده کیست — party: را بنویسید (مسیری به شناسهٔ آن رکورد: subject.id، یا فیلدی از موضوع یا فرم شروع که آن را نام می‌برد) تا کار فقط به طرف همان پرونده برسد`,
        }));
      }
      continue;
    }
    if (typeof path !== 'string') continue;
    const segs = path.split('.');
    const bad = (why: Msg) => problems.error(at(proc.file, pp, 'bad-party', {
      en: `party "${path}": ${why.en} — write a path to the party's record id: subject.<field>, input.<field> or steps.<step>.data.<field>`,
      fa: `party «${path}»: ${why.fa} — مسیری به شناسهٔ رکورد طرف پرونده بنویسید: subject.<فیلد>، input.<فیلد> یا steps.<مرحله>.data.<فیلد>`,
    }));
    // The entity the path's record is of, when it can be told (a field's x-entity / entity, or the subject's key).
    let entity: string | undefined;
    if (segs[0] === 'subject') {
      const subject = (d.subject as Obj | undefined)?.entity;
      const e = typeof subject === 'string' ? m.entities.get(subject) : undefined;
      if (!e) {
        bad({ en: 'the procedure has no subject', fa: 'روند موضوع (subject) ندارد' });
        continue;
      }
      const props = ((e.data.schema as Obj | undefined)?.properties ?? {}) as Record<string, Obj>;
      const key = String(e.data.key ?? 'id');
      const field = segs[1];
      if (field === key) entity = e.id;
      else if (!(field in props)) {
        const hint = didYouMean(field, new Set([key, ...Object.keys(props)]));
        bad({ en: `the subject "${e.id}" has no field "${field}"${hint.en}`, fa: `موضوع «${e.id}» فیلد «${field}» ندارد${hint.fa}` });
        continue;
      } else entity = (props[field]['x-entity'] ?? (props[field].items as Obj | undefined)?.['x-entity']) as string | undefined;
    } else if (segs[0] === 'input') {
      const fields = fieldsOf(start.form);
      const f = fields.get(segs[1]);
      if (!f) {
        const hint = didYouMean(segs[1], new Set(fields.keys()));
        bad({ en: `the start form has no field "${segs[1]}"${hint.en}`, fa: `فرم آغاز فیلد «${segs[1]}» ندارد${hint.fa}` });
        continue;
      }
      entity = f.entity as string | undefined;
    } else if (segs[0] === 'steps') {
      const step = steps.find((s) => s.id === segs[1]);
      if (!step) {
        const hint = didYouMean(segs[1], new Set(steps.map((s) => String(s.id))));
        bad({ en: `the procedure has no step "${segs[1]}"${hint.en}`, fa: `روند مرحلهٔ «${segs[1]}» ندارد${hint.fa}` });
        continue;
      }
      if (segs[2] !== 'data' || segs.length !== 4) {
        bad({ en: 'a step\'s party is a field of its data', fa: 'طرف پرونده از مرحله، فیلدی از دادهٔ آن است' });
        continue;
      }
      const fields = fieldsOf(step.form);
      const f = fields.get(segs[3]);
      if (!f) {
        const hint = didYouMean(segs[3], new Set(fields.keys()));
        bad({ en: `step "${segs[1]}"'s form has no field "${segs[3]}"${hint.en}`, fa: `فرم مرحلهٔ «${segs[1]}» فیلد «${segs[3]}» ندارد${hint.fa}` });
        continue;
      }
      entity = f.entity as string | undefined;
    }
    const wanted = new Set(partyEntities.values());
    if (entity !== undefined && wanted.size && !wanted.has(entity)) {
      bad({ en: `it names a record of "${entity}", not of a party role's entity (${[...wanted].join(', ')})`, fa: `رکوردی از «${entity}» را نشان می‌دهد، نه از نوع ثبت نقش‌های طرف پرونده (${[...wanted].join('، ')})` });
    }
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
    ids(g.roles).forEach((role, k) => { unknownRole(e, pointer(gp, 'roles', k), role); });
  });
}
