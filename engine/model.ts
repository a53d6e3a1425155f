/**
 * The compiled bundle: what the loader produces and the interpreter reads. Immutable once built.
 * Every element remembers where it was defined (`source`). See docs/language.md for the YAML it comes from.
 */
import type { RulesLogic } from 'json-logic-js';

/** JSON-Logic with Dabir's custom operators. */
export type Logic = RulesLogic | unknown;

/** Persian first, English alongside. */
export interface Text {
  fa: string;
  en?: string;
}

/** Where a definition element came from. `file` is relative to the definitions root's parent (e.g. `definitions/<province>/rules/area.yaml`). */
export interface SourcePos {
  file: string;
  line: number;
  col: number;
  /** JSON pointer inside the file's document, e.g. `/rules/3/check`. */
  pointer: string;
  /** The bundle id that defined it. */
  bundle: string;
}

export interface Duration {
  months?: number;
  days?: number;
  working_days?: number;
}

export interface BundleInfo {
  id: string;
  name: Text;
  /** Chain of bundles, base first: e.g. ['base', 'province']. */
  lineage: string[];
  locale: string;
  timeZone: string;
  calendar: 'jalali';
  /** How cases are numbered: a pattern of `{year}` (the Jalali year of the start) and `{seq}`/`{seq:N}` (see numbers.ts). */
  caseNumber: string;
}

export interface Role {
  id: string;
  label: Text;
  external: boolean;
  source: SourcePos;
}

export type ParamType = 'number' | 'integer' | 'boolean' | 'string' | 'date' | 'table';

export interface Resolution {
  id: string;
  title: Text;
  /** Jalali effective date, YYYY-MM-DD. */
  date: string;
  reference?: Text;
  sample: boolean;
  source: SourcePos;
}

/** One value a resolution set for a parameter. */
export interface ParamValue {
  value: unknown;
  resolution: Resolution;
  /** Where the value itself is written (the `sets:` entry). */
  source: SourcePos;
}

export interface Parameter {
  id: string;
  type: ParamType;
  unit?: string;
  label: Text;
  bounds?: { min?: number; max?: number };
  /** For type 'table': JSON Schema of one row. */
  columns?: unknown;
  /** Every value over time, sorted by resolution date ascending (overlay after base on equal dates). */
  history: ParamValue[];
  source: SourcePos;
}

export interface Rule {
  id: string;
  label: Text;
  when?: Logic;
  check: Logic;
  values: Record<string, Logic>;
  message: Text;
  /** Parameter ids this rule reads, directly or through nested `{rule}` references. */
  params: string[];
  source: SourcePos;
}

export interface FactDef {
  id: string;
  label?: Text;
  type: 'number' | 'integer' | 'boolean' | 'string' | 'object' | 'list';
  params: string[];
  /** Exactly one of these describes how the host computes it. */
  nearest?: { entity: string; where?: Logic };
  count?: { entity: string; where?: Logic };
  sum?: { entity: string; where?: Logic; value: Logic };
  list?: { entity: string; where?: Logic; value?: Logic };
  lookup?: { entity: string };
  source: SourcePos;
}

export interface EntityDef {
  id: string;
  label: Text;
  key: string;
  title?: string;
  /** What tells two records of one title apart (a place's county, an office's place), shown under the title in pickers. */
  subtitle?: string;
  location?: string;
  /** JSON Schema of one record. */
  schema: Record<string, unknown>;
  computed: Record<string, Logic>;
  source: SourcePos;
}

export type FieldType = 'string' | 'text' | 'number' | 'integer' | 'boolean' | 'date' | 'enum' | 'location' | 'ref' | 'file' | 'list';

export interface FormField {
  id: string;
  type: FieldType;
  label: Text;
  required: boolean;
  help?: Text;
  unit?: string;
  min?: number;
  max?: number;
  min_length?: number;
  max_length?: number;
  pattern?: string;
  options?: { value: string | number | boolean; label: Text }[];
  entity?: string;
  of?: FieldType;
  fields?: FormField[];
  visible_when?: Logic;
}

export interface FormDef {
  id: string;
  title: Text;
  fields: FormField[];
  /** JSON Schema 2020-12 compiled from `fields` (ajv validates submissions with it; the UI renders it). */
  schema: Record<string, unknown>;
  source: SourcePos;
}

export interface ChecklistItem {
  id: string;
  label: Text;
  type: 'boolean' | 'number' | 'string';
  pass?: Logic;
  applies_when?: Logic;
  critical: boolean;
}

export interface ChecklistDef {
  id: string;
  title: Text;
  items: ChecklistItem[];
  source: SourcePos;
}

export type Effect =
  | { update: { entity: string; id: Logic; set: Record<string, Logic> } }
  | { create: { entity: string; values: Record<string, Logic> } }
  | { notify: { to: string; message: Text } };

export interface Outcome {
  id: string;
  label?: Text;
  next?: string;
  guards: string[];
  effects: Effect[];
}

interface StepBase {
  id: string;
  label: Text;
  step_no?: number | string;
  source: SourcePos;
}

/** An earlier step a case may be sent back to from this step's open task, by whom (`returns:` on a step). */
export interface ReturnDef {
  to: string;
  roles: string[];
  label?: Text;
}

/**
 * What a step's task shows as the evidence it decides on (`evidence:` on a step). Every list is optional: without it,
 * every earlier step's answers, every start field and no parameter.
 */
export interface EvidenceDef {
  steps?: string[];
  input?: string[];
  parameters?: string[];
}

/** What every step with a human task has: the steps it may send the case back to, and the evidence it shows. */
interface TaskStepBase extends StepBase {
  returns: ReturnDef[];
  evidence?: EvidenceDef;
}

export interface HumanStep extends TaskStepBase {
  kind: 'task' | 'decision';
  role: string;
  form?: string;
  due?: Duration;
  clock?: 'stopped';
  outcomes: Outcome[];
}

export interface InspectionStep extends TaskStepBase {
  kind: 'inspection';
  role: string;
  checklist: string;
  form?: string;
  due?: Duration;
  next: { pass: string; fail: string };
  effects: Effect[];
}

export interface InquiryStep extends TaskStepBase {
  kind: 'inquiry';
  target: string;
  role: string;
  form?: string;
  due?: Duration;
  clock?: 'stopped';
  outcomes: Outcome[];
}

export interface InquiryEachStep extends TaskStepBase {
  kind: 'inquiry-each';
  items: Logic;
  item_label?: string;
  target: string;
  role: string;
  form?: string;
  due?: Duration;
  outcomes: Outcome[];
  next: { all: string; then: string; otherwise: string };
}

export interface SplitStep extends StepBase {
  kind: 'split';
  branches: string[];
}

export interface JoinStep extends StepBase {
  kind: 'join';
  split: string;
  next: string;
}

export interface RouteStep extends StepBase {
  kind: 'route';
  routes: { when: Logic; next: string }[];
  otherwise: string;
}

export interface TimerStep extends StepBase {
  kind: 'timer';
  wait?: Duration;
  until?: Logic;
  next: string;
}

export interface NotifyStep extends StepBase {
  kind: 'notify';
  to: string;
  message: Text;
  next: string;
}

export interface SubprocedureStep extends StepBase {
  kind: 'subprocedure';
  procedure: string;
  /** The child's subject (logic → record id; default: this case's subject) and start input (field → logic). */
  with?: { subject?: Logic; input?: Record<string, Logic> };
  /** Child result id → next step; `otherwise` for any other result. */
  next: Record<string, string>;
}

export interface EndStep extends StepBase {
  kind: 'end';
  result: string;
  effects: Effect[];
}

export type Step =
  | HumanStep
  | InspectionStep
  | InquiryStep
  | InquiryEachStep
  | SplitStep
  | JoinStep
  | RouteStep
  | TimerStep
  | NotifyStep
  | SubprocedureStep
  | EndStep;

export type StepKind = Step['kind'];

export interface ProcedureDef {
  id: string;
  title: Text;
  reference?: Text;
  subject?: { entity: string };
  /** Whether one subject may have several open cases of this procedure at once (`exclusive: false`); default: not. */
  exclusive: boolean;
  start: {
    roles: string[];
    form?: string;
    guards: string[];
    judged_on?: Logic;
  };
  /** Steps in definition order; the first is where a case begins. */
  steps: Step[];
  stepIndex: ReadonlyMap<string, Step>;
  source: SourcePos;
}

export interface TriggerDef {
  id: string;
  entity: string;
  where?: Logic;
  at: Logic;
  notify?: { to: string; message: Text };
  start?: { procedure: string };
  source: SourcePos;
}

export interface Holiday {
  date: string;
  label: Text;
}

export interface CalendarDef {
  /** 0 = Sunday … 5 = Friday, 6 = Saturday (JavaScript's getUTCDay numbering). */
  weekend: number[];
  holidays: Holiday[];
  source?: Text;
}

export interface ScenarioStep {
  complete?: string;
  /** Send the case back from the open task of this step to `to`, with `reason`. */
  return?: string;
  to?: string;
  reason?: string;
  /** Start another case of this procedure (for `subject` with `input`). */
  start?: string;
  subject?: string;
  input?: Record<string, unknown>;
  item?: string;
  outcome?: string;
  data?: Record<string, unknown>;
  as?: string;
  advance?: Duration;
  expect_refused?: string[];
  source: SourcePos;
}

export interface Scenario {
  id: string;
  title?: Text;
  /** The procedure started ('' for a trigger scenario). */
  procedure: string;
  /** For a trigger scenario: the trigger tested against the record named by `subject`. */
  trigger?: string;
  now?: string;
  registry: Record<string, Record<string, unknown>[]>;
  subject?: string;
  input: Record<string, unknown>;
  actor?: string;
  steps: ScenarioStep[];
  expect: {
    refused?: string[];
    result?: string;
    path?: string[];
    active?: string[];
    registry?: Record<string, Record<string, unknown>>;
    fires_on?: string;
    fires?: boolean;
    /** The case number the scenario's case gets (the bundle's `case_number` pattern). */
    number?: string;
  };
  source: SourcePos;
}

/** The compiled, merged, validated bundle. */
export interface Bundle {
  info: BundleInfo;
  roles: ReadonlyMap<string, Role>;
  parameters: ReadonlyMap<string, Parameter>;
  resolutions: ReadonlyMap<string, Resolution>;
  rules: ReadonlyMap<string, Rule>;
  facts: ReadonlyMap<string, FactDef>;
  entities: ReadonlyMap<string, EntityDef>;
  forms: ReadonlyMap<string, FormDef>;
  checklists: ReadonlyMap<string, ChecklistDef>;
  procedures: ReadonlyMap<string, ProcedureDef>;
  triggers: ReadonlyMap<string, TriggerDef>;
  calendar: CalendarDef;
  /** Sample registry records by entity id. */
  registry: Record<string, Record<string, unknown>[]>;
  scenarios: Scenario[];
  /** Content hash of all source files (sha256 hex) — the bundle's version. */
  hash: string;
}

/** One problem found in a definition. `code` is stable; `message` says what to do. */
export interface DefinitionError {
  code: string;
  message: string;
  file: string;
  pointer: string;
  line: number;
  col: number;
}
