/**
 * A Jalali date input: type `۱۴۰۳/۰۵/۱۲` (any digits, `/` or `-`) or pick from a keyboard-navigable month grid.
 * The value is a Jalali `YYYY-MM-DD` with ASCII digits (docs/language.md), or '' when empty.
 * Renders in the light DOM so a <label for=…> of the surrounding form reaches its input.
 * Fires `value-changed` with `{ value, raw, valid }`.
 */
import { LitElement, html, nothing, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { d, getLang, jalali, t, toLatinDigits } from '../i18n/index.js';

type Ymd = jalali.Ymd;

/** A calendar drawn inline (no emoji font needed); the button's label names it. */
const CALENDAR_ICON = svg`<svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"><rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4"/></svg>`;

const STYLE = `
dabir-jalali-input { display: inline-block; position: relative; }
dabir-jalali-input .dj-row { display: flex; gap: 0.3em; align-items: stretch; }
dabir-jalali-input .dj-row input { width: 9.5em; text-align: center; }
dabir-jalali-input .dj-btn { min-width: 2.6em; padding: 0 0.5em; }
dabir-jalali-input .dj-pop { position: absolute; z-index: 20; inset-block-start: 100%; inset-inline-start: 0; background: #fff; border: 1px solid var(--d-control-border, #838fa1); border-radius: 8px; padding: 0.5em; box-shadow: 0 6px 24px rgba(0,0,0,.18); width: 17.5em; }
dabir-jalali-input .dj-head { display: flex; justify-content: space-between; align-items: center; gap: 0.3em; margin-block-end: 0.3em; }
dabir-jalali-input .dj-head button { min-height: 2em; padding: 0 0.6em; }
dabir-jalali-input table { width: 100%; border-collapse: collapse; background: none; }
dabir-jalali-input th { background: none; font-weight: 500; font-size: 0.8em; text-align: center; padding: 0.1em; border: none; color: #4a5666; }
dabir-jalali-input td { padding: 1px; border: none; text-align: center; }
dabir-jalali-input td button { width: 2.2em; min-height: 2.1em; padding: 0; background: #fff; color: #14202e; border: 1px solid transparent; }
dabir-jalali-input td button[aria-selected='true'] { background: #0f4c81; color: #fff; }
dabir-jalali-input td button.dj-today { border-color: #0f4c81; }
dabir-jalali-input td button:hover { background: #e3edf7; color: #14202e; }
`;

@customElement('dabir-jalali-input')
export class DabirJalaliInput extends LitElement {
  @property() value = '';
  @property({ attribute: 'input-id' }) inputId = '';
  @property({ type: Boolean }) required = false;
  @property({ type: Boolean }) invalid = false;
  @property({ type: Boolean }) disabled = false;
  @property({ attribute: 'described-by' }) describedBy = '';
  @property() label = '';

  @state() private raw?: string;
  @state() private open = false;
  @state() private view: { y: number; m: number } = { y: 1404, m: 1 };
  @state() private cursor: Ymd = jalali.todayJalali();
  private focusCursor = false;

  constructor() {
    super();
    new LocaleController(this);
  }

  protected override createRenderRoot() {
    return this;
  }

  private emit(value: string, raw: string, valid: boolean) {
    this.dispatchEvent(new CustomEvent('value-changed', { detail: { value, raw, valid }, bubbles: true, composed: true }));
  }

  private onInput(e: Event) {
    const raw = (e.target as HTMLInputElement).value;
    this.raw = raw;
    const text = toLatinDigits(raw.trim());
    if (text === '') return this.emit('', raw, true);
    const j = /^\d{4}[/-]\d{1,2}[/-]\d{1,2}$/.test(text) ? jalali.readDate(text) : undefined;
    if (j && j.y < 1700) this.emit(jalali.formatYmd(j), raw, true);
    else this.emit(text, raw, false);
  }

  private onBlur() {
    const j = jalali.readDate(this.value);
    if (j && this.raw !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(this.value)) this.raw = undefined;
  }

  private toggle() {
    if (this.open) return this.close();
    const j = jalali.readDate(this.value) ?? jalali.todayJalali();
    this.cursor = { y: j.y, m: j.m, d: j.d };
    this.view = { y: j.y, m: j.m };
    this.open = true;
    this.focusCursor = true;
  }

  private close(refocus = true) {
    this.open = false;
    if (refocus) (this.querySelector('input') as HTMLInputElement | null)?.focus();
  }

  private pick(j: Ymd) {
    this.raw = undefined;
    this.emit(jalali.formatYmd(j), jalali.formatYmd(j), true);
    this.close();
  }

  private move(j: Ymd) {
    this.cursor = j;
    this.view = { y: j.y, m: j.m };
    this.focusCursor = true;
  }

  private onGridKey(e: KeyboardEvent) {
    const rtl = getLang() === 'fa';
    const c = this.cursor;
    const step: Record<string, () => Ymd> = {
      ArrowLeft: () => jalali.addDays(c, rtl ? 1 : -1),
      ArrowRight: () => jalali.addDays(c, rtl ? -1 : 1),
      ArrowUp: () => jalali.addDays(c, -7),
      ArrowDown: () => jalali.addDays(c, 7),
      PageUp: () => jalali.addMonths(c, e.shiftKey ? -12 : -1),
      PageDown: () => jalali.addMonths(c, e.shiftKey ? 12 : 1),
      Home: () => jalali.addDays(c, -jalali.weekdayIndex(c)),
      End: () => jalali.addDays(c, 6 - jalali.weekdayIndex(c)),
    };
    if (step[e.key]) {
      e.preventDefault();
      this.move(step[e.key]());
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this.close();
    }
  }

  private shiftMonth(n: number) {
    const j = jalali.addMonths({ y: this.view.y, m: this.view.m, d: 1 }, n);
    this.view = { y: j.y, m: j.m };
    this.cursor = { y: j.y, m: j.m, d: Math.min(this.cursor.d, jalali.monthLength(j.y, j.m)) };
  }

  protected override updated() {
    if (this.open && this.focusCursor) {
      this.focusCursor = false;
      (this.querySelector('td button[tabindex="0"]') as HTMLButtonElement | null)?.focus();
    }
  }

  private renderGrid() {
    const lang = getLang();
    const { y, m } = this.view;
    const first = jalali.weekdayIndex({ y, m, d: 1 });
    const len = jalali.monthLength(y, m);
    const cells: (number | null)[] = [...Array(first).fill(null), ...Array.from({ length: len }, (_, i) => i + 1)];
    while (cells.length % 7) cells.push(null);
    const rows = Array.from({ length: cells.length / 7 }, (_, r) => cells.slice(r * 7, r * 7 + 7));
    const selected = jalali.readDate(this.value);
    const today = jalali.todayJalali();
    const same = (a: Ymd | undefined, dd: number) => a !== undefined && a.y === y && a.m === m && a.d === dd;
    const title = `${jalali.MONTHS[lang][m - 1]} ${d(y)}`;
    return html`
      <div class="dj-pop" role="dialog" aria-modal="false" aria-label=${title} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.close()}>
        <div class="dj-head">
          <button type="button" class="secondary" aria-label=${t('prevMonth')} @click=${() => this.shiftMonth(-1)}>${lang === 'fa' ? '›' : '‹'}</button>
          <strong aria-live="polite">${title}</strong>
          <button type="button" class="secondary" aria-label=${t('nextMonth')} @click=${() => this.shiftMonth(1)}>${lang === 'fa' ? '‹' : '›'}</button>
        </div>
        <table role="grid" aria-label=${title} @keydown=${this.onGridKey}>
          <thead><tr>${jalali.WEEKDAYS[lang].map((w) => html`<th scope="col" abbr=${w}>${w}</th>`)}</tr></thead>
          <tbody>
            ${rows.map((row) => html`<tr>${row.map((dd) => dd === null
              ? html`<td></td>`
              : html`<td><button type="button" class=${same(today, dd) ? 'dj-today' : ''}
                  tabindex=${same(this.cursor, dd) ? '0' : '-1'} aria-selected=${same(selected, dd) ? 'true' : 'false'}
                  aria-label=${`${d(dd)} ${jalali.MONTHS[lang][m - 1]} ${d(y)}`}
                  @click=${() => this.pick({ y, m, d: dd })}>${d(dd)}</button></td>`)}</tr>`)}
          </tbody>
        </table>
        <div class="dj-head">
          <button type="button" class="secondary" @click=${() => this.pick(today)}>${t('today')}</button>
          <button type="button" class="secondary" @click=${() => this.close()}>${t('cancel')}</button>
        </div>
      </div>`;
  }

  override render() {
    const j = jalali.readDate(this.value);
    const shown = this.raw ?? (j && /^\d{4}-\d{2}-\d{2}$/.test(this.value) ? jalali.formatDate(this.value, getLang()) : this.value ?? '');
    return html`
      <style>${STYLE}</style>
      <span class="dj-row">
        <input id=${this.inputId || nothing} type="text" inputmode="numeric" autocomplete="off" dir="ltr"
          placeholder=${t('dateHint')} .value=${shown} ?required=${this.required} ?disabled=${this.disabled}
          aria-invalid=${this.invalid ? 'true' : 'false'} aria-describedby=${this.describedBy || nothing}
          aria-label=${this.inputId ? nothing : this.label || nothing}
          @input=${this.onInput} @blur=${this.onBlur}
          @keydown=${(e: KeyboardEvent) => e.key === 'ArrowDown' && e.altKey && (e.preventDefault(), this.toggle())} />
        <button type="button" class="secondary dj-btn" aria-haspopup="dialog" aria-expanded=${this.open ? 'true' : 'false'}
          aria-label=${t('openCalendar')} ?disabled=${this.disabled} @click=${this.toggle}>${CALENDAR_ICON}</button>
      </span>
      ${this.open ? this.renderGrid() : nothing}
      ${j && !this.invalid && /^\d{4}-\d{2}-\d{2}$/.test(this.value)
        ? html`<span class="sr-only">${jalali.formatDate(this.value, getLang(), { long: true })}</span>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-jalali-input': DabirJalaliInput;
  }
}
