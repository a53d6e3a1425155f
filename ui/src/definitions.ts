/**
 * The definitions as the API describes them, fetched once per session and shared: procedures (with steps and
 * labels), forms, checklists, roles, entity types (and, for administrators, the users' names). Every label the UI
 * shows comes from here. Cleared on sign-in, sign-out and publish. `definitionsVersion` ticks when something new
 * arrives, so views waiting on a label re-render.
 */
import { api, type ChecklistDef, type EntityType, type FormDef, type ProcedureDetail, type ProcedureSummary, type Role, type Step, type UserRow } from './api/client.js';
import { Store } from './controllers/store.js';
import { t, tx, type Text } from './i18n/index.js';

const INSPECTION: Record<'pass' | 'fail', Text> = { pass: { fa: 'قبول', en: 'Passed' }, fail: { fa: 'رد', en: 'Failed' } };

const memo = new Map<string, Promise<unknown>>();
const ready = new Map<string, unknown>();
export const definitionsVersion = new Store(0);

function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = memo.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load().then((v) => {
      ready.set(key, v);
      definitionsVersion.set(definitionsVersion.get() + 1);
      return v;
    });
    p.catch(() => memo.delete(key));
    memo.set(key, p);
  }
  return p;
}

/** Forgets everything loaded; `notify` re-renders the views that show labels (not wanted after sign-out). */
export function clearDefinitionCache(notify = true): void {
  memo.clear();
  ready.clear();
  if (notify) definitionsVersion.set(definitionsVersion.get() + 1);
}

export const procedures = () => cached<ProcedureSummary[]>('procedures', api.procedures);
/** A procedure; with a case, as that case has it (labels naming a parameter read on the case's judging date). */
export const procedure = (id: string, caseId?: string) =>
  caseId ? cached<ProcedureDetail>(`procedure:${id}:${caseId}`, () => api.procedure(id, caseId)) : cached<ProcedureDetail>(`procedure:${id}`, () => api.procedure(id));
/** A form; with a case, its options from tables as on that case's judging date. */
export const form = (id: string, caseId?: string) => cached<FormDef>(`form:${id}:${caseId ?? ''}`, () => api.form(id, caseId));
/** A checklist as a case's definition version has it (cases keep the version they started with). */
export const checklist = (id: string, caseId?: string) => cached<ChecklistDef>(`checklist:${id}:${caseId ?? ''}`, () => api.checklist(id, caseId));
export const bundle = () => cached('bundle', api.bundle);
export const roles = () => cached<Role[]>('roles', api.roles);
export const entityTypes = () => cached<EntityType[]>('entities', api.entityTypes);

/** What is already loaded (synchronously), or undefined — and starts loading it. */
function peek<T>(key: string, load: () => Promise<T>): T | undefined {
  if (!ready.has(key)) void cached(key, load).catch(() => undefined);
  return ready.get(key) as T | undefined;
}

/** The procedure's title, or its id until the list has loaded. */
export function procedureTitle(id: string): Text {
  const list = peek('procedures', api.procedures);
  return list?.find((p) => p.id === id)?.title ?? { fa: id, en: id };
}

/**
 * A procedure with its steps, when loaded (and starts loading it). With a case: as that case has it, once loaded (the
 * current definition until then).
 */
export function procedureDetail(procedureId: string, caseId?: string): ProcedureDetail | undefined {
  const own = caseId ? peek(`procedure:${procedureId}:${caseId}`, () => api.procedure(procedureId, caseId)) : undefined;
  return own ?? peek(`procedure:${procedureId}`, () => api.procedure(procedureId));
}

/** A step of a procedure, when loaded (with a case: its labels on the case's judging date). */
export function stepOf(procedureId: string, stepId: string, caseId?: string): Step | undefined {
  return procedureDetail(procedureId, caseId)?.steps.find((s) => s.id === stepId);
}

export function stepLabel(procedureId: string, stepId: string, caseId?: string): Text {
  return stepOf(procedureId, stepId, caseId)?.label ?? { fa: stepId, en: stepId };
}

/** An outcome's label on a step (falls back to the outcome id). */
export function outcomeLabel(procedureId: string, stepId: string, outcome: string, caseId?: string): Text {
  const step = stepOf(procedureId, stepId, caseId);
  // An inspection's outcome is the engine's own: the checklist passed or failed.
  if (step?.kind === 'inspection' && (outcome === 'pass' || outcome === 'fail')) return INSPECTION[outcome];
  const o = step?.outcomes?.find((x) => x.id === outcome);
  if (o?.label) return o.label;
  if (step?.kind === 'end') return step.label;
  return { fa: outcome, en: outcome };
}

/** How an item of a one-task-per-item step reads: its record's title when the step names the items' entity, else the item. */
export function itemLabel(procedureId: string, stepId: string, item: string): string {
  return itemTitle(procedureId, stepId, item) ?? t('loading');
}

/** The label of a case result: the label of the end step that produced it. */
export function resultLabel(procedureId: string, result: string, caseId?: string): Text {
  const p = procedureDetail(procedureId, caseId);
  const end = p?.steps.find((s) => s.kind === 'end' && s.result === result);
  return end?.label ?? { fa: result, en: result };
}

/** The served bundle's name (the province), when loaded. */
export function bundleName(): Text | undefined {
  return peek('bundle', api.bundle)?.info.name;
}

/**
 * A user's display name. Only administrators may list users (GET /api/users), so the caller says whether it may ask;
 * undefined until the list has loaded, for other users, and for ids not in the list.
 */
export function userName(id: string, mayList: boolean): string | undefined {
  if (!mayList) return undefined;
  return peek('users', api.users)?.find((u) => u.id === id)?.name;
}

/**
 * Whom a step waits for, in words: an inquiry its target's reply («در انتظار پاسخ حراست استانداری»), a stopped clock
 * the role it names in `waits_for` (else the step's own role). Undefined for other steps, or until loaded.
 */
export function waitingFor(procedureId: string, stepId: string): Text | undefined {
  const s = stepOf(procedureId, stepId);
  if (!s) return undefined;
  const words = (key: 'waitingOn' | 'waitingReply', role: string): Text => {
    const who = roleLabel(role);
    return { fa: t(key, { who: who.fa }, 'fa'), en: t(key, { who: who.en ?? who.fa }, 'en') };
  };
  const waits = typeof s.waits_for === 'string' ? s.waits_for : undefined;
  if ((s.kind === 'inquiry' || s.kind === 'inquiry-each') && s.target) return waits ? words('waitingOn', waits) : words('waitingReply', s.target);
  if (s.clock === 'stopped') return words('waitingOn', waits ?? s.role ?? '');
  return undefined;
}

/** The entity a field's schema names (`x-entity`, on the field or its list's items). */
const entityOfSchema = (s: { 'x-entity'?: unknown; items?: { 'x-entity'?: unknown } } | undefined): string | undefined => {
  const e = s?.['x-entity'] ?? s?.items?.['x-entity'];
  return typeof e === 'string' ? e : undefined;
};

/**
 * How one item of an inquiry-each step reads (the agency a letter goes to): the title of the record it names — of the
 * step's `item_entity`, or found through the field its `items` read (`subject.<field>`, `input.<field>`, `steps.<step>.data.<field>`) and that
 * field's `x-entity`. The item itself when it names no record; undefined while loading.
 */
export function itemTitle(procedureId: string, stepId: string, item: string): string | undefined {
  const p = procedureDetail(procedureId);
  const step = p?.steps.find((x) => x.id === stepId);
  if (!p || !step) return undefined;
  if (step.item_entity) return refTitle(step.item_entity, item);
  const v = (step.items as { var?: unknown } | undefined)?.var;
  const path = (Array.isArray(v) ? v[0] : v) as string | undefined;
  const parts = typeof path === 'string' ? path.split('.') : [];
  let entity: string | undefined;
  if (parts[0] === 'subject' && p.subject?.entity) entity = entityOfSchema(entityType(p.subject.entity)?.schema.properties?.[parts[1]]);
  else if (parts[0] === 'input') entity = entityOfSchema(p.startForm?.schema.properties?.[parts[1]]);
  else if (parts[0] === 'steps' && parts[2] === 'data') {
    const form = p.steps.find((x) => x.id === parts[1])?.form;
    entity = form ? entityOfSchema(formDetail(form)?.schema.properties?.[parts[3]]) : undefined;
  }
  return entity ? refTitle(entity, item) : item;
}

/** Every user (administrators only may list them), when loaded — and starts loading them. */
export function knownUsers(): UserRow[] | undefined {
  return peek('users', api.users);
}

/**
 * Whether every one of a user's roles is a party role (roles.yaml `party:`): such a user sees only their own cases
 * and record, so the registry and reports are not offered. Undefined until the roles have loaded.
 */
export function partyOnly(userRoles: string[]): boolean | undefined {
  const all = peek<Role[]>('roles', api.roles);
  if (!all) return undefined;
  return userRoles.length > 0 && userRoles.every((r) => all.find((x) => x.id === r)?.party !== undefined);
}

export function roleLabel(id: string): Text {
  return peek('roles', api.roles)?.find((r) => r.id === id)?.label ?? { fa: id, en: id };
}

export function entityType(id: string): EntityType | undefined {
  return peek('entities', api.entityTypes)?.find((e) => e.id === id);
}

export function entityLabel(id: string): Text {
  return entityType(id)?.label ?? { fa: id, en: id };
}

/** The label of a field of an entity (its schema's title), or the field's name. */
export function fieldLabel(entity: string, field: string): string {
  const s = (entityType(entity)?.schema.properties as Record<string, { title?: string; 'x-label'?: Text }> | undefined)?.[field];
  return s?.['x-label']?.fa ?? s?.title ?? field;
}

/** A record's display title from its entity's `title` template (e.g. `{code} — {name.fa}`). */
export function recordTitle(entity: EntityType | undefined, rec: Record<string, unknown>): string {
  const key = entity ? String(rec[entity.key] ?? '') : String(rec.id ?? '');
  if (!entity?.title) return key;
  const filled = entity.title.replace(/\{([\w.$]+)\}/g, (_, path: string) => {
    const v = path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), rec);
    if (v && typeof v === 'object' && 'fa' in (v as object)) return String((v as Text).fa);
    return v === undefined || v === null ? '' : String(v);
  });
  return filled.trim() || key;
}

/** A checklist as a case's definition version has it, when loaded (and starts loading it). */
export function checklistDetail(id: string, caseId?: string): ChecklistDef | undefined {
  return peek(`checklist:${id}:${caseId ?? ''}`, () => api.checklist(id, caseId));
}

/** A form's compiled schema, when loaded (and starts loading it). */
export function formDetail(id: string): FormDef | undefined {
  return peek(`form:${id}:`, () => api.form(id));
}

/**
 * The title of the record a `ref` value points to (GET /api/registry/{entity}/{id}, once per record, cached with the
 * definitions); undefined until loaded, and for records that cannot be read (the caller shows the id).
 */
export function refTitle(entity: string, id: string): string | undefined {
  const label = recordLabel(entity, id);
  return label ? tx(label.title) : undefined;
}

/**
 * How a record reads — its title and subtitle as the server renders them (`$title`, `$subtitle`) — once loaded
 * (GET /api/registry/{entity}/{id}, once per record, cached with the definitions); null for a record that cannot be
 * read, undefined until then.
 */
export function recordLabel(entity: string, id: string): { title: Text; subtitle: Text | null } | null | undefined {
  const rec = peek<Record<string, unknown> | null>(`record:${entity}:${id}`, () => api.record(entity, id).catch(() => null));
  if (rec === undefined) return undefined;
  if (rec === null) return null;
  const title = (rec.$title as Text | undefined) ?? { fa: recordTitle(entityType(entity), rec) };
  return { title, subtitle: (rec.$subtitle as Text | null | undefined) ?? null };
}

/** Remembers how a record reads (a picker's choice), so that showing it later needs no request. */
export function rememberRecord(entity: string, rec: Record<string, unknown>, id: string): void {
  const key = `record:${entity}:${id}`;
  if (!ready.has(key)) {
    ready.set(key, rec);
    memo.set(key, Promise.resolve(rec));
  }
}

/** Forgets how a record reads (it was just saved: the next look reads it again), and re-renders the views showing it. */
export function forgetRecord(entity: string, id: string): void {
  const key = `record:${entity}:${id}`;
  memo.delete(key);
  ready.delete(key);
  definitionsVersion.set(definitionsVersion.get() + 1);
}

/** Forgets the entity types (their counts changed after a write). */
export function forgetEntityTypes(): void {
  memo.delete('entities');
  ready.delete('entities');
  definitionsVersion.set(definitionsVersion.get() + 1);
}
