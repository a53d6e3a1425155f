/**
 * The registry: record types from the definitions, and the records of one type in a table of labelled columns — each
 * record by its title, references and options by their labels (registry-model.ts) — one request per page. Search,
 * pages, a CSV download of the whole type; for administrators, editing a record in a form generated from the same
 * schema (`?edit=<key>`), and CSV import.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type EntityType, type JsonSchema, type Page, type Text } from '../api/client.js';
import { ActionController } from '../controllers/action-controller.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { ResourceController } from '../controllers/resource-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import * as defs from '../definitions.js';
import { n, show, t, tx } from '../i18n/index.js';
import { href, navigate } from '../router.js';
import { isAdmin } from '../session.js';
import { compact, validate } from './form-model.js';
import { cellText, fieldColumns, recordHeading, tableColumns } from './registry-model.js';
import { base, cards } from './styles.js';
import { isWithheld, withheldMark } from './withheld.js';
import './dabir-form.js';
import './dabir-problem.js';

const PAGE = 50;

/** The fields of a record the server withheld from this user (sensitive fields their roles may not read). */
export function withheldFields(rec: Record<string, unknown> | undefined): string[] {
  return rec ? Object.keys(rec).filter((k) => isWithheld(rec[k])) : [];
}

/**
 * The schema the edit form shows: the type's, without its key (the key names the record; it is not edited) and
 * without the fields withheld from the user in `rec` (the server keeps their stored values).
 */
export function editSchema(type: EntityType, rec?: Record<string, unknown>): JsonSchema {
  const props = { ...(type.schema.properties ?? {}) };
  const drop = new Set([type.key, ...withheldFields(rec)]);
  for (const k of drop) delete props[k];
  return { ...type.schema, properties: props, required: (type.schema.required ?? []).filter((k) => !drop.has(k)) };
}

/** A stored record as the edit form's value: without its key, computed fields, withheld fields and the server's `$` notes. */
export function editableValue(type: EntityType, rec: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(rec).filter(([k, v]) => k !== type.key && !type.computed.includes(k) && !k.startsWith('$') && !isWithheld(v)));
}

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
  @state() private csv = '';
  /** The chosen CSV file's name (the picker says which file it read). */
  @state() private csvName = '';
  @state() private imported?: number;
  /** The edit form's value (undefined until the record to edit has loaded). */
  @state() private draft?: Record<string, unknown>;
  @state() private draftFor = '';
  @state() private showErrors = false;
  @state() private saved = '';

  private readonly types = new ResourceController<[], EntityType[]>(this, () => defs.entityTypes(), () => []);
  private readonly records = new ResourceController<[string, string, number], Page<Record<string, unknown>>>(
    this, ([entity, q, offset]) => api.records(entity, { q: q || undefined, limit: PAGE, offset }),
    () => (this.current() ? [this.current()!, this.query.q ?? '', Number(this.query.offset ?? 0)] : undefined),
  );
  private readonly action = new ActionController(this);
  private readonly editing = new ResourceController<[string, string], Record<string, unknown>>(
    this, ([entity, id]) => api.record(entity, id), () => (isAdmin() && this.query.edit && this.current() ? [this.current()!, this.query.edit] : undefined),
  );
  private readonly saving = new ActionController(this);

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

  override willUpdate() {
    // A record to edit has loaded: it becomes the form's value (once per record).
    const rec = this.editing.value;
    const type = this.types.value?.find((x) => x.id === this.current());
    const key = `${this.current()}/${this.query.edit ?? ''}`;
    if (!this.query.edit) {
      this.draft = undefined;
      this.draftFor = '';
    } else if (rec && type && this.draftFor !== key && String(rec[type.key]) === this.query.edit) {
      this.draft = editableValue(type, rec);
      this.draftFor = key;
      this.showErrors = false;
      this.saving.clear();
    }
  }

  /** Opens the edit form for a record (or closes it), keeping the page of the table; `notice` says what just happened. */
  private edit(id: string | undefined, notice = '') {
    this.saved = notice;
    this.setQuery({ edit: id, offset: this.query.offset });
  }

  private async save(e: Event, type: EntityType) {
    e.preventDefault();
    const id = this.query.edit;
    if (!id || !this.draft) return;
    const value = compact(this.draft);
    if (validate(editSchema(type, this.editing.value), value).length) {
      this.showErrors = true;
      return;
    }
    const rec = await this.saving.run(() => api.saveRecord(type.id, id, value));
    if (!rec) return;
    this.edit(undefined, id);
    await this.records.reload();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`button[data-edit="${CSS.escape(id)}"]`)?.focus();
  }

  /** The server's record problems (`errors: [{path, message}]`), for the form's fields. */
  private serverErrors(): { path: string; message: Text }[] {
    const errors = this.saving.error?.body.errors;
    if (!Array.isArray(errors)) return [];
    return errors.flatMap((x) => (x && typeof x === 'object' && 'path' in x && 'message' in x ? [{ path: String(x.path), message: { fa: String(x.message) } }] : []));
  }

  private renderEdit(type: EntityType) {
    const id = this.query.edit!;
    const rec = this.editing.value;
    const title = rec ? recordHeading(type, rec).title : '';
    return html`<form class="card edit" @submit=${(e: Event) => this.save(e, type)} novalidate aria-labelledby="edit-h" data-edit-form=${id}>
      <h3 id="edit-h">${title ? t('editRecordOf', { name: title }) : t('editRecord')}</h3>
      <dabir-problem .error=${this.editing.error}></dabir-problem>
      ${this.draft ? html`
        ${withheldFields(rec).length ? html`<p class="muted small" data-withheld-note>${withheldMark()} ${t('withheldFieldsKept', { fields: withheldFields(rec).map((k) => fieldColumns(type).find((c) => c.key === k)?.label ?? k).join(t('listSep')) })}</p>` : nothing}
        <dabir-form .schema=${editSchema(type, rec)} .value=${this.draft} id-prefix="rec" ?showErrors=${this.showErrors} .serverErrors=${this.serverErrors()}
          @value-changed=${(e: CustomEvent<{ value: Record<string, unknown> }>) => (this.draft = e.detail.value)}></dabir-form>
        <dabir-problem .error=${this.saving.error}></dabir-problem>
        <div class="row">
          <button type="submit" ?disabled=${this.saving.pending}>${this.saving.pending ? t('saving') : t('save')}</button>
          <button type="button" class="secondary" @click=${() => this.edit(undefined)}>${t('close')}</button>
        </div>` : html`<p role="status">${t('loading')}</p>`}
    </form>`;
  }

  private async readFile(e: Event) {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    this.csvName = file.name;
    this.csv = await file.text();
  }

  private async importCsv(e: Event) {
    e.preventDefault();
    const entity = this.current();
    if (!entity || !this.csv.trim()) return;
    const r = await this.action.run(() => api.importCsv(entity, this.csv));
    if (r) {
      this.imported = r.imported;
      this.csv = '';
      void this.records.reload();
    }
  }

  /** One record's row: its title (with every labelled field in a disclosure), the table's columns, the edit button. */
  private renderRow(type: EntityType, r: Record<string, unknown>, admin: boolean) {
    const key = String(r[type.key]);
    const missing = t('notInRegistry');
    const { title, subtitle } = recordHeading(type, r);
    const details = fieldColumns(type).filter((c) => r[c.key] !== undefined && r[c.key] !== null && r[c.key] !== '');
    return html`<tr aria-current=${this.query.edit === key ? 'true' : nothing} data-record=${key}>
      <th scope="row" class="rec">
        <span class="title">${title}</span>${subtitle ? html`<span class="sub">${subtitle}</span>` : nothing}
        ${details.length ? html`<details><summary>${t('recordDetails')}</summary><dl>${details.map((c) => html`<dt>${c.label}</dt><dd>${isWithheld(r[c.key]) ? withheldMark(r[c.key]) : cellText(type, r, c.key, missing)}</dd>`)}</dl></details>` : nothing}
      </th>
      ${tableColumns(type).map((c) => html`<td class=${`${c.numeric ? 'num' : ''} ${c.computed ? 'computed' : ''}`} data-col=${c.key} data-label=${c.label}>${
        isWithheld(r[c.key]) ? withheldMark(r[c.key]) : c.computed ? show(r[c.key]) : cellText(type, r, c.key, missing)}</td>`)}
      ${admin ? html`<td class="action"><button type="button" class="secondary" data-edit=${key} aria-label=${t('editRecordOf', { name: title })}
        @click=${() => this.edit(key)}>${t('edit')}</button></td>` : nothing}
    </tr>`;
  }

  private renderRecords(type: EntityType, page: Page<Record<string, unknown>>, admin: boolean) {
    const offset = Number(this.query.offset ?? 0);
    const q = this.query.q ?? '';
    if (!page.items.length) {
      return html`<div class="empty" role="status" data-empty>${q
        ? html`<p>${t('registryNoMatch', { q })}</p><button type="button" class="secondary" @click=${() => this.setQuery({ q: undefined })}>${t('clearSearch')}</button>`
        : html`<p>${t('registryEmpty', { type: tx(type.label) })}</p>${admin ? html`<p class="muted small">${t('registryEmptyAdmin')}</p>` : nothing}`}</div>`;
    }
    const cols = tableColumns(type);
    return html`
      <p class="muted small" role="status">${q ? t('registryFound', { n: page.total, q }) : t('total', { n: page.total })}</p>
      <div class="table-wrap"><table class="cards" data-entity=${type.id}>
        <caption class="sr-only">${tx(type.label)}</caption>
        <thead><tr><th scope="col">${tx(type.label)}</th>${cols.map((c) => html`<th scope="col" class=${c.computed ? 'computed' : ''}>${c.label}${c.computed ? html` <span class="small muted">(${t('computed')})</span>` : nothing}</th>`)}
          ${admin ? html`<th scope="col"><span class="sr-only">${t('actions')}</span></th>` : nothing}</tr></thead>
        <tbody>${page.items.map((r) => this.renderRow(type, r, admin))}</tbody>
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
    const admin = isAdmin();
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
            </div>
            <dabir-problem .error=${this.records.error}></dabir-problem>
            <div role="status">${this.saved ? html`<p class="alert ok">${t('saved')}</p>` : nothing}</div>
            ${admin && this.query.edit ? this.renderEdit(type) : nothing}
            ${page ? this.renderRecords(type, page, admin) : html`<p role="status">${t('loading')}</p>`}
            ${admin ? html`
              <form class="card" @submit=${this.importCsv}>
                <h3>${t('importCsv')}</h3>
                <p class="muted small">${t('importCsvHelp')}</p>
                <div class="field"><span class="file"><input id="csv-file" type="file" accept=".csv,text/csv" aria-label=${t('chooseFile')} @change=${this.readFile} />
                  <label for="csv-file" class="btn secondary">${this.csvName ? t('chooseAnother') : t('chooseFile')}</label>
                  <span class="name">${this.csvName || t('noFileChosen')}</span></span></div>
                <div class="field"><label for="csv-text">${t('csvText')}</label>
                  <textarea id="csv-text" dir="ltr" class="mono" .value=${this.csv} @input=${(e: Event) => (this.csv = (e.target as HTMLTextAreaElement).value)}></textarea></div>
                <button type="submit" ?disabled=${!this.csv.trim() || this.action.pending}>${t('importCsv')}</button>
                ${this.imported !== undefined ? html`<p class="alert ok" role="status">${t('importDone', { n: this.imported })}</p>` : nothing}
                <dabir-problem .error=${this.action.error}></dabir-problem>
              </form>` : nothing}
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
