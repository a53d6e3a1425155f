/** The bench's own arithmetic: goals and ratios, percentiles, and the row templates the large data set is stamped from. */
import { describe, expect, it } from 'vitest';
import { percentile } from '../../bench/lib/measure.js';
import { result } from '../../bench/lib/result.js';
import { compileRow, compileTemplate, fill, fillRow, type Fill } from '../../bench/lib/template.js';

const F: Fill = { case: 'c-2', at: '2025-01-02T00:00:00.000Z', day: '1403-10-13', due: '2025-01-09T00:00:00.000Z', end: '2025-01-17T00:00:00.000Z', num: '42' };

describe('bench results', () => {
  it('meets a ratio goal from the same-run baseline', () => {
    const r = result('x', 60, 'ops/s', { on: 'ratio', op: '>=', bound: 0.5 }, { name: 'raw', value: 100 });
    expect(r).toMatchObject({ ratio: 0.6, ok: true, goal: 'ratio >= 0.5', baseline_value: 100 });
  });

  it('misses an absolute goal and has no ratio without a baseline', () => {
    expect(result('y', 7, 'ms', { on: 'value', op: '<=', bound: 5, text: 'ms' })).toMatchObject({ ratio: null, ok: false, goal: '<= 5 ms' });
  });

  it('leaves informational figures without a verdict', () => {
    expect(result('z', 3, 's', null).ok).toBeNull();
  });

  it('takes percentiles by nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(xs, 50), percentile(xs, 99), percentile(xs, 100)]).toEqual([50, 99, 100]);
  });
});

describe('row templates', () => {
  it('replaces every marker, the longer first (an instant before the date inside it)', () => {
    const t = compileTemplate('{"caseId":"c-1","at":"2025-01-01T06:30:00.000Z","on":"1403-10-12","area":77.125}', {
      case: 'c-1', at: '2025-01-01T06:30:00.000Z', day: '1403-10-12', num: '77.125',
    });
    expect(JSON.parse(fill(t, F))).toEqual({ caseId: 'c-2', at: F.at, on: F.day, area: 42 });
  });

  it('keeps non-string columns and fills string ones in column order', () => {
    const row = compileRow({ id: 'c-1', version: 3, due: '2025-01-08T00:00:00.000Z', result: null }, { case: 'c-1', due: '2025-01-08T00:00:00.000Z' });
    expect(fillRow(row, ['version', 'id', 'due', 'result'], F)).toEqual([3, 'c-2', F.due, null]);
  });
});
