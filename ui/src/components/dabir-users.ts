/** Users and their roles (roles from the definitions, plus the built-in administrator). */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, type Role, type UserRow } from '../api/client.js';
import { ActionController } from '../controllers/action-controller.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { ResourceController } from '../controllers/resource-controller.js';
import * as defs from '../definitions.js';
import { t, tx } from '../i18n/index.js';
import { base } from './styles.js';
import './dabir-problem.js';

@customElement('dabir-users')
export class DabirUsers extends LitElement {
  static override styles = [base, css`
    .roles { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; }
    .roles label { font-weight: 400; display: inline-flex; gap: 0.3em; align-items: center; }
    fieldset { border: 1px solid var(--d-border, #c9d1dc); border-radius: 8px; }
  `];

  @state() private draft = { username: '', name: '', password: '', roles: [] as string[] };
  private readonly users = new ResourceController<[], UserRow[]>(this, () => api.users(), () => []);
  private readonly roles = new ResourceController<[], Role[]>(this, () => defs.roles(), () => []);
  private readonly action = new ActionController(this);

  constructor() {
    super();
    new LocaleController(this);
  }

  private async create(e: Event) {
    e.preventDefault();
    const u = await this.action.run(() => api.createUser(this.draft));
    if (u) {
      this.draft = { username: '', name: '', password: '', roles: [] };
      await this.users.reload();
    }
  }

  private async patch(u: UserRow, patch: { roles?: string[]; disabled?: boolean }) {
    const r = await this.action.run(() => api.updateUser(u.id, patch));
    if (r) await this.users.reload();
  }

  private roleBoxes(selected: string[], onChange: (roles: string[]) => void, idp: string) {
    return html`<div class="roles">${(this.roles.value ?? []).map((r) => html`<label>
      <input type="checkbox" id=${`${idp}-${r.id}`} .checked=${selected.includes(r.id)}
        @change=${(e: Event) => onChange((e.target as HTMLInputElement).checked ? [...selected, r.id] : selected.filter((x) => x !== r.id))} />
      ${tx(r.label)}</label>`)}</div>`;
  }

  override render() {
    return html`
      <dabir-problem .error=${this.users.error ?? this.action.error}></dabir-problem>
      ${this.users.value ? html`<table>
        <thead><tr><th scope="col">${t('username')}</th><th scope="col">${t('name')}</th><th scope="col">${t('roles')}</th><th scope="col">${t('disabled')}</th></tr></thead>
        <tbody>${this.users.value.map((u) => html`<tr data-user=${u.username}>
          <td class="mono">${u.username}</td><td>${u.name}</td>
          <td><fieldset><legend class="sr-only">${t('roles')}: ${u.username}</legend>${this.roleBoxes(u.roles, (roles) => this.patch(u, { roles }), `u-${u.id}`)}</fieldset></td>
          <td><input type="checkbox" aria-label=${`${t('disabled')}: ${u.username}`} .checked=${u.disabled} @change=${(e: Event) => this.patch(u, { disabled: (e.target as HTMLInputElement).checked })} /></td>
        </tr>`)}</tbody></table>` : html`<p role="status">${t('loading')}</p>`}
      <form class="card" @submit=${this.create}>
        <h3>${t('addUser')}</h3>
        <div class="row">
          <div class="field"><label for="nu-username">${t('username')}</label><input id="nu-username" dir="ltr" required .value=${this.draft.username}
            @input=${(e: Event) => (this.draft = { ...this.draft, username: (e.target as HTMLInputElement).value })} /></div>
          <div class="field"><label for="nu-name">${t('name')}</label><input id="nu-name" .value=${this.draft.name}
            @input=${(e: Event) => (this.draft = { ...this.draft, name: (e.target as HTMLInputElement).value })} /></div>
          <div class="field"><label for="nu-password">${t('password')}</label><input id="nu-password" type="password" dir="ltr" required autocomplete="new-password" .value=${this.draft.password}
            @input=${(e: Event) => (this.draft = { ...this.draft, password: (e.target as HTMLInputElement).value })} /></div>
        </div>
        <fieldset><legend>${t('roles')}</legend>${this.roleBoxes(this.draft.roles, (roles) => (this.draft = { ...this.draft, roles }), 'nu')}</fieldset>
        <p><button type="submit" ?disabled=${!this.draft.username || !this.draft.password || this.action.pending}>${t('addUser')}</button></p>
      </form>
      ${nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-users': DabirUsers;
  }
}
