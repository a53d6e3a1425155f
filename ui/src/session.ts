/** Who is signed in. `unknown` until the first /auth/me answers. */
import { api, onUnauthorized, type User } from './api/client.js';
import { Store } from './controllers/store.js';
import { clearDefinitionCache } from './definitions.js';

export type Session = { status: 'unknown' } | { status: 'anonymous'; expired?: boolean } | { status: 'signed-in'; user: User };

export const session = new Store<Session>({ status: 'unknown' });

onUnauthorized(() => {
  if (session.get().status === 'signed-in') session.set({ status: 'anonymous', expired: true });
});

/** Asks the server who we are. */
export async function refreshSession(): Promise<void> {
  try {
    session.set({ status: 'signed-in', user: await api.me() });
  } catch {
    session.set({ status: 'anonymous' });
  }
}

export async function signIn(username: string, password: string): Promise<User> {
  const user = await api.login(username, password);
  clearDefinitionCache();
  session.set({ status: 'signed-in', user });
  return user;
}

export async function signOut(): Promise<void> {
  try {
    await api.logout();
  } finally {
    // Signed out first, so nothing re-rendered by the cache reset asks the server for definitions without a session.
    session.set({ status: 'anonymous' });
    clearDefinitionCache();
  }
}

export const currentUser = (): User | undefined => {
  const s = session.get();
  return s.status === 'signed-in' ? s.user : undefined;
};

export const isAdmin = (): boolean => currentUser()?.roles.includes('admin') ?? false;
