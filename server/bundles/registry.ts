/**
 * The bundles the server runs: the current one (new cases use it) and every published version by hash (running cases
 * keep theirs). Versions live in the store as file snapshots; an old one is loaded on demand and cached.
 */
import type { Bundle, DefinitionError } from '../../engine/model.js';
import { Problem } from '../problem.js';
import type { BundleStore } from '../store/types.js';
import type { FileSet } from './files.js';

/** Loads a bundle from a file snapshot (`entry` = the bundle folder inside the snapshot). */
export type SnapshotLoader = (files: FileSet, entry: string) => { bundle?: Bundle; errors: DefinitionError[]; warnings?: DefinitionError[] };

const CACHE_SIZE = 8;

export class BundleRegistry {
  private cur: { bundle: Bundle; files: FileSet } | undefined;
  private readonly cache = new Map<string, Bundle>();

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
    this.remember(bundle.hash, bundle);
  }

  /** Loads a snapshot; returns the bundle or the definition errors. */
  load(files: FileSet): { bundle?: Bundle; errors: DefinitionError[]; warnings: DefinitionError[] } {
    const r = this.loader(files, this.entry);
    return { bundle: r.bundle, errors: r.errors, warnings: r.warnings ?? [] };
  }

  /** The bundle of a version (the current one, a cached one, or one loaded from the store). */
  get(hash: string): Bundle {
    if (this.cur?.bundle.hash === hash) return this.cur.bundle;
    const hit = this.cache.get(hash);
    if (hit) {
      this.cache.delete(hash);
      this.cache.set(hash, hit);
      return hit;
    }
    const files = this.store.files(hash);
    if (!files) throw new Problem('internal', { detail_en: `definition version ${hash} is not stored` });
    const r = this.loader(files, this.entry);
    if (!r.bundle) throw new Problem('internal', { detail_en: `stored definition version ${hash} no longer loads: ${r.errors[0]?.message ?? ''}` });
    this.remember(hash, r.bundle);
    return r.bundle;
  }

  private remember(hash: string, bundle: Bundle): void {
    this.cache.set(hash, bundle);
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
  }
}
