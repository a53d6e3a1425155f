/**
 * Searches a registry for a picker: after typing settles (debounced), asks `GET /api/registry/{entity}?q=…&limit=20`
 * and keeps the latest answer; a superseded request is aborted. Records come back with their `$title` and
 * `$subtitle`, so one request serves the whole list.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { api, asApiError, type ApiError } from '../api/client.js';
import type { Text } from '../i18n/index.js';

export interface RecordOption {
  id: string;
  title: Text;
  subtitle: Text | null;
  record: Record<string, unknown>;
}

export interface SearchArgs {
  entity: string;
  key: string;
  q: string;
}

/** How many records a picker offers at once. */
export const PICKER_LIMIT = 20;

export class RecordSearchController implements ReactiveController {
  searching = false;
  options: RecordOption[] = [];
  /** The query the options answer ('' for the first records, undefined before any answer). */
  answered?: string;
  error?: ApiError;
  private key?: string;
  private timer?: ReturnType<typeof setTimeout>;
  private abort?: AbortController;

  constructor(private readonly host: ReactiveControllerHost, private readonly args: () => SearchArgs | undefined, private readonly delayMs = 250) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostUpdated(): void {
    const a = this.args();
    const key = a ? `${a.entity}\u0000${a.q.trim()}` : undefined;
    if (key === this.key) return;
    this.key = key;
    clearTimeout(this.timer);
    this.abort?.abort();
    if (!a) {
      this.searching = false;
      return;
    }
    this.searching = true;
    this.timer = setTimeout(() => void this.search(a, key!), this.delayMs);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.abort?.abort();
    this.key = undefined;
  }

  private async search(a: SearchArgs, key: string): Promise<void> {
    const abort = (this.abort = new AbortController());
    this.host.requestUpdate();
    try {
      const page = await api.records(a.entity, { q: a.q.trim() || undefined, limit: PICKER_LIMIT }, abort.signal);
      if (key !== this.key) return;
      this.options = page.items.map((r) => ({
        id: String(r[a.key]),
        title: (r.$title as Text | undefined) ?? { fa: String(r[a.key]) },
        subtitle: (r.$subtitle as Text | null | undefined) ?? null,
        record: r,
      }));
      this.error = undefined;
      this.answered = a.q.trim();
    } catch (err) {
      if ((err as Error)?.name === 'AbortError' || key !== this.key) return;
      this.error = asApiError(err);
      this.options = [];
    }
    this.searching = false;
    this.host.requestUpdate();
  }
}
