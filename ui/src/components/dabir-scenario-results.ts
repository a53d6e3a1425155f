/**
 * Scenario results as an administrator reads them: each scenario by its title, passed or failed, and for a failed
 * one what it expected, what happened and why — in Persian (English in English mode) — with a link to where it is
 * written. A refused start says it all in "what happened" (the rules and their values); other failures list why.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ScenarioResult, Words } from '../api/client.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { d, getLang, t, tx } from '../i18n/index.js';
import { href } from '../router.js';
import { base } from './styles.js';

const said = (w: Words | undefined): string => (w ? (getLang() === 'en' ? w.en : w.fa) : '');

@customElement('dabir-scenario-results')
export class DabirScenarioResults extends LitElement {
  static override styles = [base, css`
    ul { list-style: none; padding: 0; margin: 0; }
    li { border: 1px solid var(--d-border, #c9d1dc); border-radius: 8px; padding: 0.55rem 0.8rem; margin-block-end: 0.5rem; background: var(--d-surface, #fff); }
    li[data-passed='false'] { border-inline-start: 4px solid var(--d-danger, #a4161a); }
    li[data-passed='true'] { border-inline-start: 4px solid var(--d-ok, #146c43); }
    .head { display: flex; flex-wrap: wrap; gap: 0.4rem 0.8rem; align-items: baseline; justify-content: space-between; }
    .title { font-weight: 600; }
    p.small { margin: 0.2rem 0 0; }
    dl { margin: 0.3rem 0 0; display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 0.6rem; }
    dt { color: var(--d-muted, #4a5666); font-size: 0.9em; }
    dd { margin: 0; overflow-wrap: anywhere; }
    ul.why { list-style: disc; padding-inline-start: 1.2rem; margin-block-start: 0.3rem; }
    ul.why li { border: none; padding: 0; margin: 0; background: none; }
    a { overflow-wrap: anywhere; }
  `];

  @property({ attribute: false }) results: ScenarioResult[] = [];
  /** Show the passed ones too (the scenarios page); otherwise only the failed. */
  @property({ type: Boolean }) all = false;

  constructor() {
    super();
    new LocaleController(this);
  }

  private source(r: ScenarioResult) {
    const path = r.source.file.replace(/^definitions\//, '');
    return html`<a class="mono small" href=${href('admin', 'definitions', ...path.split('/'), { line: String(r.source.line) })}>${path}:${d(r.source.line)}</a>`;
  }

  override render() {
    const list = this.all ? this.results : this.results.filter((r) => !r.passed);
    if (!list.length) return nothing;
    return html`<ul>${list.map((r) => html`<li data-scenario=${r.id} data-passed=${r.passed ? 'true' : 'false'}>
      <div class="head"><span class="title">${r.title ? tx(r.title) : html`<span class="mono">${r.id}</span>`}</span>
        ${r.passed ? html`<span class="badge ok">${t('passed')}</span>` : html`<span class="badge danger">${t('failed')}</span>`}</div>
      ${r.passed ? (r.expected ? html`<p class="small muted">${t('expectedWords')}: ${said(r.expected)}</p>` : nothing) : html`<dl>
        ${r.expected ? html`<dt>${t('expectedWords')}</dt><dd>${said(r.expected)}</dd>` : nothing}
        ${r.happened ? html`<dt>${t('happenedWords')}</dt><dd>${said(r.happened)}</dd>` : nothing}
      </dl>
      ${r.problems.length && !(r.happened && r.outcome?.kind === 'refused') ? html`<ul class="why">${r.problems.map((p) => html`<li>${typeof p === 'string' ? p : said(p)}</li>`)}</ul>` : nothing}`}
      <div>${this.source(r)}</div>
    </li>`)}</ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-scenario-results': DabirScenarioResults;
  }
}
