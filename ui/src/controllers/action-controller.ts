/**
 * Runs a write (a mutation) for a component: one at a time, with `pending` and the last `error` for rendering.
 * `run` resolves with the result, or undefined when the write failed (the error is kept for display).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type ApiError, asApiError } from '../api/client.js';

export class ActionController implements ReactiveController {
  pending = false;
  error?: ApiError;
  /** Which action is running (for a busy mark on the right button). */
  which?: string;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  async run<T>(fn: () => Promise<T>, which?: string): Promise<T | undefined> {
    if (this.pending) return undefined;
    this.pending = true;
    this.which = which;
    this.error = undefined;
    this.host.requestUpdate();
    try {
      return await fn();
    } catch (err) {
      this.error = asApiError(err);
      return undefined;
    } finally {
      this.pending = false;
      this.which = undefined;
      this.host.requestUpdate();
    }
  }

  clear(): void {
    this.error = undefined;
    this.host.requestUpdate();
  }
}
