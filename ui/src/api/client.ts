/**
 * The typed client of Dabir's JSON API (server/routes/*). Components never call fetch: they go through controllers
 * that call these functions.
 */
import { request, setCsrfToken, url, type Query } from './http.js';
import type {
  AppConfig, Nearby, Text, BundleVersion, CaseView, CasesReport, ChecklistDef, DefinitionError, DefinitionFile, DocumentMeta, DurationRow,
  EffectiveParameter, EntityType, Evidence, ImportReport, RecordCases, RecordState, RegistrySync, FormDef, InboxItem, JsonSchema, Page, Preview, ProcedureDetail, ProcedureSummary, ProposalReport, Role, ScenarioResult,
  TaskRow, User, UserRow, WhatIfResult,
} from './types.js';

export { ApiError, asApiError } from './errors.js';
export { onUnauthorized, setSignedIn } from './http.js';
export type * from './types.js';

const enc = encodeURIComponent;
const get = <T>(path: string, query?: Query) => request<T>('GET', path, { query });
const post = <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body: body ?? {}, query });

export interface InboxQuery {
  role?: string;
  procedure?: string;
  step?: string;
  overdue?: boolean;
  sort?: 'due' | '-due' | 'opened' | '-opened';
  limit?: number;
  offset?: number;
}

export interface StartBody {
  procedure: string;
  subject?: string;
  input?: Record<string, unknown>;
}

/** One file of a change set: its new content, or null to delete it. */
export interface FileChange {
  path: string;
  content: string | null;
}

/** What the proposal form sends. */
export interface ProposalBody {
  value: unknown;
  date: string;
  title: { fa: string; en?: string };
  number?: string;
  reference?: { fa: string; en?: string };
  updateScenarios?: string[];
}

/** A change checked without publishing: load errors (file:line:col) or the scenarios' report. */
export interface CheckResult {
  ok: boolean;
  errors: DefinitionError[];
  warnings: DefinitionError[];
  lines?: string[];
  scenarios: { passed: number; failed: number; results: ScenarioResult[] } | null;
  hash: string | null;
  /** What publishing would do to the live registry (null when the definitions do not load). */
  registry?: RegistrySync | null;
}

export const api = {
  // Authentication.
  async login(username: string, password: string): Promise<User> {
    const res = await post<{ user: User; csrfToken?: string }>('/auth/login', { username, password });
    setCsrfToken(res.csrfToken);
    return res.user;
  },
  /** Changes the signed-in user's own password. */
  changePassword: (current: string, next: string) => post<void>('/auth/password', { current, next }),
  async logout(): Promise<void> {
    await post<void>('/auth/logout');
    setCsrfToken(undefined);
  },
  me: () => get<User>('/auth/me'),
  /** Who is signed in (null when nobody is): 200 either way, so a signed-out first page logs no error. */
  session: async () => (await get<{ user: User | null }>('/auth/session')).user,
  roles: () => get<Role[]>('/roles'),
  bundle: () => get<{ info: { id: string; name: Text; lineage: string[] }; hash: string }>('/bundle'),

  // Definitions as the runtime sees them.
  procedures: () => get<ProcedureSummary[]>('/procedures'),
  /** A procedure; with a case, as that case has it (its version, labels naming parameters on its judging date). */
  procedure: (id: string, caseId?: string) => get<ProcedureDetail>(`/procedures/${enc(id)}`, { case: caseId }),
  /** The procedure drawn as SVG by the server, with a case's done and active steps marked. */
  diagramSvg: (id: string, opts: { caseId?: string; lang?: string } = {}) =>
    request<string>('GET', `/procedures/${enc(id)}/diagram`, { query: { format: 'svg', case: opts.caseId, lang: opts.lang }, as: 'text' }),
  /** A form; with a case, its table options as on that case's judging date. */
  form: (id: string, caseId?: string) => get<FormDef>(`/forms/${enc(id)}`, { case: caseId }),
  /** A checklist; with a case, as in that case's definition version. */
  checklist: (id: string, caseId?: string) => get<ChecklistDef>(`/checklists/${enc(id)}`, { case: caseId }),
  whatIf: (procedure: string, body: { subject?: string; input?: Record<string, unknown> }, signal?: AbortSignal) =>
    request<WhatIfResult>('POST', `/procedures/${enc(procedure)}/what-if`, { body, signal }),
  parameters: (on?: string) => get<{ on: string; bundle: string; parameters: EffectiveParameter[] }>('/parameters', { on }),
  /** One parameter with the value in force on a Jalali date (default: today). */
  parameter: (id: string, on?: string) => get<EffectiveParameter & { columns?: JsonSchema }>(`/parameters/${enc(id)}`, { on }),
  /** The installation's settings for the UI (the map tile server). */
  config: () => get<AppConfig>('/config'),

  // Cases.
  inbox: (q: InboxQuery) => get<Page<InboxItem>>('/inbox', { ...q } as Query),
  cases: (q: { procedure?: string; status?: string; subject?: string; parent?: string; number?: string; limit?: number; offset?: number } = {}) => get<Page<CaseView>>('/cases', q),
  case: (id: string) => get<CaseView>(`/cases/${enc(id)}`),
  startCase: (body: StartBody, idempotencyKey?: string) =>
    request<CaseView>('POST', '/cases', { body, headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {} }),
  completeTask: (caseId: string, task: string, body: { outcome?: string; data?: Record<string, unknown>; expectedVersion: number }) =>
    post<CaseView>(`/cases/${enc(caseId)}/tasks/${enc(task)}/complete`, body),
  /** What completing a task would do — nothing is written. */
  previewTask: (caseId: string, task: string, body: { outcome?: string; data?: Record<string, unknown> }) =>
    post<Preview>(`/cases/${enc(caseId)}/tasks/${enc(task)}/preview`, body),
  /** The evidence an open task decides on. */
  taskEvidence: (caseId: string, task: string) => get<Evidence>(`/cases/${enc(caseId)}/tasks/${enc(task)}/evidence`),
  /** Sends the case back from an open task to an earlier step its definition allows. */
  returnCase: (caseId: string, body: { expectedVersion: number; task: string; to: string; reason: string }) => post<CaseView>(`/cases/${enc(caseId)}/return`, body),
  cancelCase: (caseId: string, expectedVersion: number, reason: string) => post<CaseView>(`/cases/${enc(caseId)}/cancel`, { expectedVersion, reason }),
  documents: (caseId: string) => get<DocumentMeta[]>(`/cases/${enc(caseId)}/documents`),
  upload: (caseId: string, file: File, task?: string) =>
    request<DocumentMeta & { caseVersion?: number }>('POST', `/cases/${enc(caseId)}/documents`, { body: file, contentType: 'application/octet-stream', query: { name: file.name, task } }),
  documentUrl: (id: string) => url(`/documents/${enc(id)}`),
  /** Uploads a start form's file before its case exists; the start binds it (its id goes in the file field). */
  stageDocument: (file: File) =>
    request<{ id: string; name: string; mediaType: string; size: number; expiresAt: string }>('POST', '/documents/staged', { body: file, contentType: 'application/octet-stream', query: { name: file.name } }),

  // Registry.
  entityTypes: () => get<EntityType[]>('/registry'),
  /** Records of an entity; `q` matches their titles and subtitles. */
  records: (entity: string, q: { q?: string; limit?: number; offset?: number } = {}, signal?: AbortSignal) =>
    request<Page<Record<string, unknown>>>('GET', `/registry/${enc(entity)}`, { query: q, signal }),
  record: (entity: string, id: string) => get<Record<string, unknown>>(`/registry/${enc(entity)}/${enc(id)}`),
  /** The records nearest to a point; with `fact`, only those that `nearest` fact measures. */
  nearby: (entity: string, q: { lat: number; lon: number; limit?: number; exclude?: string; fact?: string }, signal?: AbortSignal) =>
    request<Nearby>('GET', `/registry/${enc(entity)}/nearby`, { query: q, signal }),
  /** Replaces a record (registry keepers); the key comes from the path; `version` is the one read (409 when stale). */
  saveRecord: (entity: string, id: string, rec: Record<string, unknown>, version?: number) =>
    request<Record<string, unknown>>('PUT', `/registry/${enc(entity)}/${enc(id)}`, { body: version === undefined ? rec : { ...rec, $version: version } }),
  /** Creates a record (registry keepers); the server makes its key. */
  createRecord: (entity: string, rec: Record<string, unknown>) => request<Record<string, unknown>>('POST', `/registry/${enc(entity)}`, { body: rec }),
  retireRecord: (entity: string, id: string, reason: string, version?: number) =>
    post<RecordState>(`/registry/${enc(entity)}/${enc(id)}/retire`, { reason, ...(version === undefined ? {} : { $version: version }) }),
  restoreRecord: (entity: string, id: string, version?: number) =>
    post<RecordState>(`/registry/${enc(entity)}/${enc(id)}/restore`, version === undefined ? {} : { $version: version }),
  /** The cases that name a record (that the user may see) and its history. */
  recordCases: (entity: string, id: string) => get<RecordCases>(`/registry/${enc(entity)}/${enc(id)}/cases`),
  /** Records including (or only) the retired ones. */
  recordsWithRetired: (entity: string, q: { q?: string; limit?: number; offset?: number; retired: 'include' | 'only' }, signal?: AbortSignal) =>
    request<Page<Record<string, unknown>>>('GET', `/registry/${enc(entity)}`, { query: q, signal }),
  /** Where an entity's CSV template downloads (Persian headers). */
  templateCsvUrl: (entity: string) => url(`/registry/${enc(entity)}/template.csv`),
  /** Where every record of a type downloads as CSV (Persian headers, labels beside codes). */
  exportCsvUrl: (entity: string) => url(`/registry/${enc(entity)}/export.csv`),
  /** Imports CSV: `preview` writes nothing; `all` writes every row or none; `valid-only` the rows without problems. */
  importCsv: (entity: string, csv: string, mode: 'preview' | 'all' | 'valid-only' = 'all') =>
    request<ImportReport>('POST', `/registry/${enc(entity)}/import`, { body: csv, contentType: 'text/csv', query: { mode } }),

  // Reports.
  reportCases: () => get<CasesReport>('/reports/cases'),
  reportOverdue: (q: { limit?: number; offset?: number } = {}) => get<Page<TaskRow>>('/reports/overdue', q),
  reportDurations: () => get<DurationRow[]>('/reports/durations'),
  /** Where a report downloads as CSV: `cases`, `overdue` or `durations`. */
  reportCsvUrl: (report: 'cases' | 'overdue' | 'durations') => url(`/reports/${report}.csv`),

  // Administration: definitions, publishing, history, users.
  definitions: () => get<{ version: { hash: string } & Partial<BundleVersion>; entry: string; files: DefinitionFile[] }>('/definitions'),
  definitionFile: (path: string) => get<{ path: string; content: string; version: string }>('/definitions/file', { path }),
  /** Loads the bundle with this file changed and runs its scenarios; writes nothing. */
  checkDefinition: (path: string, content: string | null) => post<CheckResult>('/definitions/check', { path, content }),
  /** Loads the bundle with several files changed (null content: deleted) and runs its scenarios; writes nothing. */
  checkChanges: (files: FileChange[]) => post<CheckResult>('/definitions/check', { files }),
  /** Publishes a change set — several files — as one new version (refused with every error, or failed scenarios). */
  publishChanges: (files: FileChange[], message: string, baseVersion: string) =>
    post<BundleVersion>('/definitions/publish', { files, message, baseVersion }),
  /** Drafts a new value of a parameter as a resolution: the files as they would be, the checks, the scenarios it turns. */
  proposeParameter: (id: string, body: ProposalBody) => post<ProposalReport>(`/admin/parameters/${enc(id)}/proposal`, body),
  /** Publishes a changed file as a new version (refused with every error, or failed scenarios). */
  publishFile: (path: string, content: string, message: string, baseVersion?: string) =>
    request<BundleVersion>('PUT', '/definitions/file', { body: { path, content, message, baseVersion } }),
  versions: (q: { limit?: number; offset?: number } = {}) => get<Page<BundleVersion> & { current: string }>('/definitions/versions', q),
  version: (hash: string) => get<BundleVersion & { files: string[]; current: boolean }>(`/definitions/versions/${enc(hash)}`),
  versionFile: (hash: string, path: string) => get<{ path: string; content: string }>(`/definitions/versions/${enc(hash)}/file`, { path }),
  jsonSchema: (kind: string) => get<Record<string, unknown>>(`/schemas/${enc(kind)}.schema.json`),
  users: () => get<UserRow[]>('/users'),
  createUser: (u: { username: string; name?: string; password: string; roles: string[]; party?: string }) => post<UserRow>('/users', u),
  updateUser: (id: string, patch: { name?: string; roles?: string[]; disabled?: boolean; password?: string; party?: string | null }) =>
    request<UserRow>('PATCH', `/users/${enc(id)}`, { body: patch }),
};

export type Api = typeof api;
