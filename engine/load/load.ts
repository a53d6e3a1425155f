/**
 * Loads a bundle: reads its folder (and the folders it extends, base first), checks every file, merges the layers,
 * checks the semantics, and compiles the Bundle. Never throws: every problem is a DefinitionError.
 */
import type { DefinitionError } from '../model.js';
import { dropEchoes, echoCodes } from './cascade.js';
import { checkAccess } from './check-access.js';
import { checkFile } from './check-file.js';
import type { CheckedFile } from './check-file.js';
import { checkParameterCoverage } from './check-coverage.js';
import { checkDataPaths } from './check-paths.js';
import { resolveNearLocations } from './near.js';
import { checkDataDates } from './check-dates.js';
import { checkEntitiesAndRecords, checkScenarios } from './check-data.js';
import { checkGraphs } from './check-graph.js';
import { checkProcedures } from './check-procedures.js';
import { checkLogic } from './check-logic.js';
import { checkLabels } from './check-labels.js';
import { checkMaps } from './check-maps.js';
import { checkParameterValues } from './check-params.js';
import { checkReferences } from './check-refs.js';
import { checkRecordReferences } from './check-records.js';
import { checkVocabulary } from './check-vocab.js';
import { compileBundle } from './compile.js';
import { Problems, dedupeProblems, definitionError, sortProblems, type Msg } from './errors.js';
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
    resolveNearLocations(merged, problems);
    const ruleParams = checkLogic(merged, problems);
    checkReferences(merged, problems);
    checkMaps(merged, problems);
    checkLabels(merged, problems);
    checkVocabulary(merged, problems);
    checkGraphs(merged, problems);
    checkProcedures(merged, problems);
    checkAccess(merged, problems);
    checkParameterValues(merged, problems);
    checkEntitiesAndRecords(merged, problems);
    checkScenarios(merged, problems);
    checkRecordReferences(merged, problems);
    checkDataDates(merged, problems);
    checkParameterCoverage(merged, problems);
    checkDataPaths(merged, problems);
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
    const why = e instanceof Error ? e.message : String(e);
    problems.error(definitionError('unreadable-bundle', { en: `cannot read the bundle folder ${dir}: ${why}`, fa: `پوشهٔ بستهٔ ${dir} خوانده نمی‌شود: ${why}` }, dir, '', 1, 1));
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
  const extAt = (code: string, message: Msg): DefinitionError => at(info.file, '/extends', code, message);
  if (chain.length >= MAX_EXTENDS_DEPTH) {
    const path = [...chain, dir].join(' → ');
    problems.error(extAt('extends-cycle', {
      en: `the chain of extended bundles is longer than ${MAX_EXTENDS_DEPTH}: ${path}`,
      fa: `زنجیرهٔ بسته‌هایی که یکدیگر را گسترش می‌دهند (extends) از ${MAX_EXTENDS_DEPTH} بلندتر است: ${path}`,
    }));
    return [layer];
  }
  let baseDir: string;
  try {
    baseDir = source.resolve(dir, ext);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    problems.error(extAt('unknown-bundle', { en: `cannot find bundle "${ext}": ${why}`, fa: `بستهٔ «${ext}» پیدا نشد: ${why}` }));
    return [layer];
  }
  if (baseDir === dir || chain.includes(baseDir)) {
    const path = [...chain, dir, baseDir].join(' → ');
    problems.error(extAt('extends-cycle', {
      en: `bundle "${layer.id}" extends itself through ${path} — remove one "extends"`,
      fa: `بستهٔ «${layer.id}» از راه ${path} خودش را گسترش می‌دهد — یکی از «extends»ها را بردارید`,
    }));
    return [layer];
  }
  let baseFiles: SourceFile[] = [];
  try {
    baseFiles = source.files(baseDir);
  } catch {
    baseFiles = [];
  }
  if (!baseFiles.length) {
    problems.error(extAt('unknown-bundle', { en: `bundle "${ext}" not found: ${baseDir} has no definition files`, fa: `بستهٔ «${ext}» پیدا نشد: ${baseDir} هیچ فایل تعریفی ندارد` }));
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
  return definitionError('internal-error', { en: `the loader failed (${msg}); please report it`, fa: `بارگذار تعاریف از کار افتاد (${msg})؛ لطفاً آن را گزارش کنید` }, dir, '', 1, 1);
}
