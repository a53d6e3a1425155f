/**
 * Shows an API error: its Persian (or English) text, the failed rules, each field's problem as a list item, and
 * definition errors — never a JSON dump. A stale version (409: the case changed meanwhile) offers a button that
 * reloads it: `reload-case` (bubbling) for the case page around it, else the whole page.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ApiError, ScenarioResult, Text } from '../api/client.js';
import { d, getLang, t, tx } from '../i18n/index.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { base } from './styles.js';
import './dabir-failures.js';
import './dabir-scenario-results.js';

const isText = (v: unknown): v is Text => typeof v === 'object' && v !== null && typeof (v as Text).fa === 'string';

/** The sentences of a problem's items: form fields' problems, else a request's (validation-failed `errors`). */
export function problemItems(e: ApiError): Text[] {
  if (e.fieldErrors.length) return e.fieldErrors.map((f) => f.message);
  const errors = Array.isArray(e.body.errors) ? (e.body.errors as { message?: unknown }[]) : [];
  return errors.flatMap((x) => (x && isText(x.message) ? [x.message] : []));
}

@customElement('dabir-problem')
export class DabirProblem extends LitElement {
  static override styles = [base];

  @property({ attribute: false }) error?: ApiError;

  constructor() {
    super();
    new LocaleController(this);
  }

  private reload() {
    const ev = new CustomEvent('reload-case', { bubbles: true, composed: true, cancelable: true });
    // Nobody around reloads the case (dispatchEvent says whether a listener took it): reload the page.
    if (this.dispatchEvent(ev)) location.reload();
  }

  override render() {
    const e = this.error;
    if (!e) return nothing;
    const text = e.code === 'network' ? t('networkError') : e.text(getLang());
    // A publish refused by its scenarios says which, what they expected and what happened (not the whole detail).
    const scenarios = (e.body.scenarios as { results?: ScenarioResult[] } | undefined)?.results ?? [];
    const items = problemItems(e).map((m) => tx(m));
    // A detail that only strings the items together is said by the list; the kind of problem heads it.
    const headline = scenarios.length || e.definitionErrors.length ? tx(e.title) : items.length && items.join(' ') === text ? tx(e.title) : text;
    return html`
      <div class="alert error" role="alert" data-code=${e.code}>
        <strong>${headline}</strong>
        ${e.detail && e.code !== 'network' && tx(e.title) !== headline ? html`<div class="small">${tx(e.title)}</div>` : nothing}
        ${items.length ? html`<ul data-problems>${items.map((m) => html`<li>${m}</li>`)}</ul>` : nothing}
        ${e.definitionErrors.length
          ? html`<ul>${e.definitionErrors.map((x) => html`<li data-definition-error><span class="mono">${x.file}:${d(x.line)}:${d(x.col)}</span>
              ${getLang() === 'en' || !x.message_fa ? x.message : html`${x.message_fa}<div class="small ltr">${x.message}</div>`}</li>`)}</ul>`
          : nothing}
        ${scenarios.length ? html`<dabir-scenario-results .results=${scenarios}></dabir-scenario-results>` : nothing}
        ${e.failures.length ? html`<dabir-failures .failures=${e.failures}></dabir-failures>` : nothing}
        ${e.code === 'stale-version' ? html`<p><button type="button" data-reload @click=${this.reload}>${t('reloadCase')}</button></p>` : nothing}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-problem': DabirProblem;
  }
}
