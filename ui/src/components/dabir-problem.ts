/** Shows an API error: its Persian (or English) text, the failed rules, field problems and definition errors. */
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ApiError, ScenarioResult } from '../api/client.js';
import { d, getLang, t, tx } from '../i18n/index.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { base } from './styles.js';
import './dabir-failures.js';
import './dabir-scenario-results.js';

@customElement('dabir-problem')
export class DabirProblem extends LitElement {
  static override styles = [base];

  @property({ attribute: false }) error?: ApiError;

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    const e = this.error;
    if (!e) return nothing;
    const text = e.code === 'network' ? t('networkError') : e.text(getLang());
    // A publish refused by its scenarios says which, what they expected and what happened (not the whole detail).
    const scenarios = (e.body.scenarios as { results?: ScenarioResult[] } | undefined)?.results ?? [];
    const summary = scenarios.length || e.definitionErrors.length ? tx(e.title) : text;
    return html`
      <div class="alert error" role="alert" data-code=${e.code}>
        <strong>${summary}</strong>
        ${e.detail && e.code !== 'network' && tx(e.title) !== summary ? html`<div class="small">${tx(e.title)}</div>` : nothing}
        ${e.fieldErrors.length ? html`<ul>${e.fieldErrors.map((f) => html`<li>${tx(f.message)}</li>`)}</ul>` : nothing}
        ${e.definitionErrors.length
          ? html`<ul>${e.definitionErrors.map((x) => html`<li data-definition-error><span class="mono">${x.file}:${d(x.line)}:${d(x.col)}</span>
              ${getLang() === 'en' || !x.message_fa ? x.message : html`${x.message_fa}<div class="small ltr">${x.message}</div>`}</li>`)}</ul>`
          : nothing}
        ${scenarios.length ? html`<dabir-scenario-results .results=${scenarios}></dabir-scenario-results>` : nothing}
        ${e.failures.length ? html`<dabir-failures .failures=${e.failures}></dabir-failures>` : nothing}
        ${!e.failures.length && !e.fieldErrors.length && !e.definitionErrors.length && !scenarios.length && Array.isArray(e.body.errors) && e.body.errors.length
          ? html`<ul>${(e.body.errors as unknown[]).slice(0, 20).map((x) => html`<li class="small">${d(JSON.stringify(x))}</li>`)}</ul>`
          : nothing}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-problem': DabirProblem;
  }
}
