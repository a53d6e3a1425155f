/**
 * Importing records of one type from a CSV file, for the users who keep the registry: the template to download
 * (Persian headers from the schema), the file (or its text pasted), then a check that writes nothing — what would be
 * added, what would change (field by field, from what to what) and every problem by row and column, in Persian — and
 * only then, asked, the write: every row (when none has a problem) or the valid rows only. No raw JSON is shown.
 * Fires `records-imported` with `{ written }` after a write.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type ImportReport } from '../api/client.js';
import { ActionController } from '../controllers/action-controller.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { n, t, tx } from '../i18n/index.js';
import { confirmAction } from './dabir-confirm.js';
import { base, cards } from './styles.js';
import './dabir-problem.js';

@customElement('dabir-registry-import')
export class DabirRegistryImport extends LitElement {
  static override styles = [base, cards, css`
    :host { display: block; }
    .summary { display: flex; gap: 0.5rem 1.2rem; flex-wrap: wrap; margin-block: 0.6rem; }
    .table-wrap { overflow-x: auto; margin-block: 0.6rem; }
    td.before { text-decoration: line-through; color: var(--d-muted, #4a5666); }
    h4 { margin-block: 0.8rem 0.3rem; }
  `];

  @property() entity = '';
  @property({ attribute: false }) entityLabel = '';

  @state() private csv = '';
  @state() private fileName = '';
  @state() private report?: ImportReport;
  @state() private written?: number;
  private readonly checking = new ActionController(this);
  private readonly writing = new ActionController(this);

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('entity') && changed.get('entity') !== undefined) this.resetFile();
  }

  constructor() {
    super();
    new LocaleController(this);
  }

  private resetFile() {
    this.csv = '';
    this.fileName = '';
    this.report = undefined;
    this.written = undefined;
    this.checking.clear();
    this.writing.clear();
  }

  private async readFile(e: Event) {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    this.fileName = file.name;
    this.csv = await file.text();
    this.report = undefined;
    this.written = undefined;
    await this.preview();
  }

  private async preview(e?: Event) {
    e?.preventDefault();
    if (!this.csv.trim()) return;
    this.written = undefined;
    this.writing.clear();
    const r = await this.checking.run(() => api.importCsv(this.entity, this.csv, 'preview'));
    this.report = r;
  }

  private async write(mode: 'all' | 'valid-only') {
    const r = this.report;
    if (!r) return;
    const count = r.adds.length + r.changes.length;
    const body = [t('importConfirmBody', { adds: r.adds.length, changes: r.changes.length })];
    if (mode === 'valid-only' && r.invalidRows) body.push(t('importConfirmSkip', { n: r.invalidRows }));
    const ok = await confirmAction({ title: t('importConfirmTitle', { n: count }), body, confirmLabel: mode === 'all' ? t('importAll') : t('importValidOnly', { n: count }) });
    if (!ok) return;
    const done = await this.writing.run(() => api.importCsv(this.entity, this.csv, mode));
    if (!done) return;
    this.written = done.written;
    this.report = undefined;
    this.csv = '';
    this.fileName = '';
    this.dispatchEvent(new CustomEvent('records-imported', { detail: { written: done.written }, bubbles: true, composed: true }));
  }

  private renderReport(r: ImportReport) {
    const count = r.adds.length + r.changes.length;
    return html`<section aria-labelledby="import-report-h" data-import-report>
      <h4 id="import-report-h">${t('previewImport')}</h4>
      <div class="summary" role="status">
        <span data-adds>${t('importAdds', { n: r.adds.length })}</span>
        <span data-changes>${t('importChanges', { n: r.changes.length })}</span>
        ${r.unchanged ? html`<span>${t('importUnchanged', { n: r.unchanged })}</span>` : nothing}
        ${r.invalidRows ? html`<span class="error-text" data-invalid>${t('importErrors', { n: r.invalidRows })}</span>` : nothing}
      </div>
      ${r.errors.length ? html`<div class="table-wrap"><table class="cards" data-import-errors>
        <caption class="sr-only">${t('importErrors', { n: r.invalidRows })}</caption>
        <thead><tr><th scope="col">${t('rowCol')}</th><th scope="col">${t('columnCol')}</th><th scope="col">${t('problemCol')}</th></tr></thead>
        <tbody>${r.errors.map((e) => html`<tr><td data-label=${t('rowCol')}>${n(e.row)}</td><td data-label=${t('columnCol')}>${e.column ?? t('wholeRow')}</td>
          <td data-label=${t('problemCol')}>${tx(e.message)}</td></tr>`)}</tbody>
      </table></div>` : nothing}
      ${r.adds.length ? html`<div class="table-wrap"><table class="cards" data-import-adds>
        <caption>${t('importAdds', { n: r.adds.length })}</caption>
        <thead><tr><th scope="col">${t('rowCol')}</th><th scope="col">${t('recordCol')}</th></tr></thead>
        <tbody>${r.adds.map((a) => html`<tr><td data-label=${t('rowCol')}>${n(a.row)}</td><td data-label=${t('recordCol')}>${a.title}</td></tr>`)}</tbody>
      </table></div>` : nothing}
      ${r.changes.length ? html`<div class="table-wrap"><table class="cards" data-import-changes>
        <caption>${t('importChanges', { n: r.changes.length })}</caption>
        <thead><tr><th scope="col">${t('rowCol')}</th><th scope="col">${t('recordCol')}</th><th scope="col">${t('changeCol')}</th></tr></thead>
        <tbody>${r.changes.map((c) => html`<tr><td data-label=${t('rowCol')}>${n(c.row)}</td><td data-label=${t('recordCol')}>${c.title}</td>
          <td data-label=${t('changeCol')}><ul>${(c.fields ?? []).map((f) => html`<li>${f.label}: <del>${f.before || t('emptyValue')}</del> ← <ins>${f.after || t('emptyValue')}</ins></li>`)}</ul></td></tr>`)}</tbody>
      </table></div>` : nothing}
      <div class="row">
        ${!count ? html`<p class="muted">${t('importNothing')}</p>` : r.invalidRows
          ? html`<button type="button" data-import-valid ?disabled=${this.writing.pending} @click=${() => this.write('valid-only')}>${t('importValidOnly', { n: count })}</button>`
          : html`<button type="button" data-import-all ?disabled=${this.writing.pending} @click=${() => this.write('all')}>${t('importAll')}</button>`}
      </div>
    </section>`;
  }

  override render() {
    return html`<form class="card" @submit=${this.preview} data-import>
      <h3>${t('importTitle')}</h3>
      <p class="muted small">${t('importIntro')}</p>
      <div class="row">
        <a class="btn secondary" data-template href=${api.templateCsvUrl(this.entity)} download>${t('downloadTemplate')}</a>
      </div>
      <div class="field"><span class="file"><input id="csv-file" type="file" accept=".csv,text/csv" aria-label=${t('chooseFile')} @change=${this.readFile} />
        <label for="csv-file" class="btn secondary">${this.fileName ? t('chooseAnother') : t('chooseFile')}</label>
        <span class="name">${this.fileName || t('noFileChosen')}</span></span></div>
      <div class="field"><label for="csv-text">${t('csvText')}</label>
        <textarea id="csv-text" dir="auto" .value=${this.csv} @input=${(e: Event) => { this.csv = (e.target as HTMLTextAreaElement).value; this.report = undefined; }}></textarea></div>
      <button type="submit" data-preview ?disabled=${!this.csv.trim() || this.checking.pending}>${t('previewImport')}</button>
      <dabir-problem .error=${this.checking.error}></dabir-problem>
      ${this.report ? this.renderReport(this.report) : nothing}
      <dabir-problem .error=${this.writing.error}></dabir-problem>
      ${this.written !== undefined ? html`<p class="alert ok" role="status" data-written>${t('importWritten', { n: this.written })}</p>` : nothing}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-registry-import': DabirRegistryImport;
  }
}
