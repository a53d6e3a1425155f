/**
 * Live updates: who is listening (`GET /api/events`, server-sent events) and what each listener is told when a case
 * changes. A listener hears `inbox` when a task of one of its user's roles opened or closed (administrators: any; a
 * party: on its own cases only), and `case` when a case it may see changed — nothing else, so a page learns only what it may read anyway, and re-reads
 * it through the API. The user is looked up again on every change, so a disabled user or a changed role is heard.
 */
import type { SessionUser } from '../auth/middleware.js';

/** One committed change of a case. */
export interface CaseChange {
  caseId: string;
  procedure: string;
  version: number;
  /** The roles of the tasks the change opened, closed or left open (whose inboxes may show something new). */
  roles: string[];
}

interface Listener {
  userId: string;
  sessionId: string;
  send(event: string, data: unknown): void;
  close(): void;
}

export interface HubDeps {
  /** The user as now stored (undefined when gone or disabled). */
  user(id: string): SessionUser | undefined;
  /**
   * What a user hears of a change: `case` when they may see that case (the routes' visibility rule: a role the
   * procedure involves, or the case's own party), `inbox` when a task of theirs opened or closed (for a party role,
   * only on its own case).
   */
  hears(user: SessionUser, change: CaseChange): { case: boolean; inbox: boolean };
}

export class EventHub {
  private readonly listeners = new Set<Listener>();

  constructor(private readonly d: HubDeps) {}

  /** Adds a listener; returns the function that removes it. */
  listen(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** How many streams are open (for tests and health). */
  get size(): number {
    return this.listeners.size;
  }

  /** Tells every listener what a committed change means for it. */
  publish(changes: readonly CaseChange[]): void {
    if (!changes.length || !this.listeners.size) return;
    for (const l of this.listeners) {
      const u = this.d.user(l.userId);
      if (!u) {
        l.close();
        continue;
      }
      for (const c of changes) {
        const h = this.d.hears(u, c);
        if (!h.case) continue;
        l.send('case', { caseId: c.caseId, version: c.version });
        if (h.inbox) l.send('inbox', { caseId: c.caseId });
      }
    }
  }

  /** Ends the streams of a session (signed out) or of a user's sessions but one (password changed). */
  closeSessions(match: { sessionId?: string; userId?: string; except?: string }): void {
    for (const l of this.listeners) {
      if (match.sessionId !== undefined && l.sessionId !== match.sessionId) continue;
      if (match.userId !== undefined && (l.userId !== match.userId || l.sessionId === match.except)) continue;
      l.close();
    }
  }

  /** Ends every stream (the server is stopping: an open stream would hold the shutdown up). */
  closeAll(): void {
    for (const l of this.listeners) l.close();
  }
}
