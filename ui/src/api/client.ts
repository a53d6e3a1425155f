/**
 * The typed client of Dabir's JSON API (server/routes/*). Components never call fetch: they go through controllers
 * that call these functions.
 */
import { request, setCsrfToken, url, type Query } from './http.js';
import type {
  Text, BundleVersion, CaseView, CasesReport, ChecklistDef, DefinitionError, DefinitionFile, DocumentMeta, DurationRow,
  EffectiveParameter, EntityType, Evidence, FormDef, InboxItem, Page, Preview, ProcedureDetail, ProcedureSummary, Role, ScenarioResult,
  TaskRow, User, UserRow, WhatIfResult,
} from './types.js';

export { ApiError, asApiError } from './errors.js';
export { onUnauthorized } from './http.js';
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

/** A change checked without publishing: load errors (file:line:col) or the scenarios' report. */
export interface CheckResult {
  ok: boolean;
  errors: DefinitionError[];
  warnings: DefinitionError[];
  lines?: string[];
  scenarios: { passed: number; failed: number; results: ScenarioResult[] } | null;
  hash: string | null;
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
  roles: () => get<Role[]>('/roles'),
  bundle: () => get<{ info: { id: string; name: Text; lineage: string[] }; hash: string }>('/bundle'),

  // Definitions as the runtime sees them.
  procedures: () => get<ProcedureSummary[]>('/procedures'),
  procedure: (id: string) => get<ProcedureDetail>(`/procedures/${enc(id)}`),
  /** The procedure drawn as SVG by the server, with a case's done and active steps marked. */
  diagramSvg: (id: string, opts: { caseId?: string; lang?: string } = {}) =>
    request<string>('GET', `/procedures/${enc(id)}/diagram`, { query: { format: 'svg', case: opts.caseId, lang: opts.lang }, as: 'text' }),
  form: (id: string) => get<FormDef>(`/forms/${enc(id)}`),
  /** A checklist; with a case, as in that case's definition version. */
  checklist: (id: string, caseId?: string) => get<ChecklistDef>(`/checklists/${enc(id)}`, { case: caseId }),
  whatIf: (procedure: string, body: { subject?: string; input?: Record<string, unknown> }, signal?: AbortSignal) =>
    request<WhatIfResult>('POST', `/procedures/${enc(procedure)}/what-if`, { body, signal }),
  parameters: (on?: string) => get<{ on: string; bundle: string; parameters: EffectiveParameter[] }>('/parameters', { on }),

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

  // Registry.
  entityTypes: () => get<EntityType[]>('/registry'),
  records: (entity: string, q: { q?: string; limit?: number; offset?: number } = {}) => get<Page<Record<string, unknown>>>(`/registry/${enc(entity)}`, q),
  record: (entity: string, id: string) => get<Record<string, unknown>>(`/registry/${enc(entity)}/${enc(id)}`),
  /** Replaces a record (administrators); the key comes from the path. */
  saveRecord: (entity: string, id: string, rec: Record<string, unknown>) => request<Record<string, unknown>>('PUT', `/registry/${enc(entity)}/${enc(id)}`, { body: rec }),
  importCsv: (entity: string, csv: string) => request<{ entity: string; imported: number }>('POST', `/registry/${enc(entity)}/import`, { body: csv, contentType: 'text/csv' }),

  // Reports.
  reportCases: () => get<CasesReport>('/reports/cases'),
  reportOverdue: (q: { limit?: number; offset?: number } = {}) => get<Page<TaskRow>>('/reports/overdue', q),
  reportDurations: () => get<DurationRow[]>('/reports/durations'),

  // Administration: definitions, publishing, history, users.
  definitions: () => get<{ version: { hash: string } & Partial<BundleVersion>; entry: string; files: DefinitionFile[] }>('/definitions'),
  definitionFile: (path: string) => get<{ path: string; content: string; version: string }>('/definitions/file', { path }),
  /** Loads the bundle with this file changed and runs its scenarios; writes nothing. */
  checkDefinition: (path: string, content: string | null) => post<CheckResult>('/definitions/check', { path, content }),
  /** Publishes a changed file as a new version (refused with every error, or failed scenarios). */
  publishFile: (path: string, content: string, message: string, baseVersion?: string) =>
    request<BundleVersion>('PUT', '/definitions/file', { body: { path, content, message, baseVersion } }),
  versions: (q: { limit?: number; offset?: number } = {}) => get<Page<BundleVersion> & { current: string }>('/definitions/versions', q),
  version: (hash: string) => get<BundleVersion & { files: string[]; current: boolean }>(`/definitions/versions/${enc(hash)}`),
  versionFile: (hash: string, path: string) => get<{ path: string; content: string }>(`/definitions/versions/${enc(hash)}/file`, { path }),
  jsonSchema: (kind: string) => get<Record<string, unknown>>(`/schemas/${enc(kind)}.schema.json`),
  users: () => get<UserRow[]>('/users'),
  createUser: (u: { username: string; name?: string; password: string; roles: string[] }) => post<UserRow>('/users', u),
  updateUser: (id: string, patch: { name?: string; roles?: string[]; disabled?: boolean; password?: string }) =>
    request<UserRow>('PATCH', `/users/${enc(id)}`, { body: patch }),
};

export type Api = typeof api;
