/**
 * One parameter value, the way it fits on a page: a number with its unit, yes/no, a date — and a long value (a
 * table, a long text) collapsed to a summary («جدول، ۹ ردیف») with a button that opens it into a readable table
 * with labelled columns (rows become labelled cards on a narrow screen).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { date, n, show, t, tx, type Text } from '../i18n/index.js';
import { cellText, columnsOf, isLong } from './param-columns.js';
import { base } from './styles.js';

let seq = 0;

@customElement('dabir-param-value')
export class DabirParamValue extends LitElement {
  static override styles = [base, css`
    :host { display: block; min-width: 0; }
    .value { font-weight: 700; overflow-wrap: anywhere; }
    .wrap { margin-block-start: 0.5rem; max-width: 100%; overflow-x: auto; }
    table { font-size: 0.9em; }
    @media (max-width: 640px) {
      thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
      table, tbody, tr, td { display: block; width: 100%; }
      tr { border: 1px solid var(--d-border, #c9d1dc); border-radius: 6px; margin-block-end: 0.5rem; padding: 0.3rem 0.5rem; }
      td { border: none; padding: 0.15em 0; }
      td::before { content: attr(data-label) ':'; font-weight: 600; margin-inline-end: 0.4em; color: var(--d-muted, #4a5666); }
    }
  `];

  @property({ attribute: false }) value: unknown;
  @property() type = '';
  @property({ attribute: false }) columns?: Record<string, unknown>;
  @property({ attribute: false }) unitLabel?: Text | null;
  /** The parameter's label, for the table's caption. */
  @property({ attribute: false }) label?: Text;
  @state() private open = false;
  private readonly uid = `pv-${++seq}`;

  constructor() {
    super();
    new LocaleController(this);
  }

  private toggle(label: string) {
    return html`<button type="button" class="link" aria-expanded=${this.open ? 'true' : 'false'} aria-controls=${this.uid}
      @click=${() => (this.open = !this.open)}>${this.open ? t('hideValue') : label}</button>`;
  }

  private renderTable(rows: Record<string, unknown>[]) {
    const cols = columnsOf(this.columns);
    return html`<span class="value">${t('tableSummary', { n: rows.length })}</span> ${this.toggle(t('showTable'))}
      ${this.open ? html`<div class="wrap" id=${this.uid}><table>
        <caption class="sr-only">${tx(this.label)}</caption>
        <thead><tr><th scope="col">${t('row')}</th>${cols.map((c) => html`<th scope="col">${tx(c.label)}</th>`)}</tr></thead>
        <tbody>${rows.map((r, i) => html`<tr><td data-label=${t('row')}>${n(i + 1)}</td>
          ${cols.map((c) => html`<td data-label=${tx(c.label)}>${cellText(c, r?.[c.key])}</td>`)}</tr>`)}</tbody>
      </table></div>` : nothing}`;
  }

  private renderText(s: string) {
    return html`<span class="value" id=${this.uid}>${this.open ? s : `${s.slice(0, 80).trimEnd()}…`}</span> ${this.toggle(t('showAll'))}`;
  }

  override render() {
    const v = this.value;
    if (v === undefined || v === null) return html`<span class="muted">—</span>`;
    if (Array.isArray(v) && (this.type === 'table' || isLong(v))) return this.renderTable(v as Record<string, unknown>[]);
    if (typeof v === 'string' && isLong(v)) return this.renderText(v);
    const unit = this.unitLabel ? html` <span class="muted small">${tx(this.unitLabel)}</span>` : nothing;
    if (this.type === 'date') return html`<span class="value">${date(v)}</span>`;
    return html`<span class="value">${show(v)}</span>${typeof v === 'number' ? unit : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-param-value': DabirParamValue;
  }
}
