/**
 * The registry: record types from the definitions, and the records of one type in a table whose columns come from
 * the type's JSON Schema (plus its computed fields, e.g. capacity). Search, pages, and CSV import for administrators.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type EntityType, type JsonSchema, type Page } from '../api/client.js';
import { ActionController } from '../controllers/action-controller.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { ResourceController } from '../controllers/resource-controller.js';
import * as defs from '../definitions.js';
import { n, show, t, tx } from '../i18n/index.js';
import { href, navigate } from '../router.js';
import { isAdmin } from '../session.js';
import { labelOf } from './form-model.js';
import { base } from './styles.js';
import './dabir-problem.js';

const PAGE = 50;

interface Column {
  key: string;
  label: string;
  computed: boolean;
  numeric: boolean;
}

/** The table's columns: the key, then every property the schema titles, then the computed fields. */
export function columnsOf(type: EntityType): Column[] {
  const props = (type.schema.properties ?? {}) as Record<string, JsonSchema>;
  const numeric = (s?: JsonSchema) => s?.type === 'number' || s?.type === 'integer';
  const cols: Column[] = [{ key: type.key, label: props[type.key] ? labelOf(props[type.key], type.key) : type.key, computed: false, numeric: false }];
  for (const [key, s] of Object.entries(props)) {
    if (key === type.key || key === 'sample') continue;
    cols.push({ key, label: labelOf(s, key), computed: false, numeric: numeric(s) });
  }
  for (const key of type.computed) cols.push({ key, label: key, computed: true, numeric: true });
  return cols;
}

@customElement('dabir-registry')
export class DabirRegistry extends LitElement {
  static override styles = [base, css`
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
  `];

  @property() entity = '';
  @property({ attribute: false }) query: Record<string, string> = {};
  @state() private csv = '';
  @state() private imported?: number;

  private readonly types = new ResourceController<[], EntityType[]>(this, () => defs.entityTypes(), () => []);
  private readonly records = new ResourceController<[string, string, number], Page<Record<string, unknown>>>(
    this, ([entity, q, offset]) => api.records(entity, { q: q || undefined, limit: PAGE, offset }),
    () => (this.current() ? [this.current()!, this.query.q ?? '', Number(this.query.offset ?? 0)] : undefined),
  );
  private readonly action = new ActionController(this);

  constructor() {
    super();
    new LocaleController(this);
  }

  private current(): string | undefined {
    return this.entity || this.types.value?.[0]?.id;
  }

  private setQuery(patch: Record<string, string | undefined>) {
    const q = { ...this.query, ...patch };
    if (!('offset' in patch)) delete q.offset;
    navigate(href('registry', this.current() ?? '', q), true);
  }

  private async readFile(e: Event) {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) this.csv = await file.text();
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

  override render() {
    const types = this.types.value ?? [];
    const entity = this.current();
    const type = types.find((x) => x.id === entity);
    const page = this.records.value;
    const offset = Number(this.query.offset ?? 0);
    const cols = type ? columnsOf(type) : [];
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
            <div class="row">
              <div class="field grow"><label for="r-q">${t('search')}</label>
                <input id="r-q" type="search" .value=${this.query.q ?? ''} @change=${(e: Event) => this.setQuery({ q: (e.target as HTMLInputElement).value || undefined })} /></div>
            </div>
            <dabir-problem .error=${this.records.error}></dabir-problem>
            ${page ? html`
              <p class="muted small" role="status">${t('total', { n: page.total })}</p>
              <div class="table-wrap"><table data-entity=${type.id}>
                <caption class="sr-only">${tx(type.label)}</caption>
                <thead><tr>${cols.map((c) => html`<th scope="col" class=${c.computed ? 'computed' : ''}>${c.label}${c.computed ? html` <span class="small muted">(${t('computed')})</span>` : nothing}</th>`)}</tr></thead>
                <tbody>${page.items.map((r) => html`<tr>${cols.map((c) => html`<td class=${`${c.numeric ? 'num' : ''} ${c.computed ? 'computed' : ''}`} data-col=${c.key}>${show(r[c.key])}</td>`)}</tr>`)}</tbody>
              </table></div>
              ${page.total > PAGE ? html`<nav class="pager" aria-label=${t('records')}>
                <button class="secondary" ?disabled=${offset === 0} @click=${() => this.setQuery({ offset: String(Math.max(0, offset - PAGE)) })}>${t('previous')}</button>
                <span>${t('pageOf', { page: offset / PAGE + 1, pages: Math.ceil(page.total / PAGE) })}</span>
                <button class="secondary" ?disabled=${offset + PAGE >= page.total} @click=${() => this.setQuery({ offset: String(offset + PAGE) })}>${t('next')}</button>
              </nav>` : nothing}` : html`<p role="status">${t('loading')}</p>`}
            ${isAdmin() ? html`
              <form class="card" @submit=${this.importCsv}>
                <h3>${t('importCsv')}</h3>
                <div class="field"><label for="csv-file">${t('chooseFile')}</label>
                  <input id="csv-file" type="file" accept=".csv,text/csv" @change=${this.readFile} /></div>
                <div class="field"><label for="csv-text">CSV</label>
                  <textarea id="csv-text" dir="ltr" class="mono" .value=${this.csv} @input=${(e: Event) => (this.csv = (e.target as HTMLTextAreaElement).value)}></textarea></div>
                <button type="submit" ?disabled=${!this.csv.trim() || this.action.pending}>${t('importCsv')}</button>
                ${this.imported !== undefined ? html`<p class="alert ok" role="status">${t('importDone', { n: this.imported })}</p>` : nothing}
                <dabir-problem .error=${this.action.error}></dabir-problem>
              </form>` : nothing}
          ` : nothing}
        </section>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-registry': DabirRegistry;
  }
}
