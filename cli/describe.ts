/** `dabir describe <dir> [--as-of YYYY-MM-DD]`: the compiled bundle as JSON. */
import { toJalaliDate } from '../engine/calendar/index.js';
import { describeBundle } from '../engine/describe.js';
import { loadOrReport } from './bundle.js';

export function describeCommand(positional: string[], flags: Record<string, string>): number {
  const bundle = loadOrReport(positional[0], process.stderr);
  if (!bundle) return 1;
  const asOf = flags['as-of'] ?? toJalaliDate(new Date().toISOString(), bundle.info.timeZone);
  process.stdout.write(`${JSON.stringify(describeBundle(bundle, asOf), null, 2)}\n`);
  return 0;
}
