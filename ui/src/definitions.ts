/**
 * The definitions as the API describes them, fetched once per session and shared: procedures (with steps and
 * labels), forms, checklists, roles, entity types (and, for administrators, the users' names). Every label the UI
 * shows comes from here. Cleared on sign-in, sign-out and publish. `definitionsVersion` ticks when something new
 * arrives, so views waiting on a label re-render.
 */
import { api, type ChecklistDef, type EntityType, type FormDef, type ProcedureDetail, type ProcedureSummary, type Role, type Step, type UserRow } from './api/client.js';
import { Store } from './controllers/store.js';
import type { Text } from './i18n/index.js';

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

export function clearDefinitionCache(): void {
  memo.clear();
  ready.clear();
  definitionsVersion.set(definitionsVersion.get() + 1);
}

export const procedures = () => cached<ProcedureSummary[]>('procedures', api.procedures);
export const procedure = (id: string) => cached<ProcedureDetail>(`procedure:${id}`, () => api.procedure(id));
export const form = (id: string) => cached<FormDef>(`form:${id}`, () => api.form(id));
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

/** A procedure with its steps, when loaded (and starts loading it). */
export function procedureDetail(procedureId: string): ProcedureDetail | undefined {
  return peek(`procedure:${procedureId}`, () => api.procedure(procedureId));
}

/** A step of a procedure, when loaded. */
export function stepOf(procedureId: string, stepId: string): Step | undefined {
  return procedureDetail(procedureId)?.steps.find((s) => s.id === stepId);
}

export function stepLabel(procedureId: string, stepId: string): Text {
  return stepOf(procedureId, stepId)?.label ?? { fa: stepId, en: stepId };
}

/** An outcome's label on a step (falls back to the outcome id). */
export function outcomeLabel(procedureId: string, stepId: string, outcome: string): Text {
  const step = stepOf(procedureId, stepId);
  // An inspection's outcome is the engine's own: the checklist passed or failed.
  if (step?.kind === 'inspection' && (outcome === 'pass' || outcome === 'fail')) return INSPECTION[outcome];
  const o = step?.outcomes?.find((x) => x.id === outcome);
  if (o?.label) return o.label;
  if (step?.kind === 'end') return step.label;
  return { fa: outcome, en: outcome };
}

/** The label of a case result: the label of the end step that produced it. */
export function resultLabel(procedureId: string, result: string): Text {
  const p = procedureDetail(procedureId);
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

/** Every user (administrators only may list them), when loaded — and starts loading them. */
export function knownUsers(): UserRow[] | undefined {
  return peek('users', api.users);
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
  return peek(`form:${id}`, () => api.form(id));
}

/**
 * The title of the record a `ref` value points to (GET /api/registry/{entity}/{id}, once per record, cached with the
 * definitions); undefined until loaded, and for records that cannot be read (the caller shows the id).
 */
export function refTitle(entity: string, id: string): string | undefined {
  const rec = peek<Record<string, unknown> | null>(`record:${entity}:${id}`, () => api.record(entity, id).catch(() => null));
  const types = peek('entities', api.entityTypes);
  if (!rec || !types) return undefined;
  return recordTitle(types.find((e) => e.id === entity), rec);
}
