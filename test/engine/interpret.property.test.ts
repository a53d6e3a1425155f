import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold } from '../../engine/interpret/index.js';
import type { Command } from '../../engine/interpret/types.js';
import { at, Driver, loadToy } from './toy.js';

const bundle = loadToy();
const proc = bundle.procedures.get('full')!;

/** One random move on the case: which open task / timer / child to act on, and how. */
const move = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom('complete', 'complete', 'complete', 'timer', 'child', 'cancel', 'junk'),
  outcome: fc.nat(),
  answers: fc.dictionary(fc.constantFrom('size', 'sign', 'extra', 'other'), fc.oneof(fc.boolean(), fc.integer({ min: -5, max: 80 }), fc.string())),
  note: fc.option(fc.string(), { nil: undefined }),
  result: fc.constantFrom('done', 'refused', 'other'),
});

type Move = { pick: number; kind: string; outcome: number; answers: Record<string, unknown>; note?: string; result: string };

function toCommand(d: Driver, m: Move): Command | undefined {
  const s = d.state!;
  const tasks = Object.values(s.tasks);
  if (m.kind === 'complete' && tasks.length) {
    const t = tasks[m.pick % tasks.length];
    const step = proc.stepIndex.get(t.step)!;
    const outcomes = 'outcomes' in step ? step.outcomes.map((o) => o.id) : [undefined];
    const outcome = outcomes[m.outcome % outcomes.length];
    const data = step.kind === 'inspection' ? m.answers : m.note === undefined ? {} : { note: m.note };
    return { type: 'complete', task: t.id, outcome, data, actor: { id: 'u', roles: [t.role] } };
  }
  const timers = Object.keys(s.timers);
  if (m.kind === 'timer' && timers.length) return { type: 'fire-timer', timer: timers[m.pick % timers.length] };
  const children = Object.keys(s.children);
  if (m.kind === 'child' && children.length) return { type: 'child-ended', childCaseId: children[m.pick % children.length], result: m.result };
  if (m.kind === 'cancel' && m.pick % 7 === 0) return { type: 'cancel', actor: { id: 'u', roles: ['clerk'] } };
  if (m.kind === 'junk') return { type: 'complete', task: `nope-${m.pick}`, actor: { id: 'u', roles: ['clerk'] } };
  return undefined;
}

describe('interpreter properties', () => {
  it('never throws, and every state it reaches is rebuilt exactly by folding its events', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(move, { maxLength: 30 }), (kindB, moves) => {
        const d = new Driver(bundle, at('1404-02-01'));
        d.ok({ type: 'start', caseId: 'c1', procedure: 'full', subject: 't1', input: { size: 40, kind: kindB ? 'b' : 'a' }, actor: { id: 'u', roles: ['clerk'] } });
        for (const m of moves) {
          const cmd = toCommand(d, m);
          if (!cmd) continue;
          const before = d.events.length;
          const r = d.send(cmd);
          if (!r.ok) expect(d.events.length).toBe(before);
          expect(fold(d.events)).toEqual(d.state);
          expect(d.state!.version).toBe(d.events.length);
          if (d.state!.status !== 'active') expect(d.state!.tasks).toEqual({});
        }
      }),
      { numRuns: 300 },
    );
  });
});
