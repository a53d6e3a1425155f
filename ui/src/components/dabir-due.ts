/** A due date in Jalali with an overdue mark ("۳ روز تأخیر") or the days left. */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { date, jalali, t } from '../i18n/index.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { base } from './styles.js';

@customElement('dabir-due')
export class DabirDue extends LitElement {
  static override styles = [base, css`:host { display: inline; } .when { white-space: nowrap; }`];

  @property() due?: string | null;
  @property({ type: Boolean }) overdue = false;
  @property({ type: Boolean, attribute: 'clock-stopped' }) clockStopped = false;
  /** The server's "now" (ISO), so marks agree with its clock. */
  @property() now?: string;
  /** Whom a stopped clock waits for («در انتظار …», from the definitions); a generic word when empty. */
  @property() waiting = '';

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    if (this.clockStopped) return html`<span class="badge info" data-waiting>${this.waiting || t('clockStopped')}</span>`;
    if (!this.due) return html`<span class="muted">${t('noDue')}</span>`;
    const now = this.now ? Date.parse(this.now) : Date.now();
    const days = jalali.daysUntil(this.due, now);
    const late = this.overdue || Date.parse(this.due) < now;
    return html`<span class="when" title=${date(this.due, { long: true, time: true })}>${date(this.due)}</span>
      ${late
        ? html`<span class="badge danger" data-overdue>⚠ ${t('overdue')} · ${t('daysLate', { n: Math.max(1, -days) })}</span>`
        : days <= 0
          ? html`<span class="badge warn">${t('dueToday')}</span>`
          : html`<span class="badge ok">${t('daysLeft', { n: days })}</span>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-due': DabirDue;
  }
}
