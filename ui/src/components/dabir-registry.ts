/**
 * The registry: record types from the definitions, and the records of one type in a table of labelled columns — each
 * record by its title (a link to its page), references and options by their labels (registry-model.ts) — one request
 * per page. Search, pages, a CSV download of the whole type; retired records only when asked (`?retired=include`),
 * marked «بایگانی شده». For the users who keep the registry (`keep`: a role with keeps_registry, or an administrator):
 * «افزودن» a record (`?new=1`) and «ویرایش» one (`?edit=<key>`) in a form generated from the schema
 * (dabir-record-editor), «بایگانی» / «بازگردانی» with a confirmation, and the CSV import with its template and preview.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type EntityType, type Page, type Retirement } from '../api/client.js';
import { ActionController } from '../controllers/action-controller.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { ResourceController } from '../controllers/resource-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import * as defs from '../definitions.js';
import { n, show, t, tx } from '../i18n/index.js';
import { href, navigate } from '../router.js';
import { retireOrRestore } from './dabir-record-page.js';
import { cellText, fieldColumns, recordHeading, tableColumns } from './registry-model.js';
import { base, cards } from './styles.js';
import { isWithheld, withheldMark } from './withheld.js';
import './dabir-problem.js';
import './dabir-record-editor.js';
import './dabir-registry-import.js';

export { editableValue, editSchema } from './dabir-record-editor.js';

const PAGE = 50;

@customElement('dabir-registry')
export class DabirRegistry extends LitElement {
  static override styles = [base, cards, css`
    .layout { display: grid; grid-template-columns: 14rem minmax(0, 1fr); gap: 1rem; align-items: start; }
    @media (max-width: 800px) { .layout { grid-template-columns: 1fr; } }
    nav ul { list-style: none; padding: 0; margin: 0; }
    nav a { display: flex; justify-content: space-between; padding: 0.4em 0.6em; border-radius: 6px; text-decoration: none; color: inherit; }
    nav a[aria-current='page'] { background: var(--d-primary, #0f4c81); color: #fff; }
    .table-wrap { overflow-x: auto; }
    td.num { text-align: end; font-variant-numeric: tabular-nums; }
    th.computed { background: #e8f3ec; }
    td.computed { background: #f4faf6; font-weight: 600; }
    .pager { display: flex; gap: 0.6rem; align-items: center; justify-content: center; margin-block-start: 0.8rem; }
    tr[aria-current='true'] { background: var(--d-primary-soft, #e3edf7); }
    .edit h3 { margin-block-end: 0.8rem; }
    th.rec { font-weight: 600; min-width: 12rem; background: none; }
    th.rec .sub { display: block; font-weight: 400; font-size: 0.85em; color: var(--d-muted, #4a5666); }
    th.rec details { font-weight: 400; font-size: 0.85em; }
    th.rec dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.8rem; margin: 0.3rem 0 0; }
    th.rec dd { margin: 0; }
    .empty { padding: 1rem; border: 1px dashed var(--d-border, #c9d1dc); border-radius: 8px; }
  `];

  @property() entity = '';
  @property({ attribute: false }) query: Record<string, string> = {};
  /** What just happened (saved, added, retired, restored), said once above the table. */
  @state() private saved = '';

  private readonly types = new ResourceController<[], EntityType[]>(this, () => defs.entityTypes(), () => []);
  private readonly records = new ResourceController<[string, string, number, boolean], Page<Record<string, unknown>>>(
    this, ([entity, q, offset, retired]) => (retired
      ? api.recordsWithRetired(entity, { q: q || undefined, limit: PAGE, offset, retired: 'include' })
      : api.records(entity, { q: q || undefined, limit: PAGE, offset })),
    () => (this.current() ? [this.current()!, this.query.q ?? '', Number(this.query.offset ?? 0), this.query.retired === 'include'] : undefined),
  );
  private readonly action = new ActionController(this);

  constructor() {
    super();
    new LocaleController(this);
    new StoreController(this, defs.definitionsVersion);
  }

  private current(): string | undefined {
    return this.entity || this.types.value?.[0]?.id;
  }

  private setQuery(patch: Record<string, string | undefined>) {
    const q = { ...this.query, ...patch };
    if (!('offset' in patch)) delete q.offset;
    navigate(href('registry', this.current() ?? '', q), true);
  }

  /** Opens the edit form for a record (or closes it), keeping the page of the table; `notice` says what just happened. */
  private edit(id: string | undefined, notice = '') {
    this.saved = notice;
    this.setQuery({ edit: id, new: undefined, offset: this.query.offset });
  }

  private async onSaved(type: EntityType, e: CustomEvent<{ id: string; record: Record<string, unknown> }>) {
    const created = this.query.new !== undefined;
    const id = e.detail.id;
    const name = e.detail.record.$title ? recordHeading(type, e.detail.record).title : defs.recordTitle(type, e.detail.record);
    this.edit(undefined, created ? t('newRecordSaved', { name }) : t('saved'));
    if (created) defs.forgetEntityTypes();
    await this.records.reload();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`button[data-edit="${CSS.escape(id)}"]`)?.focus();
  }

  private async toggleRetired(type: EntityType, r: Record<string, unknown>) {
    const key = String(r[type.key]);
    const name = recordHeading(type, r).title;
    const retired = Boolean(r.$retired);
    if (!(await retireOrRestore(this.action, type, key, name, retired, r.$version as number | undefined))) return;
    this.saved = t(retired ? 'restoredDone' : 'retiredDone', { name });
    defs.forgetRecord(type.id, key);
    defs.forgetEntityTypes();
    await this.records.reload();
  }

  private renderEditor(type: EntityType) {
    const id = this.query.edit;
    return html`<div class="card edit">
      <dabir-record-editor entity=${type.id} .recordId=${id} id-prefix="rec"
        @record-saved=${(e: CustomEvent<{ id: string; record: Record<string, unknown> }>) => this.onSaved(type, e)}
        @record-cancelled=${() => this.edit(undefined)}></dabir-record-editor>
    </div>`;
  }

  /** One record's row: its title (a link to its page, with every labelled field in a disclosure), the table's columns, the actions. */
  private renderRow(type: EntityType, r: Record<string, unknown>, keep: boolean) {
    const key = String(r[type.key]);
    const missing = t('notInRegistry');
    const { title, subtitle } = recordHeading(type, r);
    const retired = r.$retired as Retirement | null | undefined;
    const details = fieldColumns(type).filter((c) => r[c.key] !== undefined && r[c.key] !== null && r[c.key] !== '');
    return html`<tr aria-current=${this.query.edit === key ? 'true' : nothing} data-record=${key} data-retired=${retired ? 'true' : nothing}>
      <th scope="row" class="rec">
        <a class="title" href=${href('registry', type.id, key)} data-record-link>${title}</a>${retired ? html` <span class="badge warn" data-retired-badge>${t('retired')}</span>` : nothing}
        ${subtitle ? html`<span class="sub">${subtitle}</span>` : nothing}
        ${details.length ? html`<details><summary>${t('recordDetails')}</summary><dl>${details.map((c) => html`<dt>${c.label}</dt><dd>${isWithheld(r[c.key]) ? withheldMark(r[c.key]) : cellText(type, r, c.key, missing)}</dd>`)}</dl></details>` : nothing}
      </th>
      ${tableColumns(type).map((c) => html`<td class=${`${c.numeric ? 'num' : ''} ${c.computed ? 'computed' : ''}`} data-col=${c.key} data-label=${c.label}>${
        isWithheld(r[c.key]) ? withheldMark(r[c.key]) : c.computed ? show(r[c.key]) : cellText(type, r, c.key, missing)}</td>`)}
      ${keep ? html`<td class="action"><div class="row">
        ${retired ? nothing : html`<button type="button" class="secondary" data-edit=${key} aria-label=${t('editRecordOf', { name: title })}
          @click=${() => this.edit(key)}>${t('edit')}</button>`}
        <button type="button" class="secondary" data-retire=${retired ? 'restore' : 'retire'} data-for=${key} ?disabled=${this.action.pending}
          aria-label=${`${retired ? t('restore') : t('retire')}: ${title}`} @click=${() => this.toggleRetired(type, r)}>${retired ? t('restore') : t('retire')}</button>
      </div></td>` : nothing}
    </tr>`;
  }

  private renderRecords(type: EntityType, page: Page<Record<string, unknown>>, keep: boolean) {
    const offset = Number(this.query.offset ?? 0);
    const q = this.query.q ?? '';
    if (!page.items.length) {
      return html`<div class="empty" role="status" data-empty>${q
        ? html`<p>${t('registryNoMatch', { q })}</p><button type="button" class="secondary" @click=${() => this.setQuery({ q: undefined })}>${t('clearSearch')}</button>`
        : html`<p>${t('registryEmpty', { type: tx(type.label) })}</p>${keep ? html`<p class="muted small">${t('registryEmptyAdmin')}</p>` : nothing}`}</div>`;
    }
    const cols = tableColumns(type);
    return html`
      <p class="muted small" role="status">${q ? t('registryFound', { n: page.total, q }) : t('total', { n: page.total })}</p>
      <div class="table-wrap"><table class="cards" data-entity=${type.id}>
        <caption class="sr-only">${tx(type.label)}</caption>
        <thead><tr><th scope="col">${tx(type.label)}</th>${cols.map((c) => html`<th scope="col" class=${c.computed ? 'computed' : ''}>${c.label}${c.computed ? html` <span class="small muted">(${t('computed')})</span>` : nothing}</th>`)}
          ${keep ? html`<th scope="col"><span class="sr-only">${t('actions')}</span></th>` : nothing}</tr></thead>
        <tbody>${page.items.map((r) => this.renderRow(type, r, keep))}</tbody>
      </table></div>
      ${page.total > PAGE ? html`<nav class="pager" aria-label=${t('records')}>
        <button class="secondary" ?disabled=${offset === 0} @click=${() => this.setQuery({ offset: String(Math.max(0, offset - PAGE)) })}>${t('previous')}</button>
        <span>${t('pageOf', { page: offset / PAGE + 1, pages: Math.ceil(page.total / PAGE) })}</span>
        <button class="secondary" ?disabled=${offset + PAGE >= page.total} @click=${() => this.setQuery({ offset: String(offset + PAGE) })}>${t('next')}</button>
      </nav>` : nothing}`;
  }

  override render() {
    const types = this.types.value ?? [];
    const entity = this.current();
    const type = types.find((x) => x.id === entity);
    const page = this.records.value;
    const keep = type?.keep === true;
    return html`
      <h1>${t('registry')}</h1>
      <dabir-problem .error=${this.types.error}></dabir-problem>
      <div class="layout">
        <nav class="card" aria-label=${t('entityTypes')}>
          <h2 class="small">${t('entityTypes')}</h2>
          <ul>${types.map((x) => html`<li><a href=${href('registry', x.id)} aria-current=${x.id === entity ? 'page' : nothing}>
            <span>${tx(x.label)}</span><span class="muted small">${n(x.count)}</span></a></li>`)}</ul>
        </nav>
        <section aria-labelledby="records-h">
          ${type ? html`
            <h2 id="records-h">${tx(type.label)}</h2>
            <div class="row" role="search">
              <div class="field grow"><label for="r-q">${t('search')}</label>
                <input id="r-q" type="search" .value=${this.query.q ?? ''} @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && this.search(e)} /></div>
              <div class="field"><button type="button" class="secondary" data-search @click=${(e: Event) => this.search(e)}>${t('search')}</button></div>
              <div class="field"><a class="btn secondary" data-export href=${api.exportCsvUrl(type.id)} download>${t('downloadCsv')}</a></div>
              ${keep ? html`<div class="field"><button type="button" data-add ?disabled=${this.query.new !== undefined}
                @click=${() => { this.saved = ''; this.setQuery({ new: '1', edit: undefined, offset: this.query.offset }); }}>${t('addRecordOf', { type: tx(type.label) })}</button></div>` : nothing}
            </div>
            <label class="check small"><input type="checkbox" data-show-retired .checked=${this.query.retired === 'include'}
              @change=${(e: Event) => this.setQuery({ retired: (e.target as HTMLInputElement).checked ? 'include' : undefined })} /> ${t('showRetired')}</label>
            <dabir-problem .error=${this.records.error}></dabir-problem>
            <dabir-problem .error=${this.action.error}></dabir-problem>
            <div role="status">${this.saved ? html`<p class="alert ok">${this.saved}</p>` : nothing}</div>
            ${keep && (this.query.edit || this.query.new !== undefined) ? this.renderEditor(type) : nothing}
            ${page ? this.renderRecords(type, page, keep) : html`<p role="status">${t('loading')}</p>`}
            ${keep ? html`<dabir-registry-import entity=${type.id} @records-imported=${() => { defs.forgetEntityTypes(); void this.records.reload(); }}></dabir-registry-import>` : nothing}
          ` : nothing}
        </section>
      </div>`;
  }

  /** Searches on submit (Enter or the button), not on every key: each search is one request. */
  private search(e: Event) {
    e.preventDefault();
    const value = (this.renderRoot.querySelector<HTMLInputElement>('#r-q')?.value ?? '').trim();
    this.setQuery({ q: value || undefined });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-registry': DabirRegistry;
  }
}
