/**
 * Real positions for the yaml parser's syntax errors. The parser notices an unclosed quote or bracket only at the end
 * of the file, and a bad indent at column 1: the person needs the quote or bracket that was opened, and the first
 * character of the offending line (or the tab in its indentation).
 */
import type { Msg } from './errors.js';

/** A refined error: where it really is, and (when the kind changed, e.g. a tab) its words. */
export interface Refined { offset: number; code?: string; message?: Msg }

interface Scan { quote?: { char: string; at: number }; open: { char: string; at: number }[] }

/** Reads `text` up to `end` as YAML punctuation: the quote left open and the brackets left unclosed. */
function scan(text: string, end: number): Scan {
  const open: { char: string; at: number }[] = [];
  let quote: { char: string; at: number } | undefined;
  for (let i = 0; i < end; i++) {
    const c = text[i];
    if (quote) {
      if (quote.char === '"' && c === '\\') i++;
      else if (c === quote.char) {
        if (c === "'" && text[i + 1] === "'") i++;
        else quote = undefined;
      }
      continue;
    }
    const prev = i === 0 ? '\n' : text[i - 1];
    if (c === '#' && /\s/.test(prev)) {
      while (i < end && text[i] !== '\n') i++;
    } else if ((c === '"' || c === "'") && /[\s[{,:-]/.test(prev)) quote = { char: c, at: i };
    else if (c === '[' || c === '{') open.push({ char: c, at: i });
    else if ((c === ']' || c === '}') && open.length) open.pop();
  }
  return { quote, open };
}

/** The real position (and, for a tab, the kind) of a yaml error reported at `offset`. */
export function refineYamlError(text: string, code: string, message: string, offset: number): Refined {
  const flow = /must be sufficiently indented and end with a [\]}]/.test(message);
  if (/Missing closing ["']?quote/i.test(message) || flow) {
    // An unclosed quote also leaves its brackets unclosed: the quote is the mistake to point at.
    const q = scan(text, Math.min(offset, text.length)).quote;
    if (q) {
      return {
        offset: q.at, code,
        message: { en: `the ${q.char} quote opened here is never closed — end the text with ${q.char}`, fa: `گیومهٔ ${q.char} که اینجا باز شده هرگز بسته نشده است — متن را با همان ${q.char} ببندید` },
      };
    }
  }
  if (flow) {
    const o = scan(text, Math.min(offset, text.length)).open;
    const last = o[o.length - 1];
    if (last) {
      const close = last.char === '[' ? ']' : '}';
      return {
        offset: last.at, code,
        message: { en: `the "${last.char}" opened here is never closed — close it with "${close}"`, fa: `«${last.char}» که اینجا باز شده هرگز بسته نشده است — آن را با «${close}» ببندید` },
      };
    }
  }
  // An error at the start of an indented line: point at its first character, or at a tab in its indentation.
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (offset !== lineStart) return { offset };
  let i = lineStart;
  while (text[i] === ' ' || text[i] === '\t') {
    if (text[i] === '\t') {
      return {
        offset: i, code: 'TAB_AS_INDENT',
        message: { en: 'a tab in the indentation — indent with spaces, not tabs', fa: 'تورفتگی با Tab مجاز نیست — این Tab را با فاصله (Space) جایگزین کنید' },
      };
    }
    i++;
  }
  return { offset: text[i] === '\n' || i >= text.length ? offset : i };
}
