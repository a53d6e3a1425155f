/**
 * The loader's seam to the outside world: a bundle is read through a `BundleSource`, so the engine never touches
 * the file system (the CLI and the server provide sources; tests use `memorySource`).
 */
import type { Bundle, DefinitionError } from '../model.js';

/** One definition file. `path` is how errors name it (e.g. `definitions/<bundle>/rules/area.yaml`). */
export interface SourceFile {
  path: string;
  text: string;
}

/** Reads the files of a bundle folder and finds the folder of a bundle it extends. */
export interface BundleSource {
  /** Every definition file under `dir` (recursively), in a stable order. */
  files(dir: string): SourceFile[];
  /** The folder of the bundle named `name`, as seen from the bundle in `fromDir` (usually a sibling folder). */
  resolve(fromDir: string, name: string): string;
}

/** What loading gives back: a bundle only when there are no errors. Warnings never block. */
export interface LoadResult {
  bundle?: Bundle;
  errors: DefinitionError[];
  warnings: DefinitionError[];
}
