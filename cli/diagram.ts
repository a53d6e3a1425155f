/** `dabir diagram <dir> <procedure> [--format mermaid|svg]`: the procedure as a picture. */
import { toJalaliDate } from '../engine/calendar/index.js';
import { toMermaid, toSvg } from '../engine/diagram/index.js';
import { interpolateProcedure } from '../engine/labels/index.js';
import { loadOrReport } from './bundle.js';

export function diagramCommand(positional: string[], flags: Record<string, string>): number {
  const bundle = loadOrReport(positional[0], process.stderr);
  if (!bundle) return 1;
  const id = positional[1];
  const found = id ? bundle.procedures.get(id) : undefined;
  if (!found) {
    process.stderr.write(`dabir: name a procedure: ${[...bundle.procedures.keys()].join(', ')}\n`);
    return 1;
  }
  const lang = flags.lang === 'en' ? 'en' : 'fa';
  const format = flags.format ?? 'mermaid';
  if (format !== 'mermaid' && format !== 'svg') {
    process.stderr.write(`dabir: --format is mermaid or svg, not "${format}"\n`);
    return 1;
  }
  const lookup = (p: string) => bundle.procedures.get(p);
  // labels that name a parameter show the value in force today
  const proc = interpolateProcedure(bundle, found, toJalaliDate(new Date().toISOString(), bundle.info.timeZone));
  process.stdout.write(format === 'svg' ? `${toSvg(proc, { lang, lookup })}\n` : toMermaid(proc, { lang, lookup }));
  return 0;
}
