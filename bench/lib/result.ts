/** One line of the bench table and of bench/results.json. */

/** A goal: a bound on the value (absolute) or on the ratio to the same-run baseline. */
export interface Goal {
  on: 'value' | 'ratio';
  op: '>=' | '<=';
  bound: number;
  /** Shown after the bound, e.g. "ms" (absolute goals) or a stretch target. */
  text?: string;
}

export interface BenchResult {
  name: string;
  value: number | null;
  unit: string;
  /** What the value is compared with (null for absolute goals). */
  baseline: string | null;
  baseline_value: number | null;
  /** value ÷ baseline_value. */
  ratio: number | null;
  /** Human-readable goal, e.g. "ratio >= 0.5" or "<= 5 ms"; null when the figure is informational. */
  goal: string | null;
  /** Whether the goal is met; null when there is no goal or no value. */
  ok: boolean | null;
}

const round = (x: number): number => {
  if (!Number.isFinite(x)) return x;
  const a = Math.abs(x);
  const digits = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 1 ? 2 : a >= 0.01 ? 4 : 6;
  return Number(x.toFixed(digits));
};

export function goalText(g: Goal | null): string | null {
  if (!g) return null;
  const bound = g.on === 'ratio' ? `ratio ${g.op} ${g.bound}` : `${g.op} ${g.bound}`;
  return g.text ? `${bound} ${g.text}` : bound;
}

/** Builds a result row: computes the ratio and whether the goal is met. */
export function result(
  name: string,
  value: number | null,
  unit: string,
  goal: Goal | null,
  baseline?: { name: string; value: number | null },
): BenchResult {
  const bv = baseline?.value ?? null;
  const ratio = value !== null && bv !== null && bv !== 0 ? value / bv : null;
  let ok: boolean | null = null;
  if (goal) {
    const x = goal.on === 'ratio' ? ratio : value;
    if (x !== null && Number.isFinite(x)) ok = goal.op === '>=' ? x >= goal.bound : x <= goal.bound;
    else if (value !== null || baseline) ok = false;
  }
  return {
    name,
    value: value === null ? null : round(value),
    unit,
    baseline: baseline?.name ?? null,
    baseline_value: bv === null ? null : round(bv),
    ratio: ratio === null ? null : round(ratio),
    goal: goalText(goal),
    ok,
  };
}

/** A row for a figure that could not be measured. */
export function failed(name: string, unit: string, goal: Goal | null, baseline?: string): BenchResult {
  return { name, value: null, unit, baseline: baseline ?? null, baseline_value: null, ratio: null, goal: goalText(goal), ok: goal ? false : null };
}
