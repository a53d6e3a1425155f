/**
 * Re-reads a page's data when the server says it changed (live.ts): `inbox` for a list of tasks, `case` for one case
 * (only when the change is newer than what is shown). A burst of events gives one re-read; a reconnected stream gives
 * one too, since what happened while it was down is unknown.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { onLive, type LiveEvent } from '../live.js';

export interface LiveInterest {
  /** Re-read on `inbox` events. */
  inbox?: boolean;
  /** The case shown and its version: re-read on a `case` event about it with a newer version. */
  case?: () => { id: string; version: number } | undefined;
}

export class LiveController implements ReactiveController {
  private off?: () => void;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    host: ReactiveControllerHost,
    private readonly interest: LiveInterest,
    private readonly reload: () => unknown,
    private readonly delayMs = 150,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.off = onLive((e) => {
      if (this.wants(e)) this.schedule();
    });
  }

  hostDisconnected(): void {
    this.off?.();
    clearTimeout(this.timer);
  }

  private wants(e: LiveEvent): boolean {
    if (e.type === 'reconnected') return true;
    if (e.type === 'inbox') return Boolean(this.interest.inbox);
    const shown = this.interest.case?.();
    return Boolean(shown && shown.id === e.caseId && e.version > shown.version);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reload(), this.delayMs);
  }
}
