/**
 * A record picker: an ARIA 1.2 combobox over a registry (`GET /api/registry/{entity}?q=…`). Typing searches the
 * records by what people read (debounced); each option shows the record's title with its subtitle under it (what
 * tells two records of one title apart, as the entity's `subtitle` says). Arrow keys move, Enter chooses, Escape closes.
 * The value is the chosen record's key; the field shows its title, never the key. A typed text is not a value: when
 * the text leaves the field it is kept only if it is exactly the title of one record found, otherwise the field stays
 * empty and says so. Renders in the light DOM so a surrounding <label for=…> reaches its input.
 * Fires `value-changed` with `{ value }` (a key, or undefined).
 * When the user keeps the registry of the entity (its type's `keep`), «ثبت … تازه» beside the field opens the entity's
 * form in a dialog (dabir-record-editor); the record saved there is chosen at once.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import { RecordSearchController, type RecordOption } from '../controllers/record-search-controller.js';
import * as defs from '../definitions.js';
import { t, toLatinDigits, tx, type Text } from '../i18n/index.js';
import './dabir-record-editor.js';

const STYLE = `
dabir-ref-picker { display: block; position: relative; max-width: 32em; }
dabir-ref-picker .rp-input { width: 100%; }
dabir-ref-picker .rp-list { position: absolute; z-index: 30; inset-inline: 0; inset-block-start: 100%; margin: 2px 0 0; padding: 0.2em 0; list-style: none;
  background: #fff; border: 1px solid var(--d-control-border, #838fa1); border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.18); max-height: 20em; overflow-y: auto; }
dabir-ref-picker .rp-list li { padding: 0.35em 0.8em; cursor: pointer; display: flex; flex-direction: column; gap: 0.1em; }
dabir-ref-picker .rp-list li[aria-selected='true'] { background: var(--d-primary, #0f4c81); color: #fff; }
dabir-ref-picker .rp-list li[aria-selected='true'] .rp-sub { color: #e3edf7; }
dabir-ref-picker .rp-sub { font-size: 0.85em; color: var(--d-muted, #4a5666); }
dabir-ref-picker .rp-empty { padding: 0.4em 0.8em; color: var(--d-muted, #4a5666); cursor: default; }
dabir-ref-picker .rp-chosen { display: block; margin-block-start: 0.2em; }
dabir-ref-picker .rp-note { display: block; margin-block-start: 0.2em; }
dabir-ref-picker .rp-new { margin-block-start: 0.3em; font-size: 0.9em; }
dabir-ref-picker dialog { border: 1px solid var(--d-border, #c9d1dc); border-radius: var(--d-radius, 8px); padding: 1rem 1.2rem; width: min(46rem, 94vw); max-height: 90vh; overflow-y: auto; }
dabir-ref-picker dialog::backdrop { background: rgba(20, 32, 46, 0.45); }
dabir-ref-picker dialog h2 { font-size: 1.1rem; margin-block-start: 0; }
`;

/** A text folded for comparing what was typed with a title: one form of ی/ک, Latin digits, single spaces. */
const fold = (s: string) => toLatinDigits(s).replace(/[يى]/g, 'ی').replace(/ك/g, 'ک').replace(/[\u200c\s]+/g, ' ').trim().toLowerCase();

let serial = 0;

@customElement('dabir-ref-picker')
export class DabirRefPicker extends LitElement {
  /** The entity whose records are offered. */
  @property() entity = '';
  /** The chosen record's key. */
  @property() value?: string;
  @property({ attribute: 'input-id' }) inputId = '';
  @property({ type: Boolean }) required = false;
  @property({ type: Boolean }) invalid = false;
  @property({ type: Boolean }) disabled = false;
  @property({ attribute: 'described-by' }) describedBy = '';
  /** The accessible name when no <label for> names the input (e.g. the adder of a list). */
  @property() label = '';
  /** Keys not to offer (the records a list already holds). */
  @property({ attribute: false }) exclude: string[] = [];
  /** Offer «ثبت … تازه» (when the user keeps the registry); off for a picker inside that very form. */
  @property({ type: Boolean, attribute: 'no-create' }) noCreate = false;
  /** The dialog of a new record is open. */
  @state() private creating = false;

  /** What is typed; undefined while the field shows the chosen record's title. */
  @state() private typed?: string;
  @state() private open = false;
  @state() private active = -1;
  /** The text that matched no record when it left the field. */
  @state() private unmatched = '';
  private focused = false;
  private readonly uid = `rp${++serial}`;
  // The search runs while the list is open, and for a typed text that left the field (to judge it: settle()).
  private readonly search = new RecordSearchController(this, () => (this.entity && (this.open || this.typed?.trim())
    ? { entity: this.entity, key: this.keyField(), q: this.typed ?? '' } : undefined));

  constructor() {
    super();
    new LocaleController(this);
    // A chosen record's title arrives with the definitions' cache (GET /api/registry/{entity}/{id}).
    new StoreController(this, defs.definitionsVersion);
  }

  protected override createRenderRoot() {
    return this;
  }

  private keyField(): string {
    return defs.entityType(this.entity)?.key ?? 'id';
  }

  /** The options on offer: the search's answer without the excluded records. */
  private offered(): RecordOption[] {
    return this.search.options.filter((o) => !this.exclude.includes(o.id));
  }

  private emit(value: string | undefined) {
    this.dispatchEvent(new CustomEvent('value-changed', { detail: { value }, bubbles: true, composed: true }));
  }

  private choose(o: RecordOption) {
    defs.rememberRecord(this.entity, o.record, o.id);
    this.typed = undefined;
    this.unmatched = '';
    this.open = false;
    this.active = -1;
    this.emit(o.id);
  }

  /** Clears what was typed and the chosen value (for the adder of a list, once it added its choice). */
  reset(): void {
    this.typed = undefined;
    this.unmatched = '';
    this.open = false;
  }

  private onInput(e: Event) {
    this.typed = (e.target as HTMLInputElement).value;
    this.unmatched = '';
    this.open = true;
    this.active = -1;
    // The text no longer names the chosen record: the field holds no value until one is chosen again.
    if (this.value !== undefined) this.emit(undefined);
  }

  private onKeydown(e: KeyboardEvent) {
    const options = this.offered();
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!this.open) this.open = true;
        else if (options.length) this.active = (this.active + 1) % options.length;
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (!this.open) this.open = true;
        else if (options.length) this.active = this.active <= 0 ? options.length - 1 : this.active - 1;
        break;
      case 'Enter':
        if (this.open) {
          e.preventDefault();
          if (this.active >= 0 && options[this.active]) this.choose(options[this.active]);
        }
        break;
      case 'Escape':
        if (this.open) {
          e.preventDefault();
          this.open = false;
          this.active = -1;
        } else if (this.typed !== undefined && this.value !== undefined) this.typed = undefined;
        break;
      default:
        break;
    }
  }

  private onFocus() {
    this.focused = true;
  }

  private onBlur() {
    this.focused = false;
    this.open = false;
    this.active = -1;
    this.settle();
  }

  /**
   * Once the text has left the field: a text that is exactly the title of one record found is that record; any other
   * text is not a value (the field says so). Waits for a search still under way.
   */
  private settle() {
    const text = this.typed?.trim();
    if (this.focused || this.value !== undefined || !text) return;
    if (this.search.searching || this.search.answered !== this.typed?.trim()) return;
    const exact = this.offered().filter((o) => fold(tx(o.title)) === fold(text) || fold(o.title.fa) === fold(text));
    if (exact.length === 1) this.choose(exact[0]);
    else this.unmatched = text;
  }

  protected override updated(): void {
    if (!this.focused && this.typed !== undefined && !this.unmatched && this.value === undefined) this.settle();
    if (this.open && this.active >= 0) this.querySelector(`#${this.uid}-o${this.active}`)?.scrollIntoView({ block: 'nearest' });
  }

  private mayCreate(): boolean {
    return !this.noCreate && !this.disabled && defs.entityType(this.entity)?.keep === true;
  }

  private async openNew() {
    this.creating = true;
    await this.updateComplete;
    this.querySelector<HTMLDialogElement>(`#${this.uid}-new`)?.showModal();
  }

  private closeNew() {
    this.querySelector<HTMLDialogElement>(`#${this.uid}-new`)?.close();
    this.creating = false;
    this.querySelector<HTMLInputElement>('.rp-input')?.focus();
  }

  /** The record saved in the dialog is the field's value. */
  private created(e: CustomEvent<{ id: string; record: Record<string, unknown> }>) {
    e.stopPropagation();
    defs.rememberRecord(this.entity, e.detail.record, e.detail.id);
    this.typed = undefined;
    this.unmatched = '';
    this.emit(e.detail.id);
    this.closeNew();
  }

  private renderNew(entityLabel: string) {
    if (!this.mayCreate()) return nothing;
    const heading = t('newRecordFor', { type: entityLabel });
    return html`<button type="button" class="secondary rp-new" data-new-record @click=${this.openNew}>${heading}</button>
      ${this.creating ? html`<dialog id=${`${this.uid}-new`} aria-labelledby=${`${this.uid}-new-h`} data-new-record-dialog
          @cancel=${(e: Event) => { e.preventDefault(); this.closeNew(); }}>
          <h2 id=${`${this.uid}-new-h`}>${heading}</h2>
          <dabir-record-editor no-heading entity=${this.entity} id-prefix=${`${this.uid}-new`}
            @record-saved=${this.created} @record-cancelled=${(e: Event) => { e.stopPropagation(); this.closeNew(); }}></dabir-record-editor>
        </dialog>` : nothing}`;
  }

  private chosenLabel(): { title: Text; subtitle: Text | null } | null | undefined {
    return this.value ? defs.recordLabel(this.entity, this.value) : undefined;
  }

  override render() {
    const chosen = this.chosenLabel();
    const entityLabel = tx(defs.entityLabel(this.entity));
    const text = this.typed ?? (chosen ? tx(chosen.title) : chosen === null ? t('refUnknown') : '');
    const options = this.offered();
    const listId = `${this.uid}-list`;
    const noteId = `${this.uid}-note`;
    const described = [this.describedBy, this.unmatched ? noteId : ''].filter(Boolean).join(' ');
    const q = this.typed?.trim() ?? '';
    const status = !this.open ? '' : this.search.searching ? t('refSearching') : options.length ? t('refResults', { n: options.length }) : q ? t('refNoResults', { q }) : '';
    return html`
      <style>${STYLE}</style>
      <input class="rp-input" id=${this.inputId || nothing} type="text" autocomplete="off" role="combobox"
        aria-autocomplete="list" aria-expanded=${this.open ? 'true' : 'false'} aria-controls=${listId} aria-haspopup="listbox"
        aria-activedescendant=${this.open && this.active >= 0 ? `${this.uid}-o${this.active}` : nothing}
        aria-invalid=${this.invalid || this.unmatched ? 'true' : 'false'} aria-describedby=${described || nothing}
        aria-label=${this.label || nothing} aria-required=${this.required ? 'true' : 'false'}
        placeholder=${t('refHint')} ?disabled=${this.disabled} .value=${text}
        @input=${this.onInput} @keydown=${this.onKeydown} @focus=${this.onFocus} @blur=${this.onBlur}
        @click=${() => !this.disabled && (this.open = true)} />
      <ul class="rp-list" id=${listId} role="listbox" aria-label=${entityLabel} ?hidden=${!this.open || (!options.length && !q)}>
        ${options.map((o, i) => html`<li id=${`${this.uid}-o${i}`} role="option" aria-selected=${i === this.active ? 'true' : 'false'} data-record
            @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.choose(o)}>
            <span class="rp-title">${tx(o.title)}</span>${o.subtitle ? html`<span class="rp-sub">${tx(o.subtitle)}</span>` : nothing}</li>`)}
        ${this.open && !this.search.searching && !options.length && q ? html`<li class="rp-empty" aria-disabled="true">${t('refNoResults', { q })}</li>` : nothing}
      </ul>
      <span class="sr-only" role="status" aria-live="polite">${status}</span>
      ${chosen?.subtitle && this.typed === undefined ? html`<span class="rp-chosen help" data-chosen-subtitle>${tx(chosen.subtitle)}</span>` : nothing}
      ${this.unmatched ? html`<span class="rp-note error-text" id=${noteId} role="alert" data-unmatched>${t('refNotChosen', { q: this.unmatched, entity: entityLabel })}</span>` : nothing}
      ${this.renderNew(entityLabel)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-ref-picker': DabirRefPicker;
  }
}
