/**
 * Checks a procedure's start guards live: after the inputs settle (debounced), asks the server's what-if endpoint and
 * keeps the latest answer. Superseded requests are aborted.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { api, asApiError, type ApiError, type WhatIfResult } from '../api/client.js';

export interface WhatIfArgs {
  procedure: string;
  subject?: string;
  input: Record<string, unknown>;
}

export class WhatIfController implements ReactiveController {
  checking = false;
  result?: WhatIfResult;
  error?: ApiError;
  /** The JSON of the args the current result answers. */
  answered?: string;
  private key?: string;
  private timer?: ReturnType<typeof setTimeout>;
  private abort?: AbortController;

  constructor(private readonly host: ReactiveControllerHost, private readonly args: () => WhatIfArgs | undefined, private readonly delayMs = 350) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostUpdated(): void {
    const a = this.args();
    const key = a ? JSON.stringify(a) : undefined;
    if (key === this.key) return;
    this.key = key;
    clearTimeout(this.timer);
    this.abort?.abort();
    if (!a) {
      this.result = undefined;
      this.error = undefined;
      this.answered = undefined;
      return;
    }
    this.checking = true;
    this.timer = setTimeout(() => void this.check(a, key!), this.delayMs);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.abort?.abort();
    this.key = undefined;
  }

  /** True when the latest answer is for the current inputs. */
  get fresh(): boolean {
    return !this.checking && this.answered === this.key;
  }

  private async check(a: WhatIfArgs, key: string) {
    const abort = (this.abort = new AbortController());
    this.host.requestUpdate();
    try {
      const r = await api.whatIf(a.procedure, { subject: a.subject, input: a.input }, abort.signal);
      if (key !== this.key) return;
      this.result = r;
      this.error = undefined;
    } catch (err) {
      if ((err as Error)?.name === 'AbortError' || key !== this.key) return;
      this.error = asApiError(err);
      this.result = undefined;
    }
    this.answered = key;
    this.checking = false;
    this.host.requestUpdate();
  }
}
