/**
 * Where definitions come from: the file-system source, the in-memory source, and re-validation of an edited file.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayPath, fsSource } from '../../cli/fs-source.js';
import { loadBundle, memorySource, siblingDir, validateFile, validateWith } from '../../engine/load/index.js';
import { header, minimalFiles, toFiles } from './helpers.js';

const BASE = 'test/fixtures/load/base';

describe('the file-system source', () => {
  it('reads every *.yaml recursively, sorted, with paths relative to the working directory', () => {
    const paths = fsSource.files(BASE).map((f) => f.path);
    expect(paths).toContain(`${BASE}/rules/area.yaml`);
    expect(paths).toEqual([...paths].sort());
    expect(paths.every((p) => p.startsWith(`${BASE}/`) && /\.ya?ml$/.test(p))).toBe(true);
  });

  it('resolves an extended bundle to the sibling folder', () => {
    expect(fsSource.resolve('test/fixtures/load/overlay', 'base')).toBe(BASE);
  });

  it('names files outside the working directory by their absolute path', () => {
    expect(displayPath('/elsewhere/x.yaml', '/work/main')).toBe('/elsewhere/x.yaml');
    expect(displayPath(join('/work/main', 'defs/x.yaml'), '/work/main')).toBe('defs/x.yaml');
  });

  it('gives no files for a missing folder, which the loader reports', () => {
    expect(fsSource.files('test/fixtures/load/nope')).toEqual([]);
    expect(loadBundle('test/fixtures/load/nope', fsSource).errors.map((e) => e.code)).toEqual(['missing-bundle']);
  });
});

describe('the in-memory source', () => {
  it('finds sibling folders like the file system does', () => {
    expect(siblingDir('defs/a', 'b')).toBe('defs/b');
    expect(siblingDir('defs/a/', 'b')).toBe('defs/b');
    expect(siblingDir('a', 'b')).toBe('b');
  });
});

describe('re-validating an edited file', () => {
  const source = memorySource({ 'defs/b': toFiles('defs/b', minimalFiles()) });

  it('loads with one file replaced in memory, leaving the source untouched', () => {
    const broken = { path: 'defs/b/rules.yaml', text: minimalFiles()['rules.yaml'].replace('param: area.min', 'param: area.mn') };
    const r = validateWith('defs/b', source, [broken]);
    expect(r.errors.map((e) => [e.code, e.file, e.line])).toEqual([['unknown-parameter', 'defs/b/rules.yaml', 6]]);
    expect(loadBundle('defs/b', source).errors).toEqual([]);
  });

  it('adds a file whose path is new', () => {
    const extra = { path: 'defs/b/more.yaml', text: `${header('roles')}kind: roles\nroles:\n  - { id: clerk, label: { fa: ک, en: C } }\n` };
    expect(validateWith('defs/b', source, [extra]).errors.map((e) => e.code)).toEqual(['duplicate-id']);
  });

  it('checks a single file on its own, without the bundle', () => {
    expect(validateFile({ path: 'x.yaml', text: `${header('roles')}kind: roles\nroles:\n  - { id: clerk, labl: { fa: ک } }\n` }).errors.map((e) => [e.code, e.line, e.col]))
      .toEqual([['unknown-property', 4, 18]]);
  });
});
