/**
 * The store's seams. Every SQL statement of the server lives behind these interfaces, so another database can replace
 * SQLite by implementing them. `Store.tx` makes a group of calls atomic (all commit or none).
 */
import type { CaseEvent, CaseState, TaskInfo } from '../../engine/index.js';

/**
 * Events the server itself appends to a case, beside the interpreter's. They are part of the case's history (its
 * timeline) and of its version — the engine's fold counts every event and ignores the kinds it does not know — but
 * never of what the interpreter decides.
 */
export type HostEvent = {
  type: 'document.attached';
  at: string;
  actor: string;
  document: { id: string; name: string; mediaType: string; size: number; sha256: string; taskId: string | null };
};

/** Every event a case's log holds. */
export type StoredEvent = CaseEvent | HostEvent;

export interface CaseRow {
  id: string;
  /** The human number (the bundle's pattern), given at the start; null only for a start still being written. */
  number: string | null;
  procedure: string;
  bundleHash: string;
  status: CaseState['status'];
  result: string | null;
  subject: string | null;
  parentId: string | null;
  version: number;
  startedAt: string;
  startedBy: string;
  endedAt: string | null;
  updatedAt: string;
}

export interface TaskRow {
  caseId: string;
  taskId: string;
  step: string;
  kind: TaskInfo['kind'];
  role: string;
  item: string | null;
  procedure: string;
  subject: string | null;
  due: string | null;
  clockStopped: boolean;
  /** open: waiting for a human; done: completed; closed: withdrawn by the case (end, cancel, join). */
  status: 'open' | 'done' | 'closed';
  openedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  outcome: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface CaseFilter {
  procedure?: string;
  /** Only cases of these procedures (an empty list matches nothing). */
  procedures?: string[];
  /** With `procedures`: these cases too, whatever their procedure (a party's own cases). */
  orIds?: string[];
  status?: string;
  subject?: string;
  /** Children of this case. */
  parent?: string;
  /** Cases whose number contains this (ASCII digits). */
  number?: string;
  /** Cases that name this record key: as their subject or anywhere in their data (a quoted JSON string of it). */
  names?: string;
  limit: number;
  offset: number;
}

export interface InboxFilter {
  roles: string[] | 'all';
  procedure?: string;
  role?: string;
  step?: string;
  caseId?: string;
  /** true: only overdue; false: only not overdue. */
  overdue?: boolean;
  /** Tasks of these (party) roles only of these cases: a party's own (the other roles' tasks unaffected). */
  partyOnly?: { roles: string[]; cases: string[] };
  now: string;
  sort: 'due' | '-due' | 'opened' | '-opened';
  limit: number;
  offset: number;
}

/** An inbox page: `total` counts at most INBOX_COUNT_CAP (1,000) tasks; `totalCapped` says there are more. */
export interface InboxPage<T = TaskRow> extends Page<T> {
  totalCapped: boolean;
}

/**
 * What `CaseStore.scan` yields: the case id and the parts of its state asked for, in the state's shape (`input.area`
 * gives `{ input: { area } }`); a path the state lacks (or holds null) is absent.
 */
export interface ScannedCase {
  id: string;
  state: Partial<CaseState>;
}

/** Events and the case/task projections derived from them. */
export interface CaseStore {
  get(caseId: string): { row: CaseRow; state: CaseState } | undefined;
  /** The case row without its state snapshot (nothing parsed): for versions and statuses. */
  row(caseId: string): CaseRow | undefined;
  events(caseId: string): StoredEvent[];
  /**
   * Appends events to a case whose current version must equal `expectedVersion` (0 for a new case), folds them into the
   * stored state and updates the projections. Throws Problem('stale-version') and writes nothing otherwise. `prev`, the
   * caller's copy of the state at `expectedVersion` (if it has one), spares reading and parsing the stored snapshot.
   */
  append(caseId: string, expectedVersion: number, events: StoredEvent[], startedBy?: string, prev?: CaseState): CaseState;
  /** Recomputes a case's projections from its events alone (the events are the truth). */
  rebuild(caseId: string): void;
  /** The projection rows as stored (for comparison and reports). */
  rows(caseId: string): { row: CaseRow; state: CaseState; tasks: TaskRow[] } | undefined;
  list(filter: CaseFilter): Page<CaseRow>;
  /**
   * The ids of the cases whose party is `party`: per procedure, a JSON path into the case's state (`$."input"."x"`)
   * holding the party's id or a list of ids.
   */
  partyCases(paths: { procedure: string; path: string[] }[], party: string): string[];
  tasks(caseId: string): TaskRow[];
  inbox(filter: InboxFilter): InboxPage;
  /**
   * Streams cases (of one procedure, or all) with only the named parts of their state — dotted paths such as
   * `judgedOn`, `input.area`, `subjectRecord.kind`: what a rule reads — so re-judging a rule over many cases (a
   * backtest) parses no whole snapshot in JavaScript. Read in pages; the store may be used between items.
   */
  scan(filter: { procedure?: string; limit?: number }, paths: readonly string[]): Generator<ScannedCase>;
  allIds(): string[];
  /**
   * Gives a case its number, in the caller's transaction: the next of `scope` (a bundle and a Jalali year) in the
   * counter, formatted by `format`. Returns the number.
   */
  assignNumber(caseId: string, scope: { bundle: string; year: number }, format: (seq: number) => string): string;
  /** The active case of a procedure for a subject, if any (the oldest). */
  openCase(procedure: string, subject: string): { id: string; number: string | null } | undefined;
}

export interface GeoBox {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

/** How a record was retired: when, by whom, why. */
export interface Retirement {
  at: string;
  by: string;
  reason: string;
}

/** What the store keeps about a record beside its fields. */
export interface RecordMeta {
  /** Bumped by every write of the record (its etag). */
  version: number;
  updatedAt: string;
  retired: Retirement | null;
}

/** Whether lists include retired records: left out (the default), with the live ones, or alone. */
export type RetiredFilter = 'exclude' | 'include' | 'only';

export interface EntityStore {
  /** A record by key, live or retired (cases keep reading the records they name). */
  get(entity: string, id: string): Record<string, unknown> | undefined;
  /** The record's version and retirement, or undefined when there is none. */
  meta(entity: string, id: string): RecordMeta | undefined;
  /** Inserts or replaces a record (bumping its version, keeping its retirement); `point` feeds the spatial index. */
  put(entity: string, id: string, record: Record<string, unknown>, at: string, point?: { lat: number; lon: number } | null): void;
  /**
   * Retires a record (`how`) or restores it (null, with the `point` it goes back into the spatial index at); false
   * when there is no such record. Bumps its version.
   */
  retire(entity: string, id: string, how: Retirement | null, at: string, point?: { lat: number; lon: number } | null): boolean;
  delete(entity: string, id: string): boolean;
  /**
   * Records of an entity by key; `q` keeps those whose JSON contains it, `like` those whose JSON matches a LIKE pattern.
   * Retired records are left out unless `retired` says otherwise.
   */
  list(entity: string, opts: { q?: string; like?: string; limit: number; offset: number; retired?: RetiredFilter }): Page<Record<string, unknown>>;
  /** Every live record of an entity (retired ones too with `retired: 'include'`). */
  all(entity: string, opts?: { retired?: RetiredFilter }): Record<string, unknown>[];
  /** Live records of an entity (or of all). */
  count(entity?: string): number;
  /** Ids of live records whose indexed point lies in the box. */
  inBox(entity: string, box: GeoBox): string[];
  /**
   * The live records whose indexed point lies in the box, with that point as indexed — which may differ from the record's own
   * by the index's precision (R*Tree coordinates are 32-bit floats: under a metre): good for ordering candidates, not
   * for the final distance.
   */
  pointsInBox(entity: string, box: GeoBox): { id: string; lat: number; lon: number }[];
  /** Incremented on every write (in this process); caches compare it. */
  generation(): number;
}

export interface Job {
  key: string;
  kind: string;
  dueAt: string;
  payload: Record<string, unknown>;
  status: 'pending' | 'done' | 'failed' | 'cancelled';
  attempts: number;
  createdAt: string;
  doneAt: string | null;
  result: unknown;
}

export interface JobStore {
  /** Adds a job unless one with the same key exists (keys make firing at most once). Returns true if added. */
  schedule(key: string, kind: string, dueAt: string, payload: Record<string, unknown>, now: string): boolean;
  due(now: string, limit: number): Job[];
  /** Marks a pending job done; false if someone else already claimed it. */
  claim(key: string, now: string, result?: unknown): boolean;
  fail(key: string, now: string, error: unknown, final: boolean): void;
  /** Records what a job's run produced. */
  note(key: string, result: unknown): void;
  /**
   * Leaves a pending job pending but due at `dueAt` (a retry), counting the attempt; `result` records why, with the
   * job's first due time as `postponed.dueAt`.
   */
  postpone(key: string, dueAt: string, result: { postponed: { dueAt: string; error: unknown } }): void;
  /** Makes every postponed pending job due again at its first due time; returns how many. */
  resumePostponed(): number;
  /** Cancels pending jobs whose key starts with `keyPrefix` (except `keep`). */
  cancel(keyPrefix: string, now: string, keep?: string): number;
  list(filter: { status?: string; kind?: string; limit: number; offset: number }): Page<Job>;
  get(key: string): Job | undefined;
}

export interface OutboxMessage {
  id: number;
  createdAt: string;
  recipient: string;
  message: { fa: string; en?: string };
  caseId: string | null;
  source: string | null;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  sentAt: string | null;
  lastError: string | null;
}

export interface OutboxStore {
  add(msg: { recipient: string; message: { fa: string; en?: string }; caseId?: string; source?: string }, now: string): number;
  pending(limit: number): OutboxMessage[];
  markSent(id: number, now: string): void;
  markFailed(id: number, error: string, final: boolean): void;
  list(filter: { status?: string; limit: number; offset: number }): Page<OutboxMessage>;
}

export interface DocumentMeta {
  id: string;
  caseId: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  taskId: string | null;
  uploadedBy: string;
  uploadedAt: string;
}

/** A document uploaded before its case exists (a start form's file field), owned by the user who sent it. */
export interface StagedDocument {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  owner: string;
  uploadedAt: string;
  /** After this instant an unused staged document is deleted. */
  expiresAt: string;
}

export interface DocumentStore {
  add(meta: DocumentMeta, content: Buffer): void;
  list(caseId: string): DocumentMeta[];
  get(id: string): { meta: DocumentMeta; content: Buffer } | undefined;
  /** Keeps an upload for a case not started yet. */
  stage(meta: StagedDocument, content: Buffer): void;
  /** A staged document (without its content), or undefined. */
  staged(id: string): StagedDocument | undefined;
  /**
   * Makes a staged document one of the case's (same id, its upload time kept); returns its metadata, or undefined when
   * it was not staged.
   */
  bind(id: string, caseId: string): DocumentMeta | undefined;
  /** Deletes the staged documents that expired before `now`; returns how many. */
  pruneStaged(now: string): number;
}

export interface IdempotencyStore {
  get(userId: string, key: string): { requestHash: string; status: number; response: unknown } | undefined;
  put(userId: string, key: string, requestHash: string, status: number, response: unknown, now: string): void;
}

export interface UserRow {
  id: string;
  username: string;
  name: string;
  roles: string[];
  disabled: boolean;
  /** Signed in with a one-time password (`dabir users reset-admin`): must set a new one before anything else. */
  mustChangePassword: boolean;
  /** The registry record a user of a party role is (roles.yaml `party:`), null for everyone else. */
  party: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface UserStore {
  byUsername(username: string): (UserRow & { passwordHash: string }) | undefined;
  byId(id: string): UserRow | undefined;
  list(): UserRow[];
  create(user: Omit<UserRow, 'mustChangePassword' | 'party'> & { passwordHash: string; mustChangePassword?: boolean; party?: string | null }): void;
  update(id: string, patch: Partial<Pick<UserRow, 'name' | 'roles' | 'disabled' | 'mustChangePassword' | 'party'>> & { passwordHash?: string }, now: string): boolean;
  count(): number;
}

export interface AuditEntry {
  id?: number;
  at: string;
  userId: string | null;
  username: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  status: number | null;
  detail: unknown;
}

export interface AuditStore {
  add(e: AuditEntry): void;
  list(filter: { userId?: string; action?: string; target?: string; limit: number; offset: number }): Page<AuditEntry>;
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
  diff: string;
}

/**
 * A publish in progress, recorded before its files are written and cleared with its version record: what start-up
 * needs to finish or undo a publish that a crash interrupted.
 */
export interface PublishIntent {
  /** The hash of the bundle being published (checked: it loaded and passed its scenarios). */
  hash: string;
  author: string;
  message: string | null;
  /** The version it was made on. */
  baseHash: string | null;
  /** The files it writes: path → new content, or null for a deletion. */
  files: Record<string, string | null>;
  /** The same paths before: path → old content, or null when the file did not exist. */
  previous: Record<string, string | null>;
  createdAt: string;
}

export interface BundleStore {
  has(hash: string): boolean;
  add(v: Omit<BundleVersion, 'seq'>, files: Record<string, string>): BundleVersion;
  latest(): BundleVersion | undefined;
  get(hash: string): BundleVersion | undefined;
  files(hash: string): Record<string, string> | undefined;
  list(limit: number, offset: number): Page<BundleVersion>;
  /** Records the publish in progress (replacing any). */
  intend(intent: PublishIntent): void;
  /** The publish in progress, if any. */
  intent(): PublishIntent | undefined;
  clearIntent(): void;
}

export interface MetaStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

/** The whole store. `tx` nests (inner calls become savepoints). */
export interface Store {
  tx<T>(fn: () => T): T;
  cases: CaseStore;
  entities: EntityStore;
  jobs: JobStore;
  outbox: OutboxStore;
  documents: DocumentStore;
  idempotency: IdempotencyStore;
  users: UserStore;
  audit: AuditStore;
  bundles: BundleStore;
  meta: MetaStore;
  /** Counts of cases by procedure and status, overdue tasks, durations: reporting queries. */
  reports: ReportStore;
  close(): void;
}

export interface ReportStore {
  casesByProcedureAndStatus(): { procedure: string; status: string; count: number }[];
  overdue(now: string, limit: number, offset: number): Page<TaskRow>;
  /** Durations of ended cases in milliseconds, per procedure. */
  durations(): { procedure: string; durationsMs: number[] }[];
}
