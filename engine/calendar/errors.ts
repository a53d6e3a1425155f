/** The one error type of the calendar module: a bad date, number or time zone, as data with a stable code. */

/** Stable codes of calendar failures. */
export type CalendarErrorCode = 'bad-date' | 'bad-number' | 'bad-time-zone' | 'out-of-range' | 'no-working-days';

/** Thrown by calendar functions on input they cannot interpret; `value` is the offending input. */
export class CalendarError extends Error {
  readonly code: CalendarErrorCode;
  readonly value: unknown;

  constructor(code: CalendarErrorCode, message: string, value?: unknown) {
    super(message);
    this.name = 'CalendarError';
    this.code = code;
    this.value = value;
  }
}
