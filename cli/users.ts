/**
 * `dabir users reset-admin`: recovers an install whose administrators are all locked out (disabled, or the role taken
 * away, or the password forgotten). It re-enables an administrator — the one named by --username, else "admin", else
 * the first user with the role — or creates "admin", with a new one-time password printed once: the user must set a
 * new password at the next sign-in (until then the server answers nothing else). It refuses while a server has the
 * database open, unless --force (the running server then sees the change at once: it reads users on every request).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ADMIN } from '../server/auth/middleware.js';
import { DEFAULT_SCRYPT, hashPassword, randomPassword } from '../server/auth/password.js';
import { databaseInUse } from '../server/backup.js';
import { evolve } from '../server/engine.js';
import { sqliteStore } from '../server/store/index.js';

const USAGE = 'usage: dabir users reset-admin [--db <file>] [--username <name>] [--force]\n';

/** Runs `dabir users <sub>`; returns the exit code. */
export async function usersCommand(positional: string[], flags: Record<string, string>, defaultDb: string): Promise<number> {
  if (positional[0] !== 'reset-admin') {
    process.stderr.write(`dabir users: unknown subcommand "${positional[0] ?? ''}"\n${USAGE}`);
    return 2;
  }
  const db = resolve(flags.db ?? process.env.DABIR_DB ?? defaultDb);
  if (!existsSync(db)) {
    process.stderr.write(`dabir users reset-admin: no database at ${db} (give it with --db or DABIR_DB)\n`);
    return 1;
  }
  if (flags.force !== 'true' && databaseInUse(db)) {
    process.stderr.write(`dabir users reset-admin: ${db} is open in another process (a running server?): stop it first, or pass --force to change it anyway\n`);
    return 1;
  }
  const store = sqliteStore(db, evolve);
  try {
    const now = new Date().toISOString();
    const password = randomPassword();
    const passwordHash = await hashPassword(password, DEFAULT_SCRYPT);
    const wanted = flags.username && flags.username !== 'true' ? flags.username : undefined;
    const outcome = store.tx(() => {
      const found = store.users.byUsername(wanted ?? 'admin') ?? (wanted ? undefined : store.users.list().find((u) => u.roles.includes(ADMIN)));
      if (found) {
        store.users.update(found.id, { roles: [...new Set([...found.roles, ADMIN])], disabled: false, passwordHash, mustChangePassword: true }, now);
        // Whoever held a session of this user with the old password holds it no more.
        store.db.prepare(`DELETE FROM sessions WHERE json_extract(sess, '$.userId') = ?`).run(found.id);
        return { username: found.username, id: found.id, created: false };
      }
      const id = randomUUID();
      const username = wanted ?? 'admin';
      store.users.create({ id, username, name: 'مدیر سامانه', roles: [ADMIN], disabled: false, mustChangePassword: true, createdAt: now, updatedAt: now, passwordHash });
      return { username, id, created: true };
    });
    store.audit.add({ at: now, userId: null, username: null, action: 'cli users reset-admin', target: `user/${outcome.id}`, ip: null, status: 0, detail: { username: outcome.username, created: outcome.created } });
    process.stdout.write(
      `${outcome.created ? 'created' : 're-enabled'} administrator "${outcome.username}" with the one-time password: ${password}\n` +
      'sign in with it; a new password must be set before anything else (it is shown only now)\n',
    );
    return 0;
  } finally {
    store.close();
  }
}
