/**
 * Owns a CodeMirror 6 view for its host: creates it once the host has rendered, swaps documents, shows diagnostics
 * (marks, gutter, tooltips), runs schema completion, and destroys the view on disconnect.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { autocompletion } from '@codemirror/autocomplete';
import { yaml } from '@codemirror/lang-yaml';
import { defaultHighlightStyle, indentUnit, syntaxHighlighting } from '@codemirror/language';
import { EditorState, RangeSet, StateEffect, StateField, type Extension } from '@codemirror/state';
import {
  Decoration, EditorView, GutterMarker, drawSelection, gutter, highlightActiveLine, highlightActiveLineGutter, hoverTooltip, keymap, lineNumbers,
  type DecorationSet,
} from '@codemirror/view';
import type { DefinitionError } from '../api/client.js';
import { loadSchemas, schemaCompletion } from '../components/yaml-schema-complete.js';

interface Diag {
  from: number;
  to: number;
  line: number;
  message: string;
}

const setDiags = StateEffect.define<Diag[]>();

class ErrorMarker extends GutterMarker {
  constructor(readonly message: string) {
    super();
  }
  override toDOM() {
    const span = document.createElement('span');
    span.className = 'cm-lint-marker';
    span.textContent = '●';
    span.title = this.message;
    span.setAttribute('aria-label', this.message);
    return span;
  }
}

const diagField = StateField.define<{ list: Diag[]; marks: DecorationSet }>({
  create: () => ({ list: [], marks: Decoration.none }),
  update(value, tr) {
    for (const e of tr.effects) {
      if (e.is(setDiags)) {
        const ranges = e.value
          .flatMap((d) => [
            Decoration.line({ class: 'cm-lint-line' }).range(tr.state.doc.line(d.line).from),
            ...(d.to > d.from ? [Decoration.mark({ class: 'cm-lint-error', attributes: { title: d.message } }).range(d.from, d.to)] : []),
          ])
          .sort((a, b) => a.from - b.from);
        return { list: e.value, marks: Decoration.set(ranges, true) };
      }
    }
    return tr.docChanged ? { list: value.list, marks: value.marks.map(tr.changes) } : value;
  },
  provide: (f) => EditorView.decorations.from(f, (v) => v.marks),
});

const lintGutter = gutter({
  class: 'cm-lint-gutter',
  markers: (view) => {
    const list = view.state.field(diagField).list;
    const byLine = new Map<number, string[]>();
    for (const d of list) byLine.set(d.line, [...(byLine.get(d.line) ?? []), d.message]);
    return RangeSet.of([...byLine].sort((a, b) => a[0] - b[0]).map(([line, msgs]) => new ErrorMarker(msgs.join('\n')).range(view.state.doc.line(line).from)));
  },
});

const lintTooltip = hoverTooltip((view, pos) => {
  const line = view.state.doc.lineAt(pos).number;
  const hits = view.state.field(diagField).list.filter((d) => d.line === line);
  if (!hits.length) return null;
  return {
    pos,
    create: () => {
      const dom = document.createElement('div');
      dom.style.cssText = 'padding:4px 8px;max-width:40em;color:#5c0b0e;background:#fdecec;border:1px solid #a4161a';
      dom.textContent = hits.map((h) => h.message).join('\n');
      return { dom };
    },
  };
});

/**
 * A small undo history: snapshots of the document, one per pause in typing. (The project's dependencies lack
 * @codemirror/commands, whose history and standard keymap would replace this.)
 */
class History {
  private undoStack: { doc: string; pos: number }[] = [];
  private redoStack: { doc: string; pos: number }[] = [];
  private last = 0;

  record(before: string, pos: number): void {
    const now = Date.now();
    if (now - this.last > 600 || !this.undoStack.length) this.undoStack.push({ doc: before, pos });
    if (this.undoStack.length > 200) this.undoStack.shift();
    this.last = now;
    this.redoStack = [];
  }

  clear(): void {
    this.undoStack = [];
    this.redoStack = [];
  }

  move(view: EditorView, from: 'undo' | 'redo'): boolean {
    const [src, dst] = from === 'undo' ? [this.undoStack, this.redoStack] : [this.redoStack, this.undoStack];
    const snap = src.pop();
    if (!snap) return false;
    dst.push({ doc: view.state.doc.toString(), pos: view.state.selection.main.head });
    this.last = 0;
    this.restoring = true;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: snap.doc }, selection: { anchor: Math.min(snap.pos, snap.doc.length) }, scrollIntoView: true });
    this.restoring = false;
    return true;
  }

  restoring = false;
}

const toPos = (view: EditorView, pos: number) => {
  view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
  return true;
};

/** Editing keys: two-space indentation on Tab (Escape then Tab leaves the editor), document start/end, undo/redo. */
function editingKeys(history: History): Extension {
  return keymap.of([
    { key: 'Tab', run: (view) => (view.dispatch(view.state.replaceSelection('  ')), true) },
    { key: 'Mod-End', run: (view) => toPos(view, view.state.doc.length) },
    { key: 'Mod-Home', run: (view) => toPos(view, 0) },
    { key: 'Mod-z', run: (view) => history.move(view, 'undo') },
    { key: 'Mod-y', run: (view) => history.move(view, 'redo') },
    { key: 'Mod-Shift-z', run: (view) => history.move(view, 'redo') },
  ]);
}

export class EditorController implements ReactiveController {
  private view?: EditorView;
  private path = '';
  private pending?: { path: string; content: string };
  private diagnostics: DefinitionError[] = [];
  private readonly history = new History();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly container: () => HTMLElement | undefined,
    private readonly onChange: (doc: string) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.view?.destroy();
    this.view = undefined;
  }

  private extensions(): Extension[] {
    return [
      lineNumbers(), highlightActiveLineGutter(), lintGutter, drawSelection(), highlightActiveLine(), indentUnit.of('  '), yaml(),
      syntaxHighlighting(defaultHighlightStyle), autocompletion({ override: [schemaCompletion], activateOnTyping: true }), editingKeys(this.history),
      diagField, lintTooltip, EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': 'YAML', spellcheck: 'false' }),
      EditorView.updateListener.of((u) => {
        if (!u.docChanged) return;
        if (!this.history.restoring) this.history.record(u.startState.doc.toString(), u.startState.selection.main.head);
        this.onChange(u.state.doc.toString());
      }),
    ];
  }

  /** Shows a file (replaces the document and its history). */
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
    this.history.clear();
    const state = EditorState.create({ doc: content, extensions: this.extensions() });
    if (!this.view) this.view = new EditorView({ state, parent: el, root: this.host.shadowRoot ?? document });
    else this.view.setState(state);
    this.setDiagnostics(this.diagnostics);
  }

  hostUpdated(): void {
    if (this.pending && this.container()) {
      const p = this.pending;
      this.pending = undefined;
      this.load(p.path, p.content);
    }
  }

  setDiagnostics(list: DefinitionError[]): void {
    this.diagnostics = list;
    const view = this.view;
    if (!view) return;
    const doc = view.state.doc;
    const diags: Diag[] = list.map((e) => {
      const line = Math.min(Math.max(1, e.line || 1), doc.lines);
      const l = doc.line(line);
      const from = Math.min(l.from + Math.max(0, (e.col || 1) - 1), l.to);
      const word = /^[^\s:,\]}]+/.exec(doc.sliceString(from, l.to))?.[0] ?? '';
      return { from, to: Math.max(from + word.length, from === l.to ? from : from + 1), line, message: `${e.line}:${e.col} ${e.message}` };
    });
    view.dispatch({ effects: setDiags.of(diags) });
  }

  reveal(line: number, col: number): void {
    const view = this.view;
    if (!view) return;
    const l = view.state.doc.line(Math.min(Math.max(1, line), view.state.doc.lines));
    const pos = Math.min(l.from + Math.max(0, col - 1), l.to);
    view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
    view.focus();
  }
}
