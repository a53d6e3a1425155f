/**
 * A table parameter in force, as people read it: one row per entry, a column per field of its row schema titled by
 * the field's `title`, each value by its words (an option's label, a text, a referenced record's title). Shown beside
 * a form whose choices come from the table (`options_from`), so the one who chooses sees what the table says. Columns
 * that only hold the code another column names (`hide`) are left out.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api, type EffectiveParameter, type JsonSchema } from '../api/client.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { ResourceController } from '../controllers/resource-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import * as defs from '../definitions.js';
import { t, tx } from '../i18n/index.js';
import { displayValue, labelOf, orderedKeys } from './form-model.js';
import { base } from './styles.js';

@customElement('dabir-param-table')
export class DabirParamTable extends LitElement {
  static override styles = [base, css`
    details { margin-block: 0.6rem; }
    summary { cursor: pointer; font-weight: 600; }
    .wrap { overflow-x: auto; max-height: 22em; overflow-y: auto; }
    table { font-size: 0.9em; }
  `];

  /** The table parameter's id. */
  @property() param = '';
  /** Columns not to show (codes that another column names). */
  @property({ attribute: false }) hide: string[] = [];
  @property({ type: Boolean }) open = false;

  private readonly table = new ResourceController<[string], EffectiveParameter & { columns?: JsonSchema }>(this, ([id]) => api.parameter(id), () => (this.param ? [this.param] : undefined));

  constructor() {
    super();
    new LocaleController(this);
    new StoreController(this, defs.definitionsVersion);
  }

  override render() {
    const p = this.table.value;
    if (!p || !Array.isArray(p.value)) return nothing;
    const schema = p.columns ?? {};
    const cols = orderedKeys(schema).filter((c) => !this.hide.includes(c));
    const rows = p.value as Record<string, unknown>[];
    return html`<details ?open=${this.open} data-param-table=${p.id}>
      <summary>${t('tableInForce', { label: tx(p.label) })}</summary>
      <div class="wrap"><table>
        <thead><tr>${cols.map((c) => html`<th scope="col">${labelOf(schema.properties![c], c)}</th>`)}</tr></thead>
        <tbody>${rows.map((r) => html`<tr>${cols.map((c) => html`<td>${displayValue(schema.properties![c], r[c], { ref: defs.refTitle })}</td>`)}</tr>`)}</tbody>
      </table></div>
      ${p.provenance ? html`<p class="muted small">${tx(p.provenance.resolution.title)}</p>` : nothing}
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-param-table': DabirParamTable;
  }
}
