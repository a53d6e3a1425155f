/**
 * The YAML editor of a definition file (CodeMirror 6), loaded on demand: syntax highlighting, line numbers, undo
 * history, search and replace, the server's validation as lint diagnostics at line:col (underline, gutter mark,
 * message on hover, F8 to the next) and completion driven by the definition language's JSON Schema. `.diagnostics`
 * in, `doc-changed` out; `reveal(line, col)` moves the cursor.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { DefinitionError } from '../api/client.js';
import { EditorController } from '../controllers/editor-controller.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { t } from '../i18n/index.js';
import { base } from './styles.js';

@customElement('dabir-editor')
export class DabirEditor extends LitElement {
  static override styles = [base, css`
    .host { border: 1px solid var(--d-control-border, #838fa1); border-radius: 8px; overflow: hidden; direction: ltr; text-align: left; background: #fff; }
    .host:focus-within { outline: 3px solid var(--d-focus, #b45309); outline-offset: 1px; }
    .cm-editor { height: 60vh; font-size: 13.5px; }
    .cm-scroller { font-family: ui-monospace, 'Cascadia Mono', Menlo, Consolas, monospace; }
    .cm-tooltip, .cm-panels { font-family: var(--d-font, Vazirmatn, sans-serif); }
    .cm-lintRange-error { background-color: rgba(164, 22, 26, 0.1); }
    .cm-diagnostic-error { border-inline-start-color: var(--d-danger, #a4161a); }
    .cm-panels button, .cm-panels input { min-height: 0; }
    .cm-panel.cm-search label { font-weight: 400; }
    .keys { margin: 0.3rem 0 0; }
    kbd { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.9em; border: 1px solid var(--d-border, #c9d1dc); border-radius: 3px; padding: 0 0.25em; direction: ltr; unicode-bidi: isolate; }
  `];

  @property() path = '';
  @property() content = '';
  @property({ attribute: false }) diagnostics: DefinitionError[] = [];
  @property() label = '';
  @query('.host') host!: HTMLElement;

  private readonly editor = new EditorController(
    this,
    () => this.host,
    (doc) => this.dispatchEvent(new CustomEvent('doc-changed', { detail: { content: doc }, bubbles: true, composed: true })),
    () => this.label || 'YAML',
  );

  constructor() {
    super();
    new LocaleController(this);
  }

  /** Moves the cursor to a 1-based line and column and focuses the editor. */
  reveal(line: number, col: number): void {
    this.editor.reveal(line, col);
  }

  override render() {
    const key = (k: string) => html`<kbd>${k}</kbd>`;
    return html`<div class="host" data-path=${this.path}></div>
      <p class="keys small muted" id="editor-keys">${t('editorKeys', {})
        .split(/(\[[^\]]+\])/)
        .map((part) => (part.startsWith('[') ? key(part.slice(1, -1)) : part))}</p>`;
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
