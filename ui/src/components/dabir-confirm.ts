/**
 * The one confirmation dialog: before anything that cannot be undone (an outcome that ends or decides a case, a
 * cancel, a role change, leaving unsaved edits). A modal <dialog> that names the consequence in plain words and, when
 * asked, requires a reason. `confirmAction(...)` opens it and resolves with `{ reason }` on confirmation or `null`
 * when the user steps back (the cancel button, Escape, or a click outside).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { t } from '../i18n/index.js';
import { base } from './styles.js';

export interface ConfirmOptions {
  /** The question, e.g. «پرونده با نتیجهٔ "رد" بسته شود؟». */
  title: string;
  /** What will happen, in plain words (each string a paragraph). */
  body?: string[];
  /** The confirm button's words (default «تأیید»). */
  confirmLabel?: string;
  /** The step-back button's words (default «انصراف»). */
  cancelLabel?: string;
  /** Styles the confirm button as dangerous (red). */
  danger?: boolean;
  /** Asks for a reason: the label of the text box; confirming needs a non-blank reason. */
  reason?: { label: string; minLength?: number };
}

@customElement('dabir-confirm')
export class DabirConfirm extends LitElement {
  static override styles = [base, css`
    dialog { border: 1px solid var(--d-border, #c9d1dc); border-radius: var(--d-radius, 8px); padding: 1.1rem 1.3rem; max-width: min(34rem, 92vw); }
    dialog::backdrop { background: rgba(20, 32, 46, 0.45); }
    .actions { display: flex; gap: 0.6rem; justify-content: flex-end; flex-wrap: wrap; margin-block-start: 1rem; }
    h2 { font-size: 1.1rem; }
  `];

  @property({ attribute: false }) options: ConfirmOptions = { title: '' };
  @state() private reason = '';
  @state() private tried = false;
  @query('dialog') private dialog!: HTMLDialogElement;
  private resolve?: (v: { reason: string } | null) => void;

  constructor() {
    super();
    new LocaleController(this);
  }

  /** Shows the dialog; resolves when the user decides. */
  async open(): Promise<{ reason: string } | null> {
    await this.updateComplete;
    this.dialog.showModal();
    (this.renderRoot.querySelector<HTMLElement>(this.options.reason ? 'textarea' : 'button[data-confirm]'))?.focus();
    return new Promise((resolve) => (this.resolve = resolve));
  }

  private done(v: { reason: string } | null) {
    const r = this.resolve;
    this.resolve = undefined;
    if (this.dialog.open) this.dialog.close();
    r?.(v);
  }

  private confirm() {
    const need = this.options.reason;
    if (need && this.reason.trim().length < Math.max(1, need.minLength ?? 1)) {
      this.tried = true;
      this.renderRoot.querySelector<HTMLElement>('textarea')?.focus();
      return;
    }
    this.done({ reason: this.reason.trim() });
  }

  override render() {
    const o = this.options;
    const need = o.reason;
    const bad = Boolean(need && this.tried && this.reason.trim().length < Math.max(1, need.minLength ?? 1));
    return html`<dialog aria-labelledby="confirm-title" @cancel=${(e: Event) => { e.preventDefault(); this.done(null); }}
        @click=${(e: Event) => { if (e.target === this.dialog) this.done(null); }}>
      <h2 id="confirm-title">${o.title}</h2>
      ${(o.body ?? []).map((p) => html`<p>${p}</p>`)}
      ${need ? html`<div class="field">
          <label for="confirm-reason">${need.label}<span class="error-text" aria-hidden="true"> *</span></label>
          <textarea id="confirm-reason" required aria-invalid=${bad ? 'true' : 'false'} aria-describedby=${bad ? 'confirm-reason-err' : nothing}
            .value=${this.reason} @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}></textarea>
          ${bad ? html`<span class="error-text" id="confirm-reason-err" role="alert">${t('vRequired', { label: need.label })}</span>` : nothing}
        </div>` : nothing}
      <div class="actions">
        <button type="button" class="secondary" data-cancel @click=${() => this.done(null)}>${o.cancelLabel ?? t('cancel')}</button>
        <button type="button" class=${o.danger ? 'danger' : ''} data-confirm @click=${() => this.confirm()}>${o.confirmLabel ?? t('confirm')}</button>
      </div>
    </dialog>`;
  }
}

/**
 * Asks the user to confirm, in a modal dialog attached to the page for the question's lifetime. Resolves with the
 * reason given (empty when none was asked) or null when the user stepped back.
 */
export async function confirmAction(options: ConfirmOptions): Promise<{ reason: string } | null> {
  const el = document.createElement('dabir-confirm');
  el.options = options;
  document.body.append(el);
  try {
    return await el.open();
  } finally {
    el.remove();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-confirm': DabirConfirm;
  }
}
