/** `dabir validate <dir>`: exit 0 when the bundle is valid, else 1 with one line per problem. */
import { loadOrReport } from './bundle.js';
import { staleSchema } from './schema.js';

export function validateCommand(positional: string[], _flags: Record<string, string>): number {
  const bundle = loadOrReport(positional[0]);
  if (!bundle) return 1;
  const stale = staleSchema(positional[0], bundle);
  if (stale) {
    process.stdout.write(`${stale}\n`);
    return 1;
  }
  const procs = bundle.procedures.size;
  process.stderr.write(`${positional[0]}: valid — ${procs} procedures, ${bundle.parameters.size} parameters, ${bundle.rules.size} rules, ${bundle.scenarios.length} scenarios\n`);
  return 0;
}
