/**
 * `npm run soak -- [--minutes N] [--concurrency C] [--max-growth MB_PER_MIN]`
 *
 * Steady mixed load against a server child process on 127.0.0.1 for N minutes (default 10); each minute prints
 * requests, errors, latency p50/p99 and the server's RSS; at the end a linear fit of the RSS after warm-up (the first
 * quarter) flags a growth trend. Exit status 1 on any error answer or a flagged trend. See test/reliability/soak.ts.
 */
import { parseArgs } from '../cli/main.js';
import { runSoak } from '../test/reliability/soak.js';

const { flags } = parseArgs(process.argv.slice(2));
const minutes = Number(flags.minutes ?? 10);
const out = (line: string) => process.stdout.write(`${line}\n`);
out(`soak: ${minutes} min, ${flags.concurrency ?? 8} concurrent clients`);
const r = await runSoak({
  seconds: minutes * 60,
  periodMs: Number(flags.period ?? 60_000),
  concurrency: Number(flags.concurrency ?? 8),
  maxGrowthMbPerMin: Number(flags['max-growth'] ?? 2),
  log: out,
});
for (const e of r.errorSamples) out(`ERROR ${e}`);
out(`total: ${r.requests} requests in ${r.seconds} s, ${r.errors} errors, p50 ${r.p50} ms, p99 ${r.p99} ms`);
out(`rss: ${r.rssStartMb} MB → ${r.rssEndMb} MB; after warm-up ${r.growthMbPerMin >= 0 ? '+' : ''}${r.growthMbPerMin} MB/min (r² ${r.r2}) — ${r.flagged ? 'GROWTH TREND FLAGGED' : 'no growth trend'}`);
process.exitCode = r.errors > 0 || r.flagged ? 1 : 0;
