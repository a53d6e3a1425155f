/** Gives the host the session and asks the server who is signed in when the app starts. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { refreshSession, session, type Session } from '../session.js';

export class SessionController implements ReactiveController {
  private off?: () => void;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get value(): Session {
    return session.get();
  }

  hostConnected(): void {
    this.off = session.subscribe(() => this.host.requestUpdate());
    if (session.get().status === 'unknown') void refreshSession();
  }

  hostDisconnected(): void {
    this.off?.();
  }
}
