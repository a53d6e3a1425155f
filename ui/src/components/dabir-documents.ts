/** A case's documents: the list with download links, and an upload control (PDF and images, as the server accepts). */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type DocumentMeta } from '../api/client.js';
import { ActionController } from '../controllers/action-controller.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { date, t } from '../i18n/index.js';
import { base } from './styles.js';
import { isWithheld, withheldMark } from './withheld.js';
import './dabir-problem.js';

@customElement('dabir-documents')
export class DabirDocuments extends LitElement {
  static override styles = [base, css`ul { padding-inline-start: 1.2em; } .up { display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: center; }`];

  @property() caseId = '';
  @property({ attribute: false }) documents: DocumentMeta[] = [];
  @property({ type: Boolean }) canUpload = false;
  @state() private file?: File;
  private readonly action = new ActionController(this);

  constructor() {
    super();
    new LocaleController(this);
  }

  private async upload(e: Event) {
    e.preventDefault();
    const file = this.file;
    if (!file) return;
    const doc = await this.action.run(() => api.upload(this.caseId, file));
    if (doc) {
      this.file = undefined;
      const input = this.renderRoot.querySelector<HTMLInputElement>('input[type=file]');
      if (input) input.value = '';
      this.dispatchEvent(new CustomEvent('case-changed', { detail: {}, bubbles: true, composed: true }));
    }
  }

  override render() {
    return html`
      ${this.documents.length
        ? html`<ul>${this.documents.map((doc) => html`<li data-document=${doc.id}>
            ${isWithheld(doc.name) ? withheldMark(doc.name) : html`<a href=${api.documentUrl(doc.id)} download=${doc.name}><bdi>${doc.name}</bdi></a>`}
            <span class="muted small">— ${t('kb', { n: Math.ceil(doc.size / 1024) })} · ${date(doc.uploadedAt, { time: true })} · <span class="mono" title=${doc.sha256}>${doc.sha256.slice(0, 10)}</span></span>
          </li>`)}</ul>`
        : html`<p class="muted">${t('noDocuments')}</p>`}
      ${this.canUpload ? html`<form class="up" @submit=${this.upload}>
          <span class="file"><input id="doc-file" type="file" accept="application/pdf,image/png,image/jpeg,image/tiff,image/webp" aria-label=${t('chooseFile')}
            @change=${(e: Event) => (this.file = (e.target as HTMLInputElement).files?.[0])} />
            <label for="doc-file" class="btn secondary">${this.file ? t('chooseAnother') : t('chooseFile')}</label>
            <span class="name">${this.file?.name ?? t('noFileChosen')}</span></span>
          <button type="submit" ?disabled=${!this.file || this.action.pending}>${this.action.pending ? t('saving') : t('upload')}</button>
        </form>` : nothing}
      <dabir-problem .error=${this.action.error}></dabir-problem>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-documents': DabirDocuments;
  }
}
