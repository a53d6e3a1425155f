/**
 * The shapes the server's JSON API returns (server/routes/*). Only what the UI reads is typed; everything else is
 * carried through untouched. Labels are the definitions' `{fa, en}` texts.
 */
import type { LocationMap } from '../../../engine/model.js';
import type { Evidence as EngineEvidence, ShownValue as EvidenceValue } from '../../../engine/interpret/evidence.js';
import type { Preview } from '../../../engine/interpret/preview.js';
import type { OpenCaseRef, RuleFailure, ShownValue } from '../../../engine/interpret/types.js';
import type { TaskRow as StoredTaskRow } from '../../../server/store/types.js';
import type { Text } from '../i18n/index.js';

// Types that cross layers are imported, never copied (a copy drifts).
export type { EvidenceValue, LocationMap, OpenCaseRef, Preview, RuleFailure, ShownValue, Text };

export interface User {
  id: string;
  username: string;
  name: string;
  roles: string[];
  /** Signed in with a one-time password: a new one must be set before anything else. */
  mustChangePassword?: boolean;
}

export interface UserRow extends User {
  /** The registry record a user of a party role is (null: none). */
  party?: string | null;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Role {
  id: string;
  label: Text;
  external: boolean;
  /** A party role: each user of it is one record of `entity` and sees only their own cases. */
  party?: { entity: string };
}

/** A JSON Schema with Dabir's `x-` annotations (engine/load/compile-form.ts). */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  'x-label'?: Text;
  'x-title'?: Text;
  'x-help'?: Text;
  'x-unit'?: string;
  /** The unit's label (e.g. متر مربع). */
  'x-unit-label'?: Text;
  /** Computed by the server from the case's data; shown, never asked. */
  'x-derived'?: boolean;
  /** A checklist item that fails the inspection when it fails. */
  'x-critical'?: boolean;
  'x-applies-when'?: unknown;
  'x-widget'?: 'date' | 'location' | 'ref' | 'file' | 'textarea' | 'yesno' | string;
  'x-options'?: { value: string | number | boolean; label: Text }[];
  'x-entity'?: string;
  'x-visible-when'?: unknown;
  'x-required'?: boolean;
  'x-order'?: string[];
  /** A location field's map (engine/load/compile-form.ts). */
  'x-map'?: LocationMap;
  [k: string]: unknown;
}

/** The records near a point (GET /registry/{entity}/nearby): nearest first, distances in whole metres. */
export interface Nearby {
  point: { lat: number; lon: number };
  items: { id: string; $title: Text; $subtitle: Text | null; location: { lat: number; lon: number }; distance_m: number }[];
}

/** What the installation tells the UI (GET /config). */
export interface AppConfig {
  tilesUrl: string | null;
  tilesAttribution: string | null;
}

export interface FormDef {
  id: string;
  title: Text;
  schema: JsonSchema;
  fields?: unknown[];
}

export interface Outcome {
  id: string;
  label?: Text;
  next?: string;
  guards?: string[];
}

/** A step as the server describes it (engine/model.ts Step, plus its source). */
export interface Step {
  id: string;
  kind: 'task' | 'decision' | 'inspection' | 'inquiry' | 'inquiry-each' | 'split' | 'join' | 'route' | 'timer' | 'notify' | 'subprocedure' | 'end';
  label: Text;
  step_no?: number | string;
  role?: string;
  target?: string;
  form?: string;
  checklist?: string;
  outcomes?: Outcome[];
  next?: string | Record<string, string>;
  branches?: string[];
  routes?: { when: unknown; next: string }[];
  otherwise?: string;
  result?: string;
  item_label?: string;
  item_entity?: string;
  /** Earlier steps the case may be sent back to from this step's task, by whom. */
  returns?: { to: string; roles: string[]; label?: Text }[];
  evidence?: { steps?: string[]; input?: string[]; parameters?: string[] };
  [k: string]: unknown;
}

export interface ProcedureSummary {
  id: string;
  title: Text;
  reference?: Text;
  subject: { entity: string } | null;
  startRoles: string[];
  canStart: boolean;
  steps: number;
}

export interface ProcedureDetail {
  id: string;
  title: Text;
  reference?: Text;
  subject?: { entity: string } | null;
  start: { roles: string[]; form?: string; guards: string[] };
  steps: Step[];
  startForm: FormDef | null;
}

/** A checklist item: a form field (any type) with its critical flag and condition. */
export interface ChecklistItem {
  id: string;
  label: Text;
  type: string;
  critical: boolean;
  applies_when?: unknown;
  [k: string]: unknown;
}

export interface ChecklistDef {
  id: string;
  title: Text;
  items: ChecklistItem[];
  /** The items compiled like a form: each item's property says how to draw it. */
  schema: JsonSchema;
}



export interface WhatIfResult {
  procedure: string;
  ok: boolean;
  failures: RuleFailure[];
  /** The start form's derived fields, as a start would compute them. */
  derived?: Record<string, unknown>;
  asOf: string;
  /** The subject's open case of this (exclusive) procedure: a start would be refused. */
  openCase?: OpenCaseRef;
}


/** A task as the API lists it: the stored row (server/store/types.ts), whether it is overdue, and the case's words. */
export interface TaskRow extends StoredTaskRow {
  overdue: boolean;
  /** The case's human number (`1405-0023`) and its subject's title, where the server gives them. */
  caseNumber?: string | null;
  subjectTitle?: string | Text | null;
}

export interface InboxItem extends TaskRow {
  caseVersion: number | null;
  caseNumber: string | null;
  subjectTitle: Text | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  now?: string;
}

export interface OpenTask {
  id: string;
  step: string;
  kind: TaskRow['kind'];
  role: string;
  item?: string;
  due?: string;
  clockStopped?: boolean;
  overdue: boolean;
  /** Field id → the value the task's form (and checklist) starts with, from the case's data. */
  prefill?: Record<string, unknown>;
}

export interface TimelineEvent {
  seq: number;
  type: string;
  at: string;
  step?: string;
  task?: string | { id: string; step: string; role: string; item?: string; due?: string };
  item?: string;
  outcome?: string;
  actor?: string;
  data?: Record<string, unknown>;
  result?: string;
  reason?: string;
  entity?: string;
  id?: string;
  to?: string;
  message?: Text;
  fireAt?: string;
  error?: { code: string; message: Text };
  [k: string]: unknown;
}

export interface DocumentMeta {
  id: string;
  caseId: string;
  /** `{ $withheld: true }` for a confidential step's document the user may not read. */
  name: string;
  withheld?: boolean;
  mediaType: string;
  size: number;
  sha256: string;
  taskId: string | null;
  uploadedBy: string;
  uploadedAt: string;
}

/** A step's record in a case: its outcome and data, and those of its previous visit once it is entered again. */
export interface StepRecord {
  outcome?: string;
  data?: Record<string, unknown>;
  by?: string;
  at?: string;
  visits: number;
  previous?: { outcome?: string; data?: Record<string, unknown> };
}

export interface CaseView {
  id: string;
  /** The human number (ASCII digits; shown localised). */
  number: string | null;
  subjectTitle: Text | null;
  procedure: string;
  bundleHash: string;
  status: 'active' | 'ended' | 'cancelled' | 'failed';
  result: string | null;
  subject: string | null;
  parentId: string | null;
  version: number;
  startedAt: string;
  startedBy: string;
  endedAt: string | null;
  input: Record<string, unknown>;
  subjectRecord: Record<string, unknown> | null;
  judgedOn: string;
  path: string[];
  steps: Record<string, StepRecord>;
  openTasks: OpenTask[];
  error: { code: string; message: Text } | null;
  tasks?: TaskRow[];
  timeline?: TimelineEvent[];
  documents?: DocumentMeta[];
}

export interface EntityType {
  id: string;
  label: Text;
  key: string;
  title?: string;
  subtitle?: string;
  location?: string;
  schema: JsonSchema;
  computed: string[];
  /** Computed field → its label (`computed_labels`). */
  computedLabels?: Record<string, Text>;
  count: number;
  /** Whether the user may keep this registry (add, edit, retire, import). */
  keep?: boolean;
}

/** How a record was retired (null while live). */
export interface Retirement {
  at: string;
  by: string;
  reason: string;
}

export interface RecordState {
  $version: number;
  $retired: Retirement | null;
}

/** The cases that name a record and its history (what the cases about it ended with). */
export interface RecordCases {
  items: { id: string; number: string | null; procedure: string; procedureLabel: Text; status: string; subject: boolean; startedOn: string }[];
  total: number;
  history: { caseId: string; number: string | null; procedureLabel: Text; result: string | null; resultLabel: Text; on: string }[];
}

/** One record a publish would add, change (field by field) or retire. */
export interface RegistrySyncItem {
  entity: string;
  entityLabel: Text;
  id: string;
  title: string;
  fields?: { path: string; label: string; before: string; after: string }[];
}

/** What publishing registry files would do to the live registry. */
export interface RegistrySync {
  adds: RegistrySyncItem[];
  changes: RegistrySyncItem[];
  removals: RegistrySyncItem[];
  problems: { entity: string; id: string; title: string; message: Text }[];
}

/** What a CSV import would do (preview) or did. */
export interface ImportReport {
  entity: string;
  mode: 'preview' | 'all' | 'valid-only';
  rows: number;
  adds: { row: number; id: string; title: string }[];
  changes: { row: number; id: string; title: string; fields?: { path: string; label: string; before: string; after: string }[] }[];
  unchanged: number;
  errors: { row: number; column: string | null; message: Text }[];
  invalidRows: number;
  written: number;
  imported: number;
}

export interface Provenance {
  value: unknown;
  resolution: { id: string; title: Text; date: string; number?: string; reference?: Text; sample?: boolean; modelling_default?: boolean };
  source: { file: string; line: number; col: number; bundle: string };
  /** The value in force on the page's date. */
  inForce?: boolean;
  /** Dated after the page's date: not in force yet. */
  scheduled?: boolean;
}

export interface EffectiveParameter {
  id: string;
  type: string;
  unit?: string;
  /** The unit's label from the definitions (null when the parameter has no unit). */
  unitLabel?: Text | null;
  label: Text;
  bounds?: { min?: number; max?: number };
  /** For a table: the JSON Schema of one row. */
  columns?: Record<string, unknown>;
  value: unknown;
  provenance: Provenance | null;
  history: Provenance[];
  source: { file: string; line: number; col: number; bundle: string };
}

export interface DefinitionError {
  code?: string;
  message: string;
  /** The same problem in Persian. */
  message_fa?: string;
  file: string;
  pointer?: string;
  line: number;
  col: number;
}

export interface DefinitionFile {
  path: string;
  kind?: string;
  bundle?: string;
  size?: number;
}

export interface BundleVersion {
  hash: string;
  seq: number;
  bundleId: string;
  parentHash: string | null;
  author: string;
  createdAt: string;
  message: string | null;
  changed: string[];
  diff?: string;
}

/** Both languages of an engine sentence. */
export interface Words {
  fa: string;
  en: string;
}

export interface ScenarioResult {
  id: string;
  title?: Text;
  passed: boolean;
  /** Why it failed, each in Persian and English. */
  problems: Words[];
  /** What the scenario expects, in words. */
  expected?: Words;
  /** What happened and why, in words. */
  happened?: Words;
  outcome?: { kind: string };
  source: { file: string; line: number; col: number };
}

/** A scenario whose verdict a proposed change turns. */
export interface VerdictChange {
  id: string;
  title?: Text;
  source: { file: string; line: number; col: number };
  expected: Words;
  before: { passed: boolean; happened: Words };
  after: { passed: boolean; happened: Words; problems: Words[] };
  why: Words;
  /** The expectation the new outcome satisfies (absent: it cannot be said as an expectation). */
  expect?: Record<string, unknown>;
  updated: boolean;
}

/** A drafted resolution: the files as they would be, the checks, and the scenarios it turns. */
export interface ProposalReport {
  ok: boolean;
  baseVersion: string;
  parameter: string;
  resolution: { id: string; title: Text; date: string; number?: string; reference?: Text; sets: Record<string, unknown> } | null;
  inForce: boolean;
  files: { path: string; content: string; previous: string | null; diff: string }[];
  fieldErrors: { path: string; message: Words }[];
  errors: DefinitionError[];
  scenarios: { before: { passed: number; failed: number }; after: { passed: number; failed: number } } | null;
  changes: VerdictChange[];
}

export interface CasesReport {
  rows: { procedure: string; status: string; count: number }[];
  byProcedure: Record<string, Record<string, number>>;
  total: number;
}

export interface DurationRow {
  procedure: string;
  count: number;
  meanDays: number;
  medianDays: number;
  p90Days: number;
  maxDays: number;
}



/** What an open task decides on (GET /cases/{id}/tasks/{task}/evidence): the engine's evidence for one task. */
export interface Evidence extends EngineEvidence {
  task: string;
  shown: boolean;
}
