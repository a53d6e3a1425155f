/**
 * Definitions: the files of the current version, one open in the YAML editor (loaded on demand). Every edit is
 * checked by the server as you type — problems appear inline at their line:col and in a list — the bundle's
 * scenarios run with it, a procedure is previewed as a diagram, and a valid change is published as a new version.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { api, type CheckResult, type DefinitionError, type Step } from '../api/client.js';
import { ActionController } from '../controllers/action-controller.js';
import { DebouncedController } from '../controllers/debounced-controller.js';
import { LazyController } from '../controllers/lazy-controller.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { ResourceController } from '../controllers/resource-controller.js';
import { clearDefinitionCache } from '../definitions.js';
import { n, t } from '../i18n/index.js';
import { href, navigate } from '../router.js';
import { base } from './styles.js';
import type { DabirEditor } from './dabir-editor.js';
import './dabir-diagram.js';
import './dabir-problem.js';

type Files = Awaited<ReturnType<typeof api.definitions>>;

/** Same file whatever prefix the server puts in front (`definitions/<province>/x.yaml` vs `<province>/x.yaml`). */
const sameFile = (a: string, b: string) => a === b || a.endsWith(`/${b}`) || b.endsWith(`/${a}`);

@customElement('dabir-definitions')
export class DabirDefinitions extends LitElement {
  static override styles = [base, css`
    .layout { display: grid; grid-template-columns: 16rem minmax(0, 1fr); gap: 1rem; align-items: start; }
    @media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
    .files { max-height: 75vh; overflow: auto; }
    .files ul { list-style: none; padding: 0; margin: 0 0 0.6rem; }
    .files a { display: block; padding: 0.15em 0.5em; border-radius: 4px; text-decoration: none; color: inherit; font-size: 0.9em; direction: ltr; text-align: start; }
    .files a[aria-current='page'] { background: var(--d-primary, #0f4c81); color: #fff; }
    .files h3 { font-size: 0.85rem; margin: 0.4rem 0 0.2rem; color: var(--d-muted, #4a5666); direction: ltr; text-align: start; }
    .problems { list-style: none; padding: 0; }
    .problems button { text-align: start; background: var(--d-danger-soft, #fdecec); color: var(--d-danger-text, #5c0b0e); border-color: var(--d-danger, #a4161a); width: 100%; justify-content: flex-start; }
    .toolbar { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; margin-block: 0.6rem; }
    .toolbar .field { margin: 0; flex: 1 1 16rem; }
  `];

  @property() path = '';
  @property() line = '';
  @state() private content?: string;
  @state() private loadedFor = '';
  @state() private message = '';
  @state() private published = '';
  @query('dabir-editor') private editor?: DabirEditor;

  private readonly files = new ResourceController<[], Files>(this, () => api.definitions(), () => []);
  private readonly file = new ResourceController<[string], { path: string; content: string }>(this, ([p]) => api.definitionFile(p), () => (this.path ? [this.path] : undefined));
  private readonly check = new DebouncedController<[string, string], CheckResult>(this, ([p, c]) => api.checkDefinition(p, c), () => (this.path && this.content !== undefined && this.loadedFor === this.path ? [this.path, this.content] : undefined));
  private readonly preview = new DebouncedController<[string], Step[]>(this, async ([c]) => {
    const { parse } = await import('yaml');
    const doc = parse(c) as { kind?: string; steps?: Step[] } | null;
    return doc?.kind === 'procedure' && Array.isArray(doc.steps) ? doc.steps.filter((s) => s && typeof s.id === 'string') : [];
  }, () => (this.content !== undefined && /^kind:\s*procedure/m.test(this.content) ? [this.content] : undefined), 500);
  private readonly action = new ActionController(this);
  /** The editor (CodeMirror) is a separate chunk, loaded when this page opens. */
  private readonly editorCode = new LazyController(this, () => import('./dabir-editor.js'));

  constructor() {
    super();
    new LocaleController(this);
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('path')) {
      this.content = undefined;
      this.loadedFor = '';
      this.published = '';
      this.check.reset();
      this.action.clear();
    }
    const f = this.file.value;
    if (f && f.path === this.path && this.loadedFor !== this.path) {
      this.content = f.content;
      this.loadedFor = this.path;
    }
  }

  override updated() {
    const line = Number(this.line);
    if (line && this.editor && this.content !== undefined && this.lineRevealed !== `${this.path}:${line}`) {
      this.lineRevealed = `${this.path}:${line}`;
      void this.editor.updateComplete.then(() => setTimeout(() => this.editor?.reveal(line, 1), 0));
    }
  }

  private lineRevealed = '';

  private diagnostics(): DefinitionError[] {
    const fromCheck = this.check.value?.errors ?? [];
    const fromPublish = this.action.error?.definitionErrors ?? [];
    return [...fromCheck, ...fromPublish].filter((e) => sameFile(e.file, this.path));
  }

  private async publish(e: Event) {
    e.preventDefault();
    if (this.content === undefined) return;
    const base = this.files.value?.version.hash;
    const v = await this.action.run(() => api.publishFile(this.path, this.content!, this.message || this.path, base));
    if (v) {
      this.published = v.hash;
      this.message = '';
      clearDefinitionCache();
      await this.files.reload();
      this.file.set({ path: this.path, content: this.content });
    }
  }

  private renderFiles() {
    const files = this.files.value?.files ?? [];
    const groups = new Map<string, string[]>();
    for (const f of files) {
      const dir = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '.';
      groups.set(dir, [...(groups.get(dir) ?? []), f.path]);
    }
    return html`<nav class="card files" aria-label=${t('definitions')}>
      ${[...groups].map(([dir, paths]) => html`<h3>${dir}</h3><ul>
        ${paths.map((p) => html`<li><a href=${href('admin', 'definitions', ...p.split('/'))} aria-current=${p === this.path ? 'page' : nothing}>${p.slice(dir.length + 1) || p}</a></li>`)}
      </ul>`)}
    </nav>`;
  }

  private renderCheck() {
    const c = this.check;
    const all = c.value?.errors ?? [];
    const mine = all.filter((e) => sameFile(e.file, this.path));
    const others = all.filter((e) => !sameFile(e.file, this.path));
    const sc = c.value?.scenarios;
    return html`<div aria-live="polite" data-check=${c.running ? 'running' : c.value ? (c.value.ok ? 'ok' : 'invalid') : 'none'}>
      ${c.running ? html`<p class="muted" role="status">${t('checking')}</p>` : nothing}
      <dabir-problem .error=${c.error}></dabir-problem>
      ${c.value && !c.running ? html`
        ${all.length ? html`<div class="alert error" role="alert"><strong>${t('invalid', { n: all.length })}</strong></div>`
          : c.value.ok ? html`<div class="alert ok" role="status">${t('valid')}</div>` : nothing}
        ${mine.length ? html`<ul class="problems">${mine.map((e) => html`<li><button type="button" data-line=${e.line} @click=${() => this.editor?.reveal(e.line, e.col)}>
          <span class="mono">${t('line', { line: e.line, col: e.col })}</span>&nbsp;— ${e.message}</button></li>`)}</ul>` : nothing}
        ${others.length ? html`<ul>${others.map((e) => html`<li class="small"><span class="mono">${e.file}:${e.line}:${e.col}</span> ${e.message}</li>`)}</ul>` : nothing}
        ${sc ? html`<p class=${sc.failed ? 'error-text' : 'muted'}>${t('scenarios')}: ${t('scenarioSummary', { passed: sc.passed, failed: sc.failed })}</p>
          ${sc.results.filter((r) => !r.passed).map((r) => html`<div class="alert warn small"><strong class="mono">${r.id}</strong> — ${r.problems.join(t('clauseSep'))}</div>`)}` : nothing}
      ` : nothing}
    </div>`;
  }

  override render() {
    const dirty = this.content !== undefined && this.file.value?.path === this.path && this.content !== this.file.value.content;
    const invalid = Boolean(this.check.value && !this.check.value.ok);
    return html`<div class="layout">
      ${this.renderFiles()}
      <section>
        <dabir-problem .error=${this.files.error ?? this.file.error}></dabir-problem>
        ${!this.path ? html`<p class="muted">${t('definitions')} — ${t('choose')}</p>` : nothing}
        ${this.path && this.content !== undefined ? html`
          <h2 class="mono">${this.path}${dirty ? html` <span class="badge warn">${t('unsaved')}</span>` : nothing}</h2>
          ${this.editorCode.ready ? html`<dabir-editor .path=${this.path} .content=${this.file.value?.content ?? ''} .diagnostics=${this.diagnostics()} label=${this.path}
              @doc-changed=${(e: CustomEvent<{ content: string }>) => (this.content = e.detail.content)}></dabir-editor>`
            : html`<p role="status">${t('loading')}</p>`}
          ${this.renderCheck()}
          <form class="toolbar" @submit=${this.publish}>
            <button type="button" class="secondary" @click=${() => this.check.now()}>${t('validate')}</button>
            <div class="field"><label for="pub-msg">${t('publishMessage')}</label>
              <input id="pub-msg" .value=${this.message} @input=${(e: Event) => (this.message = (e.target as HTMLInputElement).value)} /></div>
            <button type="submit" ?disabled=${!dirty || invalid || this.action.pending}>${this.action.pending ? t('saving') : t('publish')}</button>
          </form>
          <dabir-problem .error=${this.action.error}></dabir-problem>
          ${this.published ? html`<div class="alert ok" role="status">${t('published')} <span class="mono">${this.published.slice(0, 12)}</span>
            — <a href=${href('admin', 'history')}>${t('history')}</a></div>` : nothing}
          ${this.preview.value?.length ? html`<section class="card"><h3>${t('preview')}</h3>
            <dabir-diagram .steps=${this.preview.value} .version=${(this.content ?? '').length}></dabir-diagram></section>` : nothing}
        ` : this.path ? html`<p role="status">${t('loading')}</p>` : nothing}
      </section>
    </div>`;
  }
}

/** Opens a file at a line: `#/admin/definitions/<path>?line=N`. */
export const openDefinition = (path: string, line?: number) => navigate(href('admin', 'definitions', ...path.split('/'), { line: line ? String(line) : undefined }));

declare global {
  interface HTMLElementTagNameMap {
    'dabir-definitions': DabirDefinitions;
  }
}
