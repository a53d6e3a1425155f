/**
 * The one walk of a definitions folder on disk: every file under `root` whose name `accept`s, depth-first, skipping
 * hidden entries and node_modules. A folder that exists but cannot be read is reported through `unreadable` (never
 * taken as empty); a missing one has no files.
 */
import { readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

/** YAML definition files (`*.yaml`, `*.yml`). */
export const YAML_FILE = /\.ya?ml$/i;

const MAX_DEPTH = 32;

/** The absolute paths of the files under `root` whose name `accept` takes, in walk order. */
export function walkFiles(root: string, accept: (name: string) => boolean, unreadable?: (dir: string, why: string) => void): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > MAX_DEPTH) return;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'ENOENT') return;
      if (!unreadable) throw e;
      unreadable(dir, err instanceof Error ? err.message : String(err));
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full, depth + 1);
      else if (e.isFile() && accept(e.name)) out.push(full);
    }
  };
  walk(root, 0);
  return out;
}
