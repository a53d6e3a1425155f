/**
 * The seams of the code base, checked on every run: the engine is pure (no file system, network, database, HTTP
 * framework or clock of its own) and the server and the bench reach it only through its public face, engine/index.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const files = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
const importsOf = (file: string) => [...readFileSync(join(root, file), 'utf8').matchAll(/^(?:import|export)\b[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]!);

describe('architecture', () => {
  it('keeps the engine pure: it imports no I/O, framework or database package', () => {
    const allowed = new Set(['ajv', 'yaml', 'json-logic-js', 'jalaali-js', '@dagrejs/dagre', 'node:crypto', 'node:module']);
    const offenders = files('engine').flatMap((f) => importsOf(f).filter((s) => !s.startsWith('.') && !allowed.has(s)).map((s) => `${f}: ${s}`));
    expect(offenders).toEqual([]);
    const clocks = files('engine').filter((f) => /\bDate\.now\(\)|new Date\(\)/.test(readFileSync(join(root, f), 'utf8')));
    expect(clocks).toEqual([]);
  });

  it('lets the server and the bench reach the engine only through engine/index.ts', () => {
    const offenders = [...files('server'), ...files('bench')].flatMap((f) =>
      importsOf(f)
        .filter((s) => s.startsWith('.'))
        .map((s) => relative(root, join(root, f, '..', s)))
        .filter((target) => target.startsWith('engine/') && target !== 'engine/index.js')
        .map((target) => `${f}: ${target}`),
    );
    expect(offenders).toEqual([]);
    expect(files('server').length).toBeGreaterThan(50);
  });
});
