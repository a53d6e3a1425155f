/**
 * The application shell: header with navigation (by the user's roles), language switch and sign-out; the page of the
 * current route below. Pages other than sign-in and the inbox load on demand.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query } from 'lit/decorators.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { PageController } from '../controllers/page-controller.js';
import { SessionController } from '../controllers/session-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import * as defs from '../definitions.js';
import { getLang, setLang, t, tx } from '../i18n/index.js';
import { href, navigate } from '../router.js';
import { signOut } from '../session.js';
import { base } from './styles.js';
import './dabir-login.js';
import './dabir-inbox.js';
import { ADMIN_ROLE } from '../../../engine/model.js';

@customElement('dabir-app')
export class DabirApp extends LitElement {
  static override styles = [base, css`
    :host { min-height: 100vh; display: flex; flex-direction: column; }
    header { background: var(--d-primary, #0f4c81); color: #fff; }
    .bar { display: flex; align-items: center; gap: 1rem; padding: 0.4rem 1.2rem; flex-wrap: wrap; max-width: 1400px; margin: 0 auto; }
    .brand { font-weight: 800; font-size: 1.3rem; color: #fff; text-decoration: none; }
    .tag { font-size: 0.85rem; opacity: 0.9; }
    nav ul { display: flex; gap: 0.2rem; list-style: none; margin: 0; padding: 0; flex-wrap: wrap; }
    nav a { color: #fff; text-decoration: none; padding: 0.35em 0.8em; border-radius: 6px; display: inline-block; }
    nav a[aria-current='page'] { background: rgba(255, 255, 255, 0.2); font-weight: 700; }
    nav a:hover { background: rgba(255, 255, 255, 0.12); }
    :focus-visible { outline-color: var(--d-header-focus, #ffd166); }
    .spacer { flex: 1; }
    .user { font-size: 0.9rem; color: #fff; padding: 0.2em 0.5em; border-radius: 6px; }
    .user[aria-current='page'] { background: rgba(255, 255, 255, 0.2); }
    header button { background: transparent; border-color: rgba(255, 255, 255, 0.7); color: #fff; min-height: 2.1em; padding: 0.2em 0.8em; }
    main { flex: 1; width: 100%; max-width: 1400px; margin: 0 auto; padding: 1.2rem; }
    main:focus { outline: none; }
    .skip { position: absolute; inset-inline-start: -9999px; top: 0; background: #fff; color: var(--d-primary, #0f4c81); padding: 0.5em 1em; z-index: 10; }
    .skip:focus { inset-inline-start: 0.5rem; }
    footer { text-align: center; padding: 0.8rem; font-size: 0.8rem; color: var(--d-muted, #4a5666); }
    /* A phone: the page's side padding halved, the menu's links tall enough to touch. */
    @media (max-width: 720px) {
      main { padding: 0.8rem 0.6rem; }
      .bar { padding: 0.4rem 0.6rem; gap: 0.5rem; }
      nav a, header button, .user { min-height: 2.75rem; display: inline-flex; align-items: center; }
    }
  `];

  @query('main') private main!: HTMLElement;
  private readonly session = new SessionController(this);
  private readonly pages = new PageController(this, () => this.main);

  constructor() {
    super();
    new LocaleController(this);
    new StoreController(this, defs.definitionsVersion);
  }

  private navItems() {
    const s = this.session.value;
    if (s.status !== 'signed-in' || s.user.mustChangePassword) return [];
    const admin = s.user.roles.includes(ADMIN_ROLE);
    // A party (every role a party role) has its own cases only: no registry, no reports (shown once the roles are known).
    const party = defs.partyOnly(s.user.roles) !== false;
    const items: { name: string; label: string }[] = [
      { name: 'inbox', label: t('inbox') },
      { name: 'start', label: t('startCase') },
      { name: 'cases', label: t('cases') },
      ...(party ? [] : [{ name: 'registry', label: t('registry') }, { name: 'reports', label: t('reports') }]),
    ];
    if (admin) items.push({ name: 'admin', label: t('admin') });
    return items;
  }

  private skip(e: Event) {
    e.preventDefault();
    this.main.focus();
  }

  private async onSignOut() {
    await signOut();
    navigate(href('login'));
  }

  private renderPage() {
    const s = this.session.value;
    const r = this.pages.route;
    if (s.status === 'unknown') return html`<p role="status">${t('loading')}</p>`;
    if (s.status === 'anonymous' || r.name === 'login') {
      return html`<dabir-login .expired=${s.status === 'anonymous' && Boolean(s.expired)} .signedIn=${s.status === 'signed-in'}></dabir-login>`;
    }
    // Signed in with a one-time password: setting a new one comes before anything else (the server refuses the rest).
    if (s.user.mustChangePassword) {
      if (!this.pages.ready('account')) return html`<p role="status">${t('loading')}</p>`;
      return html`<div class="alert warn" role="alert" data-must-change>${t('mustChangePassword')}</div><dabir-account></dabir-account>`;
    }
    if (this.pages.failed === r.name) return html`<div class="alert error" role="alert">${t('networkError')}</div>`;
    if (!this.pages.ready(r.name)) return html`<p role="status">${t('loading')}</p>`;
    switch (r.name) {
      case 'inbox':
        return html`<dabir-inbox .query=${r.query}></dabir-inbox>`;
      case 'start':
        return html`<dabir-start-case .procedureId=${r.query.procedure ?? ''} .subjectId=${r.query.subject ?? ''}></dabir-start-case>`;
      case 'cases':
        return r.parts[0]
          ? html`<dabir-case .caseId=${r.parts[0]} .focusTask=${r.query.task ?? ''}></dabir-case>`
          : html`<dabir-case-list .query=${r.query}></dabir-case-list>`;
      case 'registry':
        return r.parts[1]
          ? html`<dabir-record-page .entity=${r.parts[0]} .recordId=${r.parts[1]}></dabir-record-page>`
          : html`<dabir-registry .entity=${r.parts[0] ?? ''} .query=${r.query}></dabir-registry>`;
      case 'admin':
        return html`<dabir-admin .tab=${r.parts[0] ?? 'definitions'} .sub=${r.parts.slice(1).join('/')} .query=${r.query}></dabir-admin>`;
      case 'reports':
        return html`<dabir-reports></dabir-reports>`;
      case 'account':
        return html`<dabir-account></dabir-account>`;
      default:
        return html`<h1>${t('notFound')}</h1><p><a href=${href('inbox')}>${t('inbox')}</a></p>`;
    }
  }

  override render() {
    const s = this.session.value;
    const current = this.pages.route.name;
    const lang = getLang();
    return html`
      <a class="skip" href="#main" @click=${this.skip}>${t('skip')}</a>
      <header>
        <div class="bar">
          <a class="brand" href=${href('inbox')}>${t('appName')}</a>
          <span class="tag">${s.status === 'signed-in' && defs.bundleName() ? tx(defs.bundleName()) : t('appTagline')}</span>
          ${s.status === 'signed-in'
            ? html`<nav aria-label=${t('nav')}><ul>
                ${this.navItems().map((i) => html`<li><a href=${href(i.name)} aria-current=${current === i.name ? 'page' : nothing}>${i.label}</a></li>`)}
              </ul></nav>`
            : nothing}
          <span class="spacer"></span>
          <button type="button" lang=${lang === 'fa' ? 'en' : 'fa'} aria-label=${t('languageLabel')} @click=${() => setLang(lang === 'fa' ? 'en' : 'fa')}>${t('language')}</button>
          ${s.status === 'signed-in'
            ? html`<a class="user" data-user=${s.user.username} href=${href('account')} aria-current=${current === 'account' ? 'page' : nothing}
                  aria-label=${t('accountOf', { name: s.user.name })}>${s.user.name}</a>
                <button type="button" @click=${this.onSignOut}>${t('logout')}</button>`
            : nothing}
        </div>
      </header>
      <main id="main" tabindex="-1">${this.renderPage()}</main>
      <footer>${t('appName')} — ${t('appTagline')}</footer>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-app': DabirApp;
  }
}
