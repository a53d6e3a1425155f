/**
 * Loads data for a component: runs `load(args)` whenever `args()` changes (compared as JSON) before the host updates,
 * aborts the superseded load, and exposes status, value and error for rendering. `reload()` refetches the same args.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type ApiError, asApiError } from '../api/client.js';

export type Status = 'idle' | 'loading' | 'ok' | 'error';

export class ResourceController<A extends unknown[], T> implements ReactiveController {
  status: Status = 'idle';
  value?: T;
  error?: ApiError;
  private key?: string;
  private abort?: AbortController;
  private seq = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly load: (args: A, signal: AbortSignal) => Promise<T>,
    private readonly args: () => A | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.status !== 'idle') return;
    this.key = undefined;
  }

  hostUpdate(): void {
    const a = this.args();
    if (a === undefined) return;
    const key = JSON.stringify(a);
    if (key === this.key) return;
    this.key = key;
    void this.run(a);
  }

  hostDisconnected(): void {
    this.abort?.abort();
    this.key = undefined;
  }

  /** Fetches again with the current args; keeps showing the old value meanwhile. */
  reload(): Promise<void> {
    const a = this.args();
    return a === undefined ? Promise.resolve() : this.run(a);
  }

  /** Replaces the value without fetching (after a write returned the new state). */
  set(value: T): void {
    this.value = value;
    this.status = 'ok';
    this.error = undefined;
    this.host.requestUpdate();
  }

  private async run(a: A): Promise<void> {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    const seq = ++this.seq;
    this.status = 'loading';
    this.host.requestUpdate();
    try {
      const value = await this.load(a, abort.signal);
      if (seq !== this.seq) return;
      this.value = value;
      this.error = undefined;
      this.status = 'ok';
    } catch (err) {
      if (seq !== this.seq || (err as Error)?.name === 'AbortError') return;
      this.error = asApiError(err);
      this.status = 'error';
    }
    this.host.requestUpdate();
  }
}
