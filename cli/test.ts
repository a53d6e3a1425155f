/**
 * `dabir test <dir>`: runs the scenarios; prints each failure with what was expected, what happened and why — in
 * Persian with the English beneath (`--lang en`: English only) — then `N passed, N failed`.
 */
import { runScenarios } from '../engine/scenarios/index.js';
import { loadOrReport } from './bundle.js';

export function testCommand(positional: string[], flags: Record<string, string>): number {
  const bundle = loadOrReport(positional[0]);
  if (!bundle) {
    process.stdout.write('0 passed, 1 failed\n');
    return 1;
  }
  const english = flags.lang === 'en';
  const say = (indent: string, w: { fa: string; en: string }) =>
    process.stdout.write(english ? `${indent}${w.en}\n` : `${indent}${w.fa}\n${' '.repeat(indent.length)}  (${w.en})\n`);
  const report = runScenarios(bundle, flags.filter);
  for (const r of report.results) {
    if (r.passed) {
      if (flags.verbose) process.stdout.write(`✓ ${r.id}\n`);
      continue;
    }
    const title = r.title ? ` «${english ? (r.title.en ?? r.title.fa) : r.title.fa}»` : '';
    process.stdout.write(`✗ ${r.id}${title} (${r.source.file}:${r.source.line}:${r.source.col})\n`);
    say('    ', { fa: `انتظار: ${r.expected.fa}`, en: `expected: ${r.expected.en}` });
    say('    ', { fa: `رخ داد: ${r.happened.fa}`, en: `happened: ${r.happened.en}` });
    for (const p of r.problems) say('    – ', p);
  }
  process.stdout.write(`${report.passed} passed, ${report.failed} failed\n`);
  return report.failed ? 1 : 0;
}
