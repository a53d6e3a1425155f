/**
 * Explains failed rules: each rule's label, its message, the values the rule labels (`shown`: «مساحت محل: ۳۱ متر مربع —
 * حداقل مصوب: ۵۰ متر مربع», options by their labels, records by their titles) and the resolutions behind it. Values the
 * rule does not label (helpers that only fill its message) are never shown.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { RuleFailure, ShownValue } from '../api/client.js';
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
    dl { display: flex; flex-wrap: wrap; gap: 0.1em 0; margin: 0.3em 0; font-size: 0.92em; }
    dl > div { display: inline-flex; gap: 0.3em; }
    dt { color: var(--d-muted, #4a5666); }
    dd { margin: 0; font-weight: 600; }
    dd .sep { font-weight: 400; color: var(--d-muted, #4a5666); margin-inline: 0.5em; }
    .res { font-size: 0.88em; color: #3a2a2a; }
  `];

  @property({ attribute: false }) failures: RuleFailure[] = [];
  @property() heading = '';

  constructor() {
    super();
    new LocaleController(this);
  }

  /** A shown value's words and unit: the server's words (a label, a title, a date), else the value in the language's digits. */
  private shownText(s: ShownValue): string {
    const words = s.display ? tx(s.display) : show(s.value);
    return s.unit ? `${words} ${tx(s.unit)}` : words;
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
              ${(f.shown ?? []).length
                ? html`<dl data-shown>${f.shown.map((s, i) => html`<div data-key=${s.key}><dt>${tx(s.label)}:</dt> <dd>${this.shownText(s)}${i < f.shown.length - 1
                    ? html`<span class="sep" aria-hidden="true"> — </span>` : nothing}</dd></div>`)}</dl>`
                : nothing}
              ${(f.resolutions ?? []).filter((r, i, all) => all.findIndex((x) => x.id === r.id) === i).map((r) => html`
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
