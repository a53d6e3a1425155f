/**
 * A procedure as a Mermaid flowchart (text), for docs and terminals.
 */
import type { ProcedureDef, Step } from '../model.js';
import { procedureEdges, type ProcedureLookup } from './graph.js';

const safeId = (id: string) => id.replace(/[^A-Za-z0-9_]/g, '_');
const quote = (s: string) => `"${s.replace(/"/g, '#quot;')}"`;

function shape(step: Step, text: string): string {
  const q = quote(text);
  switch (step.kind) {
    case 'end':
      return `((${q}))`;
    case 'route':
    case 'decision':
      return `{${q}}`;
    case 'split':
    case 'join':
      return `[[${q}]]`;
    case 'inquiry':
    case 'inquiry-each':
      return `[/${q}/]`;
    case 'timer':
    case 'notify':
      return `>${q}]`;
    default:
      return `[${q}]`;
  }
}

/** Mermaid `flowchart TD` source; labels in `lang` (fa by default). `done`/`active` step ids get classes. */
export function toMermaid(proc: ProcedureDef, opts: { lang?: 'fa' | 'en'; done?: string[]; active?: string[]; lookup?: ProcedureLookup } = {}): string {
  const lang = opts.lang ?? 'fa';
  const lines = ['flowchart TD'];
  for (const s of proc.steps) {
    const label = (lang === 'en' ? s.label.en : undefined) ?? s.label.fa;
    lines.push(`  ${safeId(s.id)}${shape(s, s.step_no !== undefined ? `${s.step_no}. ${label}` : label)}`);
  }
  for (const e of procedureEdges(proc, opts.lookup)) {
    const label = e.label ? ((lang === 'en' ? e.label.en : undefined) ?? e.label.fa) : '';
    lines.push(`  ${safeId(e.from)} -->${label ? `|${quote(label)}|` : ''} ${safeId(e.to)}`);
  }
  lines.push('  classDef done fill:#d1fae5,stroke:#047857;', '  classDef active fill:#fef3c7,stroke:#b45309,stroke-width:3px;');
  if (opts.done?.length) lines.push(`  class ${opts.done.map(safeId).join(',')} done;`);
  if (opts.active?.length) lines.push(`  class ${opts.active.map(safeId).join(',')} active;`);
  return `${lines.join('\n')}\n`;
}
