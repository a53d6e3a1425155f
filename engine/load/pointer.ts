/**
 * JSON pointers (RFC 6901) — how every problem and every source position names a place inside a document.
 */

/** Escapes one segment. */
export function escapeSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins a base pointer and segments: `pointer('/steps', 3, 'next')` → `/steps/3/next`. */
export function pointer(base: string, ...segments: (string | number)[]): string {
  return base + segments.map((s) => `/${escapeSegment(s)}`).join('');
}

/** Splits a pointer into unescaped segments (`''` → `[]`). */
export function segments(ptr: string): string[] {
  if (ptr === '' || ptr === '/') return ptr === '/' ? [''] : [];
  return ptr.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at a pointer inside plain data, or undefined. */
export function valueAt(data: unknown, ptr: string): unknown {
  let cur: unknown = data;
  for (const seg of segments(ptr)) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (cur !== null && typeof cur === 'object' && Object.hasOwn(cur, seg)) cur = (cur as Record<string, unknown>)[seg];
    else return undefined;
  }
  return cur;
}
