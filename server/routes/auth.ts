/** Sign in and out, the CSRF token, the current user, changing one's own password. */
import { Router } from 'express';
import type { Csrf } from '../auth/csrf.js';
import { currentUser, requireAuth, sessionUser } from '../auth/middleware.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { Problem } from '../problem.js';
import type { Services } from '../services.js';

export function authRoutes(s: Services, csrf: Csrf): Router {
  const r = Router();
  const { users } = s.deps.store;
  // A hash (of the same cost as real ones) to compare against when the user does not exist, so timing does not
  // reveal which usernames exist.
  let dummyHash: Promise<string> | undefined;

  r.get('/auth/csrf', (req, res) => {
    // Signed in: the session's token; anonymous: one derived from the session id (nothing stored, see auth/csrf.ts).
    res.json({ csrfToken: csrf.token(req) });
  });

  r.post('/auth/login', async (req, res) => {
    const { username, password } = req.body as { username: string; password: string };
    const u = users.byUsername(username);
    dummyHash ??= hashPassword('not a password', s.deps.config.scrypt);
    const ok = await verifyPassword(password, u?.passwordHash ?? (await dummyHash));
    res.locals.audit = { username };
    if (!u || !ok || u.disabled) throw new Problem('invalid-credentials');
    // A new session id at sign-in (no session fixation), then a fresh CSRF token bound to it.
    await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
    req.session.userId = u.id;
    req.user = sessionUser(u);
    const csrfToken = csrf.token(req, true);
    await new Promise<void>((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
    res.json({ user: req.user, csrfToken });
  });

  r.post('/auth/logout', requireAuth, async (req, res) => {
    // The session's live-update streams end with it (another tab of the same session would otherwise keep listening).
    s.events.closeSessions({ sessionId: req.sessionID });
    await new Promise<void>((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
    res.clearCookie('dabir.sid');
    res.status(204).end();
  });

  // Signed out is a normal state, not an error: the first page asks this and learns either answer with a 200.
  r.get('/auth/session', (req, res) => {
    res.json({ user: req.user ?? null });
  });

  r.get('/auth/me', requireAuth, (req, res) => {
    res.json(currentUser(req));
  });

  r.post('/auth/password', requireAuth, async (req, res) => {
    const u = currentUser(req);
    const { current, next } = req.body as { current: string; next: string };
    const row = users.byUsername(u.username);
    if (!row || !(await verifyPassword(current, row.passwordHash))) throw new Problem('invalid-credentials');
    const passwordHash = await hashPassword(next, s.deps.config.scrypt);
    // The user's other sessions end with the old password (a stolen session must not outlive the change); this one stays.
    // A one-time password has served its purpose once the user has set their own.
    s.deps.store.tx(() => {
      users.update(u.id, { passwordHash, mustChangePassword: false }, s.now());
      s.sessions.destroyUser(u.id, req.sessionID);
    });
    s.events.closeSessions({ userId: u.id, except: req.sessionID });
    res.status(204).end();
  });

  return r;
}
