/**
 * Failures a person meets at the command line are said, not swallowed or dumped as a stack: `dabir serve` on a
 * folder with no bundle (and no published version to fall back on) exits 1 with a message in both languages; a folder
 * of definitions that cannot be read is a definition problem at its path, never taken as empty.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const BIN = resolve('bin/dabir.js');

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  // An unreadable folder cannot be made here (the tests run as root, who reads any folder): its read fails as it would.
  const readdirSync = ((path: import('node:fs').PathLike, opts?: unknown) => {
    if (String(path).endsWith(`${'/'}locked`)) throw Object.assign(new Error(`EACCES: permission denied, scandir '${String(path)}'`), { code: 'EACCES' });
    return (fs.readdirSync as (p: unknown, o?: unknown) => unknown)(path, opts);
  }) as typeof fs.readdirSync;
  return { ...fs, default: { ...fs, readdirSync }, readdirSync };
});

describe('command-line failures are said', () => {
  it('serve without a bundle exits 1 with a Persian and English message and no stack', () => {
    const root = mkdtempSync(join(tmpdir(), 'dabir-serve-'));
    mkdirSync(join(root, 'empty'));
    const env: NodeJS.ProcessEnv = { ...process.env, DABIR_DB: join(root, 'dabir.db'), PORT: '0', LOG_LEVEL: 'silent' };
    delete env.DABIR_DEFINITIONS;
    const r = spawnSync(process.execPath, [BIN, 'serve', '--definitions', join(root, 'empty')], {
      encoding: 'utf8',
      env,
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('سرور راه‌اندازی نشد');
    expect(r.stderr).toContain('The server did not start');
    expect(r.stderr).toContain('no bundle.yaml');
    expect(r.stderr).toContain(`dabir validate ${join(root, 'empty')}`);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('an unreadable folder of definitions is a problem at its path, not an empty folder', async () => {
    const { fsSource, readDefinitionFiles } = await import('../cli/fs-source.js');
    const root = mkdtempSync(join(tmpdir(), 'dabir-locked-'));
    writeFileSync(join(root, 'bundle.yaml'), 'kind: bundle\nid: x\nname: { fa: x }\n');
    mkdirSync(join(root, 'locked'));
    writeFileSync(join(root, 'locked', 'rules.yaml'), 'kind: rules\nrules: []\n');
    const files = readDefinitionFiles(root);
    const locked = files.find((f) => f.path.endsWith('locked/'));
    expect(locked?.text).toMatch(/^kind: "unreadable folder: EACCES: permission denied/);
    expect(files.some((f) => f.path.endsWith('bundle.yaml'))).toBe(true);
    const { loadBundle } = await import('../engine/load/load.js');
    const loaded = loadBundle(root, fsSource);
    expect(loaded.bundle).toBeUndefined();
    const err = loaded.errors.find((e) => e.file.endsWith('locked/'));
    expect(err, JSON.stringify(loaded.errors)).toBeDefined();
    expect(JSON.stringify(err)).toContain('EACCES');
  });
});
