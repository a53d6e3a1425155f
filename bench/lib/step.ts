/**
 * The child side of a bench step: each step runs in its own process (fresh heap, fresh JIT, its own event loop) and
 * talks to bench/run.ts over IPC — progress lines and result rows.
 */
import type { BenchResult } from './result.js';

export type StepMessage =
  | { type: 'progress'; text: string }
  | { type: 'result'; result: BenchResult }
  | { type: 'error'; message: string }
  | { type: 'done' };

function send(msg: StepMessage): void {
  if (process.send) process.send(msg);
  else if (msg.type === 'progress') console.log(`  ${msg.text}`);
  else if (msg.type === 'result') console.log(JSON.stringify(msg.result));
  else if (msg.type === 'error') console.error(msg.message);
}

export const progress = (text: string): void => send({ type: 'progress', text });
export const report = (r: BenchResult): void => send({ type: 'result', result: r });

/** What every step gets from run.ts. */
export interface StepEnv {
  /** The run's scratch folder (deleted at the end of the run). */
  tmp: string;
  /** A snapshot of definitions/ taken at the start of the run. */
  defsRoot: string;
  /** The bundle folder served (inside defsRoot). */
  bundleDir: string;
  /** Shorter runs, smaller data (a smoke test). */
  quick: boolean;
}

export function stepEnv(): StepEnv {
  const tmp = process.env.BENCH_TMP;
  const defsRoot = process.env.BENCH_DEFS;
  if (!tmp || !defsRoot) throw new Error('run bench steps through bench/run.ts (BENCH_TMP and BENCH_DEFS are not set)');
  return { tmp, defsRoot, bundleDir: `${defsRoot}/${process.env.BENCH_BUNDLE ?? 'ardabil'}`, quick: process.env.BENCH_QUICK === '1' };
}

/** Runs a step's body, reports a thrown error, and exits (IPC handles would otherwise keep the process alive). */
export function runStep(body: (env: StepEnv) => Promise<void> | void): void {
  Promise.resolve()
    .then(() => body(stepEnv()))
    .then(
      () => send({ type: 'done' }),
      (err: unknown) => send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    )
    .finally(() => {
      // Let the last IPC message flush before leaving.
      setTimeout(() => process.exit(0), 50);
    });
}
