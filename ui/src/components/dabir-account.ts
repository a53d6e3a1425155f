/**
 * The signed-in user's account (`#/account`): who they are, their roles, and changing their own password (the current
 * one, the new one twice). The server keeps the session; the new password applies from the next sign-in.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../api/client.js';
import { ActionController } from '../controllers/action-controller.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import * as defs from '../definitions.js';
import { t, tx } from '../i18n/index.js';
import { refreshSession, session } from '../session.js';
import { base } from './styles.js';
import './dabir-problem.js';

/** The server's minimum length of a password (PasswordChange.next in the API document). */
export const MIN_PASSWORD = 10;

type Field = 'current' | 'next' | 'repeat';

/** What is wrong with a password change before it is sent, per field (empty when nothing is). */
export function passwordProblems(v: Record<Field, string>): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  if (!v.current) out.current = t('vRequired', { label: t('currentPassword') });
  if (v.next.length < MIN_PASSWORD) out.next = t('passwordTooShort', { n: MIN_PASSWORD });
  else if (v.next === v.current) out.next = t('passwordSame');
  if (v.repeat !== v.next) out.repeat = t('passwordMismatch');
  return out;
}

@customElement('dabir-account')
export class DabirAccount extends LitElement {
  static override styles = [base, css`
    :host { max-width: 40rem; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0; }
    dt { color: var(--d-muted, #4a5666); }
    dd { margin: 0; }
    input { width: 100%; max-width: 24rem; }
  `];

  @state() private values: Record<Field, string> = { current: '', next: '', repeat: '' };
  @state() private showErrors = false;
  @state() private changed = false;
  private readonly action = new ActionController(this);

  constructor() {
    super();
    new LocaleController(this);
    new StoreController(this, session);
    new StoreController(this, defs.definitionsVersion);
  }

  private async submit(e: Event) {
    e.preventDefault();
    this.changed = false;
    if (Object.keys(passwordProblems(this.values)).length) {
      this.showErrors = true;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const ok = await this.action.run(async () => (await api.changePassword(this.values.current, this.values.next), true));
    if (!ok) return;
    this.values = { current: '', next: '', repeat: '' };
    this.showErrors = false;
    this.changed = true;
    // A one-time password has served: the session learns it, and the rest of the application opens.
    const s = session.get();
    if (s.status === 'signed-in' && s.user.mustChangePassword) await refreshSession();
  }

  private field(name: Field, label: string, autocomplete: string, problem: string | undefined, hint?: string) {
    const id = `pw-${name}`;
    const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-err` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${hint ? html`<span class="small muted" id=${`${id}-hint`}>${hint}</span>` : nothing}
      <input id=${id} type="password" dir="ltr" autocomplete=${autocomplete} required .value=${this.values[name]}
        aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${describedBy || nothing}
        @input=${(e: Event) => (this.values = { ...this.values, [name]: (e.target as HTMLInputElement).value })} />
      ${problem ? html`<span class="error-text" id=${`${id}-err`}>${problem}</span>` : nothing}
    </div>`;
  }

  override render() {
    const s = session.get();
    if (s.status !== 'signed-in') return nothing;
    const u = s.user;
    const problems = this.showErrors ? passwordProblems(this.values) : {};
    // A wrong current password comes back as the server's "invalid credentials": say it about the field.
    const wrongCurrent = this.action.error?.code === 'invalid-credentials';
    return html`
      <h1>${t('account')}</h1>
      <section class="card" aria-labelledby="me-h">
        <h2 id="me-h" class="sr-only">${t('account')}: <bdi>${u.name}</bdi></h2>
        <dl>
          <dt>${t('name')}</dt><dd data-name><bdi>${u.name}</bdi></dd>
          <dt>${t('username')}</dt><dd class="mono">${u.username}</dd>
          <dt>${t('roles')}</dt><dd>${u.roles.map((r) => tx(defs.roleLabel(r))).join(t('listSep'))}</dd>
        </dl>
      </section>
      <form class="card" @submit=${this.submit} novalidate aria-labelledby="pw-h">
        <h2 id="pw-h">${t('changePassword')}</h2>
        ${this.field('current', t('currentPassword'), 'current-password', problems.current ?? (wrongCurrent ? t('wrongCurrentPassword') : undefined))}
        ${this.field('next', t('newPassword'), 'new-password', problems.next, t('passwordHint', { n: MIN_PASSWORD }))}
        ${this.field('repeat', t('repeatPassword'), 'new-password', problems.repeat)}
        ${this.action.error && !wrongCurrent ? html`<dabir-problem .error=${this.action.error}></dabir-problem>` : nothing}
        <div role="status">${this.changed ? html`<p class="alert ok">${t('passwordChanged')}</p>` : nothing}</div>
        <button type="submit" ?disabled=${this.action.pending}>${this.action.pending ? t('saving') : t('changePassword')}</button>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-account': DabirAccount;
  }
}
