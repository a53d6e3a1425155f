/**
 * Checks one definition file on its own: YAML syntax, the `$schema` header line, `kind`, and its JSON Schema.
 * Results are cached by path and text, so re-validating a bundle after one edit re-checks only that file.
 */
import { createHash } from 'node:crypto';
import type { DefinitionError } from '../model.js';
import { definitionError, type Msg } from './errors.js';
import { explainAjvErrors } from './ajv-errors.js';
import { parseSource } from './parse.js';
import type { ParsedFile } from './parse.js';
import { pointer } from './pointer.js';
import { KINDS, isKind, validatorFor } from './schemas.js';
import type { DefinitionKind } from './schemas.js';
import { didYouMean } from './suggest.js';
import type { SourceFile } from './types.js';

/** One file after the file-level checks. `kind` is set when the file is usable (valid against its schema). */
export interface CheckedFile {
  file: ParsedFile;
  kind?: DefinitionKind;
  errors: DefinitionError[];
  warnings: DefinitionError[];
}

const HEADER = /^# yaml-language-server: \$schema=(\S+)/;
/** The cache keeps results for at most this many characters of source. */
const CACHE_CHARS = 32 * 1024 * 1024;
const cache = new Map<string, CheckedFile>();
let cachedChars = 0;

/** Checks a file (cached by path + content hash; never throws). */
export function checkFile(source: SourceFile): CheckedFile {
  const key = `${source.path}\0${createHash('sha256').update(source.text).digest('hex')}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let result: CheckedFile;
  try {
    result = uncachedCheck(source);
  } catch (e) {
    const { file } = parseSource({ path: source.path, text: '' });
    result = { file, errors: [internal(source.path, e)], warnings: [] };
  }
  if (source.text.length <= CACHE_CHARS / 4) {
    for (const [k, v] of cache) {
      if (cachedChars + source.text.length <= CACHE_CHARS) break;
      cache.delete(k);
      cachedChars -= v.file.text.length;
    }
    cache.set(key, result);
    cachedChars += source.text.length;
  }
  return result;
}

function internal(path: string, e: unknown): DefinitionError {
  const msg = e instanceof Error ? e.message : String(e);
  return definitionError('internal-error', {
    en: `the loader failed on this file (${msg}); please report it`,
    fa: `بارگذار تعاریف روی این فایل از کار افتاد (${msg})؛ لطفاً آن را گزارش کنید`,
  }, path, '', 1, 1);
}

function uncachedCheck(source: SourceFile): CheckedFile {
  const { file, errors, warnings } = parseSource(source);
  const out: CheckedFile = { file, errors, warnings };
  if (errors.length) return out;
  const problem = (code: string, ptr: string, message: Msg, key = false): DefinitionError => {
    const pos = file.locate(ptr, key);
    return definitionError(code, message, file.path, ptr, pos.line, pos.col);
  };
  const data = file.data;
  const kinds = KINDS.join(', ');
  if (data === null || data === undefined) {
    errors.push(problem('empty-file', '', { en: `the file is empty — start it with "kind:" (one of ${kinds})`, fa: `فایل خالی است — آن را با «kind:» آغاز کنید (یکی از ${kinds})` }));
    return out;
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    const list = Array.isArray(data);
    errors.push(problem('wrong-type', '', {
      en: `a definition file must be a mapping that starts with "kind:", not ${list ? 'a list' : 'a single value'}`,
      fa: `فایل تعریف باید نگاشتی (کلید: مقدار) باشد که با «kind:» آغاز شود، نه ${list ? 'یک فهرست' : 'یک مقدار تنها'}`,
    }));
    return out;
  }
  const kind = (data as Record<string, unknown>).kind;
  if (kind === undefined) {
    errors.push(problem('missing-kind', '', { en: `missing "kind:" — say what this file defines (one of ${kinds})`, fa: `«kind:» را ندارد — بگویید این فایل چه چیزی را تعریف می‌کند (یکی از ${kinds})` }));
    return out;
  }
  if (!isKind(kind)) {
    const hint = typeof kind === 'string' ? didYouMean(kind, KINDS) : { en: '', fa: '' };
    errors.push(problem('unknown-kind', '/kind', {
      en: `unknown kind ${JSON.stringify(kind)}${hint.en} (one of ${kinds})`,
      fa: `نوع (kind) ${JSON.stringify(kind)} شناخته نیست${hint.fa} (یکی از ${kinds})`,
    }));
    return out;
  }
  checkHeader(source.text, kind, (code, msg) => warnings.push(problem(code, '', msg)));
  const validate = validatorFor(kind);
  if (!validate(data)) {
    errors.push(...explainAjvErrors(validate.errors ?? [], file));
    return out;
  }
  out.kind = kind;
  missingEnglish(data, '', 0, (ptr) => warnings.push(problem('missing-en', ptr, {
    en: 'this text has no English ("en:") — add one so English users can read it',
    fa: 'این متن برگردان انگلیسی («en:») ندارد — آن را بیفزایید تا کاربران انگلیسی‌زبان هم بخوانند',
  })));
  return out;
}

function checkHeader(text: string, kind: DefinitionKind, warn: (code: string, message: Msg) => void): void {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0];
  const m = HEADER.exec(first);
  if (!m) {
    warn('missing-schema-line', {
      en: `the first line should be "# yaml-language-server: $schema=<path to schemas/${kind}.schema.json>" so editors can check and complete this file`,
      fa: `سطر نخست باید «# yaml-language-server: $schema=<مسیر schemas/${kind}.schema.json>» باشد تا ویرایشگرها این فایل را بررسی و تکمیل کنند`,
    });
  } else if (!m[1].endsWith(`${kind}.schema.json`)) {
    warn('wrong-schema-line', {
      en: `the $schema line points at ${m[1]}, but this file is kind "${kind}" — use …/schemas/${kind}.schema.json`,
      fa: `سطر $schema به ${m[1]} اشاره می‌کند، ولی نوع این فایل «${kind}» است — …/schemas/${kind}.schema.json را به کار ببرید`,
    });
  }
}

/** Subtrees that hold sample data or JSON Schemas, not definition texts. */
const NOT_TEXT = new Set(['records', 'registry', 'input', 'data', 'schema', 'columns', 'with', 'expect']);

function missingEnglish(node: unknown, ptr: string, depth: number, report: (ptr: string) => void): void {
  if (depth > 64 || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    node.forEach((v, i) => { missingEnglish(v, pointer(ptr, i), depth + 1, report); });
    return;
  }
  const obj = node as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (typeof obj.fa === 'string' && keys.every((k) => k === 'fa' || k === 'en')) {
    if (typeof obj.en !== 'string' || obj.en.trim() === '') report(ptr);
    return;
  }
  for (const k of keys) if (!NOT_TEXT.has(k)) missingEnglish(obj[k], pointer(ptr, k), depth + 1, report);
}
