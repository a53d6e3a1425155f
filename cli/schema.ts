/**
 * `dabir schema <dir>`: writes the bundle's generated resolutions schema (engine/describe-schema.ts) into the folder;
 * and the check `dabir validate` runs: a generated schema that exists (or that a file points at) must be current.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_SCHEMA_FILE, bundleResolutionsSchema } from '../engine/describe-schema.js';
import type { Bundle } from '../engine/model.js';
import { loadOrReport } from './bundle.js';

/** The text of the generated schema file. */
export function schemaText(bundle: Bundle): string {
  return `${JSON.stringify(bundleResolutionsSchema(bundle), null, 2)}\n`;
}

/** Why the bundle's generated schema is missing or stale (a `file:1:1: …` line), or undefined when it is current. */
export function staleSchema(dir: string, bundle: Bundle): string | undefined {
  const file = join(dir, BUNDLE_SCHEMA_FILE);
  const pointedAt = readdirSync(dir).some((f) => /\.ya?ml$/.test(f) && readFileSync(join(dir, f), 'utf8').includes(`$schema=./${BUNDLE_SCHEMA_FILE}`));
  if (!existsSync(file)) {
    return pointedAt ? `${file}:1:1: the bundle's generated schema is missing — run: dabir schema ${dir} (طرح‌وارهٔ ساخته‌شدهٔ بسته نیست — «dabir schema ${dir}» را اجرا کنید)` : undefined;
  }
  if (readFileSync(file, 'utf8') === schemaText(bundle)) return undefined;
  return `${file}:1:1: the bundle's generated schema is out of date (its parameters changed) — run: dabir schema ${dir} (طرح‌وارهٔ ساخته‌شدهٔ بسته کهنه است — «dabir schema ${dir}» را اجرا کنید)`;
}

/** Writes the schema; exit 1 when the bundle does not load. */
export function schemaCommand(positional: string[]): number {
  const dir = positional[0];
  const bundle = loadOrReport(dir, process.stderr);
  if (!bundle || !dir) return 1;
  writeFileSync(join(dir, BUNDLE_SCHEMA_FILE), schemaText(bundle));
  process.stderr.write(`wrote ${join(dir, BUNDLE_SCHEMA_FILE)} (${bundle.parameters.size} parameters); point the resolutions files at it: # yaml-language-server: $schema=./${BUNDLE_SCHEMA_FILE}\n`);
  return 0;
}
