/** The definitions the bench runs on: a snapshot of definitions/ taken at the start of the run, loaded as the server loads it. */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseDocument, type YAMLSeq } from 'yaml';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bundle } from '../../engine/index.js';
import { readFileSet, type FileSet } from '../../server/bundles/files.js';
import { snapshotLoader } from '../../server/bundles/loader.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Copies definitions/ into `tmp` (others may be editing it during the run); returns the copy's root. */
export function snapshotDefinitions(tmp: string): string {
  const root = join(tmp, 'definitions');
  cpSync(join(REPO, 'definitions'), root, { recursive: true });
  // The backlog measured holds thousands of relocations of the few dozen sample offices at once: one open case per
  // office (the definitions' default) would refuse all but the first of each, so the snapshot allows several — and
  // leaves out the scenarios that show a second one refused (they do not hold in this variant).
  const relocation = join(root, 'national/procedures/relocation.yaml');
  writeFileSync(relocation, readFileSync(relocation, 'utf8').replace(/^subject: (.*)$/m, 'subject: $1\nexclusive: false'));
  for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /scenarios\/.*\.yaml$/.test(f))) {
    const doc = parseDocument(readFileSync(join(root, file), 'utf8'));
    const list = doc.get('scenarios') as YAMLSeq | undefined;
    const before = list?.items.length ?? 0;
    if (!list) continue;
    list.items = list.items.filter((sc) => !JSON.stringify(sc).includes('case-already-open'));
    if (list.items.length !== before) writeFileSync(join(root, file), String(doc));
  }
  return root;
}

/** Loads `bundleDir` exactly as server/main.ts does (same snapshot loader, same hash); throws on definition errors. */
export function loadServed(bundleDir: string): { bundle: Bundle; files: FileSet } {
  const root = dirname(bundleDir);
  const files = readFileSet(root);
  const r = snapshotLoader(basename(root))(files, basename(bundleDir));
  if (!r.bundle) throw new Error(`the bundle ${bundleDir} does not load:\n${r.errors.slice(0, 10).map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('\n')}`);
  return { bundle: r.bundle, files };
}
