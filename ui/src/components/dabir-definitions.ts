/**
 * Definitions: the files of the current version, one open in the YAML editor (loaded on demand). Edits are drafts —
 * of as many files as needed: an edited file is marked in the list, switching files keeps its draft, and drafts
 * survive a reload (kept in this browser by the version they were made on). Every change is checked by the server as
 * you type, all drafts together — problems inline at their line:col and listed in Persian with the English — the
 * bundle's scenarios run with it, a procedure is previewed as a diagram, and the drafts are published together as one
 * change set. Leaving the editor (or the page) with unpublished drafts asks first.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { api, type CheckResult, type DefinitionError, type FileChange, type Step } from '../api/client.js';
import { ActionController } from '../controllers/action-controller.js';
import { DebouncedController } from '../controllers/debounced-controller.js';
import { DraftsController } from '../controllers/drafts-controller.js';
import { LazyController } from '../controllers/lazy-controller.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { ResourceController } from '../controllers/resource-controller.js';
import { clearDefinitionCache } from '../definitions.js';
import { d, getLang, t } from '../i18n/index.js';
import { href, navigate } from '../router.js';
import { confirmAction } from './dabir-confirm.js';
import { base } from './styles.js';
import type { DabirEditor } from './dabir-editor.js';
import './dabir-diagram.js';
import './dabir-problem.js';
import './dabir-scenario-results.js';
import './dabir-registry-sync.js';

type Files = Awaited<ReturnType<typeof api.definitions>>;

/** Same file whatever prefix the server puts in front (`definitions/<province>/x.yaml` vs `<province>/x.yaml`). */
const sameFile = (a: string, b: string) => a === b || a.endsWith(`/${b}`) || b.endsWith(`/${a}`);

@customElement('dabir-definitions')
export class DabirDefinitions extends LitElement {
  static override styles = [base, css`
    .layout { display: grid; grid-template-columns: 16rem minmax(0, 1fr); gap: 1rem; align-items: start; }
    @media (max-width: 900px) { .layout { grid-template-columns: minmax(0, 1fr); } }
    .files { max-height: 75vh; overflow: auto; }
    .files ul { list-style: none; padding: 0; margin: 0 0 0.6rem; }
    .files a { display: flex; gap: 0.4em; align-items: center; justify-content: space-between; padding: 0.15em 0.5em; border-radius: 4px; text-decoration: none; color: inherit; font-size: 0.9em; }
    .files a .name { direction: ltr; unicode-bidi: isolate; overflow-wrap: anywhere; }
    .files a[aria-current='page'] { background: var(--d-primary, #0f4c81); color: #fff; }
    .files h3 { font-size: 0.85rem; margin: 0.4rem 0 0.2rem; color: var(--d-muted, #4a5666); direction: ltr; text-align: start; }
    .problems { list-style: none; padding: 0; }
    .problems button { text-align: start; background: var(--d-danger-soft, #fdecec); color: var(--d-danger-text, #5c0b0e); border-color: var(--d-danger, #a4161a); width: 100%; justify-content: flex-start; flex-wrap: wrap; }
    .toolbar { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; margin-block: 0.6rem; }
    .toolbar .field { margin: 0; flex: 1 1 16rem; }
    h2.file { overflow-wrap: anywhere; }
    .en { direction: ltr; unicode-bidi: isolate; font-size: 0.88em; opacity: 0.85; }
  `];

  @property() path = '';
  @property() line = '';
  @state() private message = '';
  @state() private published = '';
  @query('dabir-editor') private editor?: DabirEditor;
  /** Switching files inside the editor keeps the drafts; leaving it with drafts asks first. */
  private readonly drafts = new DraftsController(this, (to) => to.name === 'admin' && (to.parts[0] ?? 'definitions') === 'definitions');

  private readonly files = new ResourceController<[], Files>(this, () => api.definitions(), () => []);
  private readonly file = new ResourceController<[string], { path: string; content: string }>(this, ([p]) => api.definitionFile(p), () => (this.path ? [this.path] : undefined));
  private readonly check = new DebouncedController<[FileChange[]], CheckResult>(this, ([files]) => api.checkChanges(files), () => this.changeSet());
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

  private draftPaths(): string[] {
    return this.drafts.paths();
  }

  /** The open file's text: its draft, or the published text. */
  private get content(): string | undefined {
    if (!this.path) return undefined;
    if (this.path in this.drafts.files) return this.drafts.files[this.path];
    const f = this.file.value;
    return f && f.path === this.path ? f.content : undefined;
  }

  /** What the server checks: every draft; with none, the open file as published (the scenarios as they stand). */
  private changeSet(): [FileChange[]] | undefined {
    const paths = this.draftPaths();
    if (paths.length) return [paths.map((p) => ({ path: p, content: this.drafts.files[p] }))];
    const c = this.content;
    return c === undefined ? undefined : [[{ path: this.path, content: c }]];
  }

  override willUpdate(changed: Map<string, unknown>) {
    this.drafts.use(this.files.value?.version.hash ?? '');
    if (changed.has('path')) {
      this.published = '';
      this.action.clear();
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

  private edit(content: string) {
    const f = this.file.value;
    if (f && f.path === this.path) this.drafts.edit(this.path, content, f.content);
  }

  private async discard() {
    const ok = await confirmAction({ title: t('discardTitle', { path: this.path }), body: [t('discardBody')], confirmLabel: t('discard'), danger: true });
    if (ok) this.drafts.drop(this.path);
  }

  private diagnostics(): DefinitionError[] {
    const fromCheck = this.check.value?.errors ?? [];
    const fromPublish = this.action.error?.definitionErrors ?? [];
    return [...fromCheck, ...fromPublish].filter((e) => sameFile(e.file, this.path));
  }

  /** What the publish does to the live registry, in one sentence (none when it does nothing there). */
  private syncLine(): string[] {
    const r = this.check.value?.registry;
    if (!r || !(r.adds.length + r.changes.length + r.removals.length)) return [];
    return [t('syncSummary', { adds: r.adds.length, changes: r.changes.length, removals: r.removals.length })];
  }

  private async publish(e: Event) {
    e.preventDefault();
    const paths = this.draftPaths();
    if (!paths.length) return;
    const ok = await confirmAction({
      title: t('publishChangesTitle', { n: paths.length }),
      body: [t('publishChangesBody', { files: paths.join(t('listSep')) }), ...this.syncLine()],
      confirmLabel: t('publish'),
    });
    if (!ok) return;
    const files = paths.map((p) => ({ path: p, content: this.drafts.files[p] }));
    const v = await this.action.run(() => api.publishChanges(files, this.message || paths.join(', '), this.drafts.base));
    if (!v) return;
    this.drafts.clear();
    this.published = v.hash;
    this.message = '';
    clearDefinitionCache();
    this.check.reset();
    await this.files.reload();
    await this.file.reload();
  }

  private said(e: DefinitionError) {
    return getLang() === 'en' || !e.message_fa ? e.message : html`${e.message_fa} <span class="en">— ${e.message}</span>`;
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
        ${paths.map((p) => html`<li><a href=${href('admin', 'definitions', ...p.split('/'))} aria-current=${p === this.path ? 'page' : nothing} data-file=${p} data-edited=${p in this.drafts.files ? 'true' : 'false'}>
          <span class="name">${p.slice(dir.length + 1) || p}</span>${p in this.drafts.files ? html`<span class="badge warn">${t('edited')}</span>` : nothing}</a></li>`)}
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
          <span class="mono">${t('line', { line: e.line, col: e.col })}</span>&nbsp;— ${this.said(e)}</button></li>`)}</ul>` : nothing}
        ${others.length ? html`<ul>${others.map((e) => html`<li class="small"><a class="mono" href=${href('admin', 'definitions', ...e.file.replace(/^definitions\//, '').split('/'), { line: String(e.line) })}>${e.file}:${d(e.line)}:${d(e.col)}</a> ${this.said(e)}</li>`)}</ul>` : nothing}
        ${sc ? html`<p class=${sc.failed ? 'error-text' : 'muted'}>${t('scenarios')}: ${t('scenarioSummary', { passed: sc.passed, failed: sc.failed })}</p>
          <dabir-scenario-results .results=${sc.results}></dabir-scenario-results>` : nothing}
        <dabir-registry-sync .sync=${c.value.registry}></dabir-registry-sync>
      ` : nothing}
    </div>`;
  }

  private renderDrafts() {
    const paths = this.draftPaths();
    const stale = this.drafts.stale;
    const stalePaths = [...new Set(stale.flatMap((s) => Object.keys(s.files)))];
    return html`
      ${stale.length ? html`<div class="alert warn" role="status" data-stale-drafts>
        ${t('oldDrafts', { n: stalePaths.length, files: stalePaths.join(t('listSep')) })}
        <div class="toolbar"><button type="button" class="secondary" @click=${() => this.drafts.restoreStale()}>${t('restoreDrafts')}</button>
          <button type="button" class="secondary" @click=${() => this.drafts.dropStale()}>${t('discardDrafts')}</button></div></div>` : nothing}
      ${paths.length ? html`<p class="alert warn small" data-drafts>${t('draftsIn', { n: paths.length })}:
        ${paths.map((p, i) => html`${i ? t('listSep') : ''}<a class="mono" href=${href('admin', 'definitions', ...p.split('/'))}>${p}</a>`)}</p>` : nothing}`;
  }

  override render() {
    const content = this.content;
    const paths = this.draftPaths();
    const dirty = this.path in this.drafts.files;
    const invalid = Boolean(this.check.value && !this.check.value.ok);
    return html`${this.renderDrafts()}<div class="layout">
      ${this.renderFiles()}
      <section>
        <dabir-problem .error=${this.files.error ?? this.file.error}></dabir-problem>
        ${!this.path ? html`<p class="muted">${t('definitions')} — ${t('choose')}</p>` : nothing}
        ${this.path && content !== undefined ? html`
          <h2 class="mono file">${this.path}${dirty ? html` <span class="badge warn">${t('unsaved')}</span>` : nothing}</h2>
          ${this.editorCode.ready ? html`<dabir-editor .path=${this.path} .content=${content} .diagnostics=${this.diagnostics()} label=${this.path}
              @doc-changed=${(e: CustomEvent<{ content: string }>) => this.edit(e.detail.content)}></dabir-editor>`
            : html`<p role="status">${t('loading')}</p>`}
          <form class="toolbar" @submit=${this.publish}>
            <button type="button" class="secondary" @click=${() => this.check.now()}>${t('validate')}</button>
            ${dirty ? html`<button type="button" class="secondary" data-discard @click=${() => this.discard()}>${t('discardFile')}</button>` : nothing}
            <div class="field"><label for="pub-msg">${t('publishMessage')}</label>
              <input id="pub-msg" .value=${this.message} @input=${(e: Event) => (this.message = (e.target as HTMLInputElement).value)} /></div>
            <button type="submit" ?disabled=${!paths.length || invalid || this.action.pending}>${this.action.pending ? t('saving') : t('publishAll', { n: paths.length })}</button>
          </form>
          ${this.renderCheck()}
          ${this.action.error ? html`<div data-publish-error><p class="error-text"><strong>${t('publishFailed')}</strong></p>
            <dabir-problem .error=${this.action.error}></dabir-problem></div>` : nothing}
          ${this.published ? html`<div class="alert ok" role="status">${t('published')} <span class="mono">${this.published.slice(0, 12)}</span>
            — <a href=${href('admin', 'history')}>${t('history')}</a></div>` : nothing}
          ${this.preview.value?.length ? html`<section class="card"><h3>${t('preview')}</h3>
            <dabir-diagram .steps=${this.preview.value} .version=${(content ?? '').length}></dabir-diagram></section>` : nothing}
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
