/**
 * The file-system BundleSource: the one place definitions are read from disk. Reads every `*.yaml`/`*.yml` under a
 * folder (recursively, sorted); paths in errors are relative to the working directory when inside it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve as resolvePath, sep } from 'node:path';
import type { BundleSource, SourceFile } from '../engine/load/index.js';
import { walkFiles, YAML_FILE } from '../server/bundles/walk.js';

/** How a file is named in errors: relative to the working directory when inside it, else absolute. */
export function displayPath(absolute: string, cwd = process.cwd()): string {
  const rel = relative(cwd, absolute);
  const inside = rel !== '' && !rel.startsWith('..') && !resolvePath(rel).startsWith('..');
  return (inside ? rel : absolute).split(sep).join('/');
}


/** Lists and reads the definition files of `dir` (missing folder → no files, and the loader reports the missing bundle.yaml; an unreadable folder or file → an entry whose `kind` names the failure, which the loader reports at its path). */
export function readDefinitionFiles(dir: string): SourceFile[] {
  const root = resolvePath(dir);
  const unreadable = new Map<string, string>();
  // A missing bundle folder has no files (the loader says bundle.yaml is missing); an unreadable one is reported.
  const paths = walkFiles(root, (name) => YAML_FILE.test(name), (d, why) => unreadable.set(d, why)).sort();
  const folders = [...unreadable].map(([dir, why]) => ({
    path: `${displayPath(dir)}/`,
    text: `kind: ${JSON.stringify(`unreadable folder: ${why}`)}\n`,
  }));
  return folders.concat(paths.map((p) => {
    let text: string;
    try {
      text = readFileSync(p, 'utf8');
    } catch (e) {
      text = `kind: ${JSON.stringify(`unreadable: ${e instanceof Error ? e.message : String(e)}`)}\n`;
    }
    return { path: displayPath(p), text };
  }));
}

/** Reads bundles from the file system; an extended bundle is the sibling folder of that name. */
export const fsSource: BundleSource = {
  files: readDefinitionFiles,
  resolve: (fromDir, name) => displayPath(join(dirname(resolvePath(fromDir)), name)),
};
