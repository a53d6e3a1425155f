/**
 * A registry record's form, for the users who keep the registry: a new record (`record-id` unset; the server makes
 * its key) or an edit of one, generated from the entity's schema by dabir-form (references as record pickers,
 * options by their labels, a location on the map or as latitude/longitude). The client checks first (messages at
 * the fields, in the user's language); the server's Persian per-field problems (`fieldErrors`) show at the fields
 * too. An edit carries the version it was read at: when someone else saved meanwhile (409) the form says so and
 * offers to load the current version — nothing typed is thrown away unasked.
 * Fires `record-saved` with `{ id, record }` (the record as the server has it) and `record-cancelled`.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { api, type ApiError, type EntityType, type JsonSchema } from '../api/client.js';
import { ActionController } from '../controllers/action-controller.js';
import { LocaleController } from '../controllers/locale-controller.js';
import * as defs from '../definitions.js';
import { t, tx } from '../i18n/index.js';
import { compact, validate } from './form-model.js';
import { base } from './styles.js';
import { isWithheld, withheldMark } from './withheld.js';
import './dabir-form.js';
import './dabir-problem.js';

/** The fields of a record the server withheld from this user (sensitive fields their roles may not read). */
export function withheldFields(rec: Record<string, unknown> | undefined): string[] {
  return rec ? Object.keys(rec).filter((k) => isWithheld(rec[k])) : [];
}

/**
 * The schema the form shows: the type's, without its key (the key names the record; it is not typed), computed fields
 * and the fields `withheld` from the user (the server keeps their stored values).
 */
export function editSchema(type: EntityType, withheld: readonly string[] = []): JsonSchema {
  const props = { ...(type.schema.properties ?? {}) };
  const drop = new Set([type.key, ...type.computed, ...withheld]);
  for (const k of drop) delete props[k];
  return { ...type.schema, properties: props, required: (type.schema.required ?? []).filter((k) => !drop.has(k)) };
}

/** A stored record as the form's value: without its key, computed fields, withheld fields and the server's `$` notes. */
export function editableValue(type: EntityType, rec: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(rec).filter(([k, v]) => k !== type.key && !type.computed.includes(k) && !k.startsWith('$') && !isWithheld(v)));
}

/** The starting value of a new record: the schema's defaults. */
function defaults(schema: JsonSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(schema.properties ?? {})) if ((s as { default?: unknown }).default !== undefined) out[k] = (s as { default?: unknown }).default;
  return out;
}

@customElement('dabir-record-editor')
export class DabirRecordEditor extends LitElement {
  static override styles = [base, css`
    :host { display: block; }
    h3 { margin-block-end: 0.8rem; }
  `];

  @property() entity = '';
  /** The record to edit; unset for a new one. */
  @property({ attribute: 'record-id' }) recordId?: string;
  /** The id prefix of the form's fields (two editors on one page must differ). */
  @property({ attribute: 'id-prefix' }) idPrefix = 'rec';
  /** No heading (a dialog has its own). */
  @property({ type: Boolean, attribute: 'no-heading' }) noHeading = false;

  @state() private draft?: Record<string, unknown>;
  @state() private version?: number;
  /** Fields the server withheld from this user: left out of the form, kept by the server. */
  @state() private withheld: string[] = [];
  @state() private recTitle = '';
  @state() private loadError?: ApiError;
  @state() private showErrors = false;
  private loadedFor = '';
  /** Bumped by every load: the form is drawn anew (what was typed into it is the loaded record's). */
  @state() private loads = 0;
  private readonly saving = new ActionController(this);

  constructor() {
    super();
    new LocaleController(this);
  }

  private type(): EntityType | undefined {
    return defs.entityType(this.entity);
  }

  override willUpdate() {
    const key = `${this.entity}/${this.recordId ?? ''}`;
    if (this.loadedFor === key) return;
    const type = this.type();
    if (!type) {
      void defs.entityTypes().then(() => this.requestUpdate());
      return;
    }
    this.loadedFor = key;
    this.showErrors = false;
    this.saving.clear();
    if (this.recordId === undefined) {
      this.draft = defaults(editSchema(type));
      this.withheld = [];
      this.version = undefined;
      this.recTitle = '';
    } else {
      this.draft = undefined;
      void this.load(type, this.recordId);
    }
  }

  private async load(type: EntityType, id: string) {
    this.loadError = undefined;
    try {
      const rec = await api.record(type.id, id);
      if (this.recordId !== id) return;
      this.draft = editableValue(type, rec);
      this.withheld = withheldFields(rec);
      this.loads++;
      this.version = typeof rec.$version === 'number' ? rec.$version : undefined;
      this.recTitle = rec.$title && typeof rec.$title === 'object' ? tx(rec.$title as { fa: string }) : defs.recordTitle(type, rec);
      this.saving.clear();
    } catch (err) {
      this.loadError = err as ApiError;
    }
  }

  private async save(e: Event) {
    e.preventDefault();
    const type = this.type();
    if (!type || !this.draft) return;
    const value = compact(this.draft);
    if (validate(editSchema(type, this.withheld), value).length) {
      this.showErrors = true;
      await this.updateComplete;
      this.renderRoot.querySelector('dabir-form')?.focusFirstProblem();
      return;
    }
    const id = this.recordId;
    const rec = await this.saving.run(() => (id === undefined ? api.createRecord(type.id, value) : api.saveRecord(type.id, id, value, this.version)));
    if (!rec) {
      this.showErrors = true;
      return;
    }
    const key = String(rec[type.key]);
    // How the record now reads (a picker that chose it, a list that shows it).
    defs.forgetRecord(type.id, key);
    this.version = typeof rec.$version === 'number' ? rec.$version : this.version;
    this.dispatchEvent(new CustomEvent('record-saved', { detail: { id: key, record: rec }, bubbles: true, composed: true }));
  }

  private cancel() {
    this.dispatchEvent(new CustomEvent('record-cancelled', { bubbles: true, composed: true }));
  }

  override render() {
    const type = this.type();
    if (!type) return html`<p role="status">${t('loading')}</p>`;
    const label = tx(type.label);
    const heading = this.recordId === undefined ? t('newRecordOf', { type: label }) : this.recTitle ? t('editRecordOf', { name: this.recTitle }) : t('editRecord');
    const stale = this.saving.error?.status === 409 && this.recordId !== undefined && this.saving.error.body.currentVersion !== undefined;
    return html`<form @submit=${this.save} novalidate data-record-editor=${this.recordId ?? 'new'} data-edit-form=${this.recordId ?? nothing} aria-label=${heading}>
      ${this.noHeading ? nothing : html`<h3>${heading}</h3>`}
      <dabir-problem .error=${this.loadError}></dabir-problem>
      ${this.draft ? html`
        ${this.withheld.length ? html`<p class="muted small" data-withheld-note>${withheldMark()} ${t('withheldFieldsKept', { fields: this.withheld.map((k) => (type.schema.properties?.[k] as { title?: string } | undefined)?.title ?? k).join(t('listSep')) })}</p>` : nothing}
        ${keyed(this.loads, html`<dabir-form .schema=${editSchema(type, this.withheld)} .value=${this.draft} id-prefix=${this.idPrefix} ?showErrors=${this.showErrors}
          .serverErrors=${this.saving.error?.fieldErrors ?? []}
          @value-changed=${(e: CustomEvent<{ value: Record<string, unknown> }>) => { e.stopPropagation(); this.draft = e.detail.value; }}></dabir-form>`)}
        <dabir-problem .error=${this.saving.error}></dabir-problem>
        <div class="row">
          <button type="submit" data-save ?disabled=${this.saving.pending}>${this.saving.pending ? t('saving') : t('save')}</button>
          ${stale ? html`<button type="button" class="secondary" data-reload @click=${() => this.load(type, this.recordId!)}>${t('reloadRecord')}</button>` : nothing}
          <button type="button" class="secondary" data-cancel @click=${this.cancel}>${t('cancel')}</button>
        </div>` : this.loadError ? nothing : html`<p role="status">${t('loading')}</p>`}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-record-editor': DabirRecordEditor;
  }
}
