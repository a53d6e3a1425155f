/** Timing helpers: throughput over timed rounds, latency samples and percentiles. */

/** The p-th percentile (0–100) of samples, by nearest rank. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const median = (xs: number[]): number => percentile(xs, 50);

/** Calls `fn` repeatedly for about `ms` milliseconds; returns operations per second (`fn` returns how many it did). */
export function rate(fn: () => number, ms: number): number {
  let ops = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) {
    ops += fn();
    t = performance.now();
  }
  return (ops * 1000) / (t - t0);
}

/**
 * Throughput of two contenders measured in alternating rounds (A, B, A, B, …) so that drift (CPU frequency, page cache,
 * disk) hits both alike; the figure of each is its median round.
 */
export function interleaved(a: () => number, b: () => number, rounds: number, roundMs: number): { a: number; b: number; aRounds: number[]; bRounds: number[] } {
  const aRounds: number[] = [];
  const bRounds: number[] = [];
  for (let i = 0; i < rounds; i++) {
    aRounds.push(rate(a, roundMs));
    bRounds.push(rate(b, roundMs));
  }
  return { a: median(aRounds), b: median(bRounds), aRounds, bRounds };
}

/** Latencies in milliseconds of `n` calls of `fn(i)` after `warmup` unmeasured calls. */
export function latencies(fn: (i: number) => void, n: number, warmup = Math.min(200, n)): number[] {
  for (let i = 0; i < warmup; i++) fn(i);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn(i);
    out[i] = performance.now() - t;
  }
  return out;
}

/** A small deterministic PRNG (mulberry32), so data sets are the same on every run. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Milliseconds since `t0` (performance.now()), rounded to 0.1 ms. */
export const since = (t0: number): number => Math.round((performance.now() - t0) * 10) / 10;
