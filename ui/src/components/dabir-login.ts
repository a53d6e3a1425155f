/** The sign-in page. */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ActionController } from '../controllers/action-controller.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { t } from '../i18n/index.js';
import { href, navigate, route } from '../router.js';
import { signIn } from '../session.js';
import { base } from './styles.js';
import './dabir-problem.js';

@customElement('dabir-login')
export class DabirLogin extends LitElement {
  static override styles = [base, css`
    :host { max-width: 26rem; margin: 3rem auto; }
    input { width: 100%; }
    button[type='submit'] { width: 100%; margin-block-start: 0.5rem; }
  `];

  @property({ type: Boolean }) expired = false;
  @property({ type: Boolean }) signedIn = false;
  @state() private username = '';
  @state() private password = '';
  private readonly action = new ActionController(this);

  constructor() {
    super();
    new LocaleController(this);
  }

  private async submit(e: Event) {
    e.preventDefault();
    // Another user than the one whose session ended goes to their own inbox (before the page renders as theirs); so
    // does anyone signing in from the sign-in page. The same user whose session ended stays where they were.
    const home = () => navigate(href('inbox'), true);
    const user = await this.action.run(() => signIn(this.username.trim(), this.password, home));
    if (user && route.get().name === 'login') home();
  }

  override render() {
    return html`
      <form class="card" @submit=${this.submit} aria-labelledby="login-title" novalidate>
        <h1 id="login-title">${t('loginTitle')}</h1>
        ${this.expired ? html`<div class="alert warn" role="status">${t('sessionExpired')}</div>` : nothing}
        <dabir-problem .error=${this.action.error}></dabir-problem>
        <div class="field">
          <label for="username">${t('username')}</label>
          <input id="username" name="username" autocomplete="username" required dir="ltr"
            .value=${this.username} @input=${(e: Event) => (this.username = (e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="password">${t('password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required dir="ltr"
            .value=${this.password} @input=${(e: Event) => (this.password = (e.target as HTMLInputElement).value)} />
        </div>
        <button type="submit" ?disabled=${this.action.pending || !this.username || !this.password}>
          ${this.action.pending ? t('loading') : t('login')}
        </button>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-login': DabirLogin;
  }
}
