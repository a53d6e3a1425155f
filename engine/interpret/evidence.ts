/**
 * The evidence a task decides on: what the earlier steps recorded (each field by its label, an inspection's answers
 * item by item with pass or fail), the case's key values (the start form's fields), the rules its outcomes check and
 * the start's guards with their result now, and the parameters its step names (a table as a table). A step's
 * `evidence:` chooses the steps, start fields and parameters; without it, every completed step and every start field.
 */
import { interpolateProcedure } from '../labels/index.js';
import { recordTitle } from '../records/index.js';
import type { Bundle, ChecklistDef, FieldType, FormDef, FormField, Parameter, Step, StepKind, Text } from '../model.js';
import { checkRules } from '../rules/index.js';
import { inForce } from '../rules/params.js';
import type { ChecklistResult } from './checklist.js';
import { caseData } from './context.js';
import { openRun, type Run } from './run.js';
import type { CaseState, Ctx, TaskInfo } from './types.js';

/** One value as a person reads it: its label, the value, and its words when the value is a code or an id. */
export interface ShownValue {
  key: string;
  label: Text;
  value: unknown;
  display?: Text;
  type?: FieldType;
}

export interface EvidenceStep {
  step: string;
  label: Text;
  kind: StepKind;
  outcome?: string;
  outcomeLabel?: Text;
  by?: string;
  at?: string;
  fields: ShownValue[];
  checklist?: { title: Text; passed: boolean; items: (ShownValue & { passed: boolean; applicable: boolean; critical: boolean })[] };
  /** inquiry-each: the answer of each item. */
  items?: { item: string; outcome: string; outcomeLabel?: Text; fields: ShownValue[] }[];
}

export interface EvidenceRule {
  rule: string;
  label: Text;
  /** The outcome whose guard it is; absent for the start's guards. */
  outcome?: string;
  /** Whether it holds now; null when it depends on what the task's form will say. */
  passed: boolean | null;
  message?: Text;
}

export interface EvidenceParameter {
  id: string;
  label: Text;
  type: Parameter['type'];
  unit?: string;
  value: unknown;
  resolution?: { title: Text; date: string };
  /** Tables: the columns (by label) and each row's cells as they read. */
  columns?: { key: string; label: Text }[];
  rows?: Record<string, { value: unknown; display?: Text }>[];
}

export interface Evidence {
  steps: EvidenceStep[];
  input: ShownValue[];
  rules: EvidenceRule[];
  parameters: EvidenceParameter[];
}

const YES_NO = { true: { fa: 'بله', en: 'Yes' }, false: { fa: 'خیر', en: 'No' } } as const;
const INSPECTION: Record<string, Text> = { pass: { fa: 'قبول', en: 'Passed' }, fail: { fa: 'رد', en: 'Failed' } };
type Obj = Record<string, unknown>;
const isText = (v: unknown): v is Text => typeof v === 'object' && v !== null && typeof (v as Text).fa === 'string';
const join = (parts: Text[]): Text => ({ fa: parts.map((p) => p.fa).join('، '), en: parts.map((p) => p.en ?? p.fa).join(', ') });

/** Whether a task shows evidence: every decision, and any task whose step names its evidence. */
export function showsEvidence(step: Step | undefined): boolean {
  return Boolean(step && (step.kind === 'decision' || ('evidence' in step && step.evidence)));
}

/** The evidence for an open task of a case. */
export function taskEvidence(bundle: Bundle, state: CaseState, task: TaskInfo, ctx: Ctx): Evidence {
  // step labels that name a parameter read it on the case's own judging date
  const def = bundle.procedures.get(state.procedure);
  const proc = def && state.judgedOn ? interpolateProcedure(bundle, def, state.judgedOn) : def;
  const step = proc?.stepIndex.get(task.step);
  const choice = step && 'evidence' in step ? step.evidence : undefined;
  const lookup = (entity: string, id: string) => ctx.facts.record(entity, id);
  const run = proc ? openRun(bundle, proc, state, ctx) : undefined;

  const order = choice?.steps ?? [...new Set(state.path)];
  const steps = order
    .filter((id) => id !== task.step && state.steps[id]?.outcome !== undefined)
    .map((id) => proc?.stepIndex.get(id))
    .filter((s): s is Step => s !== undefined && 'role' in s)
    .map((s) => stepEvidence(bundle, s, state, lookup));

  const startForm = proc?.start.form ? bundle.forms.get(proc.start.form) : undefined;
  const inputKeys = choice?.input ?? startForm?.fields.map((f) => f.id) ?? Object.keys(state.input);
  const input = shownFields(bundle, startForm, state.input, lookup, inputKeys);

  const rules: EvidenceRule[] = [];
  if (run && step && 'outcomes' in step) {
    for (const o of step.outcomes) for (const id of o.guards) rules.push({ ...judge(run, id, bundle), outcome: o.id });
  }
  if (run) for (const id of proc?.start.guards ?? []) rules.push(judge(run, id, bundle));

  const parameters = (choice?.parameters ?? []).map((id) => bundle.parameters.get(id)).filter((p): p is Parameter => p !== undefined)
    .map((p) => parameterEvidence(p, state.judgedOn));
  return { steps, input, rules, parameters };
}

function judge(run: Run, id: string, bundle: Bundle): EvidenceRule {
  const rule = bundle.rules.get(id);
  const label = rule?.label ?? { fa: id, en: id };
  try {
    // Judged with an empty form: a guard that reads what the task's form will say cannot be judged yet.
    const failures = checkRules([id], caseData(run, { form: {} }), run.env());
    return failures.length ? { rule: id, label, passed: false, message: failures[0].message } : { rule: id, label, passed: true };
  } catch {
    return { rule: id, label, passed: null };
  }
}

function stepEvidence(bundle: Bundle, s: Step, state: CaseState, lookup: (e: string, id: string) => Obj | undefined): EvidenceStep {
  const rec = state.steps[s.id]!;
  const form = 'form' in s && s.form ? bundle.forms.get(s.form) : undefined;
  const outcomeLabel = s.kind === 'inspection' ? INSPECTION[rec.outcome ?? ''] : 'outcomes' in s ? s.outcomes.find((o) => o.id === rec.outcome)?.label : undefined;
  const out: EvidenceStep = {
    step: s.id, label: s.label, kind: s.kind, fields: [],
    ...(rec.outcome !== undefined ? { outcome: rec.outcome } : {}), ...(outcomeLabel ? { outcomeLabel } : {}),
    ...(rec.by ? { by: rec.by } : {}), ...(rec.at ? { at: rec.at } : {}),
  };
  const data = rec.data ?? {};
  if (s.kind === 'inspection') {
    const list = bundle.checklists.get(s.checklist);
    if (list) out.checklist = checklistEvidence(list, data);
  }
  if (form) out.fields = shownFields(bundle, form, data, lookup, form.fields.map((f) => f.id));
  if (s.kind === 'inquiry-each') {
    out.items = Object.entries(rec.items ?? {}).map(([item, a]) => ({
      item, outcome: a.outcome, ...(s.outcomes.find((o) => o.id === a.outcome)?.label ? { outcomeLabel: s.outcomes.find((o) => o.id === a.outcome)!.label } : {}),
      fields: shownFields(bundle, form, a.data, lookup, form?.fields.map((f) => f.id) ?? []),
    }));
  }
  return out;
}

function checklistEvidence(list: ChecklistDef, data: Obj): NonNullable<EvidenceStep['checklist']> {
  const scored = (data.$checklist ?? { items: {}, passed: false }) as ChecklistResult;
  return {
    title: list.title,
    passed: scored.passed,
    items: list.items.map((item) => {
      const value = data[item.id];
      const r = scored.items?.[item.id];
      const display = answerWords(item as unknown as Obj, value);
      return {
        key: item.id, label: item.label, value, ...(display ? { display } : {}),
        passed: r?.passed ?? false, applicable: r?.applicable ?? true, critical: item.critical,
      };
    }),
  };
}

/** Words for an answer that is a code: yes/no, or an option's label (items that declare options). */
function answerWords(item: Obj, value: unknown): Text | undefined {
  if (typeof value === 'boolean') return YES_NO[String(value) as 'true' | 'false'];
  const options = item.options as { value: unknown; label: Text }[] | undefined;
  return options?.find((o) => o.value === value)?.label;
}

/** The given fields of a form's data (those with a value), each by its label and with its words. */
function shownFields(bundle: Bundle, form: FormDef | undefined, data: Obj, lookup: (e: string, id: string) => Obj | undefined, keys: string[]): ShownValue[] {
  const out: ShownValue[] = [];
  for (const key of keys) {
    const value = data[key];
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) continue;
    const field = form?.fields.find((f) => f.id === key);
    const display = field ? fieldWords(bundle, field, value, lookup) : undefined;
    out.push({ key, label: field?.label ?? { fa: key, en: key }, value, ...(display ? { display } : {}), ...(field ? { type: field.type } : {}) });
  }
  return out;
}

function fieldWords(bundle: Bundle, f: FormField, v: unknown, lookup: (e: string, id: string) => Obj | undefined): Text | undefined {
  if (Array.isArray(v)) {
    if (f.type !== 'list' || f.fields) return undefined;
    const parts = v.map((x) => fieldWords(bundle, { ...f, type: f.of ?? 'string' }, x, lookup) ?? (typeof x === 'string' || typeof x === 'number' ? { fa: String(x) } : undefined));
    return parts.every((p): p is Text => p !== undefined) && parts.some((p, i) => p.fa !== String(v[i])) ? join(parts) : undefined;
  }
  if (typeof v === 'boolean') return YES_NO[String(v) as 'true' | 'false'];
  const option = f.options?.find((o) => o.value === v);
  if (option) return option.label;
  if (f.entity && typeof v === 'string') {
    const rec = lookup(f.entity, v);
    return rec ? recordTitle(bundle, f.entity, rec, lookup) : undefined;
  }
  return isText(v) ? v : undefined;
}

function parameterEvidence(p: Parameter, on: string): EvidenceParameter {
  const at = inForce(p, on);
  const out: EvidenceParameter = { id: p.id, label: p.label, type: p.type, value: at?.value ?? null, ...(p.unit ? { unit: p.unit } : {}) };
  if (at) out.resolution = { title: at.resolution.title, date: at.resolution.date };
  if (p.type !== 'table' || !Array.isArray(at?.value)) return out;
  // Only the columns the definitions label (`x-label`, or a `title`) are shown: a bare code column is not for people.
  const props = Object.fromEntries(Object.entries(((p.columns as Obj | undefined)?.properties ?? {}) as Record<string, Obj>)
    .filter(([, c]) => c['x-label'] !== undefined || typeof c.title === 'string'));
  out.columns = Object.entries(props).map(([key, c]) => ({ key, label: (c['x-label'] as Text | undefined) ?? { fa: String(c.title) } }));
  out.rows = (at.value as Obj[]).map((row) => Object.fromEntries(Object.keys(props).map((key) => {
    const v = row[key];
    const option = ((props[key]['x-options'] ?? []) as { value: unknown; label: Text }[]).find((o) => o.value === v);
    const display = option?.label ?? (isText(v) ? v : undefined);
    return [key, { value: v ?? null, ...(display ? { display } : {}) }];
  })));
  return out;
}
