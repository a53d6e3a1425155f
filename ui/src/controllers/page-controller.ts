/**
 * Loads the code of the page a route needs (pages other than login and inbox are separate chunks), and after each
 * navigation moves focus to the page's main region and sets the document title.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { route, type Route } from '../router.js';
import { onLangChange, t, type StringKey } from '../i18n/index.js';

const LOADERS: Record<string, () => Promise<unknown>> = {
  start: () => import('../components/dabir-start-case.js'),
  cases: () => import('../components/dabir-case-page.js'),
  registry: () => import('../components/dabir-registry.js'),
  admin: () => import('../components/dabir-admin.js'),
  reports: () => import('../components/dabir-reports.js'),
  account: () => import('../components/dabir-account.js'),
};

const TITLES: Record<string, StringKey> = {
  inbox: 'inbox', start: 'startCase', cases: 'cases', registry: 'registry', admin: 'admin', reports: 'reports', login: 'login', account: 'account',
};

const pathKey = (r: Route) => [r.name, ...r.parts].join('/');

export class PageController implements ReactiveController {
  private loaded = new Set<string>(['inbox', 'login']);
  private off?: () => void;
  private offLang?: () => void;
  failed?: string;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement, private readonly focusTarget: () => HTMLElement | null | undefined) {
    host.addController(this);
  }

  get route(): Route {
    return route.get();
  }

  /** True when the page's code is loaded and it can render. */
  ready(name: string): boolean {
    if (this.loaded.has(name)) return true;
    const load = LOADERS[name];
    if (!load) return true;
    load().then(
      () => {
        this.loaded.add(name);
        this.host.requestUpdate();
      },
      () => {
        this.failed = name;
        this.host.requestUpdate();
      },
    );
    return false;
  }

  hostConnected(): void {
    let last = pathKey(route.get());
    this.off = route.subscribe((r) => {
      this.host.requestUpdate();
      // Only a new page moves focus; a changed query (filters typed in a page) must leave focus where it is.
      const key = pathKey(r);
      if (key === last) return;
      last = key;
      void this.host.updateComplete.then(() => this.afterNavigate());
    });
    void this.host.updateComplete.then(() => this.setTitle());
    this.offLang = onLangChange(() => this.setTitle());
  }

  hostDisconnected(): void {
    this.off?.();
    this.offLang?.();
  }

  private setTitle(): void {
    const key = TITLES[route.get().name];
    document.title = key ? `${t(key)} — ${t('appName')}` : t('appName');
  }

  private afterNavigate(): void {
    this.setTitle();
    this.focusTarget()?.focus();
  }
}
