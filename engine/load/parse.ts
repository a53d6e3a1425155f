/**
 * Parses one YAML definition file, keeping node ranges so any JSON pointer can be turned back into a line and a
 * column. Hostile input (huge files, alias bombs, deep nesting, syntax errors) becomes problems, never exceptions.
 */
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { DefinitionError } from '../model.js';
import { definitionError, type Msg } from './errors.js';
import { segments } from './pointer.js';
import { yamlMessage } from './yaml-messages.js';
import { refineYamlError } from './yaml-position.js';
import type { SourceFile } from './types.js';

/** Files above this size are refused before parsing. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Alias expansions allowed when converting a document to data (guards against "billion laughs"). */
export const MAX_ALIAS_COUNT = 100;

/** A line and a column, both 1-based. */
export interface LineCol {
  line: number;
  col: number;
}

/** A parsed definition file: its data and a way back from pointers to positions. */
export interface ParsedFile {
  readonly path: string;
  readonly text: string;
  /** The document as plain data (undefined when it could not be parsed). */
  readonly data: unknown;
  /** Position of the value at `ptr` (or of its key, with `key`); the nearest existing ancestor when `ptr` is absent. */
  locate(ptr: string, key?: boolean): LineCol;
}

class YamlFile implements ParsedFile {
  constructor(
    readonly path: string,
    readonly text: string,
    readonly data: unknown,
    private readonly doc: Document | undefined,
    private readonly lines: LineCounter,
  ) {}

  locate(ptr: string, key = false): LineCol {
    const start = this.offsetOf(ptr, key);
    return start === undefined ? { line: 1, col: 1 } : this.lines.linePos(start);
  }

  private offsetOf(ptr: string, wantKey: boolean): number | undefined {
    const doc = this.doc;
    if (!doc) return undefined;
    let node: unknown = doc.contents;
    let keyNode: YamlNode | undefined;
    let last = rangeStart(node);
    for (const seg of segments(ptr)) {
      node = this.deref(node);
      keyNode = undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => keyText(p.key) === seg);
        if (!pair) return last;
        keyNode = pair.key as YamlNode;
        node = pair.value;
      } else if (isSeq(node)) {
        const i = Number(seg);
        if (!Number.isInteger(i) || i < 0 || i >= node.items.length) return last;
        node = node.items[i];
      } else return last;
      const at = rangeStart(node);
      const keyAt = rangeStart(keyNode);
      // An empty value (`key:`) has no range of its own worth pointing at: use the key.
      last = at === undefined || isEmptyScalar(node) ? keyAt ?? last : at;
    }
    if (wantKey && keyNode) return rangeStart(keyNode) ?? last;
    return last;
  }

  private deref(node: unknown): unknown {
    for (let i = 0; i < 10 && isAlias(node) && this.doc; i++) node = node.resolve(this.doc);
    return node;
  }
}

function rangeStart(node: unknown): number | undefined {
  const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return r ? r[0] : undefined;
}

function isEmptyScalar(node: unknown): boolean {
  if (!isScalar(node) || node.value !== null) return false;
  const r = node.range;
  return !r || r[0] === r[1];
}

function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}

function problem(file: string, code: string, message: Msg, at: LineCol): DefinitionError {
  return definitionError(code, message, file, '', at.line, at.col);
}

/** Parses a file. The result always has a `ParsedFile` (with undefined data when unusable) and the problems found. */
export function parseSource(source: SourceFile): { file: ParsedFile; errors: DefinitionError[]; warnings: DefinitionError[] } {
  const lines = new LineCounter();
  const errors: DefinitionError[] = [];
  const warnings: DefinitionError[] = [];
  const empty = (): ParsedFile => new YamlFile(source.path, source.text, undefined, undefined, lines);
  const bytes = Buffer.byteLength(source.text, 'utf8');
  if (bytes > MAX_FILE_BYTES) {
    const mib = (bytes / 1024 / 1024).toFixed(1);
    errors.push(problem(source.path, 'file-too-large', {
      en: `the file is ${mib} MiB; definition files may be at most 1 MiB — split it into several files`,
      fa: `حجم فایل ${mib} مگابایت است؛ فایل تعریف حداکثر ۱ مگابایت است — آن را به چند فایل بشکنید`,
    }, { line: 1, col: 1 }));
    return { file: empty(), errors, warnings };
  }
  let doc: Document;
  try {
    doc = parseDocument(source.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
  } catch (e) {
    errors.push(problem(source.path, 'yaml-too-deep', {
      en: `the YAML could not be parsed (${errorText(e)}); it is probably nested too deeply`,
      fa: `YAML خوانده نشد (${errorText(e)})؛ احتمالاً بیش از حد تو در تو است`,
    }, { line: 1, col: 1 }));
    return { file: empty(), errors, warnings };
  }
  for (const e of doc.errors) {
    const real = refineYamlError(source.text, e.code, e.message, e.pos[0]);
    const at = lines.linePos(real.offset);
    if (e.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(e.message)) {
      errors.push(problem(source.path, 'yaml-too-deep', {
        en: 'the document is nested too deeply to read — flatten it (split long logic into rules)',
        fa: 'سند بیش از حد تو در تو است و خوانده نمی‌شود — آن را ساده‌تر کنید (منطق بلند را به چند قاعده بشکنید)',
      }, at));
      break;
    }
    const code = e.code === 'RESOURCE_EXHAUSTION' ? 'yaml-alias-limit' : 'yaml-syntax';
    const msg = real.message ? { en: `YAML syntax error: ${real.message.en}`, fa: `خطای نگارشی YAML: ${real.message.fa}` } : yamlMessage(e.code, e.message);
    errors.push(problem(source.path, code, msg, at));
  }
  for (const w of doc.warnings) warnings.push(problem(source.path, 'yaml-warning', yamlMessage(w.code, w.message), lines.linePos(w.pos[0])));
  if (errors.length) return { file: new YamlFile(source.path, source.text, undefined, doc, lines), errors, warnings };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const alias = /alias/i.test(errorText(e));
    errors.push(problem(source.path, alias ? 'yaml-alias-limit' : 'yaml-syntax', alias
      ? {
          en: `too many alias expansions (more than ${MAX_ALIAS_COUNT}): the file looks like an alias bomb — write the values out or use fewer aliases`,
          fa: `ارجاع‌ها (alias) بیش از ${MAX_ALIAS_COUNT} بار گسترش می‌یابند و فایل به «بمب ارجاع» می‌ماند — مقدارها را کامل بنویسید یا ارجاع کمتری به کار ببرید`,
        }
      : { en: `the YAML could not be converted to data (${errorText(e)})`, fa: `YAML به داده تبدیل نشد (${errorText(e)})` },
      alias ? firstAlias(doc, lines) : { line: 1, col: 1 }));
    return { file: new YamlFile(source.path, source.text, undefined, doc, lines), errors, warnings };
  }
  return { file: new YamlFile(source.path, source.text, data, doc, lines), errors, warnings };
}

/** Where the first alias (`*name`) of a document is. */
function firstAlias(doc: Document, lines: LineCounter): LineCol {
  let at: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      at = node.range?.[0];
      return visit.BREAK;
    },
  });
  return at === undefined ? { line: 1, col: 1 } : lines.linePos(at);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message.split('\n')[0] : String(e);
}
