/**
 * Definition errors as data: a collector that every check writes into, the one-line format the CLI prints, and the
 * two-language message every check gives (English and Persian written side by side at the check: one source).
 */
import type { DefinitionError } from '../model.js';

/** A problem's words: English (what `dabir validate` prints) and Persian (what the administrator reads first). */
export interface Msg {
  en: string;
  fa: string;
}

/** A definition error at a known position, with both messages. */
export function definitionError(code: string, msg: Msg, file: string, pointer: string, line: number, col: number): DefinitionError {
  return { code, message: msg.en, message_fa: msg.fa, file, pointer, line, col };
}

/** `path:LINE:COL: message` — the format of `dabir validate` and of editors' problem matchers. */
export function formatError(e: DefinitionError): string {
  return `${e.file}:${e.line}:${e.col}: ${e.message}`;
}

/** `path:LINE:COL: پیام — message`: the Persian message with the English alongside (for people, not for tools). */
export function formatErrorFa(e: DefinitionError): string {
  return `${e.file}:${e.line}:${e.col}: ${e.message_fa} — ${e.message}`;
}

/** Orders problems by file, then line, then column (stable for equal positions). */
export function sortProblems(list: DefinitionError[]): DefinitionError[] {
  return [...list].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col);
}

/** Drops exact duplicates (same code, position and message), keeping the first. */
export function dedupeProblems(list: DefinitionError[]): DefinitionError[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const k = `${e.code}\0${e.file}\0${e.line}\0${e.col}\0${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Collects errors and warnings; checks append to it instead of throwing. */
export class Problems {
  readonly errors: DefinitionError[] = [];
  readonly warnings: DefinitionError[] = [];

  /** Records an error. */
  error(e: DefinitionError): void {
    this.errors.push(e);
  }

  /** Records a warning (never blocks loading). */
  warn(e: DefinitionError): void {
    this.warnings.push(e);
  }

  /** Appends another collector's problems. */
  absorb(other: { errors: readonly DefinitionError[]; warnings: readonly DefinitionError[] }): void {
    this.errors.push(...other.errors);
    this.warnings.push(...other.warnings);
  }
}
