/**
 * Publishing definitions. A change (a file edited, uploaded or deleted) is applied to the current snapshot in memory,
 * loaded (every error with file:line:col) and the bundle's scenarios run; only then is it written atomically to the
 * definitions folder, recorded as a new version (hash, author, time, diff) and made current — without a restart.
 * On any failure nothing changes. Running cases keep the version they started on (the store keeps every version).
 * When the registry files change, the live registry follows (registry/file-sync.ts): the check says what would be
 * added, changed and retired, a change that would not hold together is refused with the reasons, and the records are
 * written in the transaction that records the version.
 *
 * Crash safety: before the first file is written, the publish is recorded as an intent (author, message, hash, the
 * files' new and old contents); the version record clears it in the same transaction. An intent found at start-up
 * is a publish a crash interrupted: recover.ts completes it under its author when every new file is on disk and the
 * files load to the intended hash, and rolls the files back otherwise.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Bundle, DefinitionError } from '../../engine/index.js';
import { diffFileSets, safeDefinitionPath, writeFileAtomic, type FileSet } from '../bundles/files.js';
import type { AppDeps } from '../deps.js';
import { formatErrorFa, runScenarios, toPersianDigits, type ScenarioReport, type ScenarioResult } from '../engine.js';
import { Problem } from '../problem.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import type { BundleVersion } from '../store/types.js';
import { applyRegistrySync, planChanges, planRegistrySync, registrySyncRefused, type RegistrySyncPlan } from '../registry/file-sync.js';

export interface FileChange {
  path: string;
  /** New content; null deletes the file. */
  content: string | null;
}

export interface CheckResult {
  ok: boolean;
  errors: DefinitionError[];
  warnings: DefinitionError[];
  scenarios: ScenarioReport | null;
  bundle?: Bundle;
  files: FileSet;
  /** What the change does to the live registry (null when the definitions do not load). */
  registry: RegistrySyncPlan | null;
}

/** `file:line:col: message`, the way editors and CI read it. */
export const formatDefinitionError = (e: DefinitionError): string => `${e.file}:${e.line}:${e.col}: ${e.message}`;

/** A failed scenario in one line of each language: its title, where it is written, and why it failed. */
function scenarioLine(x: ScenarioResult): { fa: string; en: string } {
  const at = `${x.source.file}:${x.source.line}`;
  return {
    fa: `سناریوی «${x.title?.fa ?? x.id}» (${at}): ${x.problems.map((p) => p.fa).join('؛ ')}`,
    en: `${at}: ${x.id}: ${x.problems.map((p) => p.en).join('; ')}`,
  };
}

/** The problem of a change whose definitions do not load: every error at file:line:col, Persian and English. */
export function invalidDefinition(errors: DefinitionError[]): Problem {
  return new Problem('invalid-definition', {
    detail: `تعاریف ${toPersianDigits(String(errors.length))} خطا دارند:\n${errors.map(formatErrorFa).join('\n')}`,
    detail_en: `${errors.length} problems in the definitions:\n${errors.map(formatDefinitionError).join('\n')}`,
    extra: { errors, lines: errors.map(formatDefinitionError) },
  });
}

/** The problem of a change whose scenarios fail: which, what they expected, what happened and why. */
export function scenariosFailed(report: ScenarioReport): Problem {
  const failed = report.results.filter((x) => !x.passed);
  const lines = failed.map(scenarioLine);
  return new Problem('scenarios-failed', {
    detail: `${toPersianDigits(String(failed.length))} سناریو از ${toPersianDigits(String(report.results.length))} سناریو شکست خورد:\n${lines.map((l) => l.fa).join('\n')}`,
    detail_en: `${report.failed} of ${report.results.length} scenarios failed:\n${lines.map((l) => l.en).join('\n')}`,
    extra: { scenarios: { passed: report.passed, failed: report.failed, results: failed } },
  });
}

export class Publisher {
  constructor(private readonly d: AppDeps, private readonly scheduler: Scheduler) {}

  /** The definitions root on disk: the parent of the served bundle folder. */
  get root(): string {
    return dirname(this.d.config.definitionsDir);
  }

  /** Applies changes to the current snapshot in memory, loads it and runs its scenarios. Writes nothing. */
  check(changes: FileChange[]): CheckResult {
    const files: FileSet = { ...this.d.bundles.currentFiles() };
    for (const c of changes) {
      const path = safeDefinitionPath(c.path);
      if (c.content === null) {
        if (!(path in files)) throw new Problem('not-found', { detail: `فایل «${path}» وجود ندارد`, detail_en: `No file "${path}"` });
        delete files[path];
      } else files[path] = c.content;
    }
    const r = this.d.bundles.load(files);
    if (!r.bundle || r.errors.length) return { ok: false, errors: r.errors, warnings: r.warnings, scenarios: null, files, registry: null };
    const scenarios = runScenarios(r.bundle);
    const registry = this.syncPlan(this.d.bundles.current(), r.bundle);
    return { ok: scenarios.failed === 0 && !registry.problems.length, errors: [], warnings: r.warnings, scenarios, bundle: r.bundle, files, registry };
  }

  /** What publishing `to` over `from` does to the live registry (nothing before the sample registry is seeded). */
  private syncPlan(from: Bundle | undefined, to: Bundle): RegistrySyncPlan {
    if (!this.d.store.meta.get('seeded') || from?.hash === to.hash) return { adds: [], changes: [], removals: [], problems: [], writes: [], retires: [] };
    return planRegistrySync(from, to, this.d.store.entities);
  }

  /** Publishes changes as a new version, or throws a problem listing every error (and changes nothing). */
  publish(author: string, changes: FileChange[], opts: { message?: string; baseVersion?: string } = {}): { version: BundleVersion; changed: boolean } {
    const current = this.d.bundles.current();
    if (opts.baseVersion && opts.baseVersion !== current.hash) {
      throw new Problem('stale-version', {
        detail: 'تعاریف در این فاصله منتشر شده‌اند؛ دوباره بارگذاری کنید',
        detail_en: `The definitions moved on from ${opts.baseVersion} to ${current.hash}; reload and retry`,
        extra: { expectedVersion: opts.baseVersion, currentVersion: current.hash },
      });
    }
    const res = this.check(changes);
    if (!res.bundle || res.errors.length) throw invalidDefinition(res.errors);
    if (res.scenarios && res.scenarios.failed > 0) throw scenariosFailed(res.scenarios);
    if (res.registry?.problems.length) throw registrySyncRefused(res.registry);
    const bundle = res.bundle;
    const before = this.d.bundles.currentFiles();
    if (bundle.hash === current.hash) return { version: this.d.store.bundles.get(current.hash)!, changed: false };
    // Only a change made knowingly on the current version is written: without a base, two administrators editing the
    // same file would silently overwrite each other.
    if (!opts.baseVersion) {
      throw new Problem('precondition-required', {
        detail: 'نسخهٔ پایهٔ تغییر (baseVersion) را بفرستید: نسخه‌ای که ویرایش را روی آن انجام داده‌اید',
        detail_en: `Send baseVersion, the version this change was made on (the current one is ${current.hash})`,
        extra: { currentVersion: current.hash },
      });
    }
    const writes = changes.map((c) => ({ path: safeDefinitionPath(c.path), content: c.content }));
    // The intent first (see the file comment), then the disk, then the record that clears the intent.
    this.d.store.bundles.intend({
      hash: bundle.hash, author, message: opts.message ?? null, baseHash: current.hash, createdAt: this.d.clock.now().toISOString(),
      files: Object.fromEntries(writes.map((w) => [w.path, w.content])),
      previous: Object.fromEntries(writes.map((w) => [w.path, before[w.path] ?? null])),
    });
    for (const w of writes) writeDefinition(this.root, w.path, w.content);
    const version = this.record(bundle, res.files, author, opts.message ?? null, before, res.registry ?? undefined);
    this.d.bundles.activate(bundle, res.files);
    this.scheduler.planTriggers();
    return { version, changed: true };
  }

  /**
   * Stores a version (if new) with its diff from `before`, and clears the publish intent in the same transaction —
   * with the change of the live registry its registry files make (`plan`, checked by the publish; at start-up, the
   * change from the last recorded version, without the records that would not hold together, which are logged).
   */
  record(bundle: Bundle, files: FileSet, author: string, message: string | null, before: FileSet | undefined, plan?: RegistrySyncPlan): BundleVersion {
    const { bundles } = this.d.store;
    return this.d.store.tx(() => {
      bundles.clearIntent();
      const existing = bundles.get(bundle.hash);
      if (existing) return existing;
      const parent = bundles.latest();
      const sync = plan ?? this.startupPlan(parent?.hash, bundle);
      if (sync && planChanges(sync)) applyRegistrySync(sync, this.d.store.entities, this.d.clock.now().toISOString(), author, bundle.hash);
      const { changed, diff } = diffFileSets(before ?? (parent ? (bundles.files(parent.hash) ?? {}) : {}), files);
      return bundles.add(
        { hash: bundle.hash, bundleId: bundle.info.id, parentHash: parent?.hash ?? null, author, createdAt: this.d.clock.now().toISOString(), message, changed, diff },
        files,
      );
    });
  }

  /** At start-up (files changed on disk, or an interrupted publish completed): the registry change from the last version. */
  private startupPlan(parentHash: string | undefined, bundle: Bundle): RegistrySyncPlan | undefined {
    if (!parentHash || !this.d.store.meta.get('seeded')) return undefined;
    let from: Bundle;
    try {
      from = this.d.bundles.get(parentHash);
    } catch {
      return undefined;
    }
    const plan = this.syncPlan(from, bundle);
    if (!plan.problems.length) return plan;
    const bad = new Set(plan.problems.map((p) => `${p.entity}\u0000${p.id}`));
    for (const p of plan.problems) this.d.log.warn({ entity: p.entity, id: p.id }, `registry file record not applied: ${p.message.en ?? p.message.fa}`);
    return { ...plan, writes: plan.writes.filter((w) => !bad.has(`${w.def.id}\u0000${w.id}`)) };
  }
}

/** Writes (atomically) or deletes one definition file, by its path relative to the definitions root. */
export function writeDefinition(root: string, path: string, content: string | null): void {
  const file = join(root, ...path.split('/'));
  if (content === null) rmSync(file, { force: true });
  else writeFileAtomic(file, content);
}
