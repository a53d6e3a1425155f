/**
 * Runs an async check after its inputs settle (debounced), aborting superseded runs, and keeps the latest answer —
 * for live validation while typing.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { asApiError, type ApiError } from '../api/client.js';

export class DebouncedController<A, T> implements ReactiveController {
  running = false;
  value?: T;
  error?: ApiError;
  private key?: string;
  private timer?: ReturnType<typeof setTimeout>;
  private seq = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly run: (args: A) => Promise<T>,
    private readonly args: () => A | undefined,
    private readonly delayMs = 700,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostUpdated(): void {
    const a = this.args();
    const key = a === undefined ? undefined : JSON.stringify(a);
    if (key === this.key) return;
    this.key = key;
    clearTimeout(this.timer);
    this.seq++;
    if (a === undefined) return;
    this.running = true;
    this.timer = setTimeout(() => void this.go(a), this.delayMs);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.key = undefined;
  }

  /** Runs now (e.g. a "validate" button), replacing any pending run. */
  async now(): Promise<void> {
    clearTimeout(this.timer);
    const a = this.args();
    if (a !== undefined) await this.go(a);
  }

  /** Forgets the last answer (e.g. after publishing). */
  reset(): void {
    this.value = undefined;
    this.error = undefined;
    this.host.requestUpdate();
  }

  private async go(a: A): Promise<void> {
    const seq = ++this.seq;
    this.running = true;
    this.host.requestUpdate();
    try {
      const v = await this.run(a);
      if (seq !== this.seq) return;
      this.value = v;
      this.error = undefined;
    } catch (err) {
      if (seq !== this.seq) return;
      this.error = asApiError(err);
    }
    this.running = false;
    this.host.requestUpdate();
  }
}
