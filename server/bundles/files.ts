/**
 * Definition files as a snapshot: path (relative to the definitions root, `/`-separated) → content.
 * The root is the parent of the served bundle folder, so the bundles it extends are part of the snapshot.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { Problem } from '../problem.js';
import { walkFiles, YAML_FILE } from './walk.js';

export type FileSet = Record<string, string>;

const DEFINITION_FILE = YAML_FILE;

/**
 * The names {@link safeDefinitionPath} accepts, as a JSON Schema pattern (no flags): `/`-separated segments of letters,
 * digits, `_`, `.` and `-` that start with a letter, digit or `_` (so no `.`, `..` or hidden segment), ending in .yaml/.yml.
 */
export const DEFINITION_PATH_PATTERN = '^([A-Za-z0-9_][A-Za-z0-9_.-]*/)*[A-Za-z0-9_][A-Za-z0-9_.-]*\\.[yY][aA]?[mM][lL]$';

/** Reads every YAML file under `root` (recursively), keyed by its `/`-separated path relative to `root`. */
export function readFileSet(root: string): FileSet {
  const out: FileSet = {};
  for (const full of walkFiles(root, (name) => DEFINITION_FILE.test(name))) out[relative(root, full).split(sep).join('/')] = readFileSync(full, 'utf8');
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Normalises a file path given by a client and rejects anything that could escape the definitions root:
 * absolute paths, `..`, backslashes, NUL, hidden segments, and names that are not `.yaml`/`.yml`.
 */
export function safeDefinitionPath(path: string): string {
  const bad = (why: string, whyFa: string) =>
    new Problem('bad-request', { detail: `نام فایل «${path}» پذیرفته نیست: ${whyFa}`, detail_en: `File name "${path}" is not accepted: ${why}` });
  if (typeof path !== 'string' || path.length === 0 || path.length > 300) throw bad('empty or too long', 'خالی یا بیش از حد بلند');
  if (/[\\\0]/.test(path) || path.startsWith('/') || /^[a-zA-Z]:/.test(path)) throw bad('absolute paths and backslashes are not allowed', 'مسیر مطلق مجاز نیست');
  const norm = posix.normalize(path);
  const segs = norm.split('/');
  if (norm !== path || segs.some((s) => s === '..' || s === '.' || s === '' || s.startsWith('.'))) throw bad('path traversal', 'خروج از پوشهٔ تعاریف');
  if (!segs.every((s) => /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(s))) throw bad('only letters, digits, "-", "_" and "." are allowed', 'فقط حروف لاتین، رقم، - و _');
  if (!DEFINITION_FILE.test(norm)) throw bad('only .yaml files', 'فقط فایل yaml');
  return norm;
}

/** Writes a file so a crash leaves either the old or the new content: temp file, fsync, rename, fsync the folder. */
export function writeFileAtomic(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  try {
    const dfd = openSync(dirname(file), 'r');
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  }
}

/** A unified line diff between two file sets (per file, minimal enough for review). */
export function diffFileSets(before: FileSet, after: FileSet): { changed: string[]; diff: string } {
  const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changed: string[] = [];
  const parts: string[] = [];
  for (const p of paths) {
    if (before[p] === after[p]) continue;
    changed.push(p);
    parts.push(unifiedDiff(p, before[p], after[p]));
  }
  return { changed, diff: parts.join('') };
}

function unifiedDiff(path: string, a: string | undefined, b: string | undefined): string {
  const x = a === undefined ? [] : a.split('\n');
  const y = b === undefined ? [] : b.split('\n');
  // LCS table; definition files are small (hundreds of lines).
  const n = x.length, m = y.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const lines: string[] = [];
  let i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) (lines.push(` ${x[i]}`), i++, j++);
    else if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) lines.push(`+${y[j++]}`);
    else lines.push(`-${x[i++]}`);
  }
  // Keep changed lines with two lines of context.
  const keep = lines.map((_l, k) => lines.slice(Math.max(0, k - 2), k + 3).some((c) => c[0] !== ' '));
  const body = lines.filter((_, k) => keep[k]).join('\n');
  return `--- ${a === undefined ? '/dev/null' : `a/${path}`}\n+++ ${b === undefined ? '/dev/null' : `b/${path}`}\n${body}\n`;
}

/**
 * The bundle to serve when none is named: among the folders of `root` holding a bundle.yaml, the one no other bundle
 * extends (the most specific). Ambiguity is an error that asks for DABIR_DEFINITIONS.
 */
export function defaultBundleDir(root: string): string {
  const bundles = existsSync(root)
    ? readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'bundle.yaml'))).map((d) => d.name)
    : [];
  const extended = new Set(
    bundles.map((b) => /^extends:\s*["']?([\w.-]+)/m.exec(readFileSync(join(root, b, 'bundle.yaml'), 'utf8'))?.[1]).filter((x): x is string => Boolean(x)),
  );
  const leaves = bundles.filter((b) => !extended.has(b)).sort();
  if (leaves.length !== 1) {
    throw new Error(`cannot choose a bundle in ${root} (found: ${leaves.join(', ') || 'none'}); set DABIR_DEFINITIONS to the bundle folder`);
  }
  return join(root, leaves[0]);
}
