/**
 * "Did you mean …?" — the closest known name to a misspelt one, by Levenshtein distance — and lists of names for
 * messages, in English and in Persian.
 */
import type { Msg } from './errors.js';

/** Edit distance between two strings (insertions, deletions, substitutions; a swap of neighbours counts 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[a.length][b.length];
}

/** The candidate closest to `name`, or undefined when none is close enough to be a plausible typo. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length > 200) return undefined;
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c === name || c.length > 200) continue;
    const d = c.toLowerCase() === lower ? 0.5 : editDistance(lower, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.floor(Math.max(name.length, best.length) / 3));
  return bestD <= limit ? best : undefined;
}

/** ` — did you mean "x"?` (and its Persian) when a close candidate exists, else empty texts. */
export function didYouMean(name: string, candidates: Iterable<string>): Msg {
  const c = closest(name, candidates);
  return c === undefined ? { en: '', fa: '' } : { en: ` — did you mean "${c}"?`, fa: ` — آیا منظورتان «${c}» است؟` };
}

/** A short, quoted list of names for messages (`"a", "b", "c" …`; in Persian `«a»، «b»، «c» …`). */
export function listNames(names: Iterable<string>, max = 12, lang: 'en' | 'fa' = 'en'): string {
  const all = [...names];
  const shown = all.slice(0, max).map((n) => (lang === 'fa' ? `«${n}»` : `"${n}"`)).join(lang === 'fa' ? '، ' : ', ');
  return all.length > max ? `${shown} …` : shown;
}

/** Both languages' lists of names. */
export function namesIn(names: Iterable<string>, max = 12): Msg {
  const all = [...names];
  return { en: listNames(all, max, 'en'), fa: listNames(all, max, 'fa') };
}
