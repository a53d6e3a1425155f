/**
 * The unpublished edits of an editor page: drafts of several files, kept in this browser by the version they were
 * made on (drafts.ts), with the drafts of older versions offered back — and the guards that keep them: leaving the
 * page for another route asks first (the one route guard), and so does unloading the page (beforeunload).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { confirmAction } from '../components/dabir-confirm.js';
import { t } from '../i18n/index.js';
import { setLeaveGuard, type Route } from '../router.js';
import { dropDrafts, loadDrafts, otherDrafts, saveDrafts, type DraftFiles } from './drafts.js';

export class DraftsController implements ReactiveController {
  /** Path → edited content, for the current version (only files that differ from the published text). */
  files: DraftFiles = {};
  /** Drafts kept for older versions. */
  stale: { version: string; files: DraftFiles }[] = [];
  private version = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Routes that stay on the page (switching files keeps the drafts and asks nothing). */
    private readonly stays: (to: Route) => boolean,
  ) {
    host.addController(this);
  }

  private readonly beforeUnload = (e: BeforeUnloadEvent) => {
    if (!this.paths().length) return;
    e.preventDefault();
    e.returnValue = '';
  };

  hostConnected(): void {
    addEventListener('beforeunload', this.beforeUnload);
    setLeaveGuard((to) => this.mayLeave(to));
  }

  hostDisconnected(): void {
    removeEventListener('beforeunload', this.beforeUnload);
    setLeaveGuard(undefined);
  }

  private async mayLeave(to: Route): Promise<boolean> {
    const paths = this.paths();
    if (!paths.length || this.stays(to)) return true;
    const ok = await confirmAction({
      title: t('leaveTitle'),
      body: [t('leaveBody', { n: paths.length, files: paths.join(t('listSep')) })],
      confirmLabel: t('leave'),
      cancelLabel: t('stay'),
      danger: true,
    });
    return ok !== null;
  }

  /** Takes up the drafts of `version` (once per version). */
  use(version: string): void {
    if (!version || version === this.version) return;
    this.version = version;
    this.files = loadDrafts(version);
    this.stale = otherDrafts(version);
  }

  /** The version the drafts are made on. */
  get base(): string {
    return this.version;
  }

  paths(): string[] {
    return Object.keys(this.files).sort();
  }

  /** Records an edit of `path`; an edit back to the published text is no draft. */
  edit(path: string, content: string, published: string): void {
    const next = { ...this.files };
    if (content === published) delete next[path];
    else next[path] = content;
    this.put(next);
  }

  /** Forgets the draft of one file. */
  drop(path: string): void {
    const next = { ...this.files };
    delete next[path];
    this.put(next);
  }

  /** Forgets every draft of the current version (after they were published). */
  clear(): void {
    dropDrafts(this.version);
    this.files = {};
    this.host.requestUpdate();
  }

  /** Puts the drafts of older versions onto the current one (the current drafts win). */
  restoreStale(): void {
    const merged = { ...Object.assign({}, ...this.stale.map((s) => s.files)), ...this.files } as DraftFiles;
    this.dropStale();
    this.put(merged);
  }

  dropStale(): void {
    this.stale.forEach((s) => { dropDrafts(s.version); });
    this.stale = [];
    this.host.requestUpdate();
  }

  private put(next: DraftFiles): void {
    this.files = next;
    saveDrafts(this.version, next);
    this.host.requestUpdate();
  }
}
