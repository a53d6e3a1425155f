/**
 * Loading a bundle from disk for a CLI command, printing its problems the way editors and CI read them.
 */
import { existsSync, statSync } from 'node:fs';
import { formatError, loadBundle } from '../engine/load/index.js';
import type { Bundle } from '../engine/model.js';
import { fsSource } from './fs-source.js';

/** The bundle at `dir`, or undefined after printing every error (`file:LINE:COL: message`) to stdout. */
export function loadOrReport(dir: string | undefined, out: NodeJS.WritableStream = process.stdout): Bundle | undefined {
  if (!dir) {
    process.stderr.write('dabir: give the bundle folder, e.g. definitions/<province>\n');
    return undefined;
  }
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    process.stderr.write(`dabir: "${dir}" is not a folder (پوشه «${dir}» وجود ندارد)\n`);
    return undefined;
  }
  const result = loadBundle(dir, fsSource);
  for (const w of result.warnings) process.stderr.write(`${formatError(w)} (warning)\n`);
  for (const e of result.errors) out.write(`${formatError(e)}\n`);
  return result.errors.length ? undefined : result.bundle;
}
