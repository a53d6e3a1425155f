/**
 * The bundles the server runs: the current one (new cases use it) and every published version by hash (running cases
 * keep theirs). Versions live in the store as file snapshots; an old one is loaded on demand and cached.
 *
 * A stored version may stop loading when the engine changes (a stricter schema, a removed operator). Its cases must
 * not turn into 500s: `get` throws the `definition-version-unavailable` problem, which says which version, why (every
 * loader error with file:line:col) and what an administrator can do; reads fall back to the current definitions
 * through `tryGet`. Failures are cached like successes, so a broken version is not re-parsed on every request.
 */
import type { Bundle, DefinitionError } from '../../engine/index.js';
import { Problem } from '../problem.js';
import type { BundleStore } from '../store/types.js';
import type { FileSet } from './files.js';

/** Loads a bundle from a file snapshot (`entry` = the bundle folder inside the snapshot). */
export type SnapshotLoader = (files: FileSet, entry: string) => { bundle?: Bundle; errors: DefinitionError[]; warnings?: DefinitionError[] };

const CACHE_SIZE = 8;

type Loaded = { bundle: Bundle } | { problem: Problem };

export class BundleRegistry {
  private cur: { bundle: Bundle; files: FileSet } | undefined;
  private readonly cache = new Map<string, Loaded>();

  constructor(
    private readonly store: BundleStore,
    private readonly loader: SnapshotLoader,
    /** The served bundle's folder name inside the snapshot. */
    readonly entry: string,
  ) {}

  /** The bundle new cases start on. */
  current(): Bundle {
    if (!this.cur) throw new Problem('internal', { detail_en: 'no bundle loaded' });
    return this.cur.bundle;
  }

  currentFiles(): FileSet {
    return this.cur?.files ?? {};
  }

  /** Makes `bundle` (loaded from `files`) the current one. */
  activate(bundle: Bundle, files: FileSet): void {
    this.cur = { bundle, files };
    this.remember(bundle.hash, { bundle });
  }

  /** Loads a snapshot; returns the bundle or the definition errors. */
  load(files: FileSet): { bundle?: Bundle; errors: DefinitionError[]; warnings: DefinitionError[] } {
    const r = this.loader(files, this.entry);
    return { bundle: r.bundle, errors: r.errors, warnings: r.warnings ?? [] };
  }

  /**
   * The bundle of a version (the current one, a cached one, or one loaded from the store). Throws the
   * `definition-version-unavailable` problem (409) when the version is not stored or no longer loads.
   */
  get(hash: string): Bundle {
    const r = this.resolve(hash);
    if ('problem' in r) throw r.problem;
    return r.bundle;
  }

  /** Like `get`, but undefined instead of a problem (for reads that can fall back to the current definitions). */
  tryGet(hash: string): Bundle | undefined {
    const r = this.resolve(hash);
    return 'bundle' in r ? r.bundle : undefined;
  }

  private resolve(hash: string): Loaded {
    if (this.cur?.bundle.hash === hash) return { bundle: this.cur.bundle };
    const hit = this.cache.get(hash);
    if (hit) {
      this.cache.delete(hash);
      this.cache.set(hash, hit);
      return hit;
    }
    const files = this.store.files(hash);
    let loaded: Loaded;
    if (!files) loaded = { problem: unavailable(hash, undefined, []) };
    else {
      let r: ReturnType<SnapshotLoader>;
      try {
        r = this.loader(files, this.entry);
      } catch (err) {
        const why = String((err as Error)?.message ?? err);
        r = { errors: [{ code: 'loader-crashed', message: why, message_fa: `بارگذار تعاریف از کار افتاد: ${why}`, file: this.entry, pointer: '', line: 1, col: 1 }] };
      }
      loaded = r.bundle ? { bundle: r.bundle } : { problem: unavailable(hash, this.store.get(hash), r.errors) };
    }
    this.remember(hash, loaded);
    return loaded;
  }

  private remember(hash: string, loaded: Loaded): void {
    this.cache.set(hash, loaded);
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
  }
}

/** The problem of a case whose definition version cannot be loaded: which version, why, and what to do. */
function unavailable(hash: string, version: { createdAt: string; author: string } | undefined, errors: DefinitionError[]): Problem {
  const short = hash.slice(0, 12);
  const lines = errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`);
  const first = lines[0] ?? '';
  const when = version ? ` (${version.createdAt}, ${version.author})` : '';
  const why = version
    ? { fa: `موتور فعلی آن را بارگذاری نمی‌کند: ${first}`, en: `the current engine no longer loads it: ${first}` }
    : { fa: 'این نسخه در پایگاه داده نیست', en: 'that version is not stored' };
  return new Problem('definition-version-unavailable', {
    detail:
      `این پرونده با نسخهٔ ${short} تعاریف${when} آغاز شده و ${why.fa}. پرونده همان‌گونه که بود نگه داشته می‌شود و خواندنی است، ` +
      'اما تا مدیر سامانه آن نسخه را دوباره قابل بارگذاری نکند (مثلاً با بازگرداندن موتوری که آن را می‌خواند)، فرمانی روی آن اجرا نمی‌شود.',
    detail_en:
      `This case runs on definition version ${short}${when}, and ${why.en}. The case is kept unchanged and can still be read, ` +
      'but no command runs on it until an administrator makes that version load again (for example with an engine release that reads it).',
    extra: { definitionVersion: hash, errors, lines },
  });
}
