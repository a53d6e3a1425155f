/** A BundleSource over a file snapshot held in memory (a stored version, or the disk files with one file replaced). */
import { memorySource as foldersInMemory, type BundleSource, type SourceFile } from '../../engine/index.js';
import type { FileSet } from './files.js';

/**
 * The engine's in-memory source over a snapshot keyed `<bundle>/<path>`: one folder per bundle. `label` is the name
 * the definitions root goes by in error messages (`definitions`), so a file is reported as
 * `definitions/<bundle>/rules/x.yaml`, exactly as the CLI reports it.
 */
export function memorySource(files: FileSet, label: string): BundleSource {
  const dirs: Record<string, SourceFile[]> = {};
  for (const [path, text] of Object.entries(files)) {
    const cut = path.indexOf('/');
    if (cut < 0) continue; // a file beside the bundles' folders belongs to none of them
    const bundle = path.slice(0, cut);
    (dirs[`${label}/${bundle}`] ??= []).push({ path: `${label}/${path}`, text });
  }
  return foldersInMemory(dirs);
}
