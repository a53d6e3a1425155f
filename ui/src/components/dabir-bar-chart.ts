/** A small horizontal bar chart in inline SVG (optionally stacked), with a table fallback for screen readers. */
import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { getLang, n } from '../i18n/index.js';
import { base } from './styles.js';

export interface Bar {
  label: string;
  /** One value per series. */
  values: number[];
}

const COLORS = ['#0f4c81', '#146c43', '#b45309', '#a4161a', '#6b21a8', '#0e7490'];

@customElement('dabir-bar-chart')
export class DabirBarChart extends LitElement {
  static override styles = [base, css`
    /* Positions are computed for either direction; the SVG itself is laid out left-to-right so text anchors mean what they say. */
    svg { width: 100%; height: auto; display: block; }
    text { font-family: var(--d-font, Vazirmatn, sans-serif); font-size: 12px; fill: #14202e; }
    .legend { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; font-size: 0.85em; margin-block: 0.3rem; }
    .sw { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 2px; vertical-align: middle; margin-inline-end: 0.3em; }
  `];

  @property({ attribute: false }) bars: Bar[] = [];
  @property({ attribute: false }) series: string[] = [];
  @property() caption = '';
  @property() unit = '';

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    const rtl = getLang() === 'fa';
    const W = 720, labelW = 230, rowH = 26, pad = 8, valueW = 60;
    const max = Math.max(1, ...this.bars.map((b) => b.values.reduce((a, x) => a + x, 0)));
    const plotW = W - labelW - valueW - pad * 2;
    const H = this.bars.length * rowH + pad * 2;
    const x0 = rtl ? W - labelW - pad : labelW + pad;
    const dir = rtl ? -1 : 1;
    return html`
      ${this.series.length > 1 ? html`<div class="legend" aria-hidden="true">${this.series.map((s, i) => html`<span><span class="sw" style="background:${COLORS[i % COLORS.length]}"></span>${s}</span>`)}</div>` : nothing}
      <svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${this.caption} style="direction: ltr">
        ${this.bars.map((b, r) => {
          const y = pad + r * rowH;
          let acc = 0;
          const total = b.values.reduce((a, x) => a + x, 0);
          return svg`<g>
            <text x=${rtl ? W - pad : pad} y=${y + rowH / 2 + 4} text-anchor=${rtl ? 'end' : 'start'}>${b.label.length > 34 ? `${b.label.slice(0, 33)}…` : b.label}</text>
            ${b.values.map((v, i) => {
              const w = (v / max) * plotW;
              const x = rtl ? x0 - acc - w : x0 + acc;
              acc += w;
              return v > 0 ? svg`<rect x=${x} y=${y + 4} width=${Math.max(w, 1)} height=${rowH - 8} rx="3" fill=${COLORS[i % COLORS.length]}><title>${this.series[i] ?? ''} ${n(v)}</title></rect>` : nothing;
            })}
            <text x=${x0 + dir * (acc + 6)} y=${y + rowH / 2 + 4} text-anchor=${rtl ? 'end' : 'start'}>${n(total)}${this.unit}</text>
          </g>`;
        })}
      </svg>
      <table class="sr-only"><caption>${this.caption}</caption>
        <thead><tr><th scope="col"></th>${this.series.map((s) => html`<th scope="col">${s}</th>`)}</tr></thead>
        <tbody>${this.bars.map((b) => html`<tr><th scope="row">${b.label}</th>${b.values.map((v) => html`<td>${n(v)}</td>`)}</tr>`)}</tbody>
      </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-bar-chart': DabirBarChart;
  }
}
