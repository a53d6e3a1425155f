/**
 * Accessibility checks without axe: a walk of a page by the Tab key (does focus reach every interactive element, and
 * is it visible where it lands), the accessible name of every control as Chromium computes it (its accessibility
 * tree, over CDP), labels of inputs, titles of images and SVGs — and WCAG contrast ratios of the UI's colours.
 * Everything is found through shadow roots.
 */
import type { Page } from 'playwright-core';

/** What one element is, for messages: tag, id, classes, name, a bit of text. */
export interface Described {
  id: number;
  what: string;
}

export interface TabWalk {
  /** The interactive elements on the page (one per radio group), in document order. */
  expected: Described[];
  /** The ones focus never reached. */
  unreached: Described[];
  /** Elements that had focus without a visible focus indicator. */
  invisibleFocus: Described[];
  /** How many Tab presses the walk took. */
  presses: number;
}

/**
 * Installs helpers on the page (`window.__a11y`): a deep walk over shadow roots, element ids kept in a WeakMap (the
 * DOM is not touched), the deep active element, and whether an element shows focus.
 */
async function install(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __a11y?: unknown };
    if (w.__a11y) return;
    const ids = new WeakMap<Element, number>();
    let next = 1;
    const idOf = (el: Element) => {
      if (!ids.has(el)) ids.set(el, next++);
      return ids.get(el)!;
    };
    function* all(root: Document | ShadowRoot | Element): Generator<Element> {
      for (const el of root.querySelectorAll('*')) {
        yield el;
        if (el.shadowRoot) yield* all(el.shadowRoot);
      }
    }
    const describe = (el: Element): string => {
      const attrs = ['id', 'name', 'type', 'href', 'aria-label', 'data-edit', 'data-outcome'].map((a) => (el.getAttribute(a) ? `${a}=${el.getAttribute(a)!.slice(0, 40)}` : '')).filter(Boolean);
      const host = (el.getRootNode() as ShadowRoot).host?.tagName.toLowerCase() ?? 'document';
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
      return `<${el.tagName.toLowerCase()}${attrs.length ? ` ${attrs.join(' ')}` : ''}${el.className && typeof el.className === 'string' ? ` .${el.className.split(/\s+/).join('.')}` : ''}> "${text}" in ${host}`;
    };
    /** Inside a closed <details> (other than its summary), or hidden by CSS or `hidden`. */
    const rendered = (el: Element): boolean => {
      if (!(el as HTMLElement).checkVisibility?.({ visibilityProperty: true, opacityProperty: false })) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    };
    const tabbable = (el: Element): boolean => {
      const h = el as HTMLElement;
      if (h.matches(':disabled') || h.closest('[inert]')) return false;
      const tabindex = h.getAttribute('tabindex');
      if (tabindex !== null && Number(tabindex) < 0) return false;
      const focusable = h.matches('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex], [contenteditable=""], [contenteditable="true"]');
      if (!focusable) return false;
      if (h.tagName === 'SUMMARY' && h.parentElement?.tagName !== 'DETAILS') return false;
      return rendered(el);
    };
    /** Radios of a group are one tab stop. */
    const groupKey = (el: Element): string | undefined => {
      const i = el as HTMLInputElement;
      if (i.tagName !== 'INPUT' || i.type !== 'radio' || !i.name) return undefined;
      return `${idOf(i.getRootNode() as unknown as Element)}:${i.name}`;
    };
    const deepActive = (): Element | null => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el;
    };
    /** A focus indicator on the element or on an ancestor styled for :focus-within (up to 5 levels, across shadow hosts). */
    const showsFocus = (el: Element): boolean => {
      let cur: Element | null = el;
      for (let i = 0; cur && i < 6; i++) {
        const s = getComputedStyle(cur);
        if ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1) || (s.boxShadow && s.boxShadow !== 'none')) return true;
        cur = cur.parentElement ?? ((cur.getRootNode() as ShadowRoot).host ?? null);
      }
      return false;
    };
    w.__a11y = {
      expected(): { id: number; what: string; group?: string }[] {
        const seen = new Set<string>();
        const out: { id: number; what: string; group?: string }[] = [];
        for (const el of all(document)) {
          if (!tabbable(el)) continue;
          const g = groupKey(el);
          if (g) {
            if (seen.has(g)) continue;
            seen.add(g);
          }
          out.push({ id: idOf(el), what: describe(el), group: g });
        }
        return out;
      },
      active(): { id: number; what: string; group?: string; tag: string; editor: boolean; visible: boolean } | null {
        const el = deepActive();
        if (!el || el === document.body) return null;
        return { id: idOf(el), what: describe(el), group: groupKey(el), tag: el.tagName, editor: el.classList.contains('cm-content'), visible: showsFocus(el) };
      },
      /** Inputs without a label: no <label> (for= or wrapping), no aria-label, no aria-labelledby. */
      unlabelled(): string[] {
        const out: string[] = [];
        for (const el of all(document)) {
          if (!el.matches('input:not([type=hidden]), select, textarea') || !rendered(el)) continue;
          const i = el as HTMLInputElement;
          const aria = (i.getAttribute('aria-label') ?? '').trim() || (i.getAttribute('aria-labelledby') ?? '').trim();
          const labelled = [...(i.labels ?? [])].some((l) => (l.textContent ?? '').trim() !== '');
          if (!aria && !labelled) out.push(describe(el));
        }
        return out;
      },
      /** Images without alt, SVGs (outermost, not aria-hidden) without a name (aria-label/-labelledby or <title>). */
      untitled(): string[] {
        const out: string[] = [];
        for (const el of all(document)) {
          if (el.closest('[aria-hidden="true"]')) continue;
          if (el.tagName === 'IMG' && !el.hasAttribute('alt')) out.push(describe(el));
          if (el.tagName.toLowerCase() === 'svg' && !el.parentElement?.closest('svg')) {
            const named = (el.getAttribute('aria-label') ?? '').trim() || el.getAttribute('aria-labelledby') || [...el.children].some((c) => c.tagName.toLowerCase() === 'title' && (c.textContent ?? '').trim());
            if (!named) out.push(describe(el));
          }
        }
        return out;
      },
    };
  });
}

type Helpers = {
  expected(): (Described & { group?: string })[];
  active(): (Described & { group?: string; tag: string; editor: boolean; visible: boolean }) | null;
  unlabelled(): string[];
  untitled(): string[];
};
const call = <K extends keyof Helpers>(page: Page, k: K) =>
  page.evaluate((key) => ((window as unknown as { __a11y: Helpers }).__a11y[key as K] as () => unknown)(), k) as Promise<ReturnType<Helpers[K]>>;

/**
 * Presses Tab from the top of the page until focus comes back round, and reports what it never reached and where
 * focus was not visible. In the YAML editor, Tab indents: the walk leaves it as a keyboard user does, Escape then Tab.
 */
export async function walkByTab(page: Page, limit = 600): Promise<TabWalk> {
  await install(page);
  const expected = await call(page, 'expected');
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.getSelection()?.removeAllRanges();
  });
  const reached = new Set<string>();
  const invisible = new Map<string, Described>();
  let first: string | undefined;
  let presses = 0;
  let blanks = 0;
  for (; presses < limit; presses++) {
    const before = await call(page, 'active');
    if (before?.editor) await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    const a = await call(page, 'active');
    if (!a) {
      // Focus left the page (past the last element): the next Tab comes back to the first.
      if (++blanks > 2) break;
      continue;
    }
    const key = a.group ?? String(a.id);
    if (first === undefined) first = key;
    else if (key === first) break;
    reached.add(key);
    if (!a.visible) invisible.set(key, a);
  }
  const unreached = expected.filter((e) => !reached.has(e.group ?? String(e.id)));
  return { expected, unreached, invisibleFocus: [...invisible.values()], presses };
}

export const unlabelledInputs = async (page: Page): Promise<string[]> => (await install(page), call(page, 'unlabelled'));
export const untitledImages = async (page: Page): Promise<string[]> => (await install(page), call(page, 'untitled'));

const INTERACTIVE_ROLES = new Set([
  'button', 'link', 'textbox', 'searchbox', 'combobox', 'listbox', 'checkbox', 'radio', 'spinbutton', 'slider', 'switch', 'tab', 'menuitem',
  'menuitemcheckbox', 'menuitemradio', 'treeitem', 'image', 'img',
]);

/** Controls (and images) whose accessible name, as Chromium computes it, is empty. */
export async function namelessControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { ignored: boolean; role?: { value: string }; name?: { value: string }; backendDOMNodeId?: number }[];
    };
    const out: string[] = [];
    for (const n of nodes) {
      const role = n.role?.value ?? '';
      if (n.ignored || !INTERACTIVE_ROLES.has(role) || (n.name?.value ?? '').trim()) continue;
      let what = `role ${role}`;
      if (n.backendDOMNodeId) {
        const { node } = (await cdp.send('DOM.describeNode', { backendNodeId: n.backendDOMNodeId })) as { node: { nodeName: string; attributes?: string[] } };
        what += ` <${node.nodeName.toLowerCase()} ${(node.attributes ?? []).join(' ').slice(0, 120)}>`;
      }
      out.push(what);
    }
    return out;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** The WCAG 2 relative luminance of a `#rrggbb` colour. */
export function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(expandHex(hex));
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = m.slice(1).map((x) => {
    const c = parseInt(x, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const expandHex = (h: string) => (/^#[0-9a-f]{3}$/i.test(h) ? `#${[...h.slice(1)].map((c) => c + c).join('')}` : h);

/** The WCAG contrast ratio of two colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** The custom properties of a stylesheet's `:root` (`--name: value`), with `var(--other)` resolved. */
export function customProperties(css: string): Record<string, string> {
  const root = /:root\s*\{([^}]*)\}/.exec(css.replace(/\/\*[\s\S]*?\*\//g, ''))?.[1] ?? '';
  const props: Record<string, string> = {};
  for (const m of root.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) props[m[1]] = m[2].trim();
  const resolve = (v: string, depth = 0): string => (depth > 10 ? v : v.replace(/var\((--[\w-]+)\)/g, (_, n: string) => resolve(props[n] ?? '', depth + 1)));
  for (const k of Object.keys(props)) props[k] = resolve(props[k]);
  return props;
}
