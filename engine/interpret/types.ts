/**
 * The interpreter's contract: commands in, events out, state as the fold of events.
 * Nothing here does I/O; the clock, ids and facts come in through `Ctx`.
 */
import type { Effect, Text } from '../model.js';
import type { RefusalCode } from './refusal.js';

/** Host-supplied facts (the server computes them with SQL; scenarios over an in-memory registry). */
export interface FactProvider {
  /** The value of a declared fact for the given positional arguments. Must be synchronous and side-effect free. */
  get(id: string, args: unknown[]): unknown;
  /** A registry record by entity id and key, or undefined. */
  record(entity: string, id: string): Record<string, unknown> | undefined;
  /**
   * Whether a record has been retired from the registry (it stays readable by `record`, but no case starts on it and no
   * start form may name it). Hosts without retirement leave it out.
   */
  retired?(entity: string, id: string): boolean;
}

/** What the host gives the interpreter for one command. */
export interface Ctx {
  /** The current instant, ISO-8601 UTC. */
  now: string;
  facts: FactProvider;
  /** Makes a fresh unique id (for child cases, created records). */
  newId: () => string;
  /**
   * The open case of a procedure for a subject, if any (the host's store; a scenario's cases): a start of an exclusive
   * procedure for a subject that has one is refused (`case-already-open`). Without it, nothing is checked.
   */
  openCase?: (procedure: string, subject: string) => OpenCaseRef | undefined;
}

/** An open case as a refusal names it: its id (for a link) and its human number. */
export interface OpenCaseRef {
  id: string;
  number?: string;
}

export interface Actor {
  /** User id, or 'system' for timers and triggers. */
  id: string;
  /** Roles the actor holds (role ids of the bundle, plus 'admin'). */
  roles: string[];
}

export type Command =
  | { type: 'start'; procedure: string; subject?: string; input?: Record<string, unknown>; actor: Actor; caseId: string; parent?: { caseId: string; step: string } }
  | { type: 'complete'; task: string; outcome?: string; data?: Record<string, unknown>; actor: Actor }
  | { type: 'fire-timer'; timer: string }
  | { type: 'child-ended'; childCaseId: string; result: string }
  | { type: 'cancel'; reason?: string; actor: Actor }
  | { type: 'return'; task: string; to: string; reason: string; actor: Actor };

/** A task open for a human (or an outside authority's answer recorded by a human). */
export interface TaskInfo {
  /** Unique within the case: `<step>` or `<step>:<item>`, with `#<n>` appended on the n-th visit (n ≥ 2). */
  id: string;
  step: string;
  kind: 'task' | 'decision' | 'inspection' | 'inquiry' | 'inquiry-each';
  role: string;
  item?: string;
  /** ISO instant, or undefined when the step has no due period or the clock is stopped. */
  due?: string;
  clockStopped?: boolean;
}

export type CaseEvent =
  | { type: 'case.started'; at: string; caseId: string; procedure: string; bundleHash: string; subject?: string; subjectRecord?: Record<string, unknown>; input: Record<string, unknown>; judgedOn: string; actor: string; parent?: { caseId: string; step: string } }
  | { type: 'step.entered'; at: string; step: string; token: string }
  | { type: 'task.opened'; at: string; task: TaskInfo }
  | { type: 'task.completed'; at: string; task: string; step: string; item?: string; outcome: string; data: Record<string, unknown>; actor: string }
  | { type: 'join.arrived'; at: string; step: string; token: string }
  | { type: 'step.completed'; at: string; step: string; outcome: string; token: string; consumed?: string[] }
  | { type: 'timer.scheduled'; at: string; timer: string; step: string; fireAt: string }
  | { type: 'timer.fired'; at: string; timer: string }
  | { type: 'entity.updated'; at: string; entity: string; id: string; set: Record<string, unknown> }
  | { type: 'entity.created'; at: string; entity: string; id: string; values: Record<string, unknown> }
  | { type: 'notification.requested'; at: string; to: string; message: Text; step?: string }
  | { type: 'subcase.requested'; at: string; step: string; childCaseId: string; procedure: string; subject?: string; input: Record<string, unknown> }
  | { type: 'subcase.ended'; at: string; childCaseId: string; result: string }
  | { type: 'selection.made'; at: string; step: string; selected: SelectedItem[]; skipped: SkippedItem[]; beyond: SelectedItem[]; limit?: number }
  | { type: 'case.ended'; at: string; result: string; step: string }
  | { type: 'case.cancelled'; at: string; reason?: string; actor: string }
  | { type: 'case.returned'; at: string; task: string; from: string; to: string; reason: string; actor: string; token: string }
  | { type: 'case.failed'; at: string; error: { code: string; message: Text; detail?: unknown } };

/** An item a subprocedure's `each` ranked: its key, score and rank (1 = highest), and the child case it continues as. */
export interface SelectedItem {
  key: string;
  score?: number;
  rank: number;
  childCaseId?: string;
}

/** An item skipped as ineligible: the rules it failed, with their messages. */
export interface SkippedItem extends SelectedItem {
  rules: string[];
  messages: Text[];
}

/** One of a failed rule's values as a person reads it (only the values its `show:` labels). */
export interface ShownValue {
  key: string;
  label: Text;
  value: unknown;
  /** The value's words: an option's label, a record's title, a Jalali date, a number in the language's digits. */
  display?: Text;
  /** The unit's label. */
  unit?: Text;
}

/** One failed rule, explained. */
export interface RuleFailure {
  rule: string;
  label: Text;
  message: Text;
  /** Every value (for the message and for programs); a person is shown `shown` only. */
  values: Record<string, unknown>;
  /** The labelled values, in the order the rule's `show:` lists them. */
  shown: ShownValue[];
  resolutions: { id: string; title: Text; date: string; reference?: Text; parameter: string; value: unknown }[];
}

export interface Refusal {
  /** Stable code (engine/interpret/refusal.ts REFUSAL_CODES). */
  code: RefusalCode;
  message: Text;
  failures: RuleFailure[];
  /** Form validation problems: JSON pointer → message. */
  fieldErrors?: { path: string; message: Text }[];
  /** case-already-open: the open case the refusal names. */
  openCase?: OpenCaseRef;
}

export type Decision = { ok: true; events: CaseEvent[] } | { ok: false; refusal: Refusal };

export interface StepRecord {
  outcome?: string;
  data?: Record<string, unknown>;
  items?: Record<string, { outcome: string; data: Record<string, unknown> }>;
  by?: string;
  at?: string;
  visits: number;
  /** A subprocedure step's child cases: child case id → its result ('' while it runs). */
  children?: Record<string, string>;
  /** The answers of the step's previous visit, once it is entered again (after a return or a loop). */
  previous?: Pick<StepRecord, 'outcome' | 'data' | 'items'>;
}

/** A case as the fold of its events. */
export interface CaseState {
  caseId: string;
  procedure: string;
  bundleHash: string;
  status: 'active' | 'ended' | 'cancelled' | 'failed';
  result?: string;
  subject?: string;
  subjectRecord?: Record<string, unknown>;
  input: Record<string, unknown>;
  judgedOn: string;
  startedAt: string;
  parent?: { caseId: string; step: string };
  /** Open tasks by task id. */
  tasks: Record<string, TaskInfo>;
  /** Pending timers by timer id. */
  timers: Record<string, { step: string; fireAt: string }>;
  /** Running child cases by child case id → step. */
  children: Record<string, string>;
  /** Steps currently holding a token (token id → step id). */
  tokens: Record<string, string>;
  /** Join arrivals: join step id → branch token ids that arrived. */
  joins: Record<string, string[]>;
  steps: Record<string, StepRecord>;
  /** Steps entered, in order. */
  path: string[];
  /** Number of events folded (the case's version). */
  version: number;
  error?: { code: string; message: Text };
}

export type { Effect };
