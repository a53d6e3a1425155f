/**
 * What an evaluation sees besides its data: the bundle's parameters and rules, the judging date, the clock and
 * the host's facts (EvalEnv, supplied by the caller), plus per-run bookkeeping (RunCtx, internal).
 */
import type { Bundle } from '../model.js';
import type { FactProvider } from '../interpret/types.js';
import { DEFAULT_TIME_ZONE, tryParseDate, toJalaliDate } from '../calendar/index.js';
import { LogicError } from './errors.js';

/** The environment of an evaluation. */
export interface EvalEnv {
  bundle: Pick<Bundle, 'parameters' | 'rules' | 'info'>;
  /** Jalali YYYY-MM-DD: `{param}` reads values in force on this date. */
  asOf: string;
  /** The current instant (ISO-8601); `{today}` is its date in the bundle's time zone. */
  now: string;
  facts?: FactProvider;
}

let lastToday = { now: '', tz: '', date: '' };
let lastAsOf: { value: unknown; tz: string; date: string } = { value: undefined, tz: '', date: '' };

/** Evaluates logic over data within the same run (the compiled or the interpreted path). */
export type Runner = (logic: unknown, data: unknown, ctx: RunCtx) => unknown;

/** Per-evaluation state shared by every node of one `evaluate` call. */
export class RunCtx {
  readonly env: EvalEnv;
  readonly run: Runner;
  /** Rules being evaluated through `{rule}`, outermost first (cycle guard). */
  readonly ruleStack: string[];
  private asOfDate?: string;
  private todayDate?: string;

  constructor(env: EvalEnv, run: Runner) {
    this.env = env;
    this.run = run;
    this.ruleStack = [];
  }

  /** The bundle's time zone. */
  get timeZone(): string {
    return this.env.bundle.info?.timeZone || DEFAULT_TIME_ZONE;
  }

  /** `env.asOf` as a canonical Jalali date. */
  get asOf(): string {
    return (this.asOfDate ??= lastAsOf.value === this.env.asOf && lastAsOf.tz === this.timeZone
      ? lastAsOf.date
      : (lastAsOf = { value: this.env.asOf, tz: this.timeZone, date: this.date(this.env.asOf, 'asOf') }).date);
  }

  /** The Jalali date of `env.now` in the bundle's time zone. */
  get today(): string {
    if (this.todayDate === undefined) {
      try {
        const { now } = this.env, tz = this.timeZone;
        // Consecutive evaluations share one clock reading: remember the last one converted.
        if (now !== lastToday.now || tz !== lastToday.tz) lastToday = { now, tz, date: toJalaliDate(now, tz) };
        this.todayDate = lastToday.date;
      } catch {
        throw new LogicError('bad-date', { fa: `زمان جاری نامعتبر است: ${String(this.env.now)}`, en: `The current time is not an instant: ${String(this.env.now)}` }, this.env.now);
      }
    }
    return this.todayDate;
  }

  /** A date value as a canonical Jalali date; throws LogicError('bad-date') otherwise. */
  date(value: unknown, what = 'date'): string {
    const d = tryParseDate(value, this.timeZone);
    if (d === undefined) {
      const shown = JSON.stringify(value) ?? String(value);
      throw new LogicError('bad-date', { fa: `تاریخ نامعتبر (${what}): ${shown}`, en: `Not a date (${what}): ${shown}` }, value);
    }
    return d;
  }
}
