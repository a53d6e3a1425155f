/**
 * Effective parameters: every parameter's value in force on a (Jalali) date — long values collapsed — with the
 * resolution that set it (title, number, date, reference), where it is written (file:line, a link into the editor),
 * its timeline (each value, from when, by which resolution; values dated later marked as scheduled), and
 * «پیشنهاد مقدار جدید»: the form that drafts, checks and publishes a new resolution. Cards, so it fits any screen.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, type EffectiveParameter, type Provenance } from '../api/client.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { ResourceController } from '../controllers/resource-controller.js';
import { d, date, t, tx } from '../i18n/index.js';
import { href } from '../router.js';
import { isLong } from './param-columns.js';
import { base } from './styles.js';
import './dabir-jalali-input.js';
import './dabir-param-proposal.js';
import './dabir-param-value.js';
import './dabir-problem.js';

/** The definitions API names files without the top folder (`<province>/x.yaml`); sources may include it. */
const filePath = (file: string) => file.replace(/^definitions\//, '');

@customElement('dabir-params')
export class DabirParams extends LitElement {
  static override styles = [base, css`
    .list { display: grid; gap: 0.9rem; }
    .param { margin: 0; min-width: 0; }
    .head { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: baseline; justify-content: space-between; }
    .head h2 { margin: 0; font-size: 1.05rem; }
    .facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: 0.6rem 1.2rem; margin: 0.7rem 0 0; }
    .facts div { min-width: 0; }
    /* A table or a long text takes the card's whole width, so it opens into a readable table. */
    .facts .wide { grid-column: 1 / -1; }
    @media (min-width: 900px) { .facts .res { grid-column: span 2; } }
    dt { font-size: 0.82em; color: var(--d-muted, #4a5666); font-weight: 500; }
    dd { margin: 0.1rem 0 0; overflow-wrap: anywhere; }
    .next { margin: 0.7rem 0 0; }
    details { margin-block-start: 0.7rem; }
    summary { cursor: pointer; color: var(--d-primary, #0f4c81); }
    ol.timeline { list-style: none; padding: 0; margin: 0.5rem 0 0; border-inline-start: 3px solid var(--d-border, #c9d1dc); }
    ol.timeline li { padding: 0.35rem 0.8rem; position: relative; }
    ol.timeline li[data-in-force='true'] { background: var(--d-ok-soft, #e5f4ec); }
    ol.timeline .when { font-weight: 600; }
    .sample { color: var(--d-warn, #8a4b00); }
    a.src { overflow-wrap: anywhere; }
  `];

  @state() private on = '';
  @state() private filter = '';
  /** The parameter whose proposal form is open. */
  @state() private proposing = '';
  private readonly params = new ResourceController<[string], Awaited<ReturnType<typeof api.parameters>>>(this, ([on]) => api.parameters(on || undefined), () => [this.on]);

  constructor() {
    super();
    new LocaleController(this);
  }

  private source(s: { file: string; line: number } | undefined) {
    if (!s) return nothing;
    const path = filePath(s.file);
    return html`<a class="mono small src" href=${href('admin', 'definitions', ...path.split('/'), { line: String(s.line) })}>${path}:${d(s.line)}</a>`;
  }

  /** A resolution's title with its number, and the sample mark. */
  private resolution(pv: Provenance) {
    const r = pv.resolution;
    return html`${tx(r.title)}${r.number ? html` <span class="muted small">(${t('resolutionNo', { n: d(r.number) })})</span>` : nothing}
      ${r.sample ? html` <span class="badge warn sample">${t('sample')}</span>` : nothing}
      ${r.modelling_default ? html` <span class="badge warn default">${t('modellingDefault')}</span>` : nothing}`;
  }

  private timeline(p: EffectiveParameter) {
    return html`<details><summary>${t('valueHistory')} (${d(p.history.length)})</summary>
      <ol class="timeline">${[...p.history].reverse().map((h) => html`<li data-in-force=${h.inForce ? 'true' : 'false'} data-scheduled=${h.scheduled ? 'true' : 'false'}>
        <div><span class="when">${t('fromDate', { date: date(h.resolution.date) })}</span>
          ${h.inForce ? html` <span class="badge ok">${t('inForce')}</span>` : nothing}
          ${h.scheduled ? html` <span class="badge info">${t('scheduled')}</span>` : nothing}</div>
        <dabir-param-value .value=${h.value} type=${p.type} .columns=${p.columns} .unitLabel=${p.unitLabel} .label=${p.label}></dabir-param-value>
        <div class="small">${this.resolution(h)}${h.resolution.reference ? html` — ${tx(h.resolution.reference)}` : nothing}</div>
        <div>${this.source(h.source)}</div>
      </li>`)}</ol></details>`;
  }

  private card(p: EffectiveParameter) {
    const pv = p.provenance;
    const next = p.history.find((h) => h.scheduled);
    const open = this.proposing === p.id;
    return html`<article class="card param" data-param=${p.id} aria-labelledby=${`p-${p.id}`}>
      <div class="head">
        <h2 id=${`p-${p.id}`}>${tx(p.label)}</h2>
        <button type="button" class="secondary" data-propose aria-expanded=${open ? 'true' : 'false'}
          @click=${() => (this.proposing = open ? '' : p.id)}>${t('proposeValue')}</button>
      </div>
      <dl class="facts">
        <div class=${isLong(p.value) || p.type === 'table' ? 'wide' : ''}><dt>${t('valueInForce')}</dt><dd data-value><dabir-param-value .value=${p.value} type=${p.type} .columns=${p.columns} .unitLabel=${p.unitLabel} .label=${p.label}></dabir-param-value></dd></div>
        <div class="res"><dt>${t('resolution')}</dt><dd>${pv ? this.resolution(pv) : '—'}</dd></div>
        <div><dt>${t('effectiveDate')}</dt><dd>${pv ? date(pv.resolution.date) : '—'}</dd></div>
        <div><dt>${t('reference')}</dt><dd>${pv?.resolution.reference ? tx(pv.resolution.reference) : '—'}</dd></div>
        <div><dt>${t('writtenAt')}</dt><dd>${this.source(pv?.source ?? p.source)}</dd></div>
      </dl>
      ${next ? html`<p class="alert warn next small" data-scheduled-value>${t('scheduledFrom', { date: date(next.resolution.date) })}
        <dabir-param-value .value=${next.value} type=${p.type} .columns=${p.columns} .unitLabel=${p.unitLabel} .label=${p.label}></dabir-param-value>
        — ${this.resolution(next)}</p>` : nothing}
      ${p.history.length ? this.timeline(p) : nothing}
      ${open ? html`<dabir-param-proposal .parameter=${p} @proposal-published=${() => void this.params.reload()}
        @proposal-closed=${() => (this.proposing = '')}></dabir-param-proposal>` : nothing}
    </article>`;
  }

  override render() {
    const q = this.filter.trim().toLowerCase();
    const list = (this.params.value?.parameters ?? []).filter((p) => !q || `${p.id} ${tx(p.label)}`.toLowerCase().includes(q));
    return html`
      <div class="row">
        <div class="field"><label for="p-on">${t('viewOnDate')}</label>
          <dabir-jalali-input input-id="p-on" .value=${this.on || this.params.value?.on || ''}
            @value-changed=${(e: CustomEvent<{ value: string; valid: boolean }>) => e.detail.valid && (this.on = e.detail.value)}></dabir-jalali-input></div>
        <div class="field grow"><label for="p-q">${t('search')}</label>
          <input id="p-q" type="search" .value=${this.filter} @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)} /></div>
      </div>
      <dabir-problem .error=${this.params.error}></dabir-problem>
      ${this.params.value ? html`<div class="list">${list.map((p) => this.card(p))}</div>
        ${list.length ? nothing : html`<p class="muted">${t('empty')}</p>`}` : html`<p role="status">${t('loading')}</p>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-params': DabirParams;
  }
}
