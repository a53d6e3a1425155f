/**
 * What publishing changed registry files would do to the live registry, as the definitions check answers it: the
 * records added, changed (each field from its live value to the new one) and retired, by entity label and record
 * title, and the records that would not hold together (which make the publish refused).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { RegistrySync, RegistrySyncItem } from '../api/client.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { d, t, tx, type StringKey } from '../i18n/index.js';
import { base } from './styles.js';

@customElement('dabir-registry-sync')
export class DabirRegistrySync extends LitElement {
  static override styles = [base, css`
    :host { display: block; margin-block: 0.6rem; }
    h4 { margin-block: 0.6rem 0.2rem; font-size: 1rem; }
    ul { margin: 0; padding-inline-start: 1.2rem; }
  `];

  @property({ attribute: false }) sync?: RegistrySync | null;

  constructor() {
    super();
    new LocaleController(this);
  }

  private list(key: StringKey, items: RegistrySyncItem[], kind: string) {
    if (!items.length) return nothing;
    return html`<h4>${t(key, { n: items.length })}</h4><ul data-sync=${kind}>${items.map((x) => html`<li data-record=${x.id}>
      ${tx(x.entityLabel)} «${x.title}»${x.fields?.length ? html`: ${x.fields.map((f, i) => html`${i ? t('listSep') : ''}${f.label} ${d(f.before || t('emptyValue'))} ← ${d(f.after || t('emptyValue'))}`)}` : nothing}</li>`)}</ul>`;
  }

  override render() {
    const s = this.sync;
    if (!s || !(s.adds.length + s.changes.length + s.removals.length + s.problems.length)) return nothing;
    return html`<section aria-labelledby="sync-h" data-registry-sync>
      <h3 id="sync-h" class="small">${t('syncTitle')}</h3>
      ${s.problems.length ? html`<div class="alert error" role="alert"><strong>${t('syncProblems', { n: s.problems.length })}</strong>
        <ul data-sync="problems">${s.problems.map((p) => html`<li>«${p.title}»: ${tx(p.message)}</li>`)}</ul></div>` : nothing}
      ${this.list('syncAdds', s.adds, 'adds')}${this.list('syncChanges', s.changes, 'changes')}${this.list('syncRemovals', s.removals, 'removals')}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-registry-sync': DabirRegistrySync;
  }
}
