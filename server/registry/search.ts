/**
 * Searching a registry by what people read: a record matches when its title or subtitle (or its key) contains the
 * typed words, whatever the Arabic or Persian form of ی and ک, the digits (Persian, Arabic-Indic or Latin), the
 * zero-width non-joiner or the spaces. The store narrows the candidates with LIKE over the record's JSON (each
 * letter that has other forms, and each digit, a single-character wildcard); the match is then decided on the words.
 */

const VARIANTS = /[یيىکكك0-9۰-۹٠-٩]/g;

/** A text folded for matching: one form of ی and ک, Latin digits, ZWNJ and runs of spaces as one space, lower case. */
export function fold(s: string): string {
  return s
    .replace(/[يى]/g, 'ی').replace(/ك/g, 'ک')
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u200c\s]+/g, ' ').trim().toLowerCase();
}

/** The LIKE pattern that finds every record whose JSON may hold the words of `q` (a superset of the matches). */
export function likePattern(q: string): string {
  const words = q.replace(/[%_\\]/g, '').split(/[\u200c\s]+/).filter(Boolean);
  return `%${words.map((w) => w.replace(VARIANTS, '_')).join('%')}%`;
}

/** Whether any of the texts contains every word of `q` (folded). */
export function matchesWords(q: string, texts: (string | undefined | null)[]): boolean {
  const words = fold(q).split(' ').filter(Boolean);
  const hay = texts.filter((t): t is string => typeof t === 'string').map(fold);
  return words.every((w) => hay.some((h) => h.includes(w)));
}
