/**
 * CSRF protection: synchroniser tokens (csrf-sync), sent back in the `x-csrf-token` header on every write.
 *
 * A signed-in session keeps its token in the session (stored with it). An anonymous visitor — who needs a token only
 * to sign in — gets one derived from its session id (an HMAC under the session secret): handing out tokens stores
 * nothing, and a flood of `GET /auth/csrf` fills no table. The session id is the one of the visitor's signed session
 * cookie, which express-session sends with the token (the store keeps no anonymous session: session-store.ts); the
 * sign-in that follows presents that cookie and the token, and gets a new session id (no fixation).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { csrfSync } from 'csrf-sync';
import type { Request, RequestHandler } from 'express';

declare module 'express-session' {
  interface SessionData {
    /** Marks an anonymous session that was handed a CSRF token, so express-session sends its cookie. */
    csrfIssued?: boolean;
  }
}

export interface Csrf {
  /** Middleware: refuses a write without the right token (EBADCSRFTOKEN → 403 csrf-invalid). */
  protect: RequestHandler;
  /** The token of this request's session (a new one with `overwrite`, for a session that just signed in). */
  token(req: Request, overwrite?: boolean): string;
}

/** CSRF protection for sessions signed with `secret` under the cookie `cookieName`. */
export function csrfProtection(secret: string, cookieName: string): Csrf {
  const anonymousToken = (sid: string) => createHmac('sha256', secret).update(`csrf\0${sid}`).digest('base64url');
  const sync = csrfSync({
    getTokenFromRequest: (req) => req.get('x-csrf-token'),
    getTokenFromState: (req) => {
      if (req.session?.userId) return req.session.csrfToken;
      const sid = signedSessionId(req, cookieName, secret);
      return sid === undefined ? undefined : anonymousToken(sid);
    },
    storeTokenInState: (req, token) => {
      if (req.session?.userId) req.session.csrfToken = token;
    },
  });
  return {
    protect: sync.csrfSynchronisedProtection,
    token(req, overwrite = false) {
      if (req.session.userId) return sync.generateToken(req, overwrite);
      // A visitor who already has a (validly signed) session cookie keeps its token; otherwise the new session's
      // cookie goes out with this answer.
      const sid = signedSessionId(req, cookieName, secret);
      if (sid !== undefined) return anonymousToken(sid);
      req.session.csrfIssued = true;
      return anonymousToken(req.sessionID);
    },
  };
}

/**
 * The session id in the request's session cookie, if its signature holds. express-session signs it as cookie-signature
 * does: `s:<sid>.<base64 HMAC-SHA256 of sid, unpadded>`. Read from the header because for a session the store does
 * not keep, express-session has already moved `req.sessionID` to a new one.
 */
function signedSessionId(req: Request, cookieName: string, secret: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== cookieName) continue;
    let value: string;
    try {
      value = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
    if (!value.startsWith('s:')) return undefined;
    const dot = value.lastIndexOf('.');
    if (dot < 3) return undefined;
    const sid = value.slice(2, dot);
    const given = Buffer.from(value.slice(dot + 1));
    const expected = Buffer.from(createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, ''));
    return given.length === expected.length && timingSafeEqual(given, expected) ? sid : undefined;
  }
  return undefined;
}
