/**
 * `npm run crash-test -- [--kills N] [--seconds S] [--workers W] [--seed X]`
 *
 * Drives case writes against a server child process, SIGKILLs it at random moments (at least N times, default 20;
 * with --seconds, until S seconds have passed as well), restarts it each time and checks every acknowledged write and
 * the store's invariants (see test/reliability/crash.ts). Last line: `N acknowledged, N found, K kills`.
 * Exit status 1 on any lost write or broken invariant.
 */
import { parseArgs } from '../cli/main.js';
import { runCrashTest, summaryLine } from '../test/reliability/crash.js';

const { flags } = parseArgs(process.argv.slice(2));
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const report = await runCrashTest({
  kills: num(flags.kills) ?? 20,
  seconds: num(flags.seconds),
  workers: num(flags.workers),
  seed: num(flags.seed),
  log: (line) => process.stdout.write(`${line}\n`),
});
const out = (line: string) => process.stdout.write(`${line}\n`);
out(`seed ${report.seed}; ${report.seconds} s; ${report.starts} starts and ${report.completions} completions acknowledged, ${report.refused} refused (409/422), ${report.unknown} cut off by a kill`);
out(`${report.cases} cases checked: projection = fold of events; ${report.timersFired} timers fired (none twice); ${report.notificationsQueued} notifications queued (none twice), ${report.delivered} delivered, ${report.redelivered} redelivered (at-least-once)`);
out(`${report.startupRounds} kills aimed at start-up, ${report.startupKills} of them before the server listened`);
for (const l of report.lost) out(`LOST ${l}`);
for (const p of report.problems) out(`PROBLEM ${p}`);
out(summaryLine(report));
process.exitCode = report.lost.length > 0 || report.problems.length > 0 || report.found !== report.acknowledged ? 1 : 0;
