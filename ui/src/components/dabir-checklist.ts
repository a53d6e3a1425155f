/**
 * An inspection checklist: one answer per item (yes/no for boolean items, a number or text otherwise); an item whose
 * `applies_when` is false for this visit says so instead. Controlled: `.value` in, `value-changed` out. The pass/fail
 * result is the server's to compute.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ChecklistDef, Text } from '../api/client.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { d, parseNumber, t, tx } from '../i18n/index.js';
import { applicableItems, unanswered } from './checklist-model.js';
import { base } from './styles.js';

@customElement('dabir-checklist')
export class DabirChecklist extends LitElement {
  static override styles = [base, css`
    ol { padding-inline-start: 1.4em; margin: 0; }
    li { padding: 0.5rem 0; border-bottom: 1px solid var(--d-border, #c9d1dc); }
    fieldset { border: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; align-items: center; }
    legend { float: inline-start; padding: 0; margin-inline-end: 1rem; font-weight: 500; }
    .answers { display: inline-flex; gap: 1rem; }
    .answers label { font-weight: 400; display: inline-flex; align-items: center; gap: 0.3em; }
    input.num { width: 8em; }
    li.na { color: var(--d-muted, #4a5666); }
  `];

  @property({ attribute: false }) checklist?: ChecklistDef;
  @property({ attribute: false }) value: Record<string, unknown> = {};
  @property({ attribute: false }) serverErrors: { path: string; message: Text }[] = [];
  @property({ type: Boolean }) showErrors = false;
  @property({ type: Boolean }) disabled = false;
  /** The case's data (subject, input, steps) that `applies_when` may read besides the answers. */
  @property({ attribute: false }) context: Record<string, unknown> = {};
  @property({ attribute: 'id-prefix' }) idPrefix = 'cl';
  @state() private raw: Record<string, string> = {};

  constructor() {
    super();
    new LocaleController(this);
  }

  /** Items that apply and have no answer yet. */
  missing(): string[] {
    return this.checklist ? unanswered(this.checklist, this.value, this.context) : [];
  }

  /** Moves focus to the first item with a problem. */
  focusFirstProblem(): void {
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  private set(id: string, v: unknown) {
    const next = { ...this.value };
    if (v === undefined) delete next[id];
    else next[id] = v;
    this.dispatchEvent(new CustomEvent('value-changed', { detail: { value: next }, bubbles: true, composed: true }));
  }

  override render() {
    const c = this.checklist;
    if (!c) return nothing;
    const missing = new Set(this.showErrors ? this.missing() : []);
    const server = new Map(this.serverErrors.map((e) => [e.path.replace(/^\//, ''), tx(e.message)]));
    const applies = applicableItems(c, this.value, this.context);
    return html`
      <h3>${t('checklist')}: ${tx(c.title)}</h3>
      <ol>
        ${c.items.map((item) => {
          const id = `${this.idPrefix}-cl-${item.id}`;
          if (applies.get(item.id) === false) {
            return html`<li class="na" data-item=${item.id} data-na>${tx(item.label)} — <em>${t('notApplicable')}</em></li>`;
          }
          const err = server.get(item.id) ?? (missing.has(item.id) ? t('vRequired', { label: tx(item.label) }) : undefined);
          const v = this.value[item.id];
          return html`<li data-item=${item.id}>
            ${item.type === 'boolean'
              ? html`<fieldset aria-describedby=${err ? `${id}-err` : nothing}>
                  <legend>${tx(item.label)}${item.critical ? html` <span class="badge warn">${t('critical')}</span>` : nothing}</legend>
                  <span class="answers">
                    <label><input type="radio" name=${id} .checked=${v === true} ?disabled=${this.disabled} aria-invalid=${err ? 'true' : 'false'}
                      @change=${() => this.set(item.id, true)} />${t('yes')}</label>
                    <label><input type="radio" name=${id} .checked=${v === false} ?disabled=${this.disabled}
                      @change=${() => this.set(item.id, false)} />${t('no')}</label>
                  </span>
                </fieldset>`
              : html`<div class="field"><label for=${id}>${tx(item.label)}${item.critical ? html` <span class="badge warn">${t('critical')}</span>` : nothing}</label>
                  <input id=${id} class=${item.type === 'number' ? 'num' : ''} inputmode=${item.type === 'number' ? 'decimal' : nothing} dir=${item.type === 'number' ? 'ltr' : 'auto'}
                    ?disabled=${this.disabled} aria-invalid=${err ? 'true' : 'false'} aria-describedby=${err ? `${id}-err` : nothing}
                    .value=${this.raw[item.id] ?? (v === undefined ? '' : item.type === 'number' ? d(String(v)) : String(v))}
                    @input=${(e: Event) => {
                      const text = (e.target as HTMLInputElement).value;
                      this.raw = { ...this.raw, [item.id]: text };
                      if (item.type !== 'number') return this.set(item.id, text === '' ? undefined : text);
                      const n = parseNumber(text);
                      this.set(item.id, text.trim() === '' ? undefined : Number.isNaN(n) ? text : n);
                    }} /></div>`}
            ${err ? html`<span class="error-text" id=${`${id}-err`}>${err}</span>` : nothing}
          </li>`;
        })}
      </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-checklist': DabirChecklist;
  }
}
