/**
 * The data a rule, a route or an effect sees: one plain object built from the case state.
 */
import { toJalaliDate } from '../calendar/index.js';
import type { Run } from './run.js';

/** The `var` root for logic evaluated inside a case. `extra` adds e.g. `form` or `item`. */
export function caseData(run: Run, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const s = run.state;
  return {
    subject: s.subjectRecord ?? null,
    input: s.input,
    steps: s.steps,
    case: {
      id: s.caseId,
      procedure: s.procedure,
      started_at: s.startedAt,
      started_on: s.startedAt ? toJalaliDate(s.startedAt, run.bundle.info.timeZone) : undefined,
      judged_on: s.judgedOn,
    },
    now: run.ctx.now,
    today: toJalaliDate(run.ctx.now, run.bundle.info.timeZone),
    ...extra,
  };
}
