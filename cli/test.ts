/** `dabir test <dir>`: runs the scenarios; prints each failure with why, then `N passed, N failed`. */
import { runScenarios } from '../engine/scenarios/index.js';
import { loadOrReport } from './bundle.js';

export function testCommand(positional: string[], flags: Record<string, string>): number {
  const bundle = loadOrReport(positional[0]);
  if (!bundle) {
    process.stdout.write('0 passed, 1 failed\n');
    return 1;
  }
  const report = runScenarios(bundle, flags.filter);
  for (const r of report.results) {
    if (r.passed) {
      if (flags.verbose) process.stdout.write(`✓ ${r.id}\n`);
      continue;
    }
    process.stdout.write(`✗ ${r.id} (${r.source.file}:${r.source.line}:${r.source.col})\n`);
    for (const p of r.problems) process.stdout.write(`    ${p}\n`);
  }
  process.stdout.write(`${report.passed} passed, ${report.failed} failed\n`);
  return report.failed ? 1 : 0;
}
