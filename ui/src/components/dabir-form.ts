/**
 * Renders a form from its compiled JSON Schema (engine/load/compile-form.ts): labels from `x-label`, widgets from
 * `x-widget` (date, location, ref — a record picker —, file, textarea, yesno), options from `x-options`, units by
 * `x-unit-label`, visibility from `x-visible-when`. A list of references is a list of chosen records; a derived field
 * (`x-derived`) is shown read-only, with the value the server computed when the host knows it.
 * Controlled: `.value` in, `value-changed` out. Problems are shown when `showErrors` is set (after a submit attempt)
 * or when the server sent `serverErrors` (JSON pointer → message).
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { asApiError, type JsonSchema, type Text } from '../api/client.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { d, getLang, parseNumber, t, tx } from '../i18n/index.js';
import * as defs from '../definitions.js';
import { blank, displayValue, isRequired, isVisible, labelOf, optionsOf, orderedKeys, validate, widgetOf, type FieldProblem } from './form-model.js';
import { base } from './styles.js';
import './dabir-jalali-input.js';
import './dabir-ref-list.js';
import './dabir-ref-picker.js';

export type Uploader = (file: File) => Promise<{ id: string; name: string }>;

/** The map of location fields comes with Leaflet in its own chunk, fetched when a form first shows such a field. */
// biome-ignore lint/correctness/noUnusedVariables: read by `??=` below; it holds the chunk's import so it is fetched once
let mapChunk: Promise<unknown> | undefined;
let mapChunkFailed = false;
function loadMap(host: { requestUpdate(): void }): void {
  mapChunk ??= import('./dabir-location-map.js').catch(() => {
    mapChunkFailed = true;
    mapChunk = undefined;
    host.requestUpdate();
  });
}

@customElement('dabir-form')
export class DabirForm extends LitElement {
  static override styles = [base, css`
    fieldset { border: 1px solid var(--d-border, #c9d1dc); border-radius: 8px; padding: 0.6rem 0.9rem; margin: 0 0 0.9rem; }
    legend { font-weight: 600; padding: 0 0.3em; }
    .options { display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; }
    .options label, .check { font-weight: 400; display: inline-flex; gap: 0.4em; align-items: center; }
    .unit { color: var(--d-muted, #4a5666); font-weight: 400; font-size: 0.9em; }
    .req { color: var(--d-danger, #a4161a); }
    .help { font-size: 0.86em; color: var(--d-muted, #4a5666); }
    .summary { margin-block-end: 1rem; }
    .summary a { color: inherit; }
    .list-item { display: flex; gap: 0.5rem; align-items: start; }
    .list-item > :first-child { flex: 1; }
    input[type='text'], input:not([type]), select { min-width: 14em; }
    .loc { display: flex; gap: 0.6rem; flex-wrap: wrap; }
    .loc input { width: 10em; min-width: 0; }
    output.derived { font-weight: 600; padding-block: 0.2em; }
    /* One field among others (a checklist item): no box around its group, less space below it. */
    :host([compact]) fieldset { border: none; padding: 0; margin: 0 0 0.5rem; }
    :host([compact]) legend { padding: 0; margin-block-end: 0.3rem; }
    :host([compact]) .field { margin-block-end: 0.5rem; }
    output.derived.muted { font-weight: 400; }
  `];

  @property({ attribute: false }) schema?: JsonSchema;
  @property({ attribute: false }) value: Record<string, unknown> = {};
  @property({ attribute: false }) serverErrors: { path: string; message: Text }[] = [];
  @property({ type: Boolean }) showErrors = false;
  @property({ type: Boolean }) disabled = false;
  @property({ attribute: 'id-prefix' }) idPrefix = 'f';
  @property({ attribute: false }) uploader?: Uploader;
  /** The case's subject record, if any: a location field's map leaves it out of the nearest records and shows where it is. */
  @property({ attribute: false }) subject?: { entity: string; id: string };
  /** Drawn without boxes around groups (one field among others, as a checklist's item). */
  @property({ type: Boolean, reflect: true }) compact = false;

  /** Derived fields: whether the host has the server's answer (else their value is "set on submission"). */
  @property({ type: Boolean, attribute: 'derived-live' }) derivedLive = false;

  /** Text typed into number fields, kept so "۱۲٫" survives until it parses. */
  @state() private raw: Record<string, string> = {};
  @state() private uploading = '';
  /** The last upload's problem per file field (path → message). */
  @state() private uploadErrors: Record<string, string> = {};

  constructor() {
    super();
    new LocaleController(this);
  }

  /** The problems of the current value (client-side check, in the current language). */
  problems(): FieldProblem[] {
    return this.schema ? validate(this.schema, this.value, getLang()) : [];
  }

  /** Moves focus to the first field with a problem. */
  focusFirstProblem(): void {
    const first = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]');
    first?.focus();
  }

  private set(path: string[], v: unknown) {
    const next = setIn(this.value, path, v);
    this.dispatchEvent(new CustomEvent('value-changed', { detail: { value: next }, bubbles: true, composed: true }));
  }

  private fid(path: string[]) {
    return `${this.idPrefix}-${path.join('-')}`;
  }

  private problemMap(): Map<string, string> {
    const m = new Map<string, string>();
    for (const e of this.serverErrors) if (!m.has(e.path)) m.set(e.path, tx(e.message));
    if (this.showErrors) for (const p of this.problems()) if (!m.has(p.path)) m.set(p.path, p.message);
    return m;
  }

  override render() {
    const s = this.schema;
    if (!s) return nothing;
    const problems = this.problemMap();
    return html`
      ${problems.size && this.showErrors
        ? html`<div class="alert error summary" role="alert">
            <strong>${t('formHasErrors', { n: problems.size })}</strong>
            <ul>${[...problems].map(([path, msg]) => html`<li><a href="#" @click=${(e: Event) => this.focusPath(e, path)}>${msg}</a></li>`)}</ul>
          </div>`
        : nothing}
      ${this.renderObject(s, this.value, [], problems)}`;
  }

  private focusPath(e: Event, path: string) {
    e.preventDefault();
    const id = this.fid(path.split('/').filter(Boolean));
    (this.renderRoot.querySelector(`#${CSS.escape(id)}`) as HTMLElement | null)?.focus();
  }

  private renderObject(s: JsonSchema, value: Record<string, unknown>, path: string[], problems: Map<string, string>): TemplateResult {
    return html`${orderedKeys(s).map((key) => {
      const fs = s.properties![key];
      if (!isVisible(fs, value)) return nothing;
      return this.renderField(fs, key, value?.[key], [...path, key], isRequired(s, key), problems);
    })}`;
  }

  private labelText(fs: JsonSchema, key: string, required: boolean) {
    const unit = fs['x-unit-label'] ? tx(fs['x-unit-label']) : fs['x-unit'];
    return html`${labelOf(fs, key)}${unit ? html` <span class="unit">(${unit})</span>` : nothing}${required
      ? html`<span class="req" aria-hidden="true"> *</span>` : nothing}${fs['x-critical'] === true ? html` <span class="badge warn">${t('critical')}</span>` : nothing}`;
  }

  /** A derived field: its label and the value the server computes, read-only. */
  private renderDerived(fs: JsonSchema, key: string, v: unknown, id: string, help: unknown) {
    const known = v !== undefined && v !== null && v !== '';
    return html`<div class="field" data-field=${key} data-derived>
      <span class="label" id=${`${id}-label`}>${this.labelText(fs, key, false)} <span class="badge info">${t('derivedNote')}</span></span>
      <output id=${id} aria-labelledby=${`${id}-label`} aria-live="polite" class=${known ? 'derived' : 'derived muted'}>
        ${known ? displayValue(fs, v, { ref: defs.refTitle }) : this.derivedLive ? t('derivedPending') : t('derivedOnSave')}</output>
      ${help}</div>`;
  }

  private renderField(fs: JsonSchema, key: string, v: unknown, path: string[], required: boolean, problems: Map<string, string>): TemplateResult {
    const id = this.fid(path);
    const pointer = `/${path.join('/')}`;
    const err = problems.get(pointer);
    const helpId = fs['x-help'] ? `${id}-help` : '';
    const errId = err ? `${id}-err` : '';
    const describedBy = [helpId, errId].filter(Boolean).join(' ');
    const help = fs['x-help'] ? html`<span class="help" id=${helpId}>${tx(fs['x-help'])}</span>` : nothing;
    const error = err ? html`<span class="error-text" id=${errId}>${err}</span>` : nothing;
    const invalid = err ? 'true' : 'false';
    const widget = widgetOf(fs);
    const common = { id, describedBy, invalid };

    if (fs['x-derived']) return this.renderDerived(fs, key, v, id, help);
    if (widget === 'location' || widget === 'enum' && optionsOf(fs).length <= 4 || widget === 'yesno' || widget === 'array' || (widget === 'object' && fs.properties)) {
      return html`<fieldset data-field=${key} aria-describedby=${describedBy || nothing}>
        <legend>${this.labelText(fs, key, required)}</legend>
        ${help}${this.renderGroup(fs, widget, v, path, common, problems, required)}${error}
      </fieldset>`;
    }
    if (widget === 'boolean') {
      return html`<div class="field" data-field=${key}>
        <label class="check"><input id=${id} type="checkbox" .checked=${v === true} ?disabled=${this.disabled}
          aria-invalid=${invalid} aria-describedby=${describedBy || nothing}
          @change=${(e: Event) => this.set(path, (e.target as HTMLInputElement).checked)} />${this.labelText(fs, key, required)}</label>
        ${help}${error}</div>`;
    }
    return html`<div class="field" data-field=${key}>
      <label for=${id}>${this.labelText(fs, key, required)}</label>
      ${help}${this.renderInput(fs, widget, v, path, common, required)}${error}
    </div>`;
  }

  private renderGroup(fs: JsonSchema, widget: string, v: unknown, path: string[], c: { id: string; invalid: string }, problems: Map<string, string>, required: boolean) {
    if (widget === 'location') {
      const loc = (v ?? {}) as { lat?: number; lon?: number };
      loadMap(this);
      const part = (k: 'lat' | 'lon', first: boolean) => {
        const rawKey = `${path.join('/')}/${k}`;
        return html`<span class="field"><label for=${first ? c.id : `${c.id}-${k}`}>${t(k)}</label>
          <input id=${first ? c.id : `${c.id}-${k}`} inputmode="decimal" dir="ltr" ?disabled=${this.disabled} aria-invalid=${c.invalid}
            .value=${this.raw[rawKey] ?? (loc[k] === undefined ? '' : d(loc[k]!))}
            @input=${(e: Event) => {
              const text = (e.target as HTMLInputElement).value;
              this.raw = { ...this.raw, [rawKey]: text };
              const num = parseNumber(text);
              const next = { ...loc, [k]: Number.isNaN(num) ? undefined : num };
              this.set(path, next.lat === undefined && next.lon === undefined ? undefined : next);
            }} /></span>`;
      };
      return html`${mapChunkFailed ? html`<p class="alert warn" role="status">${t('mapUnavailable')}</p>` : html`<dabir-location-map .value=${loc}
          .spec=${fs['x-map']} label=${labelOf(fs, path[path.length - 1] ?? '')} .subject=${this.subject} ?disabled=${this.disabled}
          @location-picked=${(e: CustomEvent<{ lat: number; lon: number }>) => this.pickLocation(path, e.detail)}></dabir-location-map>`}
        <div class="loc">${part('lat', true)}${part('lon', false)}</div>`;
    }
    if (widget === 'enum' || widget === 'yesno') {
      const name = c.id;
      const options = widget === 'yesno' ? [{ value: true, label: t('yes') }, { value: false, label: t('no') }] : optionsOf(fs);
      return html`<div class="options" role="radiogroup" aria-required=${required ? 'true' : 'false'}>
        ${options.map((o, i) => html`<label><input type="radio" name=${name} id=${i === 0 ? c.id : nothing}
          .checked=${v === o.value} ?disabled=${this.disabled} aria-invalid=${c.invalid}
          @change=${() => this.set(path, o.value)} />${o.label}</label>`)}
      </div>`;
    }
    if (widget === 'array' && fs.items && widgetOf(fs.items) === 'ref') {
      return html`<dabir-ref-list .entity=${fs.items['x-entity'] ?? ''} .value=${Array.isArray(v) ? (v as string[]) : []} input-id=${c.id}
        label=${labelOf(fs, path[path.length - 1] ?? '')} ?disabled=${this.disabled} ?invalid=${c.invalid === 'true'}
        @value-changed=${(e: CustomEvent<{ value: string[] }>) => { e.stopPropagation(); this.set(path, e.detail.value.length ? e.detail.value : undefined); }}></dabir-ref-list>`;
    }
    if (widget === 'array') {
      const list = Array.isArray(v) ? v : [];
      const label = labelOf(fs, path[path.length - 1] ?? '');
      const items = fs.items;
      return html`${list.map((item, i) => {
          const itemPath = [...path, String(i)];
          const itemLabel = t('itemN', { label, n: i + 1 });
          const one = items?.properties
            ? this.renderObject(items, (item ?? {}) as Record<string, unknown>, itemPath, problems)
            : this.renderScalarItem(items ?? { type: 'string' }, item, itemPath, itemLabel, problems);
          return html`<div class="list-item" data-item=${i}>
            <div>${one}</div>
            <button type="button" class="secondary" ?disabled=${this.disabled} aria-label=${`${t('removeItem')}: ${itemLabel}`}
              @click=${() => this.set(path, list.filter((_, j) => j !== i))}>${t('removeItem')}</button>
          </div>`;
        })}
        <button type="button" class="secondary" id=${c.id} ?disabled=${this.disabled} aria-label=${`${t('addItem')}: ${label}`}
          @click=${() => this.addItem(path, list, items)}>${t('addItem')}</button>`;
    }
    return this.renderObject(fs, (v ?? {}) as Record<string, unknown>, path, problems);
  }

  /** A point chosen on the map replaces what was typed into the latitude and longitude inputs. */
  private pickLocation(path: string[], p: { lat: number; lon: number }) {
    const key = path.join('/');
    const { [`${key}/lat`]: _lat, [`${key}/lon`]: _lon, ...rest } = this.raw;
    this.raw = rest;
    this.set(path, { lat: p.lat, lon: p.lon });
  }

  /** One item of a list of plain values: an input labelled "<list> — item n" for screen readers. */
  private renderScalarItem(items: JsonSchema, v: unknown, path: string[], itemLabel: string, problems: Map<string, string>) {
    const id = this.fid(path);
    const err = problems.get(`/${path.join('/')}`);
    const c = { id, describedBy: err ? `${id}-err` : '', invalid: err ? 'true' : 'false' };
    return html`<div class="field"><label class="sr-only" for=${id}>${itemLabel}</label>
      ${this.renderInput(items, widgetOf(items), v, path, c, false, true)}
      ${err ? html`<span class="error-text" id=${`${id}-err`}>${err}</span>` : nothing}</div>`;
  }

  /** Adds a row to a list and puts the cursor in it. */
  private async addItem(path: string[], list: unknown[], items: JsonSchema | undefined) {
    this.set(path, [...list, items?.properties ? blank(items) : '']);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(this.fid([...path, String(list.length)]))}`)?.focus();
  }

  private renderInput(fs: JsonSchema, widget: string, v: unknown, path: string[], c: { id: string; describedBy: string; invalid: string }, required: boolean, keepBlank = false) {
    const aria = { 'aria-describedby': c.describedBy || nothing, 'aria-invalid': c.invalid };
    switch (widget) {
      case 'date':
        return html`<dabir-jalali-input input-id=${c.id} .value=${typeof v === 'string' ? v : ''} ?required=${required} ?disabled=${this.disabled}
          ?invalid=${c.invalid === 'true'} described-by=${c.describedBy}
          @value-changed=${(e: CustomEvent<{ value: string }>) => { e.stopPropagation(); this.set(path, e.detail.value || undefined); }}></dabir-jalali-input>`;
      case 'textarea':
        return html`<textarea id=${c.id} ?required=${required} ?disabled=${this.disabled} aria-invalid=${aria['aria-invalid']} aria-describedby=${aria['aria-describedby']}
          .value=${typeof v === 'string' ? v : ''} @input=${(e: Event) => this.set(path, (e.target as HTMLTextAreaElement).value || undefined)}></textarea>`;
      case 'enum':
        return html`<select id=${c.id} ?required=${required} ?disabled=${this.disabled} aria-invalid=${aria['aria-invalid']} aria-describedby=${aria['aria-describedby']}
          @change=${(e: Event) => {
            const i = (e.target as HTMLSelectElement).selectedIndex - 1;
            this.set(path, i >= 0 ? optionsOf(fs)[i].value : undefined);
          }}>
          <option value="" ?selected=${v === undefined}>${t('choose')}</option>
          ${optionsOf(fs).map((o) => html`<option ?selected=${v === o.value}>${o.label}</option>`)}
        </select>`;
      case 'ref':
        return html`<dabir-ref-picker .entity=${fs['x-entity'] ?? ''} .value=${typeof v === 'string' && v ? v : undefined} input-id=${c.id}
          ?required=${required} ?disabled=${this.disabled} ?invalid=${c.invalid === 'true'} described-by=${c.describedBy}
          @value-changed=${(e: CustomEvent<{ value?: string }>) => { e.stopPropagation(); this.set(path, e.detail.value); }}></dabir-ref-picker>`;
      case 'file': {
        const key = path.join('/');
        // Without somewhere to send it (a form that cannot attach), say so rather than offer a dead picker.
        if (!this.uploader) return html`<span class="help" id=${c.id}>${t('fileNotHere')}</span>`;
        const chosen = typeof v === 'string' && v ? this.raw[`file:${key}`] ?? t('fileAttached') : '';
        return html`<span class="file"><input id=${c.id} type="file" ?disabled=${this.disabled} aria-invalid=${aria['aria-invalid']} aria-describedby=${aria['aria-describedby']}
            accept="application/pdf,image/png,image/jpeg,image/tiff,image/webp" @change=${(e: Event) => this.upload(path, e)} />
            <label for=${c.id} class="btn secondary" aria-hidden="true">${chosen ? t('chooseAnother') : t('chooseFile')}</label>
            <span class="name" aria-hidden="true">${chosen || t('noFileChosen')}</span></span>
          ${this.uploading === key ? html`<span role="status">${t('uploading')}</span>` : nothing}
          ${this.uploadErrors[key] ? html`<span class="error-text" role="alert">${this.uploadErrors[key]}</span>` : nothing}
          ${typeof v === 'string' && v ? html`<span class="help" role="status" data-uploaded>${t('fileUploaded', { name: this.raw[`file:${key}`] ?? t('fileAttached') })}</span>` : nothing}`;
      }
      case 'number':
      case 'integer': {
        const rawKey = path.join('/');
        return html`<input id=${c.id} inputmode=${widget === 'integer' ? 'numeric' : 'decimal'} dir="ltr" ?required=${required} ?disabled=${this.disabled}
          aria-invalid=${aria['aria-invalid']} aria-describedby=${aria['aria-describedby']}
          .value=${this.raw[rawKey] ?? (typeof v === 'number' ? d(v) : '')}
          @input=${(e: Event) => {
            const text = (e.target as HTMLInputElement).value;
            this.raw = { ...this.raw, [rawKey]: text };
            const num = parseNumber(text);
            this.set(path, text.trim() === '' ? undefined : Number.isNaN(num) ? text : num);
          }} />`;
      }
      default:
        return html`<input id=${c.id} type="text" dir="auto" ?required=${required} ?disabled=${this.disabled}
          aria-invalid=${aria['aria-invalid']} aria-describedby=${aria['aria-describedby']}
          .value=${typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v)}
          @input=${(e: Event) => this.set(path, (e.target as HTMLInputElement).value || (keepBlank ? '' : undefined))} />`;
    }
  }

  private async upload(path: string[], e: Event) {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    const key = path.join('/');
    if (!file || !this.uploader) return;
    this.uploading = key;
    this.uploadErrors = { ...this.uploadErrors, [key]: '' };
    try {
      const doc = await this.uploader(file);
      this.raw = { ...this.raw, [`file:${key}`]: doc.name };
      this.set(path, doc.id);
    } catch (err) {
      // The server's words (a type it does not take, a file too large), next to the field; the field stays empty.
      this.uploadErrors = { ...this.uploadErrors, [key]: asApiError(err).text(getLang()) };
      input.value = '';
    } finally {
      this.uploading = '';
    }
  }
}

/** A copy of `obj` with the value at `path` replaced (undefined removes it). */
function setIn(obj: unknown, path: string[], v: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  const isIndex = /^\d+$/.test(head);
  const container: Record<string, unknown> | unknown[] = Array.isArray(obj) ? [...obj] : { ...((obj as Record<string, unknown>) ?? {}) };
  const child = rest.length ? setIn((container as Record<string, unknown>)[head], rest, v) : v;
  if (isIndex && Array.isArray(container)) container[Number(head)] = child;
  else if (child === undefined) delete (container as Record<string, unknown>)[head];
  else (container as Record<string, unknown>)[head] = child;
  return container as Record<string, unknown>;
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-form': DabirForm;
  }
}
