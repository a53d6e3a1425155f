/**
 * A procedure's diagram with a case's done and active steps marked: the server's SVG when it can draw it, else a
 * layout computed here with dagre from the steps. A text list of the steps (with their state) follows for screen
 * readers and keyboard users.
 */
import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import { api, type Step } from '../api/client.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { ResourceController } from '../controllers/resource-controller.js';
import { getLang, t, tx } from '../i18n/index.js';
import * as defs from '../definitions.js';
import type { LaidOut } from './diagram-layout.js';

/** The line height of a wrapped step label (engine/diagram/layout.ts sizes the boxes with it). */
const LINE_HEIGHT = 16;
import { base } from './styles.js';

type Drawing = { kind: 'svg'; svg: string } | { kind: 'layout'; layout: LaidOut };

/** A sub-procedure's child steps, when the definitions have them loaded (their end steps name its results). */
const childSteps = (id: string) => defs.procedureDetail(id)?.steps;

@customElement('dabir-diagram')
export class DabirDiagram extends LitElement {
  static override styles = [base, css`
    .canvas { overflow: auto; max-height: 70vh; border: 1px solid var(--d-border, #c9d1dc); border-radius: 8px; background: #fff; padding: 0.5rem; }
    .canvas svg { max-width: 100%; height: auto; }
    /* A phone: shrunk to the screen the labels could not be read; the drawing keeps a readable size and scrolls in its
       frame (the page itself does not), and the list of steps below says the same in text. */
    @media (max-width: 560px) { .canvas svg { max-width: none; width: max(100%, 540px); } }
    .legend { display: flex; gap: 1rem; font-size: 0.85em; margin-block: 0.4rem; }
    .sw { display: inline-block; width: 1em; height: 1em; border-radius: 3px; vertical-align: middle; margin-inline-end: 0.3em; border: 1px solid; }
    .sw.done { background: #d1fae5; border-color: #047857; }
    .sw.active { background: #fef3c7; border-color: #b45309; border-width: 2px; }
    ol { columns: 2 18em; font-size: 0.9em; }
    li.done { color: #0b5d3b; }
    li.active { font-weight: 700; color: #7a3d00; }
    .node { fill: #f8fafc; stroke: #94a3b8; stroke-width: 1.2; }
    .node.done { fill: #d1fae5; stroke: #047857; }
    .node.active { fill: #fef3c7; stroke: #b45309; stroke-width: 2.5; }
    .edge { fill: none; stroke: #64748b; stroke-width: 1.3; }
    text { font-family: Vazirmatn, Tahoma, sans-serif; font-size: 12px; fill: #0f172a; }
    .elabel { font-size: 10px; fill: #475569; }
  `];

  @property() procedureId = '';
  @property() caseId = '';
  @property({ attribute: false }) steps: Step[] = [];
  @property({ attribute: false }) done: string[] = [];
  @property({ attribute: false }) active: string[] = [];
  /** Changes whenever the case changes, so the drawing is refetched. */
  @property({ type: Number }) version = 0;

  private readonly drawing = new ResourceController<[string, string, string, number, number], Drawing>(
    this,
    async ([proc, caseId, lang]) => {
      if (!proc) {
        const { layout } = await import('./diagram-layout.js');
        return { kind: 'layout', layout: layout(this.steps, lang as 'fa' | 'en', childSteps) };
      }
      try {
        return { kind: 'svg', svg: await api.diagramSvg(proc, { caseId: caseId || undefined, lang }) };
      } catch {
        const { layout } = await import('./diagram-layout.js');
        return { kind: 'layout', layout: layout(this.steps, lang as 'fa' | 'en', childSteps) };
      }
    },
    () => (this.procedureId || this.steps.length ? [this.procedureId, this.caseId, getLang(), this.version, this.steps.length] : undefined),
  );

  constructor() {
    super();
    new LocaleController(this);
  }

  private renderLayout(l: LaidOut) {
    const done = new Set(this.done);
    const active = new Set(this.active);
    return html`<svg viewBox="0 0 ${l.width} ${l.height}" width=${l.width} height=${l.height} role="img" aria-label=${t('diagram')}>
      <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="#64748b"/></marker></defs>
      ${l.edges.map((e) => {
        const d = e.points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(' ');
        const mid = e.points[Math.floor(e.points.length / 2)];
        return svg`<path class="edge" d=${d} marker-end="url(#arrow)"></path>${e.text && mid ? svg`<text class="elabel" x=${mid.x} y=${mid.y - 3} text-anchor="middle">${e.text}</text>` : nothing}`;
      })}
      ${l.nodes.map((n) => {
        const cls = `node ${active.has(n.step.id) ? 'active' : done.has(n.step.id) ? 'done' : ''}`;
        const round = n.step.kind === 'split' || n.step.kind === 'join';
        return svg`<g data-step=${n.step.id}>${round
          ? svg`<path class=${cls} d="M${n.x} ${n.y - n.h / 2} L${n.x + n.w / 2} ${n.y} L${n.x} ${n.y + n.h / 2} L${n.x - n.w / 2} ${n.y} Z"></path>`
          : svg`<rect class=${cls} x=${n.x - n.w / 2} y=${n.y - n.h / 2} width=${n.w} height=${n.h} rx=${n.step.kind === 'end' ? n.h / 2 : 6}></rect>
               <text x=${n.x} y=${n.y + 4 - ((n.lines.length - 1) * LINE_HEIGHT) / 2} text-anchor="middle">${n.lines.map((line, i) => svg`<tspan x=${n.x} dy=${i ? LINE_HEIGHT : 0}>${line}</tspan>`)}</text>`}<title>${n.text}</title></g>`;
      })}
    </svg>`;
  }

  override render() {
    const d = this.drawing.value;
    const done = new Set(this.done);
    const active = new Set(this.active);
    return html`
      <div class="legend" aria-hidden="true"><span><span class="sw done"></span>${t('legendDone')}</span><span><span class="sw active"></span>${t('legendActive')}</span></div>
      <div class="canvas" data-diagram=${d?.kind ?? 'loading'}>
        ${!d ? html`<p role="status">${t('loading')}</p>` : d.kind === 'svg' ? unsafeSVG(d.svg) : this.renderLayout(d.layout)}
      </div>
      ${this.steps.length ? html`
        <details>
          <summary>${t('diagram')} — ${t('step')}</summary>
          <ol>${this.steps.filter((s) => s.kind !== 'split' && s.kind !== 'join').map((s) => html`
            <li class=${active.has(s.id) ? 'active' : done.has(s.id) ? 'done' : ''}>${tx(s.label)}
              ${active.has(s.id) ? html` — ${t('legendActive')}` : done.has(s.id) ? html` — ${t('legendDone')}` : nothing}</li>`)}</ol>
        </details>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-diagram': DabirDiagram;
  }
}
