/**
 * Edits a YAML definition file the way a careful person would: the yaml package's Document API finds the node to
 * change (with its exact source range) and renders the new node; only that range of the text is replaced, so every
 * other byte — comments, order, quoting, spacing, blank lines — stays as written. Each edit is checked by parsing
 * the result again: the data must be the old data with exactly that change, or the edit throws.
 */
import { Document, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';

/** A path into a document: keys and list indexes (`['scenarios', 3, 'expect']`). */
export type YamlPath = (string | number)[];

/** Why an edit could not be made (the file is not valid YAML, the path is not there, …). */
export class YamlEditError extends Error {
  constructor(readonly code: 'unparsable' | 'not-found' | 'not-a-list' | 'unverified', message: string) {
    super(message);
    this.name = 'YamlEditError';
  }
}

const OPTIONS = { lineWidth: 0, flowCollectionPadding: true } as const;

function parse(text: string) {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length) throw new YamlEditError('unparsable', `the file is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  return doc;
}

const lineStart = (text: string, at: number): number => text.lastIndexOf('\n', at - 1) + 1;
const columnOf = (text: string, at: number): number => at - lineStart(text, at);

/** The end of the last non-blank character before `at` (skipping trailing spaces and newlines). */
function contentEnd(text: string, at: number): number {
  let i = at;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  return i;
}

/** True for a `{ fa, en }` text. */
const isTextLike = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k === 'fa' || k === 'en');

const allScalars = (v: unknown[]): boolean => v.every((x) => x === null || typeof x !== 'object');

/**
 * Marks which collections of a rendered value are written in flow style, the way definitions are written by hand:
 * lists of plain values (`[a, b]`), texts (`{ fa: …, en: … }`) and the rows of a list (`- { code: x, … }`).
 */
function flowify(node: unknown, value: unknown, inList: boolean): void {
  if (isSeq(node) && Array.isArray(value)) {
    if (allScalars(value)) node.flow = true;
    else node.items.forEach((n, i) => { flowify(n, value[i], true); });
  } else if (isMap(node) && value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const leafy = Object.values(obj).every((v) => v === null || typeof v !== 'object' || isTextLike(v) || (Array.isArray(v) && allScalars(v)));
    if (isTextLike(obj) || (inList && leafy)) {
      node.flow = true;
      return;
    }
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      flowify(pair.value, obj[key], false);
    }
  }
}

/** `[ a, b ]` → `[a, b]` for lists of plain ids (the style of the definitions); anything quoted is left alone. */
const tightLists = (s: string): string => s.replace(/\[ ((?:[A-Za-z0-9_.-]+, )*[A-Za-z0-9_.-]+) \]/g, '[$1]');

/** The YAML text of a value, block style at the top, as lines (no trailing newline). */
function render(value: unknown, flow: boolean): string[] {
  const doc = new Document(value);
  if (flow && (isMap(doc.contents) || isSeq(doc.contents))) (doc.contents as { flow?: boolean }).flow = true;
  else flowify(doc.contents, value, false);
  return lines(doc);
}

/** The YAML text of one list item (`- …`), as lines: the item itself written like a row of a list. */
function renderItem(value: unknown): string[] {
  const doc = new Document([value]);
  if (isSeq(doc.contents)) flowify(doc.contents.items[0], value, true);
  return lines(doc);
}

const lines = (doc: Document): string[] => tightLists(doc.toString(OPTIONS)).replace(/\n$/, '').split('\n');

function nodeAt(doc: ReturnType<typeof parse>, path: YamlPath): YamlNode {
  const node = path.length ? doc.getIn(path, true) : doc.contents;
  if (!node || !(node as YamlNode).range) throw new YamlEditError('not-found', `nothing at ${path.join('.') || 'the top'} in the file`);
  return node as YamlNode;
}

/** Checks that `after` holds the data of `before` with `change` applied, or throws. */
function verify(before: unknown, after: string, change: (data: unknown) => void): void {
  const expected = structuredClone(before);
  change(expected);
  const got = parse(after).toJS();
  if (JSON.stringify(got) !== JSON.stringify(expected)) throw new YamlEditError('unverified', 'the edited file does not read back as intended; nothing was changed');
}

function walk(data: unknown, path: YamlPath): unknown {
  return path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], data);
}

/** A new block list `key:` (a plain id) with `items`, indented by two, a blank line between items: for a new file. */
export function listText(key: string, items: unknown[]): string {
  const body = items.map((v) => renderItem(v).map((l) => `  ${l}`).join('\n')).join('\n\n');
  return `${key}:\n${body}\n`;
}

/**
 * Appends `value` as the last item of the block list at `path` (e.g. `['resolutions']`), indented like the
 * list's items and separated from the last one by a blank line when the items are. Every other byte is kept.
 */
export function appendItem(text: string, path: YamlPath, value: unknown): string {
  const doc = parse(text);
  const list = nodeAt(doc, path);
  if (!isSeq(list)) throw new YamlEditError('not-a-list', `${path.join('.')} is not a list`);
  const before = doc.toJS();
  if (list.flow || !list.items.length) {
    const items = [...(walk(before, path) as unknown[]), value];
    return replaceValue(text, path, items);
  }
  const items = list.items as YamlNode[];
  const first = items[0].range![0];
  const dashCol = columnOf(text, text.lastIndexOf('-', first));
  const last = items[items.length - 1];
  const blank = items.length > 1 && /\n[ \t]*\n[ \t]*(#.*\n[ \t]*)*$/.test(text.slice(0, lineStart(text, last.range![0])));
  const end = contentEnd(text, last.range![1]);
  const eol = text.indexOf('\n', end);
  const at = eol < 0 ? text.length : eol;
  const pad = ' '.repeat(dashCol);
  const item = renderItem(value).map((l) => pad + l);
  const out = `${text.slice(0, at)}\n${blank ? '\n' : ''}${item.join('\n')}${text.slice(at)}`;
  verify(before, out, (d) => (walk(d, path) as unknown[]).push(value));
  return eol < 0 ? `${out}\n` : out;
}

/**
 * Replaces the value at `path` (e.g. `['scenarios', 3, 'expect']`) with `value`, written in the same style (flow
 * `{ … }` or block) as the value it replaces. Every other byte is kept.
 */
export function replaceValue(text: string, path: YamlPath, value: unknown): string {
  if (!path.length) throw new YamlEditError('not-found', 'give the path of the value to replace');
  const doc = parse(text);
  const node = nodeAt(doc, path);
  const before = doc.toJS();
  const [start, valueEnd] = node.range!;
  const flow = Boolean((node as { flow?: boolean }).flow) || (!isMap(node) && !isSeq(node));
  const end = contentEnd(text, valueEnd);
  const rendered = render(value, flow);
  let replacement: string;
  if (flow || rendered.length === 1) replacement = rendered.join(' ');
  else {
    const pad = ' '.repeat(columnOf(text, start));
    replacement = rendered.map((l, i) => (i === 0 ? l : pad + l)).join('\n');
  }
  const out = text.slice(0, start) + replacement + text.slice(end);
  verify(before, out, (d) => {
    const parent = walk(d, path.slice(0, -1)) as Record<string | number, unknown>;
    parent[path[path.length - 1]] = value;
  });
  return out;
}
