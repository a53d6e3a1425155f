/**
 * A value the server withheld — a sensitive field of a record, a confidential step's answer or document — arrives as
 * `{ $withheld: true, label? }`. It reads «محرمانه», muted, with a lock, and its title says why.
 */
import { html } from 'lit';
import type { Text } from '../api/client.js';
import { t, tx } from '../i18n/index.js';

export interface Withheld {
  $withheld: true;
  label?: Text;
}

/** Whether a value is the server's withheld marker. */
export const isWithheld = (v: unknown): v is Withheld => typeof v === 'object' && v !== null && (v as Withheld).$withheld === true;

/** «محرمانه», muted and with a lock; the sensitive group's name in its title when the server gave one. */
export const withheldMark = (v?: unknown) => {
  const label = isWithheld(v) && v.label ? tx(v.label) : '';
  return html`<span class="withheld" data-withheld title=${label ? `${label} — ${t('withheldTitle')}` : t('withheldTitle')}><span aria-hidden="true">🔒</span> ${t('withheld')}</span>`;
};
