/** Explains failed rules: each rule's label, its message, the values found and required, and the resolutions behind it. */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { RuleFailure } from '../api/client.js';
import { date, show, t, tx } from '../i18n/index.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { base } from './styles.js';

@customElement('dabir-failures')
export class DabirFailures extends LitElement {
  static override styles = [base, css`
    ul { list-style: none; margin: 0; padding: 0; }
    li.failure { border-inline-start: 4px solid var(--d-danger, #a4161a); background: var(--d-danger-soft, #fdecec); padding: 0.6rem 0.9rem; margin-block-end: 0.6rem; border-radius: 6px; }
    .label { font-weight: 700; }
    .message { margin: 0.2em 0; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1em 0.8em; margin: 0.3em 0; font-size: 0.92em; }
    dt { color: var(--d-muted, #4a5666); }
    dd { margin: 0; font-weight: 600; }
    .res { font-size: 0.88em; color: #3a2a2a; }
  `];

  @property({ attribute: false }) failures: RuleFailure[] = [];
  @property() heading = '';

  constructor() {
    super();
    new LocaleController(this);
  }

  private valueName(k: string): string {
    if (k === 'found') return t('found');
    if (k === 'required') return t('required');
    return k;
  }

  override render() {
    if (!this.failures.length) return nothing;
    return html`
      <div role="alert" aria-live="assertive">
        ${this.heading ? html`<p><strong>${this.heading}</strong></p>` : nothing}
        <ul>
          ${this.failures.map((f) => html`
            <li class="failure" data-rule=${f.rule}>
              <div class="label">${tx(f.label)}</div>
              <p class="message">${tx(f.message)}</p>
              ${Object.keys(f.values ?? {}).length
                ? html`<dl>${Object.entries(f.values).map(([k, v]) => html`<dt>${this.valueName(k)}</dt><dd>${show(v)}</dd>`)}</dl>`
                : nothing}
              ${(f.resolutions ?? []).map((r) => html`
                <div class="res">
                  ${t('resolution')}: ${tx(r.title)} — ${t('effectiveFrom')} ${date(r.date)}${r.reference ? html` — ${t('reference')}: ${tx(r.reference)}` : nothing}
                </div>`)}
            </li>`)}
        </ul>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-failures': DabirFailures;
  }
}
