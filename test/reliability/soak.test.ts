import { describe, expect, it } from 'vitest';
import { linearFit, runSoak } from './soak.js';

describe('soak (short form of npm run soak)', () => {
  it('fits a line: slope and r²', () => {
    expect(linearFit([0, 1, 2, 3], [1, 3, 5, 7])).toEqual({ slope: 2, r2: 1 });
    expect(linearFit([0, 1, 2, 3], [5, 5, 5, 5]).slope).toBe(0);
  });

  it('answers steady mixed load without a single error, and reports latency and memory each period', async () => {
    const lines: string[] = [];
    const r = await runSoak({ seconds: 10, periodMs: 3000, concurrency: 6, log: (l) => lines.push(l) });
    expect(r.errorSamples).toEqual([]);
    expect(r.errors).toBe(0);
    expect(r.requests).toBeGreaterThan(100);
    expect(r.periods.length).toBeGreaterThanOrEqual(2);
    for (const p of r.periods) expect(p.rssMb).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/^period 1: \d+ requests, 0 errors, p50 [\d.]+ ms, p99 [\d.]+ ms, rss [\d.]+ MB$/);
    // Ten seconds is all warm-up: the trend is judged by the long form only.
    expect(Number.isFinite(r.growthMbPerMin)).toBe(true);
  }, 45_000);
});
