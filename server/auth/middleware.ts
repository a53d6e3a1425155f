/**
 * Authentication and role checks. The session holds only the user id; each request reloads the user, so a disabled
 * user or a changed role takes effect at once.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ADMIN_ROLE } from '../../engine/index.js';
import { Problem } from '../problem.js';
import type { UserStore } from '../store/types.js';

/** The built-in administrator role (definitions never declare it). */
/** The administrator role (engine/model.ts ADMIN_ROLE, under the server's shorter name). */
export const ADMIN = ADMIN_ROLE;

export interface SessionUser {
  id: string;
  username: string;
  name: string;
  roles: string[];
  /** The registry record the user is, for a user of a party role (roles.yaml `party:`). */
  party?: string;
  /** Signed in with a one-time password: only setting a new one (and signing out) is allowed until then. */
  mustChangePassword?: boolean;
}

declare module 'express-session' {
  interface SessionData {
    userId?: string;
  }
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: SessionUser;
  }
}

/** Loads `req.user` from the session (if any); never rejects. */
export function loadUser(users: UserStore): RequestHandler {
  return (req, _res, next) => {
    const id = req.session?.userId;
    if (id) {
      const u = users.byId(id);
      if (u && !u.disabled) req.user = sessionUser(u);
    }
    next();
  };
}

/** The signed-in user as requests carry it (and /auth/me answers it). */
export function sessionUser(u: { id: string; username: string; name: string; roles: string[]; mustChangePassword?: boolean; party?: string | null }): SessionUser {
  return { id: u.id, username: u.username, name: u.name, roles: u.roles, ...(u.party ? { party: u.party } : {}), ...(u.mustChangePassword ? { mustChangePassword: true } : {}) };
}

/**
 * Middleware: a user signed in with a one-time password may only set a new one (or sign out, or ask who they are):
 * every other request is refused, so the one-time password opens nothing else.
 */
export const requirePasswordSet: RequestHandler = (req, _res, next) => {
  if (!req.user?.mustChangePassword || req.path.startsWith('/auth/')) return next();
  next(new Problem('password-change-required', {
    detail: 'با گذرواژهٔ یک‌بار مصرف وارد شده‌اید؛ پیش از هر کار، از صفحهٔ حساب کاربری گذرواژهٔ تازه‌ای بگذارید.',
    detail_en: 'You signed in with a one-time password: set a new one on your account page before anything else.',
  }));
};

/** The signed-in user, or a 401 problem. */
export function currentUser(req: Request): SessionUser {
  if (!req.user) throw new Problem('unauthenticated');
  return req.user;
}

export const isAdmin = (u: SessionUser): boolean => u.roles.includes(ADMIN);

/** 403 unless the user holds one of `roles` (admins pass when `adminPasses`). */
export function assertRole(u: SessionUser, roles: readonly string[], what: { fa: string; en: string }, adminPasses = true): void {
  if (adminPasses && isAdmin(u)) return;
  if (roles.some((r) => u.roles.includes(r))) return;
  throw new Problem('forbidden', {
    detail: `${what.fa} نیاز به یکی از نقش‌های ${roles.join('، ')} دارد`,
    detail_en: `${what.en} requires one of the roles: ${roles.join(', ')}`,
    extra: { requiredRoles: roles },
  });
}

/** Middleware: any signed-in user. */
export const requireAuth: RequestHandler = (req: Request, _res: Response, next: NextFunction) => {
  if (!req.user) return next(new Problem('unauthenticated'));
  next();
};

/** Middleware: signed-in administrators only. */
export const requireAdmin: RequestHandler = (req, _res, next) => {
  if (!req.user) return next(new Problem('unauthenticated'));
  if (!isAdmin(req.user)) return next(new Problem('forbidden', { detail: 'فقط مدیر سامانه', detail_en: 'Administrators only', extra: { requiredRoles: [ADMIN] } }));
  next();
};
