/**
 * Loads the records a form's `ref` fields may point to (one request per entity type, shared across forms), so the
 * form can offer them by title.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { api, type EntityType } from '../api/client.js';
import * as defs from '../definitions.js';

export interface RefOption {
  value: string;
  label: string;
}

const cache = new Map<string, Promise<RefOption[]>>();

function load(entity: string): Promise<RefOption[]> {
  let p = cache.get(entity);
  if (!p) {
    p = Promise.all([api.records(entity, { limit: 1000 }), defs.entityTypes().catch(() => [] as EntityType[])]).then(([page, types]) => {
      const type = types.find((e) => e.id === entity);
      const key = type?.key ?? 'id';
      return page.items.map((r) => ({ value: String(r[key]), label: defs.recordTitle(type, r) }));
    });
    p.catch(() => cache.delete(entity));
    cache.set(entity, p);
  }
  return p;
}

export class RefOptionsController implements ReactiveController {
  private options = new Map<string, RefOption[]>();
  private requested = new Set<string>();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The options of an entity type (empty until loaded; loading starts on first ask). */
  of(entity: string): RefOption[] {
    if (!this.requested.has(entity)) {
      this.requested.add(entity);
      load(entity).then(
        (opts) => {
          this.options.set(entity, opts);
          this.host.requestUpdate();
        },
        () => undefined,
      );
    }
    return this.options.get(entity) ?? [];
  }
}
