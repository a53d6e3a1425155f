/** Shared helpers for interpreter tests: the toy bundle, a context, and a small case driver. */
import { jalaliToInstant } from '../../engine/calendar/index.js';
import { memoryFacts, type Registry } from '../../engine/facts/index.js';
import { applyCommand, fold } from '../../engine/interpret/index.js';
import type { CaseEvent, CaseState, Command, Ctx, Decision } from '../../engine/interpret/types.js';
import { loadBundle } from '../../engine/load/index.js';
import type { Bundle } from '../../engine/model.js';
import { fsSource } from '../../cli/fs-source.js';

export function loadToy(dir = 'test/fixtures/engine/toy'): Bundle {
  const r = loadBundle(dir, fsSource);
  if (!r.bundle) throw new Error(r.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('\n'));
  return r.bundle;
}

export const at = (jalali: string) => jalaliToInstant(jalali, 'Asia/Tehran');

export function ctxFor(bundle: Bundle, now: string, registry: Registry = bundle.registry): Ctx {
  let n = 0;
  return { now, facts: memoryFacts(bundle, registry, { asOf: '1405-01-01', now }), newId: () => `id-${++n}` };
}

export const clerk = { id: 'u1', roles: ['clerk'] };
export const board = { id: 'u2', roles: ['board'] };
export const checker = { id: 'u3', roles: ['checker'] };

/** A case driven command by command; `send` keeps events and state, returning the decision. */
export class Driver {
  events: CaseEvent[] = [];
  state: CaseState | undefined;
  constructor(
    readonly bundle: Bundle,
    public now: string,
  ) {}
  send(cmd: Command): Decision {
    const d = applyCommand(this.bundle, this.state, cmd, ctxFor(this.bundle, this.now));
    if (d.ok) {
      this.events.push(...d.events);
      this.state = fold(this.events);
    }
    return d;
  }
  ok(cmd: Command): CaseEvent[] {
    const d = this.send(cmd);
    if (!d.ok) throw new Error(`refused: ${JSON.stringify(d.refusal)}`);
    return d.events;
  }
  get tasks(): string[] {
    return Object.keys(this.state?.tasks ?? {}).sort();
  }
}
