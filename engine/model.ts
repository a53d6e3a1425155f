/**
 * The compiled bundle: what the loader produces and the interpreter reads. Immutable once built.
 * Every element remembers where it was defined (`source`). See docs/language.md for the YAML it comes from.
 */
import type { RulesLogic } from 'json-logic-js';

/** JSON-Logic with Dabir's custom operators. */
export type Logic = RulesLogic | unknown;

/** The built-in administrator role: every bundle has it, no bundle declares it (the one spelling of it in the code). */
export const ADMIN_ROLE = 'admin';

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
  /** A role whose users are parties to cases (`party:`): each is linked to one record of `entity` and sees only its own cases. */
  party?: PartyRole;
  label: Text;
  external: boolean;
  /** Users in this role keep the registry: add, edit, retire and restore records, import CSV (administrators always may). */
  keepsRegistry: boolean;
  source: SourcePos;
}

/** `party:` on a role: its users are linked to one registry record of `entity` (the record the user is). */
export interface PartyRole {
  entity: string;
}

export type ParamType = 'number' | 'integer' | 'boolean' | 'string' | 'date' | 'table';

/** A unit of measure (`kind: units`): what a number is counted in, with the words a person reads. */
export interface Unit {
  id: string;
  label: Text;
  source: SourcePos;
}

/** One allowed value of a choice, with its label. */
export interface Option {
  value: string | number | boolean;
  label: Text;
}

/** A choice's options taken from a table parameter in force: one option per distinct `value` column. */
export interface OptionsFrom {
  param: string;
  /** The column holding the stored value. */
  value: string;
  /** The column holding the label (a text or a string); default: the value column's own option labels. */
  label?: string;
  /** Logic over a row: only rows for which it holds give options. */
  where?: Logic;
}

export interface Resolution {
  id: string;
  title: Text;
  /** Jalali effective date, YYYY-MM-DD. */
  date: string;
  /** The resolution's number as its issuer gave it (e.g. `1405/12`). */
  number?: string;
  reference?: Text;
  sample: boolean;
  /** True when no committee resolved these values: the system's neutral defaults (`modelling_default: true`). */
  modellingDefault: boolean;
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
  /** The declared unit's label (when `unit` is set). */
  unitLabel?: Text;
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
  /** The values meant for a person, in order, with their labels, units and how each reads (see `show:`). */
  show?: ShowSpec[];
  /** Parameter ids this rule reads, directly or through nested `{rule}` references. */
  params: string[];
  source: SourcePos;
}

/** How one of a rule's values is shown to a person when the rule fails. */
export interface ShowSpec {
  /** The key in the rule's `values`. */
  key: string;
  label: Text;
  unit?: string;
  unitLabel?: Text;
  /** The value is one of these options (shown by its label). */
  options?: Option[];
  /** The value is the key of a record of this entity (shown by its title). */
  entity?: string;
  /** The value is a date (shown as a Jalali date). */
  as?: 'date';
}

export interface FactDef {
  id: string;
  label?: Text;
  type: 'number' | 'integer' | 'boolean' | 'string' | 'object' | 'list';
  params: string[];
  /**
   * Exactly one of these describes how the host computes it. `nearest` answers the distance in metres (type number)
   * or the nearest record as a `NearestRecord` (type object); none found: Infinity, or null.
   */
  nearest?: { entity: string; where?: Logic };
  count?: { entity: string; where?: Logic };
  sum?: { entity: string; where?: Logic; value: Logic };
  list?: { entity: string; where?: Logic; value?: Logic };
  lookup?: { entity: string };
  source: SourcePos;
}

/** What a `nearest` fact of type object answers: the nearest matching record, how it reads, and how far it is. */
export interface NearestRecord {
  /** The record's key. */
  id: string;
  title: Text;
  /** The exact great-circle distance in metres (rules round it down when they show it). */
  distance_m: number;
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
  /** How computed fields are named on screen and in exports (`computed_labels`). */
  computedLabels?: Record<string, Text>;
  /** Fields only some roles may read (`sensitive:`); every other reader gets a withheld marker instead. */
  sensitive?: SensitiveGroup[];
  source: SourcePos;
}

/** A group of an entity's fields that only `roles` may read (`sensitive:` on an entity). */
export interface SensitiveGroup {
  fields: string[];
  roles: string[];
  label?: Text;
}

/** Who may read a confidential step's answers and documents besides the step's own role (`confidential:` on a step). */
export interface ConfidentialDef {
  roles: string[];
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
  options?: Option[];
  /** enum: the options come from a table parameter in force. */
  options_from?: OptionsFrom;
  entity?: string;
  of?: FieldType;
  fields?: FormField[];
  visible_when?: Logic;
  /** Logic over the case's data: the value the field starts with when its task opens (the user may change it). */
  prefill?: Logic;
  /** Logic over the case's data and the submitted values (`form`): the value is computed on submission, never asked. */
  derive?: Logic;
  /** location: the map that helps pick the point. */
  map?: LocationMap;
}

/**
 * The map of a location field: the records a `nearest` fact measures (listed nearest first, with their distances),
 * the spacing circle a parameter draws around the point, and located records drawn for orientation.
 */
export interface LocationMap {
  /** A `nearest` fact: its entity and `where` choose the records shown. */
  nearby: string;
  /** The entity of that fact (resolved when the bundle is compiled). */
  entity: string;
  /** A number parameter (metres): the radius of the circle around the point, as in force on the day. */
  circle?: { param: string };
  /** Entities (with a location) whose records are drawn, named, on the plain background. */
  landmarks: string[];
  /** How many nearest records the map lists (default 5). */
  limit: number;
}

export interface FormDef {
  id: string;
  title: Text;
  fields: FormField[];
  /** JSON Schema 2020-12 compiled from `fields` (ajv validates submissions with it; the UI renders it). */
  schema: Record<string, unknown>;
  source: SourcePos;
}

/** A checklist item: a form field (any type; boolean by default) with its pass logic. */
export interface ChecklistItem extends FormField {
  pass?: Logic;
  applies_when?: Logic;
  critical: boolean;
}

export interface ChecklistDef {
  id: string;
  title: Text;
  items: ChecklistItem[];
  /** The items compiled as one form's JSON Schema (the UI renders each item's widget from its property). */
  schema: Record<string, unknown>;
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
  /** Only these roles (and the step's own) read its outcome, data and documents. */
  confidential?: ConfidentialDef;
}

export interface HumanStep extends TaskStepBase {
  kind: 'task' | 'decision';
  role: string;
  form?: string;
  due?: Duration;
  clock?: 'stopped';
  /** With a stopped clock: the role the case waits on (default: `role`). */
  waits_for?: string;
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
  /** With a stopped clock: the role the case waits on (default: `target`). */
  waits_for?: string;
  outcomes: Outcome[];
}

export interface InquiryEachStep extends TaskStepBase {
  kind: 'inquiry-each';
  items: Logic;
  item_label?: string;
  /** The items are keys of records of this entity: each is shown by its record's title. */
  item_entity?: string;
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
  /** `label`: what the diagram writes on the route's arrow. */
  routes: { when: Logic; next: string; label?: Text }[];
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

/**
 * A subprocedure's `each:` — one child case per selected item of a list (a call's registrants): the items are ranked by
 * `score` (highest first; equal scores keep the list's order), each is judged by the `eligible` rules (with the item as
 * `item`; one that fails is skipped, the failed rules named), and at most `limit` eligible items are selected.
 */
export interface EachSpec {
  /** Logic giving the list (record keys, or rows of a table field). */
  items: Logic;
  /** Logic over `item`: its score (a number). Without it, the list's own order. */
  score?: Logic;
  /** Logic over `item`: the key an item is named by (default: the item itself when a string, else its `id`). */
  key?: Logic;
  /** The keys are records of this entity (shown by their titles). */
  item_entity?: string;
  /** Rules judged for each item in rank order; every one must pass for the item to be selected. */
  eligible: string[];
  /** Logic: how many may be selected at most (a number; none given: every eligible item). */
  limit?: Logic;
}

export interface SubprocedureStep extends StepBase {
  kind: 'subprocedure';
  procedure: string;
  /** The child's subject (logic → record id; default: this case's subject) and start input (field → logic). */
  with?: { subject?: Logic; input?: Record<string, Logic> };
  /** One child per selected item (see EachSpec); `item` is then in scope of `with`. */
  each?: EachSpec;
  /**
   * Child result id → next step; `otherwise` for any other result. With `each`: when every child has ended, the first
   * entry (in the order written) some child ended with; `none` when no item was selected.
   */
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
  /**
   * How the case's party is found (`party:`): a path over the case's data as rules read it — `subject.id`,
   * `subject.<field>`, `input.<field>`, `steps.<step>.data.<field>` — giving the id (or ids) of the record of the party
   * role's entity. Users of a party role see a case, and get its tasks of their role, only when they are its party.
   */
  party?: string;
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
  /** With a form refusal: the pointers of the fields refused, exactly. */
  expect_fields?: string[];
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
  /** Parameter id → a value the scenario assumes in force on every date, in place of the resolutions' (a what-if). */
  assume?: Record<string, unknown>;
  steps: ScenarioStep[];
  expect: {
    refused?: string[];
    /** With a form refusal of the start: the pointers of the fields refused, exactly. */
    fields?: string[];
    result?: string;
    path?: string[];
    active?: string[];
    registry?: Record<string, Record<string, unknown>>;
    fires_on?: string;
    fires?: boolean;
    /** Rule id → values its failure must carry (a subset: objects match by the fields given). */
    values?: Record<string, Record<string, unknown>>;
    /** Notifications the case (or its children) must have sent, by role and a text their Persian message contains. */
    notices?: { to?: string; contains: string; not_contains?: string }[];
    /** The case number the scenario's case gets (the bundle's `case_number` pattern). */
    number?: string;
    /** The case's child cases in the order they started (exactly as many): procedure, input subset, result, path, open tasks. */
    children?: { procedure?: string; input?: Record<string, unknown>; result?: string; path?: string[]; active?: string[] }[];
    /** Step of a subprocedure with `each` → the keys it selected (in order), skipped (with the rules failed) and left beyond its limit. */
    selection?: Record<string, { selected?: string[]; skipped?: Record<string, string[]>; beyond?: string[] }>;
  };
  source: SourcePos;
}

/** The compiled, merged, validated bundle. */
export interface Bundle {
  info: BundleInfo;
  roles: ReadonlyMap<string, Role>;
  units: ReadonlyMap<string, Unit>;
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

/**
 * One problem found in a definition, at `file:line:col`. `code` is stable; `message` says what to do, in English
 * (what `dabir validate` prints); `message_fa` says the same in
 * Persian (what the administrator reads first). Both are written together, at the check that finds the problem.
 */
export interface DefinitionError {
  code: string;
  message: string;
  message_fa: string;
  file: string;
  pointer: string;
  line: number;
  col: number;
}
