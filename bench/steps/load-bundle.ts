/**
 * load.bundle — loading and validating the Ardabil bundle (national + ardabil, every file) from disk through the
 * CLI's file source: YAML parse with positions, JSON Schema validation, semantic checks, overlay, compile. Measured
 * in a warmed-up process with the loader's per-file cache defeated (each round changes every file by a comment), so
 * every file is really parsed and validated — what the server pays to load a stored version or a fresh checkout.
 * load.bundle.cold — the first load in a fresh process (JSON Schema compilation and JIT warm-up included): what
 * `dabir validate` and a server start pay once.
 * load.revalidate — re-validating after one edited file through the loader's in-memory override API
 * (`validateWith`) over files already held in memory (an editor, the server's publisher).
 */
import { fsSource } from '../../cli/fs-source.js';
import { loadBundle, memorySource, parseSource, siblingDir, validateWith, validatorFor, type BundleSource, type DefinitionKind, type SourceFile } from '../../engine/index.js';
import { median, percentile } from '../lib/measure.js';
import { result } from '../lib/result.js';
import { progress, report, runStep } from '../lib/step.js';

/** The file source with a comment appended to every file, so no file is in the loader's cache. */
const fresh = (round: number): BundleSource => ({
  resolve: fsSource.resolve,
  files: (d) => fsSource.files(d).map((f) => ({ path: f.path, text: `${f.text}\n# bench round ${round}\n` })),
});

runStep(async ({ bundleDir: dir, quick }) => {
  let t = performance.now();
  const first = loadBundle(dir, fsSource);
  const cold = performance.now() - t;
  if (!first.bundle) throw new Error(`the bundle does not load: ${first.errors.slice(0, 5).map((e) => `${e.file}:${e.line}: ${e.message}`).join('; ')}`);
  const files = [...fsSource.files(dir), ...fsSource.files(siblingDir(dir, 'national'))];
  const chars = files.reduce((a, f) => a + f.text.length, 0);
  progress(`cold load ${cold.toFixed(0)} ms (${files.length} files, ${Math.round(chars / 1024)} KiB, ${first.bundle.procedures.size} procedures, ${first.bundle.rules.size} rules)`);
  report(result('load.bundle.cold', cold, 'ms', null));

  const n = quick ? 4 : 12;
  const full: number[] = [];
  for (let i = 0; i < n; i++) {
    const source = fresh(i);
    t = performance.now();
    const r = loadBundle(dir, source);
    full.push(performance.now() - t);
    if (!r.bundle) throw new Error(`the bundle stopped loading: ${r.errors[0]?.message}`);
  }
  t = performance.now();
  loadBundle(dir, fsSource);
  const cached = performance.now() - t;
  // Where the time goes: YAML parsing (with positions) and JSON Schema validation of every file, on their own.
  const parseMs: number[] = [], schemaMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    let tp = performance.now();
    const parsed = files.map((f) => parseSource({ path: f.path, text: `${f.text}\n# parse ${i}\n` }).file);
    parseMs.push(performance.now() - tp);
    tp = performance.now();
    for (const p of parsed) {
      const kind = (p.data as { kind?: DefinitionKind } | undefined)?.kind;
      if (kind) validatorFor(kind)(p.data);
    }
    schemaMs.push(performance.now() - tp);
  }
  progress(`full load: median ${median(full).toFixed(0)} ms, max ${Math.max(...full).toFixed(0)} ms over ${n}; of which YAML parsing ≈ ${median(parseMs).toFixed(0)} ms and JSON Schema validation ≈ ${median(schemaMs).toFixed(0)} ms (with every file in the loader's cache the load takes ${cached.toFixed(0)} ms)`);
  report(result('load.bundle', median(full), 'ms', { on: 'value', op: '<=', bound: 200, text: 'ms' }));

  // One edited file: a parameter value changed in the province's resolutions.yaml.
  const byDir: Record<string, SourceFile[]> = {};
  for (const d of [dir, siblingDir(dir, 'national')]) byDir[d] = fsSource.files(d);
  const source = memorySource(byDir);
  const target = byDir[dir].find((f) => f.path.endsWith('/resolutions.yaml'));
  if (!target) throw new Error(`no resolutions.yaml in ${dir}`);
  loadBundle(dir, source);
  const re: number[] = [];
  for (let i = 0; i < n * 2; i++) {
    // A new value every round, so the edited file is never in the cache (the others are).
    const edit = { path: target.path, text: target.text.replace(/office\.min_area\.urban: \d+/, `office.min_area.urban: ${51 + i}`) };
    if (edit.text === target.text) throw new Error('could not find office.min_area.urban in the province resolutions to edit');
    t = performance.now();
    const r = validateWith(dir, source, [edit]);
    re.push(performance.now() - t);
    if (!r.bundle) throw new Error(`the edited bundle does not load: ${r.errors[0]?.message}`);
  }
  progress(`re-validate after one edit: median ${median(re).toFixed(1)} ms, p90 ${percentile(re, 90).toFixed(1)} ms`);
  report(result('load.revalidate', median(re), 'ms', { on: 'value', op: '<=', bound: 50, text: 'ms' }));
});
