/** Version history of the definitions: who published what and when, and each version's diff. */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api, type BundleVersion, type Page } from '../api/client.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { ResourceController } from '../controllers/resource-controller.js';
import { d, date, t } from '../i18n/index.js';
import { href } from '../router.js';
import { base } from './styles.js';
import './dabir-problem.js';

@customElement('dabir-history')
export class DabirHistory extends LitElement {
  static override styles = [base, css`
    pre.diff { direction: ltr; text-align: left; background: #0f172a; color: #e2e8f0; padding: 0.8rem; border-radius: 8px; overflow: auto; max-height: 60vh; font-size: 12.5px; }
    .add { color: #86efac; }
    .del { color: #fca5a5; }
    .hunk { color: #93c5fd; }
    tr[aria-current='true'] { background: var(--d-primary-soft, #e3edf7); }
  `];

  @property() hash = '';
  private readonly list = new ResourceController<[], Page<BundleVersion> & { current: string }>(this, () => api.versions({ limit: 100 }), () => []);
  private readonly one = new ResourceController<[string], BundleVersion & { files: string[]; current: boolean }>(this, ([h]) => api.version(h), () => (this.hash ? [this.hash] : undefined));

  constructor() {
    super();
    new LocaleController(this);
  }

  private renderDiff(diff: string) {
    return html`<pre class="diff" tabindex="0" aria-label=${t('showDiff')}>${diff.split('\n').map((l) => {
      const cls = l.startsWith('+') && !l.startsWith('+++') ? 'add' : l.startsWith('-') && !l.startsWith('---') ? 'del' : l.startsWith('@@') ? 'hunk' : '';
      return html`<span class=${cls}>${l}</span>\n`;
    })}</pre>`;
  }

  override render() {
    const v = this.one.value;
    return html`
      <dabir-problem .error=${this.list.error ?? this.one.error}></dabir-problem>
      ${this.list.value ? html`<table>
        <thead><tr><th scope="col">${t('seq')}</th><th scope="col">${t('version')}</th><th scope="col">${t('date')}</th><th scope="col">${t('author')}</th>
          <th scope="col">${t('publishMessage')}</th><th scope="col">${t('changed')}</th></tr></thead>
        <tbody>${this.list.value.items.map((x) => html`<tr aria-current=${x.hash === this.hash ? 'true' : 'false'} data-version=${x.hash}>
          <td>${d(x.seq)}</td>
          <td><a class="mono" href=${href('admin', 'history', x.hash)}>${x.hash.slice(0, 12)}</a>${x.hash === this.list.value!.current ? html` <span class="badge ok" title=${t('current')}>✓ <span class="sr-only">${t('current')}</span></span>` : nothing}</td>
          <td>${date(x.createdAt, { time: true })}</td><td>${x.author}</td><td>${x.message ?? ''}</td>
          <td class="mono small">${x.changed.slice(0, 6).join(', ')}${x.changed.length > 6 ? ` +${x.changed.length - 6}` : ''}</td>
        </tr>`)}</tbody></table>` : html`<p role="status">${t('loading')}</p>`}
      ${v ? html`<section class="card" aria-labelledby="diff-h">
        <h3 id="diff-h">${t('showDiff')} — <span class="mono">${v.hash.slice(0, 12)}</span></h3>
        ${v.diff ? this.renderDiff(v.diff) : html`<p class="muted">${t('empty')}</p>`}
      </section>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-history': DabirHistory;
  }
}
