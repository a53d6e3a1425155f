/**
 * Loads a bundle: reads its folder (and the folders it extends, base first), checks every file, merges the layers,
 * checks the semantics, and compiles the Bundle. Never throws: every problem is a DefinitionError.
 */
import type { DefinitionError } from '../model.js';
import { dropEchoes, echoCodes } from './cascade.js';
import { checkFile } from './check-file.js';
import type { CheckedFile } from './check-file.js';
import { checkEntitiesAndRecords, checkScenarios } from './check-data.js';
import { checkGraphs } from './check-graph.js';
import { checkProcedures } from './check-procedures.js';
import { checkLogic } from './check-logic.js';
import { checkParameterValues } from './check-params.js';
import { checkReferences } from './check-refs.js';
import { compileBundle } from './compile.js';
import { Problems, dedupeProblems, sortProblems } from './errors.js';
import { at, buildLayer } from './layer.js';
import type { Layer } from './layer.js';
import { mergeLayers } from './overlay.js';
import type { BundleSource, LoadResult, SourceFile } from './types.js';

/** How deep `extends` chains may go. */
export const MAX_EXTENDS_DEPTH = 16;

/** Loads the bundle in `dir` through `source`. The result has a bundle only when there are no errors. */
export function loadBundle(dir: string, source: BundleSource): LoadResult {
  const problems = new Problems();
  const broken: CheckedFile[] = [];
  try {
    const layers = readLayers(dir, source, problems, [], broken);
    if (!layers.length) return finish(problems);
    const merged = mergeLayers(layers, problems);
    const ruleParams = checkLogic(merged, problems);
    checkReferences(merged, problems);
    checkGraphs(merged, problems);
    checkProcedures(merged, problems);
    checkParameterValues(merged, problems);
    checkEntitiesAndRecords(merged, problems);
    checkScenarios(merged, problems);
    if (problems.errors.length) return finish(problems, echoCodes(broken));
    return { ...finish(problems), bundle: compileBundle(merged, ruleParams) };
  } catch (e) {
    problems.error(internalError(dir, e));
    return finish(problems);
  }
}

/** Loads `dir` as if the given files replaced (by path) or were added to its files — for re-validating an edit. */
export function validateWith(dir: string, source: BundleSource, overrides: SourceFile[]): LoadResult {
  return loadBundle(dir, withOverrides(source, dir, overrides));
}

/** A source that serves `overrides` instead of the files with the same paths; new paths are added to `rootDir`. */
export function withOverrides(source: BundleSource, rootDir: string, overrides: SourceFile[]): BundleSource {
  const byPath = new Map(overrides.map((f) => [f.path, f]));
  return {
    resolve: (from, name) => source.resolve(from, name),
    files: (d) => {
      const base = source.files(d);
      const out = base.map((f) => byPath.get(f.path) ?? f);
      if (d === rootDir) {
        const known = new Set(base.map((f) => f.path));
        for (const f of overrides) if (!known.has(f.path)) out.push(f);
      }
      return out;
    },
  };
}

function readLayers(dir: string, source: BundleSource, problems: Problems, chain: string[], broken: CheckedFile[]): Layer[] {
  let files: SourceFile[];
  try {
    files = source.files(dir);
  } catch (e) {
    problems.error({ code: 'unreadable-bundle', message: `cannot read the bundle folder ${dir}: ${e instanceof Error ? e.message : String(e)}`, file: dir, pointer: '', line: 1, col: 1 });
    return [];
  }
  const checked = files.map(checkFile);
  for (const c of checked) {
    problems.absorb(c);
    if (c.errors.length) broken.push(c);
  }
  const layer = buildLayer(dir, checked, problems);
  const ext = layer.info?.data.extends;
  if (typeof ext !== 'string') return [layer];
  const info = layer.info!;
  const extAt = (code: string, message: string): DefinitionError => at(info.file, '/extends', code, message);
  if (chain.length >= MAX_EXTENDS_DEPTH) {
    problems.error(extAt('extends-cycle', `the chain of extended bundles is longer than ${MAX_EXTENDS_DEPTH}: ${[...chain, dir].join(' → ')}`));
    return [layer];
  }
  let baseDir: string;
  try {
    baseDir = source.resolve(dir, ext);
  } catch (e) {
    problems.error(extAt('unknown-bundle', `cannot find bundle "${ext}": ${e instanceof Error ? e.message : String(e)}`));
    return [layer];
  }
  if (baseDir === dir || chain.includes(baseDir)) {
    problems.error(extAt('extends-cycle', `bundle "${layer.id}" extends itself through ${[...chain, dir, baseDir].join(' → ')} — remove one "extends"`));
    return [layer];
  }
  let baseFiles: SourceFile[] = [];
  try {
    baseFiles = source.files(baseDir);
  } catch {
    baseFiles = [];
  }
  if (!baseFiles.length) {
    problems.error(extAt('unknown-bundle', `bundle "${ext}" not found: ${baseDir} has no definition files`));
    return [layer];
  }
  return [...readLayers(baseDir, source, problems, [...chain, dir], broken), layer];
}

function finish(problems: Problems, echoes = new Set<string>()): LoadResult {
  return {
    errors: sortProblems(dedupeProblems(dropEchoes(problems.errors, echoes))),
    warnings: sortProblems(dedupeProblems(dropEchoes(problems.warnings, echoes))),
  };
}

function internalError(dir: string, e: unknown): DefinitionError {
  const msg = e instanceof Error ? `${e.message}${e.stack ? ` @ ${e.stack.split('\n')[1]?.trim() ?? ''}` : ''}` : String(e);
  return { code: 'internal-error', message: `the loader failed (${msg}); please report it`, file: dir, pointer: '', line: 1, col: 1 };
}
