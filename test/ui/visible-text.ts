/**
 * What a person reads on a page, and the codes they must never read there. `visibleText` collects the text of every
 * rendered element (through shadow roots), the values shown in inputs and selects, and the accessible names people
 * hear; `codesOf` lists the bundle's ids and codes (records, options, steps, outcomes, roles, parameters, rules,
 * procedures, units, fields). `findCodes` reports each code, UUID, hash or ASCII number found in Persian text.
 */
import type { Page } from 'playwright-core';
import type { Bundle } from '../../engine/model.js';

/** The visible text of the page, one entry per text run (inputs' values and selects' chosen option included). */
export async function visibleText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const shown = (el: Element) => (el as HTMLElement).checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true }) ?? true;
    const walk = (root: Node) => {
      for (const n of Array.from(root.childNodes)) {
        if (n.nodeType === Node.TEXT_NODE) {
          const parent = n.parentElement;
          const text = n.textContent?.replace(/\s+/g, ' ').trim();
          if (text && parent && shown(parent) && !['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(parent.tagName)) out.push(text);
          continue;
        }
        if (!(n instanceof Element)) continue;
        if (n.tagName === 'SCRIPT' || n.tagName === 'STYLE' || n.tagName === 'NOSCRIPT') continue;
        if (shown(n)) {
          if (n instanceof HTMLInputElement && !['hidden', 'checkbox', 'radio', 'file', 'password'].includes(n.type) && n.value) out.push(n.value.trim());
          if (n instanceof HTMLTextAreaElement && n.value) out.push(n.value.trim());
          if (n instanceof HTMLSelectElement && n.selectedOptions[0]) out.push(n.selectedOptions[0].text.trim());
          for (const a of ['aria-label', 'title', 'placeholder']) {
            const v = n.getAttribute(a)?.trim();
            if (v) out.push(v);
          }
        }
        if (n.shadowRoot) walk(n.shadowRoot);
        walk(n);
      }
    };
    walk(document.body);
    return out;
  });
}

/** Every id and code of the bundle a screen must not show (ASCII tokens of three or more characters with a letter). */
export function codesOf(bundle: Bundle): Set<string> {
  const codes = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'string' && v.length >= 3 && /[a-z]/i.test(v) && /^[\x21-\x7e]+$/.test(v)) codes.add(v);
  };
  const options = (schema: unknown) => {
    if (!schema || typeof schema !== 'object') return;
    const s = schema as Record<string, unknown>;
    for (const o of (s['x-options'] as { value: unknown }[] | undefined) ?? []) add(o.value);
    for (const v of (s.enum as unknown[] | undefined) ?? []) add(v);
    for (const k of ['properties', 'items', '$defs']) {
      const sub = s[k];
      if (sub && typeof sub === 'object') {
        if (k === 'items') options(sub);
        else for (const [name, child] of Object.entries(sub)) (add(name), options(child));
      }
    }
  };
  for (const [entity, recs] of Object.entries(bundle.registry)) {
    add(entity);
    const key = bundle.entities.get(entity)?.key ?? 'id';
    for (const r of recs) add(r[key]);
  }
  for (const e of bundle.entities.values()) (add(e.id), options(e.schema));
  for (const r of bundle.roles.values()) add(r.id);
  for (const p of bundle.parameters.values()) (add(p.id), add(p.unit), options(p.columns));
  for (const r of bundle.rules.values()) {
    add(r.id);
    for (const k of Object.keys(r.values)) add(k);
  }
  for (const f of bundle.forms.values()) (add(f.id), options(f.schema));
  for (const c of bundle.checklists.values()) {
    add(c.id);
    for (const i of c.items) add(i.id);
  }
  for (const p of bundle.procedures.values()) {
    add(p.id);
    for (const s of p.steps) {
      add(s.id);
      if ('outcomes' in s) for (const o of s.outcomes) add(o.id);
      if (s.kind === 'end') add(s.result);
    }
  }
  return codes;
}

/** Words that are the same in every language and may appear on a Persian page (the language switch, the app's name). */
const ALLOWED = new Set(['English']);

/**
 * The problems in a page's visible text: codes of the bundle, UUIDs, long hex hashes, and numbers in ASCII digits
 * (a Persian page shows Persian digits). `allow` lists tokens that are data, such as the usernames a test created.
 */
export function findCodes(texts: string[], codes: Set<string>, allow: Iterable<string> = []): string[] {
  const ok = new Set([...ALLOWED, ...allow]);
  const found: string[] = [];
  for (const text of texts) {
    // A sentence in English (an English title the user typed, the English beside a Persian message) is words, not
    // codes: only ids, hashes and numbers are looked for in it.
    const english = !/[\u0600-\u06ff]/.test(text) && (text.match(/[A-Za-z]+/g) ?? []).length >= 3;
    for (const token of text.match(/[\x21-\x7e]+/g) ?? []) {
      const word = token.replace(/^[([{«"'،.,:;!?]+|[)\]}»"'،.,:;!?]+$/g, '');
      if (!word || ok.has(word)) continue;
      if (codes.has(word) && !(english && /^[a-z]+$/i.test(word))) found.push(`code «${word}» in «${text}»`);
      else if (/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/i.test(word)) found.push(`UUID «${word}» in «${text}»`);
      else if (/^[0-9a-f]{12,}$/i.test(word)) found.push(`hash «${word}» in «${text}»`);
      else if (/^[0-9]+([.,/-][0-9]+)*$/.test(word)) found.push(`ASCII digits «${word}» in «${text}»`);
    }
  }
  return [...new Set(found)];
}
