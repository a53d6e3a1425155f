/**
 * Parameter proposals: a new value for a parameter, drafted as a dated resolution in the served province's
 * resolutions file (written with the yaml Document API, the rest of the file kept byte for byte), checked like any
 * change (every error at file:line:col, in Persian and English), and compared scenario by scenario with the current
 * definitions. Nothing is written: the answer holds the files as they would be, and publishing them is the editor's
 * change-set publish. Asked to, it also rewrites the `expect` of the scenarios the change turns, so the new verdicts
 * become the expected ones in the same change set.
 */
import type { Bundle, DefinitionError, Scenario } from '../../engine/index.js';
import { diffFileSets, type FileSet } from '../bundles/files.js';
import type { AppDeps } from '../deps.js';
import {
  appendItem, draftResolution, listText, replaceValue, runScenarios, verdictChanges, YamlEditError,
  type DraftedResolution, type ProposalInput, type ScenarioReport, type VerdictChange,
} from '../engine.js';
import { notFound, Problem } from '../problem.js';
import type { CheckResult, FileChange, Publisher } from '../publish/publisher.js';

/** What the page sends: the proposal and which turned scenarios should expect their new verdict. */
export interface ProposalRequest extends ProposalInput {
  updateScenarios?: string[];
}

/** A drafted file: its path, its content as it would be, what it was (null: new) and the diff. */
export interface DraftedFile {
  path: string;
  content: string;
  previous: string | null;
  diff: string;
}

/** The answer: the drafted change, its problems, and the scenarios it turns. */
export interface ProposalReport {
  /** True when the files load and every scenario passes with them: ready to publish. */
  ok: boolean;
  /** The version the draft was made on (send it back as baseVersion when publishing). */
  baseVersion: string;
  parameter: string;
  resolution: DraftedResolution | null;
  /** True when the resolution's date is today or earlier in the bundle's time zone. */
  inForce: boolean;
  files: DraftedFile[];
  fieldErrors: { path: string; message: { fa: string; en: string } }[];
  errors: DefinitionError[];
  scenarios: { before: { passed: number; failed: number }; after: { passed: number; failed: number } } | null;
  /** Scenarios whose verdict the change turns, each with why and (when it fails now) the expectation it would need. */
  changes: (VerdictChange & { updated: boolean })[];
}

const HEADER = '# yaml-language-server: $schema=../../schemas/resolutions.schema.json\nkind: resolutions\n';

/** The snapshot path (`<bundle>/x.yaml`) of a source position's file (`definitions/<bundle>/x.yaml`). */
function snapshotPath(files: FileSet, sourceFile: string): string | undefined {
  return Object.keys(files).find((k) => sourceFile === k || sourceFile.endsWith(`/${k}`));
}

/** Pointer segments of a JSON pointer (`/scenarios/3` → ['scenarios', 3]). */
function segments(pointer: string): (string | number)[] {
  return pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export class ProposalService {
  private cached?: { hash: string; report: ScenarioReport };

  constructor(private readonly d: AppDeps, private readonly publisher: Publisher, private readonly today: () => string) {}

  /** The current bundle's scenario report (cached per version: it is the "before" of every proposal). */
  private before(bundle: Bundle): ScenarioReport {
    if (this.cached?.hash !== bundle.hash) this.cached = { hash: bundle.hash, report: runScenarios(bundle) };
    return this.cached.report;
  }

  /**
   * The resolutions file the new resolution goes into: the served bundle's file of the resolution now setting the
   * parameter, else its first resolutions file, else a new `<bundle>/resolutions.yaml`.
   */
  private targetFile(bundle: Bundle, files: FileSet, parameter: string): string {
    const entry = this.d.bundles.entry;
    const own = [...bundle.resolutions.values()].filter((r) => r.source.bundle === bundle.info.id);
    const setting = bundle.parameters.get(parameter)?.history.filter((h) => h.resolution.source.bundle === bundle.info.id).at(-1);
    const chosen = setting?.resolution.source.file ?? own.map((r) => r.source.file).sort()[0];
    const path = chosen && snapshotPath(files, chosen);
    return path ?? `${entry}/resolutions.yaml`;
  }

  /** Drafts a proposal for `parameter` (404 when the parameter does not exist). Writes nothing. */
  draft(parameter: string, req: ProposalRequest): ProposalReport {
    const bundle = this.d.bundles.current();
    const p = bundle.parameters.get(parameter);
    if (!p) throw notFound('parameter', parameter);
    const files = this.d.bundles.currentFiles();
    const empty: ProposalReport = {
      ok: false, baseVersion: bundle.hash, parameter, resolution: null, inForce: false, files: [], fieldErrors: [], errors: [], scenarios: null, changes: [],
    };
    const drafted = draftResolution(bundle, p, req);
    if (!drafted.resolution) return { ...empty, fieldErrors: drafted.errors };
    const resolution = drafted.resolution;
    const path = this.targetFile(bundle, files, parameter);
    const previous = files[path] ?? null;
    const content = this.edit(() => (previous === null ? `${HEADER}${listText('resolutions', [resolution])}` : appendItem(previous, ['resolutions'], resolution)));
    const changes: FileChange[] = [{ path, content }];

    let check = this.publisher.check(changes);
    const before = this.before(bundle);
    if (!check.bundle || check.errors.length) return { ...this.report(empty, resolution, files, check, before, []), errors: check.errors };
    let turned = verdictChanges(bundle, check.bundle, before, check.scenarios!);
    const wanted = new Set(req.updateScenarios ?? []);
    const updates = turned.filter((c) => wanted.has(c.id) && c.expect);
    if (updates.length) {
      const texts: FileSet = {};
      for (const c of updates) {
        const sc = check.bundle.scenarios.find((s) => s.id === c.id) as Scenario;
        const file = snapshotPath(files, sc.source.file);
        if (!file) continue;
        texts[file] = this.edit(() => replaceValue(texts[file] ?? files[file], [...segments(sc.source.pointer), 'expect'], c.expect));
      }
      for (const [f, text] of Object.entries(texts)) changes.push({ path: f, content: text });
      check = this.publisher.check(changes);
      if (!check.bundle || check.errors.length) return { ...this.report(empty, resolution, files, check, before, []), errors: check.errors };
      // The turned scenarios are the ones the resolution turns; an updated one now passes with its new expectation.
      const now = new Map(check.scenarios!.results.map((r) => [r.id, r]));
      turned = turned.map((c) => {
        const r = now.get(c.id);
        return r && updates.some((u) => u.id === c.id) ? { ...c, after: { passed: r.passed, outcome: r.outcome, happened: r.happened, problems: r.problems } } : c;
      });
    }
    const updatedIds = new Set(updates.map((u) => u.id));
    return this.report(empty, resolution, files, check, before, turned.map((c) => ({ ...c, updated: updatedIds.has(c.id) })));
  }

  private report(base: ProposalReport, resolution: DraftedResolution, files: FileSet, check: CheckResult, before: ScenarioReport, changes: ProposalReport['changes']): ProposalReport {
    const drafted: DraftedFile[] = Object.entries(check.files)
      .filter(([path, text]) => files[path] !== text)
      .map(([path, content]) => ({ path, content, previous: files[path] ?? null, diff: diffFileSets({ [path]: files[path] ?? '' }, { [path]: content }).diff }));
    const after = check.scenarios;
    return {
      ...base,
      ok: check.ok,
      resolution,
      inForce: resolution.date <= this.today(),
      files: drafted,
      errors: check.errors,
      scenarios: after ? { before: { passed: before.passed, failed: before.failed }, after: { passed: after.passed, failed: after.failed } } : null,
      changes,
    };
  }

  /** Runs a file edit; an edit the file does not allow is a 422 in plain words, never a 500. */
  private edit(fn: () => string): string {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof YamlEditError)) throw e;
      throw new Problem('invalid-definition', {
        detail: `فایل تعاریف را نمی‌توان خودکار ویرایش کرد: ${e.message}. آن را در ویرایشگر تعاریف درست کنید.`,
        detail_en: `The definition file cannot be edited automatically: ${e.message}. Fix it in the definitions editor.`,
        extra: { errors: [] },
      });
    }
  }
}
