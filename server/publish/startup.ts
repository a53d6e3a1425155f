/**
 * The definitions a server starts with. The files on disk are the truth — once they pass the checks a publish passes:
 * they load, and (unless that very snapshot is already a recorded version, or the checked snapshot of an interrupted
 * publish) their scenarios pass. Otherwise the server serves the last published version and says why.
 *
 * Before reading the disk, start-up cleans up after a crash mid-publish: temp files of atomic writes that never got
 * renamed are deleted, and a publish intent left behind (publisher.ts) is resolved —
 *  - completed, under its author and message, when every file it writes holds its new content and the snapshot loads
 *    to the intended hash (so it is exactly the bundle that passed validation and the scenarios before it was
 *    written);
 *  - rolled back otherwise: the files it had already replaced get their previous content back (a file that holds
 *    neither — edited by hand since — is left alone and named in the log).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle } from '../../engine/index.js';
import { readFileSet } from '../bundles/files.js';
import { walkFiles } from '../bundles/walk.js';
import type { AppDeps } from '../deps.js';
import { runScenarios } from '../engine.js';
import type { PublishIntent } from '../store/types.js';
import { formatDefinitionError, writeDefinition, type Publisher } from './publisher.js';

/** The server cannot start: the definitions on disk fail and no version was ever published to fall back on. */
export class StartupError extends Error {
  constructor(
    readonly dir: string,
    readonly why: string,
  ) {
    super(
      `سرور راه‌اندازی نشد: تعریف‌های ${dir} پذیرفته نیستند و نسخهٔ منتشرشده‌ای برای جایگزینی نیست.\n` +
        `The server did not start: the definitions at ${dir} ${why.split('\n')[0]}, and no published version exists to serve instead.\n` +
        `${why.split('\n').slice(1).join('\n')}\n` +
        `بررسی: dabir validate ${dir} · dabir test ${dir} — or start with --definitions <folder of a bundle> (DABIR_DEFINITIONS).`,
    );
    this.name = 'StartupError';
  }
}

/** Temp files of `writeFileAtomic` (`<file>.<pid>.<ms>.tmp`). */
const TEMP_FILE = /\.ya?ml\.\d+\.\d+\.tmp$/i;

/** Deletes the temp files an interrupted atomic write left under `root`; returns their paths. */
export function sweepTempFiles(root: string): string[] {
  const removed: string[] = [];
  for (const full of walkFiles(root, (name) => TEMP_FILE.test(name))) {
    rmSync(full, { force: true });
    removed.push(full);
  }
  return removed;
}

const readOrNull = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

/**
 * Resolves an interrupted publish's files: true when every one holds its new content (the publish may be completed);
 * otherwise restores the previous content of those already replaced and returns false.
 */
export function settleIntent(root: string, intent: PublishIntent, log: AppDeps['log']): boolean {
  const state = Object.entries(intent.files).map(([path, next]) => {
    const now = readOrNull(join(root, ...path.split('/')));
    return { path, now, next, prev: intent.previous[path] ?? null };
  });
  if (state.every((f) => f.now === f.next)) return true;
  const restored: string[] = [];
  const foreign: string[] = [];
  for (const f of state) {
    if (f.now === f.prev) continue;
    if (f.now !== f.next) {
      foreign.push(f.path);
      continue;
    }
    writeDefinition(root, f.path, f.prev);
    restored.push(f.path);
  }
  log.warn(
    { author: intent.author, version: intent.hash, restored, editedSince: foreign },
    `a publish by ${intent.author} (${intent.createdAt}) was interrupted before all its files were written: rolled back ` +
      (restored.length ? `(restored ${restored.join(', ')})` : '(no file had been replaced yet)') +
      (foreign.length ? `; left alone, edited by hand since: ${foreign.join(', ')}` : ''),
  );
  return false;
}

/** Activates the definitions to serve at start-up (see the file comment) and records them; returns the bundle. */
export function activateAtStartup(d: AppDeps, publisher: Publisher): Bundle {
  const { store, bundles, log } = d;
  const root = publisher.root;
  const swept = sweepTempFiles(root);
  if (swept.length) log.warn({ files: swept }, `removed ${swept.length} temp file(s) of an interrupted definitions write`);

  const intent = store.bundles.intent();
  const complete = intent ? settleIntent(root, intent, log) : false;
  const files = readFileSet(root);
  const loaded = bundles.load(files);
  const fallback = (why: string): Bundle => {
    store.bundles.clearIntent();
    const last = store.bundles.latest();
    if (!last) throw new StartupError(d.config.definitionsDir, why);
    log.warn({ version: last.hash, author: last.author, publishedAt: last.createdAt }, `definitions on disk ${why.split('\n')[0]}; serving the last published version ${last.hash.slice(0, 12)} (${last.author}, ${last.createdAt})`);
    const bundle = bundles.get(last.hash);
    bundles.activate(bundle, store.bundles.files(last.hash) ?? {});
    return bundle;
  };

  if (!loaded.bundle) {
    for (const e of loaded.errors) log.error(formatDefinitionError(e));
    return fallback(`do not load:\n${loaded.errors.map(formatDefinitionError).join('\n')}`);
  }
  const bundle = loaded.bundle;
  const finishing = complete && intent?.hash === bundle.hash;
  if (complete && !finishing) log.warn({ intended: intent?.hash, onDisk: bundle.hash }, 'an interrupted publish is on disk, but other files changed too: checking the disk as it is');
  // A recorded version, or the snapshot an interrupted publish had checked, passed its scenarios when it was checked.
  if (!finishing && !store.bundles.has(bundle.hash)) {
    const report = runScenarios(bundle);
    if (report.failed > 0) {
      const failed = report.results.filter((r) => !r.passed).map((r) => `${r.source.file}:${r.source.line}:${r.source.col}: ${r.id}: ${r.problems.join('; ')}`);
      for (const line of failed) log.error(line);
      return fallback(`fail ${report.failed} of ${report.results.length} scenarios:\n${failed.join('\n')}`);
    }
  }
  bundles.activate(bundle, files);
  if (finishing) log.warn({ version: bundle.hash, author: intent!.author }, `completed a publish by ${intent!.author} that a crash interrupted (its files were all written)`);
  publisher.record(bundle, files, finishing ? intent!.author : 'filesystem', finishing ? intent!.message : 'loaded from disk', undefined);
  return bundle;
}
