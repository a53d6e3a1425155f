/**
 * Definition errors as data: a collector that every check writes into, and the one-line format the CLI prints.
 */
import type { DefinitionError } from '../model.js';

/** `path:LINE:COL: message` — the format of `dabir validate` and of editors' problem matchers. */
export function formatError(e: DefinitionError): string {
  return `${e.file}:${e.line}:${e.col}: ${e.message}`;
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
