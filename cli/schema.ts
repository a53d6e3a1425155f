/**
 * `dabir schema <dir>`: writes the bundle's generated schemas (engine/describe-schema.ts) into the folder — its
 * resolutions schema (parameter ids and value types) and its scenarios schema (its procedures, steps, roles and rules
 * as enums); and the check `dabir validate` runs: a generated schema that exists (or that a file points at) must be
 * current.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_SCHEMA_FILE, SCENARIOS_SCHEMA_FILE, bundleResolutionsSchema, bundleScenariosSchema } from '../engine/describe-schema.js';
import type { Bundle } from '../engine/model.js';
import { loadOrReport } from './bundle.js';

/** The generated schemas: file name, what it is generated from (for the stale message), and its text. */
const GENERATED: { file: string; from: string; from_fa: string; make: (b: Bundle) => unknown }[] = [
  { file: BUNDLE_SCHEMA_FILE, from: 'its parameters changed', from_fa: 'پارامترهای آن تغییر کرده است', make: bundleResolutionsSchema },
  { file: SCENARIOS_SCHEMA_FILE, from: 'its procedures, steps, roles or rules changed', from_fa: 'فرایندها، مرحله‌ها، نقش‌ها یا قاعده‌های آن تغییر کرده است', make: bundleScenariosSchema },
];

/** The text of a generated schema file. */
const textOf = (g: (typeof GENERATED)[number], bundle: Bundle): string => `${JSON.stringify(g.make(bundle), null, 2)}\n`;

/** Whether some YAML file of the folder (or of a folder inside it) points its `$schema` line at `file`. */
function pointsAt(dir: string, file: string): boolean {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (pointsAt(path, file)) return true;
    } else if (/\.ya?ml$/.test(name) && /\$schema=(?:\.\.?\/)+([^\s]*)/.exec(readFileSync(path, 'utf8').split('\n', 1)[0] ?? '')?.[1] === file) {
      return true;
    }
  }
  return false;
}

/** Why one of the bundle's generated schemas is missing or stale (`file:1:1: …` lines), or undefined when current. */
export function staleSchema(dir: string, bundle: Bundle): string | undefined {
  const lines: string[] = [];
  for (const g of GENERATED) {
    const file = join(dir, g.file);
    if (!existsSync(file)) {
      if (pointsAt(dir, g.file)) lines.push(`${file}:1:1: the bundle's generated schema is missing — run: dabir schema ${dir} (طرح‌وارهٔ ساخته‌شدهٔ بسته نیست — «dabir schema ${dir}» را اجرا کنید)`);
      continue;
    }
    if (readFileSync(file, 'utf8') === textOf(g, bundle)) continue;
    lines.push(`${file}:1:1: the bundle's generated schema is out of date (${g.from}) — run: dabir schema ${dir} (طرح‌وارهٔ ساخته‌شدهٔ بسته کهنه است: ${g.from_fa} — «dabir schema ${dir}» را اجرا کنید)`);
  }
  return lines.length ? lines.join('\n') : undefined;
}

/** Writes the bundle's generated schemas into its folder. */
export function writeSchemas(dir: string, bundle: Bundle): void {
  for (const g of GENERATED) writeFileSync(join(dir, g.file), textOf(g, bundle));
}

/** Writes the schemas; exit 1 when the bundle does not load. */
export function schemaCommand(positional: string[]): number {
  const dir = positional[0];
  const bundle = loadOrReport(dir, process.stderr);
  if (!bundle || !dir) return 1;
  writeSchemas(dir, bundle);
  process.stderr.write(`wrote ${join(dir, BUNDLE_SCHEMA_FILE)} (${bundle.parameters.size} parameters) and ${join(dir, SCENARIOS_SCHEMA_FILE)} (${bundle.procedures.size} procedures, ${bundle.roles.size} roles, ${bundle.rules.size} rules); point the files at them: # yaml-language-server: $schema=./${BUNDLE_SCHEMA_FILE} (resolutions), $schema=../${SCENARIOS_SCHEMA_FILE} (scenarios/)\n`);
  return 0;
}
