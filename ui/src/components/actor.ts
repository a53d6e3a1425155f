/**
 * Who did something on a case, in words. The API records user ids; names are shown where the server gives them (the
 * signed-in user's own, and every user's for administrators, who may list users). Anyone else is named by the role
 * the action belongs to (the task's role, the roles that start the procedure) — never by a raw id.
 */
import * as defs from '../definitions.js';
import { t, tx } from '../i18n/index.js';
import { currentUser, isAdmin } from '../session.js';

export const SYSTEM_ACTOR = 'system';

export function actorText(id: string, roles: readonly string[] | undefined): string {
  const me = currentUser();
  if (me && me.id === id) return me.name;
  const name = defs.userName(id, isAdmin());
  if (name) return name;
  const labels = [...new Set(roles ?? [])].map((r) => tx(defs.roleLabel(r)));
  return labels.length ? labels.join(t('or')) : t('someUser');
}
