/**
 * The API's problem+json errors as one typed error. `message(lang)` gives the most specific text the server sent.
 */
import type { Lang, Text } from '../i18n/index.js';
import type { DefinitionError, RuleFailure } from './types.js';

export interface ProblemBody {
  type?: string;
  code?: string;
  status?: number;
  title?: string;
  title_en?: string;
  detail?: string;
  detail_en?: string;
  failures?: RuleFailure[];
  fieldErrors?: { path: string; message: Text | string }[];
  errors?: unknown[];
  [k: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  /** Stable problem code (`rule-refused`, `stale-version`, …), or `network` when the server was unreachable. */
  readonly code: string;
  readonly title: Text;
  readonly detail?: Text;
  readonly failures: RuleFailure[];
  readonly fieldErrors: { path: string; message: Text }[];
  readonly body: ProblemBody;

  constructor(status: number, body: ProblemBody) {
    super(body.detail_en ?? body.title_en ?? body.detail ?? body.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
    this.code = body.code ?? (body.type?.split(':').pop() || `http-${status}`);
    this.title = { fa: body.title ?? body.title_en ?? `خطای ${status}`, en: body.title_en ?? body.title ?? `Error ${status}` };
    this.detail = body.detail || body.detail_en ? { fa: body.detail ?? body.detail_en ?? '', en: body.detail_en ?? body.detail } : undefined;
    this.failures = Array.isArray(body.failures) ? body.failures : [];
    this.fieldErrors = (body.fieldErrors ?? []).map((f) => ({ path: f.path, message: typeof f.message === 'string' ? { fa: f.message } : f.message }));
  }

  /** The text to show: detail when present, else the title. */
  text(lang: Lang): string {
    const t = this.detail ?? this.title;
    return (lang === 'en' ? t.en : undefined) ?? t.fa;
  }

  /** Definition problems (`invalid-definition`), each at file:line:col. */
  get definitionErrors(): DefinitionError[] {
    const e = this.body.errors;
    return Array.isArray(e) ? (e.filter((x) => x && typeof x === 'object' && 'line' in (x as object)) as DefinitionError[]) : [];
  }
}

/** Wraps anything thrown into an ApiError (network failures become code `network`). */
export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(0, {
    code: 'network',
    title: 'ارتباط با سرور برقرار نشد',
    title_en: 'Could not reach the server',
    detail_en: err instanceof Error ? err.message : String(err),
  });
}
