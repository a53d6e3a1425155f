/**
 * A procedure as a standalone SVG, with done and active steps marked.
 */
import type { ProcedureDef } from '../model.js';
import type { ProcedureLookup } from './graph.js';
import { layoutProcedure, LINE_HEIGHT, type NodeBox } from './layout.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface SvgOptions {
  lang?: 'fa' | 'en';
  done?: string[];
  active?: string[];
  /** Finds the procedures sub-procedure steps run (their results label the arrows). */
  lookup?: ProcedureLookup;
}

function shape(n: NodeBox, cls: string): string {
  const { x, y, width: w, height: h } = n;
  const id = esc(n.step.id);
  if (n.step.kind === 'split' || n.step.kind === 'join') {
    return `<path class="${cls}" data-step="${id}" d="M${x} ${y - h / 2} L${x + w / 2} ${y} L${x} ${y + h / 2} L${x - w / 2} ${y} Z"/>`;
  }
  // Ends are pills, automatic steps have square corners, human steps rounded ones.
  const automatic = n.step.kind === 'route' || n.step.kind === 'timer' || n.step.kind === 'notify';
  const rx = n.step.kind === 'end' ? h / 2 : automatic ? 0 : 6;
  return `<rect class="${cls}" data-step="${id}" x="${x - w / 2}" y="${y - h / 2}" width="${w}" height="${h}" rx="${rx}"/>`;
}

/** SVG source. Step nodes carry `data-step` so a UI can make them interactive. */
export function toSvg(proc: ProcedureDef, opts: SvgOptions = {}): string {
  const lang = opts.lang ?? 'fa';
  const layout = layoutProcedure(proc, lang, opts.lookup);
  const done = new Set(opts.done ?? []);
  const active = new Set(opts.active ?? []);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="img" aria-label="${esc((lang === 'en' ? proc.title.en : undefined) ?? proc.title.fa)}" direction="${lang === 'fa' ? 'rtl' : 'ltr'}">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="#64748b"/></marker></defs>',
    '<style>text{font-family:Vazirmatn,Tahoma,sans-serif;font-size:12px;fill:#0f172a}.edge{fill:none;stroke:#64748b;stroke-width:1.3}.elabel{font-size:10px;fill:#475569;paint-order:stroke;stroke:#fff;stroke-width:3px}.node{fill:#f8fafc;stroke:#94a3b8;stroke-width:1.2}.done{fill:#d1fae5;stroke:#047857}.active{fill:#fef3c7;stroke:#b45309;stroke-width:2.5}</style>',
  );
  for (const e of layout.edges) {
    const d = e.points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(' ');
    parts.push(`<path class="edge" d="${d}" marker-end="url(#arrow)"/>`);
    if (e.text) {
      const at = e.labelAt ?? e.points[Math.floor(e.points.length / 2)];
      parts.push(`<text class="elabel" x="${at.x.toFixed(1)}" y="${(at.y + 4).toFixed(1)}" text-anchor="middle">${esc(e.text)}</text>`);
    }
  }
  for (const n of layout.nodes) {
    const cls = `node ${active.has(n.step.id) ? 'active' : done.has(n.step.id) ? 'done' : ''} kind-${n.step.kind}`.trim();
    parts.push(`<g>${shape(n, cls)}`);
    if (n.step.kind !== 'split' && n.step.kind !== 'join') {
      const top = n.y - ((n.lines.length - 1) * LINE_HEIGHT) / 2 + 4;
      const spans = n.lines.map((l, i) => `<tspan x="${n.x.toFixed(1)}" y="${(top + i * LINE_HEIGHT).toFixed(1)}">${esc(l)}</tspan>`).join('');
      parts.push(`<text text-anchor="middle">${spans}</text>`);
    }
    parts.push(`<title>${esc(n.text)}</title></g>`);
  }
  parts.push('</svg>');
  return parts.join('\n');
}
