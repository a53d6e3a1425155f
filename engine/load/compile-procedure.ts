/**
 * Compiles a procedure's definition data into a ProcedureDef: `next: x` on a human step becomes one outcome `done`,
 * defaults are filled (guards, effects, labels), every step gets its source position, and steps are indexed by id.
 */
import type { ConfidentialDef, EachSpec, Effect, EvidenceDef, Outcome, ProcedureDef, ReturnDef, SourcePos, Step, SubprocedureStep, Text } from '../model.js';
import type { Item } from './layer.js';
import { pointer } from './pointer.js';

type Obj = Record<string, unknown>;

/** The outcome id a single-`next` human step completes with. */
export const DEFAULT_OUTCOME = 'done';

/** Compiles one procedure; `sourceOf` turns a pointer of the item's file into a SourcePos. */
export function compileProcedure(item: Item, sourceOf: (ptr: string) => SourcePos): ProcedureDef {
  const d = item.data;
  const start = (d.start ?? {}) as Obj;
  const steps = ((d.steps ?? []) as Obj[]).map((s, i) => compileStep(s, sourceOf(pointer(item.pointer, 'steps', i))));
  const stepIndex = new Map<string, Step>();
  for (const s of steps) if (!stepIndex.has(s.id)) stepIndex.set(s.id, s);
  return strip({
    id: item.id,
    title: d.title as Text,
    reference: d.reference as Text | undefined,
    subject: d.subject as { entity: string } | undefined,
    exclusive: d.exclusive !== false,
    party: d.party as string | undefined,
    start: strip({
      roles: (start.roles ?? []) as string[],
      form: start.form as string | undefined,
      guards: (start.guards ?? []) as string[],
      judged_on: start.judged_on,
    }),
    steps,
    stepIndex,
    source: sourceOf(item.pointer),
  });
}

function outcomes(s: Obj): Outcome[] {
  if (!Array.isArray(s.outcomes)) return typeof s.next === 'string' ? [{ id: DEFAULT_OUTCOME, next: s.next, guards: [], effects: [] }] : [];
  return (s.outcomes as Obj[]).map((o) => strip({
    id: String(o.id),
    label: o.label as Text | undefined,
    next: o.next as string | undefined,
    guards: (o.guards ?? []) as string[],
    effects: (o.effects ?? []) as Effect[],
  }));
}

function compileStep(s: Obj, source: SourcePos): Step {
  const id = String(s.id);
  const base = strip({ id, label: (s.label ?? { fa: id, en: id }) as Text, step_no: s.step_no as number | string | undefined, source });
  const common = strip({ form: s.form as string | undefined, due: s.due as Obj | undefined });
  // What every step with a human task has besides: where it may send a case back to, and the evidence it shows.
  const tasked = strip({ returns: returnsOf(s), evidence: s.evidence as EvidenceDef | undefined, confidential: s.confidential as ConfidentialDef | undefined });
  switch (s.kind) {
    case 'task':
    case 'decision':
      return strip({ ...base, ...common, ...tasked, kind: s.kind, role: String(s.role), clock: s.clock as 'stopped' | undefined, waits_for: s.waits_for as string | undefined, outcomes: outcomes(s) });
    case 'inspection':
      return { ...base, ...common, ...tasked, kind: 'inspection', role: String(s.role), checklist: String(s.checklist), next: s.next as { pass: string; fail: string }, effects: (s.effects ?? []) as Effect[] };
    case 'inquiry':
      return strip({
        ...base, ...common, ...tasked, kind: 'inquiry', target: String(s.target), role: String(s.role), clock: s.clock as 'stopped' | undefined,
        waits_for: s.waits_for as string | undefined, outcomes: outcomes(s),
      });
    case 'inquiry-each':
      return strip({
        ...base, ...common, ...tasked, kind: 'inquiry-each', items: s.items, item_label: s.item_label as string | undefined, item_entity: s.item_entity as string | undefined, target: String(s.target),
        role: String(s.role), outcomes: outcomes(s), next: s.next as { all: string; then: string; otherwise: string },
      });
    case 'split':
      return { ...base, kind: 'split', branches: (s.branches ?? []) as string[] };
    case 'join':
      return { ...base, kind: 'join', split: String(s.split), next: String(s.next) };
    case 'route':
      return { ...base, kind: 'route', routes: (s.routes ?? []) as { when: unknown; next: string; label?: Text }[], otherwise: String(s.otherwise) };
    case 'timer':
      return strip({ ...base, kind: 'timer', wait: s.wait as Obj | undefined, until: s.until, next: String(s.next) });
    case 'notify':
      return { ...base, kind: 'notify', to: String(s.to), message: s.message as Text, next: String(s.next) };
    case 'subprocedure':
      return strip({ ...base, kind: 'subprocedure', procedure: String(s.procedure), with: s.with as SubprocedureStep['with'], each: eachOf(s.each), next: (s.next ?? {}) as Record<string, string> });
    default:
      return { ...base, kind: 'end', result: String(s.result), effects: (s.effects ?? []) as Effect[] };
  }
}

function eachOf(v: unknown): EachSpec | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  const e = v as Obj;
  return strip({ items: e.items, score: e.score, key: e.key, item_entity: e.item_entity as string | undefined, eligible: (e.eligible ?? []) as string[], limit: e.limit });
}

function returnsOf(s: Obj): ReturnDef[] {
  return ((s.returns ?? []) as Obj[]).map((r) => strip({ to: String(r.to), roles: (r.roles ?? []) as string[], label: r.label as Text | undefined }));
}

/** Removes keys whose value is undefined (so optional properties are absent, not undefined). */
export function strip<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
