/**
 * An inspection checklist: one answer per item, each drawn like a form field from the checklist's compiled schema
 * (yes / no for boolean items, radio buttons or a list for options, a number with its unit, a record picker…) by the
 * same renderer as forms; an item whose `applies_when` is false for this visit says so instead. Controlled: `.value`
 * in, `value-changed` out. The pass/fail result is the server's to compute.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ChecklistDef, JsonSchema, Text } from '../api/client.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { t, tx } from '../i18n/index.js';
import { applicableItems, unanswered } from './checklist-model.js';
import type { DabirForm } from './dabir-form.js';
import { base } from './styles.js';
import './dabir-form.js';

@customElement('dabir-checklist')
export class DabirChecklist extends LitElement {
  static override styles = [base, css`
    ol { padding-inline-start: 1.4em; margin: 0; }
    li { padding: 0.5rem 0 0; border-bottom: 1px solid var(--d-border, #c9d1dc); }
    li.na { color: var(--d-muted, #4a5666); padding-block-end: 0.5rem; }
  `];

  @property({ attribute: false }) checklist?: ChecklistDef;
  @property({ attribute: false }) value: Record<string, unknown> = {};
  @property({ attribute: false }) serverErrors: { path: string; message: Text }[] = [];
  @property({ type: Boolean }) showErrors = false;
  @property({ type: Boolean }) disabled = false;
  /** The case's data (subject, input, steps) that `applies_when` may read besides the answers. */
  @property({ attribute: false }) context: Record<string, unknown> = {};
  @property({ attribute: 'id-prefix' }) idPrefix = 'cl';

  constructor() {
    super();
    new LocaleController(this);
  }

  /** Items that apply and have no answer yet. */
  missing(): string[] {
    return this.checklist ? unanswered(this.checklist, this.value, this.context) : [];
  }

  /** Moves focus to the first item with a problem. */
  async focusFirstProblem(): Promise<void> {
    for (const f of this.renderRoot.querySelectorAll<DabirForm>('dabir-form')) {
      await f.updateComplete;
      const bad = f.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]');
      if (bad) return bad.focus();
    }
  }

  /** The schema of one item as a form of one field. */
  private itemSchema(id: string): JsonSchema | undefined {
    const s = this.checklist?.schema.properties?.[id];
    return s ? { type: 'object', properties: { [id]: s }, 'x-order': [id] } : undefined;
  }

  override render() {
    const c = this.checklist;
    if (!c) return nothing;
    const missing = new Set(this.showErrors ? this.missing() : []);
    const applies = applicableItems(c, this.value, this.context);
    return html`
      <h3>${t('checklist')}: ${tx(c.title)}</h3>
      <ol>
        ${c.items.map((item) => {
          if (applies.get(item.id) === false) {
            return html`<li class="na" data-item=${item.id} data-na>${tx(item.label)} — <em>${t('notApplicable')}</em></li>`;
          }
          const schema = this.itemSchema(item.id);
          if (!schema) return nothing;
          // The server's word on an item first; else, after a submit attempt, that it has no answer.
          const label = tx(item.label);
          const errors = this.serverErrors.filter((e) => e.path === `/${item.id}` || e.path.startsWith(`/${item.id}/`));
          if (!errors.length && missing.has(item.id)) errors.push({ path: `/${item.id}`, message: { fa: t('vRequired', { label }, 'fa'), en: t('vRequired', { label }, 'en') } });
          return html`<li data-item=${item.id}>
            <dabir-form compact .schema=${schema} .value=${this.value} ?disabled=${this.disabled} id-prefix=${`${this.idPrefix}-cl`} .serverErrors=${errors}
              @value-changed=${(e: CustomEvent<{ value: Record<string, unknown> }>) => {
                e.stopPropagation();
                this.dispatchEvent(new CustomEvent('value-changed', { detail: { value: e.detail.value }, bubbles: true, composed: true }));
              }}></dabir-form>
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
