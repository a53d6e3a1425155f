/** Users and their roles (administrators only). Roles come from the bundle, plus the built-in `admin`. */
import { Router } from 'express';
import { ADMIN, requireAdmin, requireAuth } from '../auth/middleware.js';
import { hashPassword } from '../auth/password.js';
import { notFound, Problem } from '../problem.js';
import type { Services } from '../services.js';
import { param } from './util.js';

export function userRoutes(s: Services): Router {
  const r = Router();
  const { users } = s.deps.store;

  const checkRoles = (roles: string[]) => {
    const known = s.deps.bundles.current().roles;
    const unknown = roles.filter((x) => x !== ADMIN && !known.has(x));
    if (unknown.length) {
      throw new Problem('validation-failed', { detail: `نقش ناشناخته: ${unknown.join('، ')}`, detail_en: `Unknown roles: ${unknown.join(', ')}`, extra: { unknownRoles: unknown } });
    }
    // Outside authorities never sign in: their answers are recorded by the staff role of the inquiry step.
    const external = roles.filter((x) => known.get(x)?.external);
    if (external.length) {
      const labels = external.map((x) => known.get(x)!.label.fa).join('، ');
      throw new Problem('validation-failed', {
        detail: `نقش بیرونی به کاربر داده نمی‌شود (${labels})؛ پاسخ مراجع بیرونی را نقش مرحلهٔ استعلام ثبت می‌کند`,
        detail_en: `External roles are not given to users (${external.join(', ')}): outside authorities' answers are recorded by the inquiry step's role`,
        extra: { field: 'roles', externalRoles: external },
      });
    }
  };

  const hasPartyRole = (roles: string[]) => roles.some((x) => s.deps.bundles.current().roles.get(x)?.party !== undefined);

  /**
   * The record a user of a party role is: required to exist, of the party roles' entity; null when the user holds no
   * party role (a link without one is refused).
   */
  const checkParty = (roles: string[], party: string | null | undefined): string | null => {
    const b = s.deps.bundles.current();
    const entities = [...new Set(roles.map((x) => b.roles.get(x)?.party?.entity).filter((e): e is string => e !== undefined))];
    if (!entities.length) {
      if (party) throw new Problem('validation-failed', { detail: 'پیوند به رکورد فقط برای نقش‌های طرف پرونده است', detail_en: 'Only users of a party role are linked to a record', extra: { field: 'party' } });
      return null;
    }
    if (entities.length > 1) {
      throw new Problem('validation-failed', { detail: 'نقش‌های طرف پرونده‌ای که رکوردهایشان از دو نوع است با هم داده نمی‌شوند', detail_en: `These party roles are of different entities (${entities.join(', ')})`, extra: { field: 'roles' } });
    }
    if (!party) return null;
    const def = b.entities.get(entities[0])!;
    if (!s.deps.store.entities.get(def.id, party)) {
      throw new Problem('validation-failed', { detail: `رکورد «${party}» در «${def.label.fa}» نیست`, detail_en: `No ${def.id} record "${party}"`, extra: { field: 'party' } });
    }
    return party;
  };

  /** 409 `last-admin` when the change would leave no active administrator (disabling one, or taking the role away). */
  const keepAnAdministrator = (id: string, patch: { roles?: string[]; disabled?: boolean }) => {
    const before = users.byId(id);
    if (!before || before.disabled || !before.roles.includes(ADMIN)) return;
    const stays = !(patch.disabled ?? before.disabled) && (patch.roles ?? before.roles).includes(ADMIN);
    if (stays || users.list().some((u) => u.id !== id && !u.disabled && u.roles.includes(ADMIN))) return;
    const what = patch.disabled ? { fa: 'غیرفعال شود', en: 'be disabled' } : { fa: 'نقش مدیر را از دست بدهد', en: 'lose the administrator role' };
    throw new Problem('last-admin', {
      detail: `«${before.name}» تنها مدیر فعال سامانه است و نمی‌تواند ${what.fa}؛ نخست کاربر دیگری را مدیر کنید.`,
      detail_en: `"${before.name}" is the only active administrator and cannot ${what.en}; make another user an administrator first.`,
      extra: { field: patch.disabled ? 'disabled' : 'roles' },
    });
  };

  r.get('/roles', requireAuth, (_req, res) => {
    const roles = [...s.deps.bundles.current().roles.values()].map((x) => ({ id: x.id, label: x.label, external: x.external, keepsRegistry: x.keepsRegistry, ...(x.party ? { party: x.party } : {}) }));
    res.json([...roles, { id: ADMIN, label: { fa: 'مدیر سامانه', en: 'Administrator' }, external: false, keepsRegistry: true }]);
  });

  r.get('/users', requireAdmin, (_req, res) => {
    res.json(users.list());
  });

  r.post('/users', requireAdmin, async (req, res) => {
    const body = req.body as { username: string; name?: string; password: string; roles: string[]; party?: string };
    checkRoles(body.roles);
    const party = checkParty(body.roles, body.party);
    if (users.byUsername(body.username)) throw new Problem('conflict', { detail: 'این نام کاربری وجود دارد', detail_en: `User "${body.username}" exists` });
    const now = s.now();
    const id = s.deps.newId();
    users.create({ id, username: body.username, name: body.name ?? body.username, roles: [...new Set(body.roles)], party, disabled: false, createdAt: now, updatedAt: now, passwordHash: await hashPassword(body.password, s.deps.config.scrypt) });
    res.locals.audit = { target: id, detail: { username: body.username, roles: body.roles, party } };
    res.status(201).json(users.byId(id));
  });

  r.patch('/users/:id', requireAdmin, async (req, res) => {
    const id = param(req, 'id');
    const body = req.body as { name?: string; roles?: string[]; disabled?: boolean; password?: string; party?: string | null };
    const before = users.byId(id);
    if (!before) throw notFound('user', id);
    if (body.roles) checkRoles(body.roles);
    // The link follows the roles: kept while a party role stays, cleared when none does.
    const party = body.roles !== undefined || body.party !== undefined
      ? checkParty(body.roles ?? before.roles, body.party !== undefined ? body.party : hasPartyRole(body.roles ?? before.roles) ? before.party : null)
      : undefined;
    const passwordHash = body.password ? await hashPassword(body.password, s.deps.config.scrypt) : undefined;
    // A new password ends the user's sessions (all of them; the administrator's own stays). A disabled user's sessions
    // stay stored but answer nothing (loadUser checks on every request), so enabling the user again restores them.
    // The check that an active administrator remains and the change commit together: two quick requests that would
    // each leave one administrator cannot both pass.
    s.deps.store.tx(() => {
      keepAnAdministrator(id, body);
      users.update(id, { name: body.name, roles: body.roles && [...new Set(body.roles)], disabled: body.disabled, passwordHash, party }, s.now());
      if (passwordHash) s.sessions.destroyUser(id, req.sessionID);
    });
    res.locals.audit = { target: id, detail: { roles: body.roles, disabled: body.disabled, party, passwordChanged: Boolean(body.password) } };
    res.json(users.byId(id));
  });

  return r;
}
