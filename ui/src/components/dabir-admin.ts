/**
 * Administration: definitions (browse, edit with live validation, publish), effective parameters with provenance,
 * scenarios, version history with diffs, users and roles. Tabs are routes: `#/admin/<tab>/…`.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type CheckResult } from '../api/client.js';
import { ActionController } from '../controllers/action-controller.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { t, type StringKey } from '../i18n/index.js';
import { href } from '../router.js';
import { base } from './styles.js';
import './dabir-definitions.js';
import './dabir-history.js';
import './dabir-params.js';
import './dabir-problem.js';
import './dabir-scenario-results.js';
import './dabir-users.js';

const TABS: [string, StringKey][] = [['definitions', 'definitions'], ['parameters', 'parameters'], ['scenarios', 'scenarios'], ['history', 'history'], ['users', 'users']];

@customElement('dabir-admin')
export class DabirAdmin extends LitElement {
  static override styles = [base];

  @property() tab = 'definitions';
  @property() sub = '';
  @property({ attribute: false }) query: Record<string, string> = {};
  private readonly action = new ActionController(this);
  @state() private report?: CheckResult;

  constructor() {
    super();
    new LocaleController(this);
  }

  /** Runs the bundle's scenarios as published: a check of an unchanged file. */
  private async runScenarios() {
    const r = await this.action.run(async () => {
      const files = await api.definitions();
      const first = files.files.find((f) => f.path === `${files.entry}/bundle.yaml`) ?? files.files.find((f) => /bundle\.yaml$/.test(f.path)) ?? files.files[0];
      const f = await api.definitionFile(first.path);
      return api.checkDefinition(f.path, f.content);
    });
    if (r) this.report = r;
  }

  private renderScenarios() {
    const sc = this.report?.scenarios;
    return html`<p><button type="button" @click=${this.runScenarios} ?disabled=${this.action.pending}>${this.action.pending ? t('checking') : t('runScenarios')}</button></p>
      <dabir-problem .error=${this.action.error}></dabir-problem>
      ${sc ? html`<p role="status"><strong>${t('scenarioSummary', { passed: sc.passed, failed: sc.failed })}</strong></p>
        <dabir-scenario-results all .results=${[...sc.results].sort((a, b) => Number(a.passed) - Number(b.passed))}></dabir-scenario-results>` : nothing}`;
  }

  override render() {
    const tab = TABS.some(([k]) => k === this.tab) ? this.tab : 'definitions';
    return html`
      <h1>${t('admin')}</h1>
      <nav class="tabs" aria-label=${t('admin')}>
        ${TABS.map(([k, label]) => html`<a href=${href('admin', k)} aria-current=${k === tab ? 'page' : nothing}>${t(label)}</a>`)}
      </nav>
      ${tab === 'definitions' ? html`<dabir-definitions .path=${this.sub} .line=${this.query.line ?? ''}></dabir-definitions>` : nothing}
      ${tab === 'parameters' ? html`<dabir-params></dabir-params>` : nothing}
      ${tab === 'scenarios' ? this.renderScenarios() : nothing}
      ${tab === 'history' ? html`<dabir-history .hash=${this.sub}></dabir-history>` : nothing}
      ${tab === 'users' ? html`<dabir-users></dabir-users>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-admin': DabirAdmin;
  }
}
