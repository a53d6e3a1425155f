/** A BundleSource over a file snapshot held in memory (a stored version, or the disk files with one file replaced). */
import { posix } from 'node:path';
import type { BundleSource, SourceFile } from '../../engine/load/types.js';
import type { FileSet } from './files.js';

/**
 * `label` is the name the definitions root goes by in error messages (`definitions`), so a file is reported as
 * `definitions/<bundle>/rules/x.yaml`, exactly as the CLI reports it.
 */
export function memorySource(files: FileSet, label: string): BundleSource {
  const entries: SourceFile[] = Object.entries(files)
    .map(([path, text]) => ({ path: `${label}/${path}`, text }))
    .sort((a, b) => a.path.localeCompare(b.path));
  return {
    files(dir) {
      const prefix = `${posix.normalize(dir).replace(/\/$/, '')}/`;
      return entries.filter((f) => f.path.startsWith(prefix));
    },
    resolve(fromDir, name) {
      return posix.join(posix.dirname(posix.normalize(fromDir)), name);
    },
  };
}
