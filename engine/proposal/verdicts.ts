/**
 * Which scenarios a change turns: the bundle's scenarios run on the current bundle and on the changed one, and
 * every scenario whose verdict differs (it passed and now fails, or the other way, or it comes to another end) is
 * reported with why, in Persian and English — and with the expectation the new outcome gives, so an administrator
 * can accept the new verdict by rewriting the scenario's `expect`.
 */
import type { Bundle, SourcePos, Text } from '../model.js';
import type { ScenarioReport, ScenarioResult } from '../scenarios/run.js';
import { outcomeWords, reasonWords, type Outcome, type Words } from '../scenarios/outcome.js';

/** One side of a comparison: how the scenario came out. */
export interface VerdictSide {
  passed: boolean;
  outcome: Outcome;
  happened: Words;
  problems: Words[];
}

/** A scenario whose verdict the change turns. */
export interface VerdictChange {
  id: string;
  title?: Text;
  source: SourcePos;
  expected: Words;
  before: VerdictSide;
  after: VerdictSide;
  /** «سناریوی … پیش از این … و اکنون …: why». */
  why: Words;
  /** The `expect` that makes the scenario pass with the new outcome; absent when no expectation can say it. */
  expect?: Record<string, unknown>;
}

/** A short key of an outcome: two outcomes with the same key are the same verdict. */
function verdictKey(o: Outcome): string {
  switch (o.kind) {
    case 'refused': return `refused:${o.failures.map((f) => f.rule).sort().join(',') || o.code}`;
    case 'step-refused': return `step-refused:${o.step}:${o.failures.map((f) => f.rule).sort().join(',')}`;
    case 'ended': return `ended:${o.result}`;
    case 'open': return `open:${[...o.active].sort().join(',')}`;
    case 'fires': return `fires:${o.on ?? 'never'}`;
    case 'error': return 'error';
  }
}

/** The expectation that a scenario's new outcome satisfies, or undefined when none can say it. */
export function expectationFor(o: Outcome): Record<string, unknown> | undefined {
  switch (o.kind) {
    case 'refused': return { refused: o.failures.length ? o.failures.map((f) => f.rule) : [o.code] };
    case 'ended': return { result: o.result, path: o.path };
    case 'open': return { active: o.active };
    case 'fires': return o.on === null ? { fires: false } : { fires_on: o.on };
    default: return undefined;
  }
}

const side = (r: ScenarioResult): VerdictSide => ({ passed: r.passed, outcome: r.outcome, happened: r.happened, problems: r.problems });

/** Why the verdict turned, as one sentence. */
function why(before: Bundle, after: Bundle, r: ScenarioResult, was: Outcome, now: Outcome): Words {
  const name = { fa: r.title?.fa ?? r.id, en: r.title?.en ?? r.title?.fa ?? r.id };
  const pastWords = outcomeWords(before, { procedure: procedureOf(after, r.id) }, was, true);
  const nowWords = outcomeWords(after, { procedure: procedureOf(after, r.id) }, now);
  let reason = reasonWords(now);
  if (!reason.fa && (was.kind === 'refused' || was.kind === 'step-refused')) {
    const old = reasonWords(was);
    reason = { fa: `دیگر رد نمی‌شود (پیش‌تر: ${old.fa})`, en: `no longer refused (before: ${old.en})` };
  }
  return {
    fa: `سناریوی «${name.fa}» پیش از این ${pastWords.fa} و اکنون ${nowWords.fa}${reason.fa ? `: ${reason.fa}` : ''}`,
    en: `Scenario "${name.en}": before, ${pastWords.en}; now ${nowWords.en}${reason.en ? `: ${reason.en}` : ''}`,
  };
}

function procedureOf(bundle: Bundle, scenario: string): string {
  return bundle.scenarios.find((s) => s.id === scenario)?.procedure ?? '';
}

/** The scenarios whose verdict differs between two runs of the same scenarios (by id), each with why. */
export function verdictChanges(before: Bundle, after: Bundle, was: ScenarioReport, now: ScenarioReport): VerdictChange[] {
  const old = new Map(was.results.map((r) => [r.id, r]));
  const out: VerdictChange[] = [];
  for (const r of now.results) {
    const b = old.get(r.id);
    if (!b) continue;
    if (b.passed === r.passed && verdictKey(b.outcome) === verdictKey(r.outcome)) continue;
    out.push({
      id: r.id, title: r.title, source: r.source, expected: r.expected, before: side(b), after: side(r),
      why: why(before, after, r, b.outcome, r.outcome),
      ...(r.passed ? {} : { expect: expectationFor(r.outcome) }),
    });
  }
  return out;
}
