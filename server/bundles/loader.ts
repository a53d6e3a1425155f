/** Loads bundles from file snapshots with the engine's loader, through an in-memory source. */
import { createHash } from 'node:crypto';
import { loadBundle } from '../../engine/index.js';
import type { FileSet } from './files.js';
import type { SnapshotLoader } from './registry.js';
import { memorySource } from './source.js';

/** A hash of a snapshot's files (path and content), for bundles the loader left unhashed. */
export function fileSetHash(files: FileSet): string {
  const h = createHash('sha256');
  for (const [path, text] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) h.update(`${path}\0${text}\0`);
  return h.digest('hex');
}

/** `label` names the definitions root in error positions (normally `definitions`). */
export function snapshotLoader(label = 'definitions'): SnapshotLoader {
  return (files, entry) => {
    const r = loadBundle(`${label}/${entry}`, memorySource(files, label));
    const bundle = r.bundle && !r.bundle.hash ? { ...r.bundle, hash: fileSetHash(files) } : r.bundle;
    return { bundle, errors: r.errors, warnings: r.warnings };
  };
}
