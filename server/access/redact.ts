/**
 * Redaction: every answer that carries record or case data passes through here before it is sent. A value the user
 * may not read becomes the withheld marker (`{ $withheld: true }`); so do a confidential step's answers, a rule
 * failure's values and message when the rule reads sensitive fields, and record snapshots inside a case's timeline.
 * Each function returns a copy and records which sensitive fields were read (for the audit).
 */
import type { Bundle, RuleFailure, Text } from '../../engine/index.js';
import { Problem } from '../problem.js';
import { type Access, isWithheld, withheld } from './policy.js';

type Obj = Record<string, unknown>;

/** What a response read of sensitive fields: entity → record id → fields (the audit writes it). */
export class ReadLog {
  readonly reads = new Map<string, Map<string, Set<string>>>();

  add(entity: string, id: string, fields: string[]): void {
    if (!fields.length) return;
    const e = this.reads.get(entity) ?? new Map<string, Set<string>>();
    const s = e.get(id) ?? new Set<string>();
    for (const f of fields) s.add(f);
    e.set(id, s);
    this.reads.set(entity, e);
  }

  /** As audit detail: `[{ entity, id, fields }]`. */
  entries(): { entity: string; id: string; fields: string[] }[] {
    return [...this.reads].flatMap(([entity, ids]) => [...ids].map(([id, f]) => ({ entity, id, fields: [...f].sort() })));
  }
}

/**
 * A record of `entity` as this user may read it: hidden fields (and their `$display` words) replaced by the marker.
 * Fields it may read and that hold a value are logged in `log`.
 */
export function redactRecord(access: Access, entity: string, rec: Obj, log?: ReadLog, id?: string): Obj {
  const sensitive = access.sensitiveFields(entity);
  if (!sensitive.size) return rec;
  const hidden = access.hiddenFields(entity);
  const out: Obj = { ...rec };
  const display = out.$display && typeof out.$display === 'object' ? { ...(out.$display as Obj) } : undefined;
  const read: string[] = [];
  for (const f of sensitive.keys()) {
    if (!(f in rec) || rec[f] === undefined || rec[f] === null) continue;
    if (hidden.has(f)) {
      out[f] = withheld(hidden.get(f));
      if (display) delete display[f];
    } else read.push(f);
  }
  if (display) out.$display = display;
  const key = id ?? String(rec[access.bundle.entities.get(entity)?.key ?? 'id'] ?? '');
  log?.add(entity, key, read);
  return out;
}

const WITHHELD_RULE: Text = { fa: 'این شرط بر پایهٔ اطلاعات محرمانه است', en: 'This condition rests on confidential data' };

/** Rule failures as this user may read them: a rule that reads sensitive fields says it failed, not its values. */
export function redactFailures(access: Access, failures: readonly RuleFailure[]): RuleFailure[] {
  return failures.map((f) => {
    if (access.mayReadRule(f.rule)) return f;
    return {
      ...f,
      message: { fa: `${f.label.fa}: ${WITHHELD_RULE.fa} (محرمانه)`, en: `${f.label.en ?? f.label.fa}: ${WITHHELD_RULE.en} (confidential)` },
      values: Object.fromEntries(Object.keys(f.values).map((k) => [k, withheld()])),
      shown: f.shown.map((x) => ({ ...x, value: withheld(), display: undefined })),
    };
  });
}

/** A rule-refusal problem as this user may read it (its detail repeats the only failure's message). */
export function redactProblem(access: Access, p: Problem): Problem {
  const failures = p.extra.failures as RuleFailure[] | undefined;
  if (!Array.isArray(failures) || failures.every((f) => access.mayReadRule(f.rule))) return p;
  const redacted = redactFailures(access, failures);
  const one = redacted.length === 1;
  return new Problem(p.code, {
    status: p.status,
    detail: one ? `یک شرط برقرار نیست: ${redacted[0].message.fa}` : p.detail,
    detail_en: one ? `A condition is not met: ${redacted[0].message.en}` : p.detail_en,
    extra: { ...p.extra, failures: redacted },
  });
}

/** The evidence of a task as this user may read it: confidential steps' answers withheld, rule messages too. */
export function redactEvidence(access: Access, caseBundle: Bundle, procedure: string, ev: Obj): Obj {
  const steps = (ev.steps as Obj[] | undefined)?.map((s) => {
    if (access.mayReadStep(caseBundle, procedure, String(s.step))) return s;
    const { step, label, kind, by, at } = s;
    return { step, label, kind, by, at, withheld: true, outcome: withheld(), fields: [] };
  });
  const rules = (ev.rules as Obj[] | undefined)?.map((r) => (access.mayReadRule(String(r.rule)) || !r.message ? r : { ...r, message: { fa: `${WITHHELD_RULE.fa} (محرمانه)`, en: `${WITHHELD_RULE.en} (confidential)` } }));
  return { ...ev, ...(steps ? { steps } : {}), ...(rules ? { rules } : {}) };
}

/** A step record (`steps.<id>`) of a confidential step: that it happened and when, not what it said. */
function hideStepRecord(rec: Obj): Obj {
  const out: Obj = { ...rec, withheld: true };
  for (const k of ['outcome', 'data', 'items', 'previous'] as const) if (k in rec) out[k] = withheld();
  return out;
}

/** What one case answer is about: the case's own bundle, its procedure, its subject entity and the task → step map. */
export interface CaseScope {
  caseBundle: Bundle;
  procedure: string;
  subjectEntity?: string;
  subject?: string | null;
  /** Task id → step, for documents attached to a task. */
  taskStep: (taskId: string) => string | undefined;
}

/**
 * A case answer (the case view, and when present its `tasks`, `timeline` and `documents`) as this user may read it.
 * Record snapshots in it (the subject, `entity.updated` / `entity.created`) are redacted by their entity.
 */
export function redactCase(access: Access, scope: CaseScope, body: Obj, log?: ReadLog): Obj {
  const { caseBundle, procedure } = scope;
  const stepOk = (step: unknown) => typeof step !== 'string' || access.mayReadStep(caseBundle, procedure, step);
  const out: Obj = { ...body };
  if (scope.subjectEntity && out.subjectRecord && typeof out.subjectRecord === 'object') {
    out.subjectRecord = redactRecord(access, scope.subjectEntity, out.subjectRecord as Obj, log, scope.subject ?? undefined);
  }
  if (out.steps && typeof out.steps === 'object') {
    out.steps = Object.fromEntries(Object.entries(out.steps as Obj).map(([id, rec]) => [id, stepOk(id) ? rec : hideStepRecord(rec as Obj)]));
  }
  if (Array.isArray(out.openTasks)) {
    out.openTasks = (out.openTasks as Obj[]).map((t) => (stepOk(t.step) ? t : { ...t, prefill: {} }));
  }
  if (Array.isArray(out.tasks)) {
    out.tasks = (out.tasks as Obj[]).map((t) => (stepOk(t.step) || t.outcome === null ? t : { ...t, outcome: withheld() }));
  }
  const docOk = (taskId: unknown) => typeof taskId !== 'string' || stepOk(scope.taskStep(taskId));
  if (Array.isArray(out.documents)) {
    out.documents = (out.documents as Obj[]).map((d) => (docOk(d.taskId) ? d : { ...d, name: withheld(), withheld: true }));
  }
  if (Array.isArray(out.timeline)) out.timeline = redactEvents(access, scope, out.timeline as Obj[], log);
  return out;
}

/** A case's events as this user may read them. */
export function redactEvents(access: Access, scope: CaseScope, events: readonly Obj[], log?: ReadLog): Obj[] {
  const { caseBundle, procedure } = scope;
  const stepOk = (step: unknown) => typeof step !== 'string' || access.mayReadStep(caseBundle, procedure, step);
  return events.map((e) => {
    switch (e.type) {
      case 'case.started':
        return scope.subjectEntity && e.subjectRecord ? { ...e, subjectRecord: redactRecord(access, scope.subjectEntity, e.subjectRecord as Obj, log, String(e.subject ?? '')) } : e;
      case 'task.completed':
        return stepOk(e.step) ? e : { ...e, outcome: withheld(), data: withheld(), withheld: true };
      case 'step.completed':
        return stepOk(e.step) ? e : { ...e, outcome: withheld(), withheld: true };
      case 'entity.updated':
        return { ...e, set: redactRecord(access, String(e.entity), e.set as Obj, log, String(e.id)) };
      case 'entity.created':
        return { ...e, values: redactRecord(access, String(e.entity), e.values as Obj, log, String(e.id)) };
      case 'document.attached': {
        const doc = e.document as Obj | undefined;
        const taskId = doc?.taskId;
        if (typeof taskId !== 'string' || stepOk(scope.taskStep(taskId))) return e;
        return { ...e, document: { ...doc, name: withheld() }, withheld: true };
      }
      default:
        return e;
    }
  });
}

/**
 * A record a user writes, with the fields they may not read kept as stored: a withheld marker, or no value at all,
 * keeps the stored value, so a write never erases what its writer cannot see. A value given is written (the writer
 * knows what they wrote).
 */
export function keepHidden(access: Access, entity: string, incoming: Obj, stored: Obj | undefined): Obj {
  const hidden = access.hiddenFields(entity);
  if (!hidden.size) return incoming;
  const out: Obj = { ...incoming };
  for (const f of hidden.keys()) {
    const given = incoming[f];
    if (given !== undefined && !isWithheld(given)) continue;
    if (stored && stored[f] !== undefined) out[f] = stored[f];
    else delete out[f];
  }
  return out;
}
