/**
 * One error type (`Problem`) and one Express error middleware that maps every error to
 * `application/problem+json` (RFC 9457).
 *
 * Shape (stable, documented in the OpenAPI `Problem` schema):
 *   { type: "urn:dabir:problem:<code>", code, status, title (fa), title_en, detail?, detail_en?, instance,
 *     failures?: RuleFailure[], errors?: [...], fieldErrors?: [...] }
 * `title`/`title_en` name the kind of problem and never vary for a code; `detail`/`detail_en` say what happened this time.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';

interface ProblemKind {
  status: number;
  fa: string;
  en: string;
}

/** Every problem code the API can return. Codes are stable; clients switch on them. */
export const PROBLEMS = {
  'bad-request': { status: 400, fa: 'درخواست نادرست است', en: 'Bad request' },
  'validation-failed': { status: 400, fa: 'داده‌های درخواست معتبر نیست', en: 'The request is not valid' },
  unauthenticated: { status: 401, fa: 'ابتدا وارد شوید', en: 'Authentication required' },
  'invalid-credentials': { status: 401, fa: 'نام کاربری یا گذرواژه نادرست است', en: 'Wrong username or password' },
  forbidden: { status: 403, fa: 'شما اجازهٔ این کار را ندارید', en: 'You are not allowed to do this' },
  'csrf-invalid': { status: 403, fa: 'توکن CSRF نامعتبر است', en: 'Invalid or missing CSRF token' },
  'not-found': { status: 404, fa: 'پیدا نشد', en: 'Not found' },
  'method-not-allowed': { status: 405, fa: 'این روش درخواست برای این نشانی پذیرفته نیست', en: 'Method not allowed' },
  'stale-version': { status: 409, fa: 'پرونده در این فاصله تغییر کرده است؛ دوباره بارگذاری کنید', en: 'The case changed meanwhile; reload and retry' },
  conflict: { status: 409, fa: 'تعارض با وضعیت فعلی', en: 'Conflict with the current state' },
  'case-already-open': { status: 409, fa: 'پرونده‌ای از همین نوع برای همین موضوع باز است', en: 'A case of this kind is already open for this subject' },
  'last-admin': { status: 409, fa: 'سامانه بدون مدیر فعال نمی‌ماند', en: 'The system cannot be left without an active administrator' },
  'password-change-required': { status: 403, fa: 'پیش از هر کار گذرواژهٔ تازه‌ای بگذارید', en: 'Set a new password before anything else' },
  'definition-version-unavailable': { status: 409, fa: 'نسخهٔ تعاریفِ این پرونده دیگر بارگذاری نمی‌شود', en: "The case's definition version no longer loads" },
  'idempotency-key-reused': { status: 422, fa: 'این کلید یکتایی پیش‌تر با درخواست دیگری به کار رفته است', en: 'This Idempotency-Key was used with a different request' },
  'not-acceptable': { status: 406, fa: 'قالب خواسته‌شده فراهم نیست', en: 'Not acceptable' },
  'precondition-required': { status: 428, fa: 'پیش‌شرط درخواست فرستاده نشده است', en: 'Precondition required' },
  'payload-too-large': { status: 413, fa: 'حجم درخواست بیش از حد مجاز است', en: 'Payload too large' },
  'unsupported-media-type': { status: 415, fa: 'نوع فایل پذیرفته نیست', en: 'Unsupported media type' },
  'rule-refused': { status: 422, fa: 'شرایط لازم برقرار نیست', en: 'The rules refuse this request' },
  'cannot-evaluate': { status: 422, fa: 'قاعده با این داده‌ها ارزیابی‌پذیر نیست', en: 'The rules cannot be evaluated with this data' },
  'command-refused': { status: 422, fa: 'این فرمان پذیرفته نشد', en: 'The command was refused' },
  'invalid-definition': { status: 422, fa: 'تعریف معتبر نیست', en: 'The definition is not valid' },
  'scenarios-failed': { status: 422, fa: 'سناریوهای آزمون شکست خوردند', en: 'The scenarios failed' },
  'invalid-record': { status: 422, fa: 'رکورد معتبر نیست', en: 'The record is not valid' },
  'too-many-requests': { status: 429, fa: 'تعداد درخواست‌ها بیش از حد است؛ کمی بعد تلاش کنید', en: 'Too many requests; try again later' },
  internal: { status: 500, fa: 'خطای داخلی سرور', en: 'Internal server error' },
} as const satisfies Record<string, ProblemKind>;

export type ProblemCode = keyof typeof PROBLEMS;

export interface ProblemOptions {
  detail?: string;
  detail_en?: string;
  /** Extension members (failures, errors, fieldErrors, …). */
  extra?: Record<string, unknown>;
  status?: number;
}

/** The one error type of the server. Throw it anywhere; the error middleware renders it. */
export class Problem extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly detail?: string;
  readonly detail_en?: string;
  readonly extra: Record<string, unknown>;

  constructor(code: ProblemCode, opts: ProblemOptions = {}) {
    super(opts.detail_en ?? PROBLEMS[code].en);
    this.code = code;
    this.status = opts.status ?? PROBLEMS[code].status;
    this.detail = opts.detail;
    this.detail_en = opts.detail_en;
    this.extra = opts.extra ?? {};
  }

  /** The problem+json body. */
  body(instance?: string): Record<string, unknown> {
    const kind = PROBLEMS[this.code];
    return {
      type: `urn:dabir:problem:${this.code}`,
      code: this.code,
      status: this.status,
      title: kind.fa,
      title_en: kind.en,
      ...(this.detail !== undefined ? { detail: this.detail } : {}),
      ...(this.detail_en !== undefined ? { detail_en: this.detail_en } : {}),
      ...(instance ? { instance } : {}),
      ...this.extra,
    };
  }
}

/** What the server can fail to find, named in both languages (a record of the registry is named by its entity's label). */
export const NOUNS = {
  case: { fa: 'پرونده', en: 'Case' },
  procedure: { fa: 'فرایند', en: 'Procedure' },
  task: { fa: 'کار', en: 'Task' },
  user: { fa: 'کاربر', en: 'User' },
  file: { fa: 'فایل', en: 'File' },
  version: { fa: 'نسخه', en: 'Version' },
  rule: { fa: 'قاعده', en: 'Rule' },
  entity: { fa: 'نوع رکورد', en: 'Entity type' },
  form: { fa: 'فرم', en: 'Form' },
  parameter: { fa: 'پارامتر', en: 'Parameter' },
  document: { fa: 'سند', en: 'Document' },
  fact: { fa: 'داده', en: 'Fact' },
  checklist: { fa: 'چک‌لیست', en: 'Checklist' },
} as const satisfies Record<string, { fa: string; en: string }>;

/** A noun of {@link NOUNS}, or a label from the definitions (its English, when it has none, is `fallbackEn`). */
export type Noun = keyof typeof NOUNS | { fa: string; en?: string; fallbackEn?: string };

/** Shorthand for the common "X not found" problem: the Persian detail names it in Persian, the English one in English. */
export function notFound(what: Noun, id: string): Problem {
  const n = typeof what === 'string' ? NOUNS[what] : what;
  const en = n.en ?? ('fallbackEn' in n ? n.fallbackEn : undefined) ?? 'Record';
  return new Problem('not-found', { detail: `${n.fa} «${id}» پیدا نشد`, detail_en: `${en} "${id}" not found` });
}

/** The 409 of a write that expected another version of a case (both versions in the body). */
export function staleVersion(expected: number, current: number): Problem {
  return new Problem('stale-version', {
    // Said plainly: the versions are for programs (they are in the body), not for the clerk.
    detail: 'این پرونده در این فاصله تغییر کرده است؛ صفحه را تازه کنید.',
    detail_en: 'This case changed meanwhile; reload the page.',
    extra: { expectedVersion: expected, currentVersion: current },
  });
}

/** Maps a thrown value to a Problem: Problems pass through; body-parser and http-errors keep their status. */
export function toProblem(err: unknown): Problem {
  if (err instanceof Problem) return err;
  const e = err as { status?: number; statusCode?: number; type?: string; code?: string; message?: string };
  const status = e?.status ?? e?.statusCode;
  if (e?.type === 'entity.too.large') return new Problem('payload-too-large', { detail_en: e.message });
  if (e?.type === 'entity.parse.failed') return new Problem('bad-request', { detail: 'JSON نامعتبر است', detail_en: `Malformed JSON: ${e.message}` });
  if (e?.code === 'EBADCSRFTOKEN') return new Problem('csrf-invalid');
  if (status === 413) return new Problem('payload-too-large');
  if (status === 415) return new Problem('unsupported-media-type', { detail_en: e.message });
  if (typeof status === 'number' && status >= 400 && status < 500) return new Problem('bad-request', { status, detail_en: e.message });
  return new Problem('internal');
}

/** Renders a problem. */
export function sendProblem(res: import('express').Response, p: Problem, instance?: string): void {
  res.status(p.status).type('application/problem+json').send(JSON.stringify(p.body(instance)));
}

/** The one error middleware: every error becomes problem+json; unexpected ones are logged, never leaked. */
export function errorMiddleware(log?: Logger, shape?: (p: Problem, req: import('express').Request) => Problem): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    let p = toProblem(err);
    // What the user may not read leaves the problem too (a refusal listing a rule's values over sensitive fields).
    if (shape && p.status < 500) p = shape(p, req);
    if (p.status >= 500) log?.error({ err, path: req.path }, 'unhandled error');
    sendProblem(res, p, req.originalUrl);
  };
}

/** 404 for any unmatched /api route. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new Problem('not-found', { detail: `مسیر ${req.method} ${req.path} وجود ندارد`, detail_en: `No route ${req.method} ${req.path}` }));
};
