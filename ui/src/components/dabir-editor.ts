/**
 * The YAML editor of a definition file (CodeMirror 6), loaded on demand: syntax highlighting, line numbers, the
 * server's validation shown inline at line:col (underline, gutter mark, message on hover) and completion driven by
 * the definition language's JSON Schema. `.diagnostics` in, `doc-changed` out; `reveal(line, col)` moves the cursor.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { DefinitionError } from '../api/client.js';
import { EditorController } from '../controllers/editor-controller.js';
import { base } from './styles.js';

@customElement('dabir-editor')
export class DabirEditor extends LitElement {
  static override styles = [base, css`
    .host { border: 1px solid #8a96a8; border-radius: 8px; overflow: hidden; direction: ltr; text-align: left; background: #fff; }
    .host:focus-within { outline: 3px solid var(--d-focus, #f59e0b); outline-offset: 1px; }
    .cm-editor { height: 60vh; font-size: 13.5px; }
    .cm-scroller { font-family: ui-monospace, 'Cascadia Mono', Menlo, Consolas, monospace; }
    .cm-lint-error { text-decoration: underline wavy #c81e1e; text-underline-offset: 3px; background: rgba(200, 30, 30, 0.08); }
    .cm-lint-line { background: rgba(200, 30, 30, 0.06); }
    .cm-lint-marker { color: #c81e1e; font-weight: 700; cursor: default; padding: 0 2px; }
    .cm-tooltip { font-family: var(--d-font, Vazirmatn, sans-serif); }
  `];

  @property() path = '';
  @property() content = '';
  @property({ attribute: false }) diagnostics: DefinitionError[] = [];
  @property() label = '';
  @query('.host') host!: HTMLElement;

  private readonly editor = new EditorController(this, () => this.host, (doc) => {
    this.dispatchEvent(new CustomEvent('doc-changed', { detail: { content: doc }, bubbles: true, composed: true }));
  });

  /** Moves the cursor to a 1-based line and column and focuses the editor. */
  reveal(line: number, col: number): void {
    this.editor.reveal(line, col);
  }

  override render() {
    return html`<div class="host" data-path=${this.path} aria-label=${this.label}></div>`;
  }

  override updated(changed: Map<string, unknown>) {
    if (changed.has('path') || changed.has('content')) this.editor.load(this.path, this.content);
    if (changed.has('diagnostics')) this.editor.setDiagnostics(this.diagnostics);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-editor': DabirEditor;
  }
}
