/** The parent side of a bench step: fork it under tsx, relay its progress, collect its rows. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './result.js';
import type { StepMessage } from './step.js';

export interface StepOutcome {
  results: BenchResult[];
  error?: string;
  ms: number;
}

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Runs `bench/steps/<name>.ts` in a child process. Never rejects: a crash or a timeout comes back as `error`. */
export function runStepProcess(
  name: string,
  env: Record<string, string>,
  opts: { timeoutMs: number; onProgress: (text: string) => void; onResult: (r: BenchResult) => void },
): Promise<StepOutcome> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const results: BenchResult[] = [];
    let error: string | undefined;
    const child = fork(`${BENCH_DIR}steps/${name}.ts`, [], {
      execArgv: ['--import', 'tsx', '--expose-gc'],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const timer = setTimeout(() => {
      error = `timed out after ${Math.round(opts.timeoutMs / 1000)} s`;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.on('message', (m: StepMessage) => {
      if (m.type === 'progress') opts.onProgress(m.text);
      else if (m.type === 'result') (results.push(m.result), opts.onResult(m.result));
      else if (m.type === 'error') error = m.message;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!error && code !== 0) error = `exited with ${signal ?? code}`;
      resolve({ results, error, ms: performance.now() - t0 });
    });
  });
}
