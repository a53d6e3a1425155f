/**
 * A list of record references: the chosen records as chips (each by its title, with a button that removes it) and a
 * record picker that adds one more — never a record twice. Renders in the light DOM so the adder's input takes the id
 * the surrounding form links to. Controlled: `.value` (keys) in, `value-changed` with `{ value }` out.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import * as defs from '../definitions.js';
import { t, tx } from '../i18n/index.js';
import type { DabirRefPicker } from './dabir-ref-picker.js';
import './dabir-ref-picker.js';

const STYLE = `
dabir-ref-list { display: block; }
dabir-ref-list .rl-chips { list-style: none; margin: 0 0 0.5em; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4em; }
dabir-ref-list .rl-chips li { display: inline-flex; align-items: center; gap: 0.3em; border: 1px solid var(--d-border, #c9d1dc); border-radius: 999px;
  padding-block: 0.1em; padding-inline: 0.7em 0.2em; background: var(--d-primary-soft, #e3edf7); }
dabir-ref-list .rl-chips button { min-height: 1.8em; padding: 0 0.5em; border-radius: 999px; }
dabir-ref-list .rl-sub { font-size: 0.82em; color: var(--d-muted, #4a5666); }
`;

@customElement('dabir-ref-list')
export class DabirRefList extends LitElement {
  @property() entity = '';
  @property({ attribute: false }) value: string[] = [];
  /** The id of the adder's input (the field's id: the form's error links focus it). */
  @property({ attribute: 'input-id' }) inputId = '';
  /** The list's label (names the adder and the remove buttons). */
  @property() label = '';
  @property({ type: Boolean }) disabled = false;
  @property({ type: Boolean }) invalid = false;
  @property({ attribute: 'described-by' }) describedBy = '';

  constructor() {
    super();
    new LocaleController(this);
    // A chosen record's title arrives with the definitions' cache (GET /api/registry/{entity}/{id}).
    new StoreController(this, defs.definitionsVersion);
  }

  protected override createRenderRoot() {
    return this;
  }

  private emit(value: string[]) {
    this.dispatchEvent(new CustomEvent('value-changed', { detail: { value }, bubbles: true, composed: true }));
  }

  private async add(e: CustomEvent<{ value?: string }>) {
    e.stopPropagation();
    const id = e.detail.value;
    if (!id || this.value.includes(id)) return;
    this.emit([...this.value, id]);
    const picker = e.target as DabirRefPicker;
    picker.reset();
  }

  override render() {
    const list = this.value ?? [];
    return html`
      <style>${STYLE}</style>
      ${list.length
        ? html`<ul class="rl-chips" aria-label=${this.label}>${list.map((id, i) => {
            const rec = defs.recordLabel(this.entity, id);
            const title = rec ? tx(rec.title) : rec === null ? t('refUnknown') : t('loading');
            return html`<li data-item=${i} data-record-chip>
              <span>${title}${rec?.subtitle ? html` <span class="rl-sub">(${tx(rec.subtitle)})</span>` : nothing}</span>
              <button type="button" class="secondary" ?disabled=${this.disabled} aria-label=${`${t('removeItem')}: ${title}`}
                @click=${() => this.emit(list.filter((_, j) => j !== i))}>×</button>
            </li>`;
          })}</ul>`
        : html`<p class="muted small" data-empty>${t('refNone')}</p>`}
      <dabir-ref-picker .entity=${this.entity} input-id=${this.inputId} label=${t('refAdd', { label: this.label })} .exclude=${list}
        ?disabled=${this.disabled} ?invalid=${this.invalid} described-by=${this.describedBy}
        @value-changed=${this.add}></dabir-ref-picker>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-ref-list': DabirRefList;
  }
}
