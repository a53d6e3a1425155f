/**
 * One command's run: a working copy of the case state and the events emitted so far.
 * Every decision the interpreter takes reads `state`, which only `emit` changes — so the events alone rebuild it.
 */
import type { Bundle, ProcedureDef } from '../model.js';
import type { EvalEnv } from '../rules/index.js';
import { applyEvent, emptyState } from './fold.js';
import type { CaseEvent, CaseState, Ctx } from './types.js';

export interface Run {
  readonly bundle: Bundle;
  readonly procedure: ProcedureDef;
  readonly ctx: Ctx;
  state: CaseState;
  readonly events: CaseEvent[];
  /** Nesting of automatic step entries (guards against definitions that loop without a human step). */
  depth: number;
  /** Appends an event and applies it to `state`. */
  emit(event: DistributiveOmit<CaseEvent, 'at'>): void;
  /** The evaluator's environment for this case (parameters as of the case's judging date). */
  env(): EvalEnv;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Opens a run over a copy of `state` (or an empty state for a new case). */
export function openRun(bundle: Bundle, procedure: ProcedureDef, state: CaseState | undefined, ctx: Ctx): Run {
  const events: CaseEvent[] = [];
  const run: Run = {
    bundle,
    procedure,
    ctx,
    state: state ? structuredClone(state) : emptyState(),
    events,
    depth: 0,
    emit(partial) {
      const event = { ...partial, at: ctx.now } as CaseEvent;
      events.push(event);
      applyEvent(run.state, event);
    },
    env() {
      return { bundle, asOf: run.state.judgedOn, now: ctx.now, facts: ctx.facts };
    },
  };
  return run;
}
