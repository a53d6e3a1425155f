/** Who is signed in. `unknown` until the first /auth/session answers. */
import { api, onUnauthorized, setSignedIn, type User } from './api/client.js';
import { Store } from './controllers/store.js';
import { clearDefinitionCache } from './definitions.js';
import { startLive, stopLive } from './live.js';
import { ADMIN_ROLE } from '../../engine/model.js';

export type Session = { status: 'unknown' } | { status: 'anonymous'; expired?: boolean } | { status: 'signed-in'; user: User };

export const session = new Store<Session>({ status: 'unknown' });

// The client asks the server for nothing but sign-in while nobody is signed in (api/http.ts), and the live-update
// stream is open exactly while someone is.
session.subscribe((s) => {
  setSignedIn(s.status === 'signed-in');
  if (s.status === 'signed-in') startLive(sessionAlive);
  else stopLive();
});

/** Whether the server still has our session (asked when the live stream was refused); ends it here when not. */
async function sessionAlive(): Promise<boolean> {
  try {
    if (await api.session()) return true;
    if (session.get().status === 'signed-in') session.set({ status: 'anonymous', expired: true });
    return false;
  } catch {
    // The server is unreachable: keep trying, the session may well be fine.
    return true;
  }
}

onUnauthorized(() => {
  if (session.get().status === 'signed-in') session.set({ status: 'anonymous', expired: true });
});

/** Asks the server who we are (200 either way: signed out is an answer, not an error). */
export async function refreshSession(): Promise<void> {
  try {
    const user = await api.session();
    session.set(user ? { status: 'signed-in', user } : { status: 'anonymous' });
  } catch {
    session.set({ status: 'anonymous' });
  }
}

const LAST_USER = 'dabir.lastUser';

/** The id of the user last signed in on this browser (to tell a returning user from another one). */
function lastUser(): string | undefined {
  try {
    return globalThis.localStorage?.getItem(LAST_USER) ?? undefined;
  } catch {
    return undefined;
  }
}

session.subscribe((s) => {
  if (s.status !== 'signed-in') return;
  try {
    globalThis.localStorage?.setItem(LAST_USER, s.user.id);
  } catch {
    /* storage may be unavailable */
  }
});

/**
 * Signs in. The same user as before signing in again (a session that ended) may stay on the page they were on; anyone
 * else goes to `home` first — before the page re-renders as signed in — so nothing of the previous user's page is
 * asked for with the new user's session.
 */
export async function signIn(username: string, password: string, home: () => void): Promise<User> {
  const before = lastUser();
  const user = await api.login(username, password);
  if (before !== user.id) home();
  clearDefinitionCache();
  session.set({ status: 'signed-in', user });
  return user;
}

export async function signOut(): Promise<void> {
  // The stream first: the server ends it at sign-out, and the browser must not try to reconnect it.
  stopLive();
  // Nothing of the session is asked for, or still on its way, once signing out has begun.
  setSignedIn(false);
  try {
    await api.logout();
  } finally {
    // Signed out first (the client then asks for nothing more), and the cache dropped without a re-render: there is
    // nothing left on screen that waits on a label.
    session.set({ status: 'anonymous' });
    clearDefinitionCache(false);
  }
}

export const currentUser = (): User | undefined => {
  const s = session.get();
  return s.status === 'signed-in' ? s.user : undefined;
};

export const isAdmin = (): boolean => currentUser()?.roles.includes(ADMIN_ROLE) ?? false;
