/**
 * An editable table parameter: each row a small labelled form (its columns from the row schema: texts in Persian
 * and English, options by label, numbers in any digits), rows added and removed by button. Renders in the light DOM
 * so its labels and inputs belong to the surrounding form. `.rows` in, `rows-changed` out.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { d, n, parseNumber, t, tx } from '../i18n/index.js';
import { columnsOf, type Column } from './param-columns.js';

type Row = Record<string, unknown>;

const STYLE = `
dabir-table-editor fieldset { border: 1px solid var(--d-border, #c9d1dc); border-radius: 8px; margin: 0 0 0.6rem; padding: 0.4rem 0.8rem 0.6rem; min-width: 0; }
dabir-table-editor legend { font-weight: 600; padding: 0 0.3em; }
dabir-table-editor .cells { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: 0.2rem 0.8rem; }
dabir-table-editor .cells .field { margin-block-end: 0.4rem; min-width: 0; }
dabir-table-editor .cells input, dabir-table-editor .cells select { width: 100%; }
dabir-table-editor .row-actions { display: flex; justify-content: flex-end; }
`;

@customElement('dabir-table-editor')
export class DabirTableEditor extends LitElement {
  @property({ attribute: false }) columns?: Record<string, unknown>;
  @property({ attribute: false }) rows: Row[] = [];
  /** Prefix of the inputs' ids (unique on the page). */
  @property({ attribute: 'id-prefix' }) idPrefix = 'te';
  /** The table's name, for the rows' legends. */
  @property() label = '';

  constructor() {
    super();
    new LocaleController(this);
  }

  protected override createRenderRoot() {
    return this;
  }

  private emit(rows: Row[]) {
    this.rows = rows;
    this.dispatchEvent(new CustomEvent('rows-changed', { detail: { rows }, bubbles: true, composed: true }));
  }

  private set(i: number, key: string, v: unknown) {
    const rows = this.rows.map((r, j) => {
      if (j !== i) return r;
      const next = { ...r };
      if (v === undefined || v === '') delete next[key];
      else next[key] = v;
      return next;
    });
    this.emit(rows);
  }

  private cell(i: number, row: Row, c: Column) {
    const id = `${this.idPrefix}-${i}-${c.key}`;
    const star = c.required ? html`<span class="error-text" aria-hidden="true"> *</span>` : nothing;
    const label = html`${tx(c.label)}${star}`;
    const v = row[c.key];
    if (c.kind === 'text') {
      const text = (v ?? {}) as { fa?: string; en?: string };
      const put = (lang: 'fa' | 'en', s: string) => {
        const next = { ...text, [lang]: s.trim() ? s : undefined };
        if (!next.en) delete next.en;
        this.set(i, c.key, next.fa || next.en ? next : undefined);
      };
      return html`<div class="field"><label for=${`${id}-fa`}>${tx(c.label)} (${t('inPersian')})${star}</label>
          <input id=${`${id}-fa`} .value=${text.fa ?? ''} ?required=${c.required} @input=${(e: Event) => put('fa', (e.target as HTMLInputElement).value)} /></div>
        <div class="field"><label for=${`${id}-en`}>${tx(c.label)} (${t('inEnglish')})</label>
          <input id=${`${id}-en`} dir="ltr" .value=${text.en ?? ''} @input=${(e: Event) => put('en', (e.target as HTMLInputElement).value)} /></div>`;
    }
    if (c.kind === 'enum') {
      const index = c.options?.findIndex((o) => o.value === v) ?? -1;
      return html`<div class="field"><label for=${id}>${label}</label>
        <select id=${id} ?required=${c.required} @change=${(e: Event) => {
          const k = Number((e.target as HTMLSelectElement).value);
          this.set(i, c.key, k >= 0 ? c.options?.[k]?.value : undefined);
        }}>
          <option value="-1" ?selected=${index < 0}>${t('choose')}</option>
          ${c.options?.map((o, k) => html`<option value=${k} ?selected=${k === index}>${tx(o.label)}</option>`)}
        </select></div>`;
    }
    if (c.kind === 'boolean') {
      return html`<div class="field"><label><input type="checkbox" id=${id} .checked=${v === true}
        @change=${(e: Event) => this.set(i, c.key, (e.target as HTMLInputElement).checked)} /> ${label}</label></div>`;
    }
    const numeric = c.kind === 'number' || c.kind === 'integer';
    return html`<div class="field"><label for=${id}>${label}</label>
      <input id=${id} inputmode=${numeric ? 'decimal' : nothing} dir=${numeric ? 'ltr' : nothing} ?required=${c.required}
        .value=${v === undefined || v === null ? '' : numeric ? d(String(v)) : String(v)}
        @change=${(e: Event) => {
          const raw = (e.target as HTMLInputElement).value.trim();
          const num = parseNumber(raw);
          this.set(i, c.key, numeric && raw !== '' && !Number.isNaN(num) ? num : raw);
        }} /></div>`;
  }

  override render() {
    const cols = columnsOf(this.columns);
    return html`<style>${STYLE}</style>
      ${this.rows.map((row, i) => html`<fieldset data-row=${i}>
        <legend>${t('row')} ${n(i + 1)}</legend>
        <div class="cells">${cols.map((c) => this.cell(i, row, c))}</div>
        <div class="row-actions"><button type="button" class="link" @click=${() => this.emit(this.rows.filter((_, j) => j !== i))}>${t('removeRow', { n: i + 1 })}</button></div>
      </fieldset>`)}
      <button type="button" class="secondary" data-add-row @click=${() => this.emit([...this.rows, {}])}>${t('addRow')}</button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-table-editor': DabirTableEditor;
  }
}
