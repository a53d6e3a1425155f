/** Reports (placeholder). */
import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { base } from './styles.js';

@customElement('dabir-reports')
export class DabirReports extends LitElement {
  static override styles = [base];
  override render() {
    return html`<h1>…</h1>`;
  }
}
