/**
 * The one fetch wrapper: same-origin cookies, JSON in and out, the CSRF header on every write (fetched lazily and
 * refreshed once when the server says it is stale), problem+json turned into ApiError.
 */
import { ApiError, asApiError, type ProblemBody } from './errors.js';

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  query?: Query;
  /** JSON body (objects) or a raw body (strings, Blobs, Files) sent as is. */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  /** How to read a success: json (default), text, or the Response itself. */
  as?: 'json' | 'text' | 'response';
  signal?: AbortSignal;
}

const BASE = '/api';
let csrfToken: string | undefined;
/** Whether a session is believed to exist; while not, only the auth endpoints are asked (see `setSignedIn`). */
let signedIn = true;
const unauthorizedListeners = new Set<() => void>();

/** Called whenever the server answers 401 (the session ended). */
export function onUnauthorized(fn: () => void): () => void {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

/**
 * Tells the client whether someone is signed in. Signed out, a request for anything but `/auth/*` fails at once with
 * the 401 the server would answer, without reaching the network: whatever a page that is going away still asks for
 * (a re-render of a list, a label it waits on) must not turn into a stream of 401s after sign-out.
 */
export function setSignedIn(v: boolean): void {
  // Signing out also stops what is still on its way: an answer that arrived after the session ended would be a 401.
  if (signedIn && !v) {
    sessionRequests.abort();
    sessionRequests = new AbortController();
  }
  signedIn = v;
}

/** Aborts the requests of the session (everything but `/auth/*`) when it ends. */
let sessionRequests = new AbortController();

/** Stores a CSRF token the server handed out (login returns one). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

async function fetchCsrf(): Promise<string> {
  const res = await fetch(`${BASE}/auth/csrf`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!res.ok) throw new ApiError(res.status, await readProblem(res));
  const body = (await res.json()) as { csrfToken?: string; token?: string };
  csrfToken = body.csrfToken ?? body.token ?? '';
  return csrfToken;
}

async function readProblem(res: Response): Promise<ProblemBody> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as ProblemBody;
    return typeof body === 'object' && body ? body : { title_en: text };
  } catch {
    return { status: res.status, title_en: text.slice(0, 300) || res.statusText };
  }
}

export function url(path: string, query?: Query): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return `${BASE}${path}${s ? `?${s}` : ''}`;
}

/** Sends one request; resolves with the parsed success body, rejects with ApiError. */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  if (!signedIn && !path.startsWith('/auth/')) {
    throw new ApiError(401, { code: 'unauthenticated', status: 401, title: 'ابتدا وارد شوید', title_en: 'Authentication required' });
  }
  const write = method !== 'GET' && method !== 'HEAD';
  const send = async (): Promise<Response> => {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...opts.headers };
    let body: BodyInit | undefined;
    if (opts.body !== undefined) {
      if (typeof opts.body === 'string' || opts.body instanceof Blob || opts.body instanceof ArrayBuffer) {
        body = opts.body as BodyInit;
        headers['content-type'] = opts.contentType ?? (opts.body instanceof Blob && opts.body.type ? opts.body.type : 'application/octet-stream');
      } else {
        body = JSON.stringify(opts.body);
        headers['content-type'] = 'application/json';
      }
    }
    if (write) headers['x-csrf-token'] = csrfToken ?? (await fetchCsrf());
    const session = path.startsWith('/auth/') ? undefined : sessionRequests.signal;
    const signal = session && opts.signal ? AbortSignal.any([session, opts.signal]) : (session ?? opts.signal);
    return fetch(url(path, opts.query), { method, headers, body, credentials: 'same-origin', signal });
  };
  try {
    let res = await send();
    if (write && res.status === 403) {
      const problem = await readProblem(res.clone());
      if (problem.code === 'csrf-invalid') {
        await fetchCsrf();
        res = await send();
      }
    }
    if (!res.ok) {
      const problem = await readProblem(res);
      // A 401 means the session ended — except wrong credentials (signing in, or confirming one's password to change it).
      if (res.status === 401 && problem.code !== 'invalid-credentials' && !path.startsWith('/auth/login')) {
        // The session's CSRF token ended with it: the next write (signing in again) fetches a fresh one.
        csrfToken = undefined;
        for (const fn of unauthorizedListeners) fn();
      }
      throw new ApiError(res.status, problem);
    }
    if (opts.as === 'response') return res as unknown as T;
    if (res.status === 204) return undefined as T;
    if (opts.as === 'text') return (await res.text()) as T;
    const type = res.headers.get('content-type') ?? '';
    return (type.includes('json') ? await res.json() : await res.text()) as T;
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') throw err;
    throw asApiError(err);
  }
}
