/** Administration (placeholder until the editor lands). */
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { base } from './styles.js';

@customElement('dabir-admin')
export class DabirAdmin extends LitElement {
  static override styles = [base];
  @property() tab = 'definitions';
  @property() sub = '';
  override render() {
    return html`<h1>…</h1>`;
  }
}
