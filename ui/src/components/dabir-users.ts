/**
 * Users and their roles (roles from the definitions, plus the built-in administrator). Changes are explicit: ticking a
 * role or «غیرفعال» stages the change on its row, «ذخیره» saves it — after a confirmation when it disables a user or
 * takes the administrator role away (and a word when it is the user's own account) — and a message says what was
 * saved. The server keeps an active administrator: its refusal is shown on the row. External roles (outside
 * authorities, who never sign in) are not offered; a party role (roles.yaml `party:`) asks which record of its entity
 * the user is, with a record picker.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { type ApiError, api, type Role, type UserRow } from '../api/client.js';
import { ActionController } from '../controllers/action-controller.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { ResourceController } from '../controllers/resource-controller.js';
import * as defs from '../definitions.js';
import { t, tx } from '../i18n/index.js';
import { currentUser } from '../session.js';
import { confirmAction } from './dabir-confirm.js';
import { base } from './styles.js';
import './dabir-problem.js';
import { ADMIN_ROLE } from '../../../engine/model.js';
import './dabir-ref-picker.js';

const ADMIN = ADMIN_ROLE;
type Draft = { roles: string[]; disabled: boolean; party: string | null };

@customElement('dabir-users')
export class DabirUsers extends LitElement {
  static override styles = [base, css`
    .roles { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; }
    .roles label { font-weight: 400; display: inline-flex; gap: 0.3em; align-items: center; }
    fieldset { border: 1px solid var(--d-border, #c9d1dc); border-radius: 8px; }
    tr.staged { background: var(--d-warn-soft, #fff4e0); }
    .save { display: flex; gap: 0.4rem; flex-wrap: wrap; }
    td dabir-problem { margin-block-start: 0.4rem; }
    .scroll { overflow-x: auto; }
  `];

  @state() private draft = { username: '', name: '', password: '', roles: [] as string[], party: undefined as string | undefined };
  /** Staged changes by user id (what the row shows until saved or discarded). */
  @state() private staged: Record<string, Draft> = {};
  @state() private saved = '';
  /** The refusal of the last save, and whose row it belongs to. */
  @state() private refused?: { id: string; error: ApiError };
  private readonly users = new ResourceController<[], UserRow[]>(this, () => api.users(), () => []);
  private readonly roles = new ResourceController<[], Role[]>(this, () => defs.roles(), () => []);
  private readonly action = new ActionController(this);

  constructor() {
    super();
    new LocaleController(this);
  }

  private async create(e: Event) {
    e.preventDefault();
    const { party, ...rest } = this.draft;
    const u = await this.action.run(() => api.createUser({ ...rest, ...(party && this.partyEntity(rest.roles) ? { party } : {}) }));
    if (u) {
      this.draft = { username: '', name: '', password: '', roles: [], party: undefined };
      this.saved = t('saved');
      await this.users.reload();
    }
  }

  private current(u: UserRow): Draft {
    return this.staged[u.id] ?? { roles: u.roles, disabled: u.disabled, party: u.party ?? null };
  }

  /** The entity of the party roles among `roles` (the record a user of them is), if any. */
  private partyEntity(roles: string[]): string | undefined {
    return (this.roles.value ?? []).find((r) => roles.includes(r.id) && r.party)?.party?.entity;
  }

  /** The record picker of a party role's user. */
  private partyPicker(roles: string[], value: string | null | undefined, onChange: (v: string | undefined) => void, idp: string) {
    const entity = this.partyEntity(roles);
    if (!entity) return nothing;
    return html`<div class="field party" data-party-field>
      <label for=${`${idp}-party`}>${t('partyRecord', { entity: tx(defs.entityLabel(entity)) })}</label>
      <dabir-ref-picker .entity=${entity} .value=${value ?? undefined} input-id=${`${idp}-party`} described-by=${`${idp}-party-help`}
        @value-changed=${(e: CustomEvent<{ value?: string }>) => { e.stopPropagation(); onChange(e.detail.value); }}></dabir-ref-picker>
      <span class="muted small" id=${`${idp}-party-help`}>${t('partyRecordHelp')}</span>
    </div>`;
  }

  private stage(u: UserRow, patch: Partial<Draft>) {
    const next = { ...this.current(u), ...patch };
    const same = next.disabled === u.disabled && next.roles.length === u.roles.length && next.roles.every((r) => u.roles.includes(r)) && (next.party ?? null) === (u.party ?? null);
    const staged = { ...this.staged };
    if (same) delete staged[u.id];
    else staged[u.id] = next;
    this.staged = staged;
    this.saved = '';
  }

  private discard(u: UserRow) {
    const staged = { ...this.staged };
    delete staged[u.id];
    this.staged = staged;
    if (this.refused?.id === u.id) this.refused = undefined;
  }

  /** Saves a row's staged change, confirming first what takes access away. */
  private async save(u: UserRow) {
    const next = this.staged[u.id];
    if (!next) return;
    const name = u.name || u.username;
    const own = currentUser()?.id === u.id ? [t('yourOwnAccount')] : [];
    if (next.disabled && !u.disabled) {
      if (!(await confirmAction({ title: t('disableTitle', { name }), body: [t('disableBody', { name }), ...own], danger: true, confirmLabel: t('save') }))) return;
    } else if (u.roles.includes(ADMIN) && !next.roles.includes(ADMIN)) {
      if (!(await confirmAction({ title: t('removeAdminTitle', { name }), body: [t('removeAdminBody', { name }), ...own], danger: true, confirmLabel: t('save') }))) return;
    }
    const patch: { roles?: string[]; disabled?: boolean; party?: string | null } = {};
    const rolesChanged = next.roles.length !== u.roles.length || next.roles.some((r) => !u.roles.includes(r));
    if (rolesChanged) patch.roles = next.roles;
    if (next.disabled !== u.disabled) patch.disabled = next.disabled;
    const party = this.partyEntity(next.roles) ? next.party ?? null : null;
    if (party !== (u.party ?? null)) patch.party = party;
    this.refused = undefined;
    const r = await this.action.run(() => api.updateUser(u.id, patch), u.id);
    if (!r) {
      if (this.action.error) this.refused = { id: u.id, error: this.action.error };
      this.action.clear();
      return;
    }
    const what = [
      ...(patch.roles ? [t('savedRoles', { roles: patch.roles.map((x) => tx(defs.roleLabel(x))).join(t('listSep')) || t('noRoles') })] : []),
      ...(patch.disabled !== undefined ? [t(patch.disabled ? 'savedDisabled' : 'savedEnabled')] : []),
      ...(patch.party ? [t('savedParty', { name: defs.refTitle(this.partyEntity(next.roles) ?? '', patch.party) ?? '' })] : []),
    ].join(t('clauseSep'));
    this.discard(u);
    this.saved = t('savedUser', { name, what });
    await this.users.reload();
  }

  private roleBoxes(selected: string[], onChange: (roles: string[]) => void, idp: string) {
    // Outside authorities never sign in: their roles are not given to users.
    return html`<div class="roles">${(this.roles.value ?? []).filter((r) => !r.external).map((r) => html`<label>
      <input type="checkbox" id=${`${idp}-${r.id}`} data-role=${r.id} .checked=${selected.includes(r.id)}
        @change=${(e: Event) => onChange((e.target as HTMLInputElement).checked ? [...selected, r.id] : selected.filter((x) => x !== r.id))} />
      ${tx(r.label)}</label>`)}</div>`;
  }

  private row(u: UserRow) {
    const d = this.current(u);
    const staged = Boolean(this.staged[u.id]);
    const busy = this.action.pending && this.action.which === u.id;
    return html`<tr data-user=${u.username} class=${staged ? 'staged' : ''}>
      <td class="mono">${u.username}</td><td>${u.name}</td>
      <td><fieldset><legend class="sr-only">${t('roles')}: ${u.username}</legend>${this.roleBoxes(d.roles, (roles) => this.stage(u, { roles }), `u-${u.id}`)}</fieldset>
        ${this.partyPicker(d.roles, d.party, (party) => this.stage(u, { party: party ?? null }), `u-${u.id}`)}</td>
      <td><input type="checkbox" data-disabled aria-label=${`${t('disabled')}: ${u.username}`} .checked=${d.disabled}
        @change=${(e: Event) => this.stage(u, { disabled: (e.target as HTMLInputElement).checked })} /></td>
      <td>
        ${staged ? html`<div class="save">
          <span class="badge warn">${t('unsaved')}</span>
          <button type="button" data-save ?disabled=${this.action.pending} @click=${() => this.save(u)}>${busy ? t('saving') : t('save')}</button>
          <button type="button" class="secondary" data-discard ?disabled=${this.action.pending} @click=${() => this.discard(u)}>${t('discardEdits')}</button>
        </div>` : nothing}
        ${this.refused?.id === u.id ? html`<dabir-problem .error=${this.refused.error}></dabir-problem>` : nothing}
      </td>
    </tr>`;
  }

  override render() {
    return html`
      <div role="status" aria-live="polite">${this.saved ? html`<p class="alert ok" data-saved>${this.saved}</p>` : nothing}</div>
      <dabir-problem .error=${this.users.error ?? this.action.error}></dabir-problem>
      ${this.users.value ? html`<div class="scroll"><table>
        <thead><tr><th scope="col">${t('username')}</th><th scope="col">${t('name')}</th><th scope="col">${t('roles')}</th><th scope="col">${t('disabled')}</th>
          <th scope="col"><span class="sr-only">${t('actions')}</span></th></tr></thead>
        <tbody>${this.users.value.map((u) => this.row(u))}</tbody></table></div>` : html`<p role="status">${t('loading')}</p>`}
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
        ${this.partyPicker(this.draft.roles, this.draft.party, (party) => (this.draft = { ...this.draft, party }), 'nu')}
        <p><button type="submit" ?disabled=${!this.draft.username || !this.draft.password || this.action.pending}>${t('addUser')}</button></p>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-users': DabirUsers;
  }
}
