/**
 * `npm run bench`: Dabir's performance figures, each against a baseline measured in the same run or an absolute goal.
 * Prints progress as it goes and a table at the end; writes bench/results.json. Every data set lives in a fresh temp
 * folder that is removed afterwards; the user's database and ui/dist are never touched.
 *
 *   npm run bench                    the full run (≈4–5 minutes on 2 cores)
 *   npm run bench -- --quick         small data and short runs (a smoke test, ≈1 minute)
 *   npm run bench -- --only rules-eval,load-bundle     some steps only (names below; results.json is kept
 *                                                      unless --write)
 *   npm run bench -- --keep          keep the temp folder (its path is printed)
 *   npm run bench -- --markdown      also print the table as Markdown (for docs/performance.md)
 *   npm run bench -- --diag          also run the HTTP completions with synchronous=NORMAL (fsync vs CPU)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runStepProcess } from './lib/child.js';
import { snapshotDefinitions } from './lib/defs.js';
import { describeMachine, machine } from './lib/machine.js';
import { failed, type BenchResult, type Goal } from './lib/result.js';
import { markdownTable, textTable } from './lib/table.js';

interface Step {
  name: string;
  /** The rows the step promises (reported as missing when it fails). */
  figures: [string, string, Goal | null][];
  timeoutS: number;
  needs?: string;
}

const ratio = (bound: number, op: '>=' | '<=' = '>='): Goal => ({ on: 'ratio', op, bound });
const atMost = (bound: number, text: string): Goal => ({ on: 'value', op: '<=', bound, text });

/** In order: engine figures first, then the large SQLite data set and the queries on it, then HTTP, then the UI. */
const STEPS: Step[] = [
  { name: 'rules-eval', timeoutS: 90, figures: [['rules.eval.relocation', 'evals/s', ratio(1)], ['rules.eval.establishment', 'evals/s', ratio(1)], ['rules.eval', 'evals/s', ratio(1)]] },
  { name: 'load-bundle', timeoutS: 90, figures: [['load.bundle.cold', 'ms', null], ['load.bundle', 'ms', atMost(200, 'ms')], ['load.revalidate', 'ms', atMost(50, 'ms')]] },
  { name: 'engine-transition', timeoutS: 120, figures: [['engine.transition', 'completions/s', ratio(0.5)]] },
  { name: 'nearest-office', timeoutS: 90, figures: [['scale.nearest_office', 'ms (p99)', atMost(1, 'ms')]] },
  { name: 'build-dataset', timeoutS: 300, figures: [['scale.build', 's', null]] },
  {
    name: 'scale-queries', timeoutS: 120, needs: 'build-dataset',
    figures: [['scale.inbox', 'ms (p99)', atMost(5, 'ms')], ['scale.inbox.page', 'ms (p99)', null], ['scale.case_read', 'ms (p99)', atMost(2, 'ms')], ['scale.backtest', 'ms', atMost(2000, 'ms')]],
  },
  {
    name: 'http', timeoutS: 240, needs: 'build-dataset',
    figures: [
      ['scale.startup', 'ms', atMost(2000, 'ms')], ['http.complete_task', 'tasks/s', ratio(0.4)], ['http.complete_task.p99', 'ms', ratio(2, '<=')],
      ['http.start_case', 'cases/s', ratio(0.4)], ['http.start_case.p99', 'ms', ratio(2, '<=')], ['memory.rss', 'MiB', atMost(300, 'MiB')],
    ],
  },
  { name: 'ui-bundle', timeoutS: 120, figures: [['ui.bundle', 'kB (gzip)', atMost(150, 'kB')]] },
];

const args = process.argv.slice(2);
const flag = (f: string) => args.includes(f);
const only = args.find((a) => a.startsWith('--only'))?.split('=')[1] ?? (args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined);
const selected = new Set(only ? only.split(',') : STEPS.map((s) => s.name));
for (const s of STEPS) if (selected.has(s.name) && s.needs) selected.add(s.needs);
const unknown = [...selected].filter((n) => !STEPS.some((s) => s.name === n));
if (unknown.length) {
  console.error(`unknown step(s): ${unknown.join(', ')}; steps: ${STEPS.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

const t0 = performance.now();
const stamp = () => `[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s]`;
const m = machine();
const tmp = mkdtempSync(join(tmpdir(), 'dabir-bench-'));
const cleanup = () => {
  if (!flag('--keep')) rmSync(tmp, { recursive: true, force: true });
};
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

console.log(`Dabir bench — ${describeMachine(m)}`);
console.log(`scratch folder ${tmp}${flag('--keep') ? ' (kept)' : ' (removed at the end)'}${flag('--quick') ? '; QUICK run: small data, short runs' : ''}`);
const defsRoot = snapshotDefinitions(tmp);
const env = { BENCH_TMP: tmp, BENCH_DEFS: defsRoot, BENCH_QUICK: flag('--quick') ? '1' : '0', BENCH_DIAG: flag('--diag') ? '1' : '0' };

const results: BenchResult[] = [];
const done = new Set<string>();
try {
  for (const step of STEPS.filter((s) => selected.has(s.name))) {
    if (step.needs && !done.has(step.needs)) {
      console.log(`${stamp()} ${step.name}: skipped (${step.needs} failed)`);
      for (const [name, unit, goal] of step.figures) results.push(failed(name, unit, goal));
      continue;
    }
    console.log(`${stamp()} ${step.name}`);
    const out = await runStepProcess(step.name, env, {
      timeoutMs: step.timeoutS * 1000,
      onProgress: (text) => console.log(`${stamp()}   ${text}`),
      onResult: (r) => console.log(`${stamp()}   → ${r.name} = ${r.value} ${r.unit}${r.ratio !== null ? ` (ratio ${r.ratio})` : ''}${r.ok === null ? '' : r.ok ? ' ✓' : ' ✗ goal missed'}`),
    });
    results.push(...out.results);
    if (out.error) {
      console.log(`${stamp()}   ${step.name} FAILED: ${out.error.split('\n').slice(0, 6).join('\n      ')}`);
      for (const [name, unit, goal] of step.figures) if (!out.results.some((r) => r.name === name)) results.push(failed(name, unit, goal));
    } else done.add(step.name);
  }
} finally {
  cleanup();
}

// A partial run (--only) does not replace the full run's results unless asked to (--write).
const file = fileURLToPath(new URL('results.json', import.meta.url));
const write = !only || flag('--write');
if (write) writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\n${textTable(results)}\n`);
const goals = results.filter((r) => r.ok !== null);
console.log(`${goals.filter((r) => r.ok).length} of ${goals.length} goals met · ${Math.round((performance.now() - t0) / 1000)} s · ${describeMachine({ ...m, load: machine().load })} (at the end) · ${write ? `wrote ${file}` : 'partial run: results.json left as it was (--write to replace it)'}`);
if (flag('--markdown')) console.log(`\n${markdownTable(results)}\n`);
