/**
 * An in-memory BundleSource: folders mapped to their files. For tests, editors and servers that hold definitions
 * in memory. `resolve` finds a sibling folder, like the file-system source.
 */
import type { DefinitionError } from '../model.js';
import { checkFile } from './check-file.js';
import { loadBundle } from './load.js';
import type { BundleSource, LoadResult, SourceFile } from './types.js';

/** The sibling folder `name` of `fromDir` (`defs/a` + `b` → `defs/b`; `a` + `b` → `b`). */
export function siblingDir(fromDir: string, name: string): string {
  const trimmed = fromDir.replace(/[\\/]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return cut < 0 ? name : `${trimmed.slice(0, cut)}/${name}`;
}

/** A source over folders held in memory; unknown folders have no files. */
export function memorySource(dirs: Record<string, SourceFile[]>): BundleSource {
  return {
    files: (dir) => [...(dirs[dir] ?? [])].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    resolve: siblingDir,
  };
}

/** Loads a bundle from files in memory: `files` form folder `dir`; `others` holds the folders it may extend. */
export function loadFiles(files: SourceFile[], dir = 'bundle', others: Record<string, SourceFile[]> = {}): LoadResult {
  return loadBundle(dir, memorySource({ ...others, [dir]: files }));
}

/** Checks one file on its own (syntax, header, kind, schema) — fast feedback for an editor, no cross-file checks. */
export function validateFile(file: SourceFile): { errors: DefinitionError[]; warnings: DefinitionError[] } {
  const c = checkFile(file);
  return { errors: [...c.errors], warnings: [...c.warnings] };
}
