/**
 * Effective parameters: every parameter's value in force on a (Jalali) date, the resolution that set it, its effective
 * date and regulation reference, and where it is written (file:line, a link into the editor) — with its history.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, type EffectiveParameter } from '../api/client.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { ResourceController } from '../controllers/resource-controller.js';
import { d, date, show, t, tx } from '../i18n/index.js';
import { href } from '../router.js';
import { base } from './styles.js';
import './dabir-jalali-input.js';
import './dabir-problem.js';

/** The definitions API names files without the top folder (`<province>/x.yaml`); sources may include it. */
const filePath = (file: string) => file.replace(/^definitions\//, '');

@customElement('dabir-params')
export class DabirParams extends LitElement {
  static override styles = [base, css`
    td.value { font-weight: 700; white-space: nowrap; }
    details { font-size: 0.88em; }
    .table-wrap { overflow-x: auto; }
    .sample { color: var(--d-warn, #8a4b00); }
  `];

  @state() private on = '';
  @state() private filter = '';
  private readonly params = new ResourceController<[string], Awaited<ReturnType<typeof api.parameters>>>(this, ([on]) => api.parameters(on || undefined), () => [this.on]);

  constructor() {
    super();
    new LocaleController(this);
  }

  private source(s: { file: string; line: number; col?: number } | undefined) {
    if (!s) return nothing;
    const path = filePath(s.file);
    return html`<a class="mono small" href=${href('admin', 'definitions', ...path.split('/'), { line: String(s.line) })}>${path}:${s.line}</a>`;
  }

  private row(p: EffectiveParameter) {
    const pv = p.provenance;
    return html`<tr data-param=${p.id}>
      <td>${tx(p.label)}<div class="mono small muted">${p.id}</div></td>
      <td class="value">${show(p.value)}${p.unitLabel ? html` <span class="muted small">${tx(p.unitLabel)}</span>` : nothing}</td>
      <td>${pv ? html`${tx(pv.resolution.title)}${pv.resolution.sample ? html` <span class="badge warn sample">${t('sample')}</span>` : nothing}
        ${pv.resolution.reference ? html`<div class="small muted">${tx(pv.resolution.reference)}</div>` : nothing}` : '—'}</td>
      <td>${pv ? date(pv.resolution.date) : '—'}</td>
      <td>${pv ? html`${this.source(pv.source)}<div class="small muted">${t('bundle')}: ${pv.source.bundle}</div>` : this.source(p.source)}</td>
      <td>${p.history.length > 1 ? html`<details><summary>${t('history')} (${d(p.history.length)})</summary><ol>
        ${p.history.map((h) => html`<li>${date(h.resolution.date)}: <strong>${show(h.value)}</strong> — ${tx(h.resolution.title)} (${h.source.bundle}) ${this.source(h.source)}</li>`)}
      </ol></details>` : nothing}</td>
    </tr>`;
  }

  override render() {
    const list = (this.params.value?.parameters ?? []).filter((p) => !this.filter || `${p.id} ${tx(p.label)}`.toLowerCase().includes(this.filter.toLowerCase()));
    return html`
      <div class="row">
        <div class="field"><label for="p-on">${t('effectiveDate')}</label>
          <dabir-jalali-input input-id="p-on" .value=${this.on || this.params.value?.on || ''}
            @value-changed=${(e: CustomEvent<{ value: string; valid: boolean }>) => e.detail.valid && (this.on = e.detail.value)}></dabir-jalali-input></div>
        <div class="field grow"><label for="p-q">${t('search')}</label>
          <input id="p-q" type="search" .value=${this.filter} @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)} /></div>
      </div>
      <dabir-problem .error=${this.params.error}></dabir-problem>
      ${this.params.value ? html`<div class="table-wrap"><table>
        <caption class="sr-only">${t('parameters')}</caption>
        <thead><tr><th scope="col">${t('parameters')}</th><th scope="col">${t('value')}</th><th scope="col">${t('resolution')}</th>
          <th scope="col">${t('effectiveDate')}</th><th scope="col">${t('source')}</th><th scope="col">${t('history')}</th></tr></thead>
        <tbody>${list.map((p) => this.row(p))}</tbody>
      </table></div>` : html`<p role="status">${t('loading')}</p>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-params': DabirParams;
  }
}
