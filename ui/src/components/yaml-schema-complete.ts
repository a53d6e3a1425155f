/**
 * Schema-driven completion for definition YAML: finds where the cursor is (the chain of keys above it, by
 * indentation), walks the definition language's JSON Schema (schemas/<kind>.schema.json, resolving $ref, allOf and
 * if/then by the object's `kind`) and offers the property names that fit there, or the enum values of the key being
 * written. Loaded only with the editor.
 */
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';

type Schema = Record<string, unknown>;

// The definition language's schemas, bundled into the editor's chunk only (one lazy chunk per file).
const LOADERS = import.meta.glob('../../../schemas/*.schema.json', { import: 'default' }) as Record<string, () => Promise<Schema>>;
const loaded = new Map<string, Schema>();

async function schemaFile(name: string): Promise<Schema | undefined> {
  if (loaded.has(name)) return loaded.get(name);
  const key = Object.keys(LOADERS).find((k) => k.endsWith(`/${name}`));
  if (!key) return undefined;
  const s = await LOADERS[key]();
  loaded.set(name, s);
  return s;
}

/** Loads the schema of a kind and the common one it refers to. */
export async function loadSchemas(kind: string): Promise<boolean> {
  const [main] = await Promise.all([schemaFile(`${kind}.schema.json`), schemaFile('common.schema.json')]);
  return main !== undefined;
}

function resolveRef(ref: string, file: string): { schema?: Schema; file: string } {
  const [path, pointer = ''] = ref.split('#');
  const target = path ? path.split('/').pop()! : file;
  let s: unknown = loaded.get(target);
  for (const part of pointer.split('/').filter(Boolean)) s = (s as Schema | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return { schema: s as Schema | undefined, file: target };
}

interface Node {
  schema: Schema;
  file: string;
}

/** Every schema that applies to a node (following $ref, allOf, anyOf, oneOf and — given the object's kind — if/then). */
function expand(n: Node, kind: string | undefined, depth = 0): Node[] {
  if (depth > 12 || !n.schema) return [];
  const out: Node[] = [n];
  const s = n.schema;
  if (typeof s.$ref === 'string') {
    const r = resolveRef(s.$ref, n.file);
    if (r.schema) out.push(...expand({ schema: r.schema, file: r.file }, kind, depth + 1));
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    for (const sub of (s[key] as Schema[] | undefined) ?? []) {
      const cond = sub.if as Schema | undefined;
      if (cond && sub.then) {
        const want = ((cond.properties as Schema | undefined)?.kind as Schema | undefined)?.const;
        if (want !== undefined && kind !== undefined && want !== kind) continue;
        out.push(...expand({ schema: sub.then as Schema, file: n.file }, kind, depth + 1));
      } else out.push(...expand({ schema: sub, file: n.file }, kind, depth + 1));
    }
  }
  return out;
}

function properties(nodes: Node[]): Map<string, Node> {
  const m = new Map<string, Node>();
  for (const n of nodes) for (const [k, v] of Object.entries((n.schema.properties as Record<string, Schema>) ?? {})) if (!m.has(k)) m.set(k, { schema: v, file: n.file });
  return m;
}

/** The schema node at a path of keys (`'-'` steps into array items). */
function at(root: Node, path: string[], kinds: (string | undefined)[]): Node[] {
  let nodes = expand(root, kinds[0]);
  path.forEach((key, i) => {
    const next: Node[] = [];
    for (const n of nodes) {
      if (key === '-') {
        const items = n.schema.items as Schema | undefined;
        if (items) next.push({ schema: items, file: n.file });
      } else {
        const p = properties([n]).get(key);
        if (p) next.push(p);
        const ap = n.schema.additionalProperties;
        if (!p && ap && typeof ap === 'object') next.push({ schema: ap as Schema, file: n.file });
      }
    }
    nodes = next.flatMap((n) => expand(n, kinds[i + 1]));
  });
  return nodes;
}

const indentOf = (line: string) => line.length - line.trimStart().length;

/**
 * The path of keys leading to the cursor's line, from the lines above it. A `- ` list item adds a '-' step; the
 * `kind:` of each enclosing object is collected so `if/then` branches can be chosen.
 */
export function yamlPath(lines: string[], lineIndex: number, col: number): { path: string[]; kinds: (string | undefined)[] } {
  const path: string[] = [];
  const current = lines[lineIndex].slice(0, col);
  let indent = indentOf(current);
  if (/^\s*- /.test(current)) {
    path.unshift('-');
    indent = indentOf(current);
  }
  for (let i = lineIndex - 1; i >= 0 && indent > 0; i--) {
    const l = lines[i];
    if (!l.trim() || l.trimStart().startsWith('#')) continue;
    const ind = indentOf(l);
    const item = /^(\s*)- (.*)$/.exec(l);
    if (item && item[1].length < indent) {
      const inner = /^([\w.-]+):\s*$/.exec(item[2]);
      // "- key:" opens a nested object inside the item when we are deeper than the key.
      if (inner && indent > item[1].length + 2) path.unshift('-', inner[1]);
      else path.unshift('-');
      indent = item[1].length;
      continue;
    }
    if (ind < indent) {
      const m = /^\s*([\w.-]+):/.exec(l);
      if (m) path.unshift(m[1]);
      indent = ind;
    }
  }
  // Normalise: a '-' must follow the key of the list it belongs to.
  const kinds = kindsAlong(lines, lineIndex, path.length);
  return { path, kinds };
}

/** The `kind:` value of the object at each depth (best effort: the nearest `kind:` at each indentation above). */
function kindsAlong(lines: string[], lineIndex: number, depth: number): (string | undefined)[] {
  const kinds: (string | undefined)[] = Array(depth + 1).fill(undefined);
  const top = lines.find((l) => /^kind:\s*\S/.test(l));
  kinds[0] = top ? /^kind:\s*([\w-]+)/.exec(top)?.[1] : undefined;
  const here = indentOf(lines[lineIndex]);
  for (let i = lineIndex; i >= 0; i--) {
    const m = /^(\s*)(?:- )?kind:\s*([\w-]+)/.exec(lines[i]);
    if (m && m[1].length <= here && m[1].length > 0) {
      kinds[depth] = m[2];
      break;
    }
    if (i < lineIndex && /^\s*- /.test(lines[i]) && indentOf(lines[i]) < here) {
      const k = /kind:\s*([\w-]+)/.exec(lines[i]);
      if (k) kinds[depth] = k[1];
      break;
    }
  }
  return kinds;
}

const describe = (s: Schema): string | undefined => (typeof s.description === 'string' ? s.description : typeof s.title === 'string' ? s.title : undefined);

function enumValues(nodes: Node[]): unknown[] {
  const vals: unknown[] = [];
  for (const n of nodes) {
    if (Array.isArray(n.schema.enum)) vals.push(...(n.schema.enum as unknown[]));
    if (n.schema.const !== undefined) vals.push(n.schema.const);
  }
  return [...new Set(vals)];
}

/** The completion source for CodeMirror. */
export function schemaCompletion(context: CompletionContext): CompletionResult | null {
  const doc = context.state.doc;
  const line = doc.lineAt(context.pos);
  const before = line.text.slice(0, context.pos - line.from);
  const lines = doc.toString().split('\n');
  const kindLine = lines.find((l) => /^kind:\s*\S/.test(l));
  const kind = kindLine ? /^kind:\s*([\w-]+)/.exec(kindLine)?.[1] : undefined;
  const rootSchema = kind ? loaded.get(`${kind}.schema.json`) : undefined;
  if (!rootSchema) {
    // No kind yet: offer the kinds themselves.
    if (/^k?i?n?d?$/.test(before) || /^kind:\s*\w*$/.test(before)) {
      const kinds = Object.keys(LOADERS).map((k) => k.split('/').pop()!.replace('.schema.json', '')).filter((k) => k !== 'common');
      const word = context.matchBefore(/[\w-]*$/);
      return { from: word?.from ?? context.pos, options: kinds.map((k) => ({ label: /^kind:/.test(before) ? k : `kind: ${k}`, type: 'keyword' })) };
    }
    return null;
  }
  const root: Node = { schema: rootSchema, file: `${kind}.schema.json` };
  const valueMatch = /^(\s*(?:- )?)([\w.-]+):\s+([\w.-]*)$/.exec(before);
  const lineIndex = line.number - 1;
  if (valueMatch) {
    const { path, kinds } = yamlPath(lines, lineIndex, before.length);
    const nodes = at(root, [...path, valueMatch[2]], [...kinds, undefined]);
    const values = enumValues(nodes);
    if (!values.length) return null;
    return { from: context.pos - valueMatch[3].length, options: values.map((v) => ({ label: String(v), type: 'enum' })) };
  }
  const keyMatch = /^(\s*(?:- )?)([\w.-]*)$/.exec(before);
  if (!keyMatch) return null;
  const { path, kinds } = yamlPath(lines, lineIndex, before.length);
  const nodes = at(root, path, kinds);
  const props = properties(nodes);
  // Keys already written in this object (none when this line starts a new list item).
  const existing = new Set<string>();
  const indent = keyMatch[1].replace('- ', '  ').length;
  if (!keyMatch[1].includes('-')) {
    for (let i = lineIndex - 1; i >= 0; i--) {
      const l = lines[i];
      if (!l.trim() || l.trimStart().startsWith('#')) continue;
      const item = /^(\s*)- /.exec(l);
      const ind = item ? item[1].length + 2 : indentOf(l);
      if (ind < indent) break;
      const m = /^\s*(?:- )?([\w.-]+):/.exec(l);
      if (m && ind === indent) existing.add(m[1]);
      // The first line of this object's list item: nothing above belongs to it.
      if (item && ind === indent) break;
    }
  }
  const options: Completion[] = [...props].filter(([k]) => !existing.has(k)).map(([k, n]) => ({
    label: k, type: 'property', detail: typeof n.schema.title === 'string' ? n.schema.title : undefined, info: describe(n.schema), apply: `${k}: `,
  }));
  if (!options.length) return null;
  return { from: context.pos - keyMatch[2].length, options, validFor: /^[\w.-]*$/ };
}
