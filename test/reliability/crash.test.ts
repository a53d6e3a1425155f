import { describe, expect, it } from 'vitest';
import { runCrashTest, summaryLine } from './crash.js';

describe('crash safety (short form of npm run crash-test)', () => {
  it('keeps every acknowledged write and every invariant through 5 kill -9s at random moments', async () => {
    const r = await runCrashTest({ kills: 5, workers: 6, minUpMs: 300, maxUpMs: 800 });
    const detail = `${summaryLine(r)} (seed ${r.seed})\n${[...r.lost, ...r.problems].join('\n')}`;
    expect(r.kills, detail).toBeGreaterThanOrEqual(5);
    expect(r.acknowledged, detail).toBeGreaterThan(20);
    expect(r.lost, detail).toEqual([]);
    expect(r.problems, detail).toEqual([]);
    expect(r.found, detail).toBe(r.acknowledged);
    expect(r.completions, detail).toBeGreaterThan(0);
  }, 60_000);
});
