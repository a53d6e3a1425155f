/**
 * A case's state is the fold of its events; this file is the only place that knows how each event changes it.
 */
import type { CaseEvent, CaseState, StepRecord } from './types.js';

/** A state before any event (used as the seed of a fold). */
export function emptyState(): CaseState {
  return {
    caseId: '',
    procedure: '',
    bundleHash: '',
    status: 'active',
    input: {},
    judgedOn: '',
    startedAt: '',
    tasks: {},
    timers: {},
    children: {},
    tokens: {},
    joins: {},
    steps: {},
    path: [],
    version: 0,
  };
}

function stepRecord(state: CaseState, step: string): StepRecord {
  return (state.steps[step] ??= { visits: 0 });
}

function closeAll(state: CaseState): void {
  state.tasks = {};
  state.timers = {};
  state.children = {};
  state.tokens = {};
  state.joins = {};
}

/** Applies one event to a state in place. Internal: callers use `fold` or `evolve`. */
export function applyEvent(state: CaseState, e: CaseEvent): CaseState {
  state.version += 1;
  switch (e.type) {
    case 'case.started':
      state.caseId = e.caseId;
      state.procedure = e.procedure;
      state.bundleHash = e.bundleHash;
      state.subject = e.subject;
      state.subjectRecord = e.subjectRecord;
      state.input = e.input;
      state.judgedOn = e.judgedOn;
      state.startedAt = e.at;
      state.parent = e.parent;
      break;
    case 'step.entered': {
      const rec = stepRecord(state, e.step);
      rec.visits += 1;
      // A new visit forgets the previous visit's answers for this step (rules never read them again), but keeps the
      // last ones aside as `previous`: what a task sent back to was answered before, for the person doing it again.
      if (rec.data !== undefined || rec.items !== undefined) {
        rec.previous = { ...(rec.outcome !== undefined ? { outcome: rec.outcome } : {}), ...(rec.data !== undefined ? { data: rec.data } : {}), ...(rec.items !== undefined ? { items: rec.items } : {}) };
      }
      delete rec.outcome;
      delete rec.data;
      delete rec.items;
      delete rec.children;
      state.tokens[e.token] = e.step;
      state.path.push(e.step);
      break;
    }
    case 'join.arrived':
      (state.joins[e.step] ??= []).push(e.token);
      delete state.tokens[e.token];
      break;
    case 'task.opened':
      state.tasks[e.task.id] = e.task;
      break;
    case 'task.completed': {
      delete state.tasks[e.task];
      const rec = stepRecord(state, e.step);
      if (e.item !== undefined) {
        (rec.items ??= {})[e.item] = { outcome: e.outcome, data: e.data };
      } else {
        rec.outcome = e.outcome;
        rec.data = e.data;
      }
      rec.by = e.actor;
      rec.at = e.at;
      break;
    }
    case 'step.completed': {
      const rec = stepRecord(state, e.step);
      rec.outcome = e.outcome;
      delete state.tokens[e.token];
      if (e.consumed) for (const t of e.consumed) delete state.tokens[t];
      if (state.joins[e.step]) delete state.joins[e.step];
      break;
    }
    case 'timer.scheduled':
      state.timers[e.timer] = { step: e.step, fireAt: e.fireAt };
      break;
    case 'timer.fired':
      delete state.timers[e.timer];
      break;
    case 'subcase.requested':
      state.children[e.childCaseId] = e.step;
      (stepRecord(state, e.step).children ??= {})[e.childCaseId] = '';
      break;
    case 'subcase.ended': {
      const step = state.children[e.childCaseId];
      const rec = step ? state.steps[step] : undefined;
      if (rec?.children) rec.children[e.childCaseId] = e.result;
      delete state.children[e.childCaseId];
      break;
    }
    case 'selection.made':
      stepRecord(state, e.step).data = { selected: e.selected, skipped: e.skipped, beyond: e.beyond, ...(e.limit !== undefined ? { limit: e.limit } : {}) };
      break;
    case 'case.ended':
      state.status = 'ended';
      state.result = e.result;
      closeAll(state);
      break;
    case 'case.cancelled':
      state.status = 'cancelled';
      closeAll(state);
      break;
    case 'case.returned': {
      // The step sent back is withdrawn (every task of it, e.g. each item of an inquiry-each), and so is what the case
      // did since it last entered the step it goes back to: those steps are no longer done. `to` is entered next.
      for (const [id, t] of Object.entries(state.tasks)) if (t.step === e.from) delete state.tasks[id];
      delete state.tokens[e.token];
      const since = state.path.lastIndexOf(e.to);
      for (const step of new Set(state.path.slice(since + 1))) {
        const rec = state.steps[step];
        if (!rec) continue;
        delete rec.outcome;
        delete rec.data;
        delete rec.items;
      }
      break;
    }
    case 'case.failed':
      state.status = 'failed';
      state.error = { code: e.error.code, message: e.error.message };
      closeAll(state);
      break;
    case 'entity.updated':
    case 'entity.created':
    case 'notification.requested':
      break;
  }
  return state;
}

/** The state after `event`, leaving `state` untouched. */
export function evolve(state: CaseState | undefined, event: CaseEvent): CaseState {
  return applyEvent(state ? structuredClone(state) : emptyState(), event);
}

/** The state of a case rebuilt from all its events, in order. */
export function fold(events: readonly CaseEvent[]): CaseState {
  const state = emptyState();
  for (const e of events) applyEvent(state, e);
  return state;
}
