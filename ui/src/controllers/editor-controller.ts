/**
 * Owns a CodeMirror 6 view for its host: creates it once the host has rendered, swaps documents, and destroys it on
 * disconnect. The editing is CodeMirror's own: undo history and the standard keymap (@codemirror/commands), search
 * and replace (@codemirror/search), the server's validation as lint diagnostics at their line:col — underline, gutter
 * mark, message on hover, the diagnostics panel, F8 to the next one (@codemirror/lint) — and completion driven by the
 * definition language's JSON Schema. CodeMirror's own words follow the UI's language.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { autocompletion, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, defaultHighlightStyle, indentOnInput, indentUnit, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import type { DefinitionError } from '../api/client.js';
import { loadSchemas, schemaCompletion } from '../components/yaml-schema-complete.js';
import { EDITOR_PHRASES_FA } from '../i18n/editor-phrases.js';
import { getLang, onLangChange, type Lang } from '../i18n/index.js';

const phrases = (lang: Lang) => EditorState.phrases.of(lang === 'fa' ? EDITOR_PHRASES_FA : {});

/** A definition error (1-based line and column) as a lint diagnostic over the word it points at. */
export function toDiagnostic(doc: EditorState['doc'], e: DefinitionError): Diagnostic {
  const line = doc.line(Math.min(Math.max(1, e.line || 1), doc.lines));
  const from = Math.min(line.from + Math.max(0, (e.col || 1) - 1), line.to);
  const word = /^[^\s:,\]}]+/.exec(doc.sliceString(from, line.to))?.[0] ?? '';
  const to = word ? from + word.length : Math.min(from + 1, line.to);
  // Persian first, the English beneath (the loader writes both).
  const message = getLang() === 'fa' && e.message_fa ? `${e.message_fa}\n${e.message}` : e.message;
  return { from, to, severity: 'error', source: `${e.line}:${e.col}`, message };
}

export class EditorController implements ReactiveController {
  private view?: EditorView;
  private path = '';
  private pending?: { path: string; content: string };
  private diagnostics: DefinitionError[] = [];
  /** The diagnostics last shown (as JSON), so re-renders with the same list leave CodeMirror's mapped marks alone. */
  private shown = '';
  private readonly language = new Compartment();
  private readonly label = new Compartment();
  private offLang?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly container: () => HTMLElement | undefined,
    private readonly onChange: (doc: string) => void,
    private readonly accessibleName: () => string,
    /** The id of the element (in the host's shadow root) that explains the editor's keys. */
    private readonly describedBy = 'editor-keys',
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.offLang = onLangChange((lang) => this.view?.dispatch({ effects: [this.language.reconfigure(phrases(lang)), this.label.reconfigure(this.labelAttrs())] }));
  }

  hostDisconnected(): void {
    this.offLang?.();
    this.view?.destroy();
    this.view = undefined;
    this.shown = '';
  }

  private labelAttrs(): Extension {
    return EditorView.contentAttributes.of({ 'aria-label': this.accessibleName(), 'aria-describedby': this.describedBy, spellcheck: 'false' });
  }

  private extensions(): Extension[] {
    return [
      lineNumbers(), highlightActiveLineGutter(), lintGutter(), history(), drawSelection(), indentOnInput(), bracketMatching(),
      highlightActiveLine(), highlightSelectionMatches(), indentUnit.of('  '), EditorState.tabSize.of(2), yaml(),
      syntaxHighlighting(defaultHighlightStyle), search({ top: true }),
      autocompletion({ override: [schemaCompletion], activateOnTyping: true }),
      // Tab indents; Escape then Tab leaves the editor (CodeMirror's tab-focus mode), so the keyboard is never trapped.
      keymap.of([...completionKeymap, ...searchKeymap, ...historyKeymap, ...lintKeymap, ...defaultKeymap, indentWithTab]),
      this.language.of(phrases(getLang())), this.label.of(this.labelAttrs()), EditorView.lineWrapping,
      EditorView.updateListener.of((u) => {
        if (u.docChanged) this.onChange(u.state.doc.toString());
      }),
    ];
  }

  /** Shows a file (a new file gets a new document and a fresh history; the same content again changes nothing). */
  load(path: string, content: string): void {
    const el = this.container();
    if (!el) {
      this.pending = { path, content };
      return;
    }
    const kind = /^kind:\s*([\w-]+)/m.exec(content)?.[1];
    if (kind) void loadSchemas(kind);
    if (this.view && this.path === path && this.view.state.doc.toString() === content) return;
    this.path = path;
    const state = EditorState.create({ doc: content, extensions: this.extensions() });
    if (!this.view) this.view = new EditorView({ state, parent: el, root: this.host.shadowRoot ?? document });
    else this.view.setState(state);
    this.shown = '';
    this.setDiagnostics(this.diagnostics);
  }

  hostUpdated(): void {
    if (this.pending && this.container()) {
      const p = this.pending;
      this.pending = undefined;
      this.load(p.path, p.content);
    }
  }

  /** Shows the server's problems as lint diagnostics; CodeMirror maps them through later edits until the next list. */
  setDiagnostics(list: DefinitionError[]): void {
    this.diagnostics = list;
    const view = this.view;
    const key = JSON.stringify(list);
    if (!view || key === this.shown) return;
    this.shown = key;
    view.dispatch(setDiagnostics(view.state, list.map((e) => toDiagnostic(view.state.doc, e))));
  }

  /** Moves the cursor to a 1-based line and column, scrolls it to the middle and focuses the editor. */
  reveal(line: number, col: number): void {
    const view = this.view;
    if (!view) return;
    const l = view.state.doc.line(Math.min(Math.max(1, line), view.state.doc.lines));
    const pos = Math.min(l.from + Math.max(0, col - 1), l.to);
    view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
    view.focus();
  }
}
