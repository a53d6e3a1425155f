/**
 * Checks resolution values against parameter declarations: the parameter exists, the value has its type (a table's
 * rows match its columns), and the value lies within the bounds — the base bundle's bounds bind overlays too.
 */
import type { Problems } from './errors.js';
import { at, where } from './layer.js';
import type { Item } from './layer.js';
import type { Merged, ParamEntry } from './overlay.js';
import { pointer } from './pointer.js';
import { didYouMean } from './suggest.js';
import { compileUserSchema, userSchemaProblems } from './user-schema.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks every value of every resolution, and table parameters' column schemas. Warns about parameters never set. */
export function checkParameterValues(m: Merged, problems: Problems): void {
  for (const p of m.parameters.values()) {
    if (p.type !== 'table') continue;
    const compiled = compileUserSchema(p.decl.data.columns as object);
    if (typeof compiled === 'string') problems.error(at(p.decl.file, pointer(p.decl.pointer, 'columns'), 'bad-schema', `the columns schema does not compile: ${compiled}`));
  }
  const set = new Set<string>();
  for (const r of m.resolutions) {
    for (const [id, value] of Object.entries((r.data.sets ?? {}) as Record<string, unknown>)) {
      const ptr = pointer(r.pointer, 'sets', id);
      const p = m.parameters.get(id);
      if (!p) {
        problems.error(at(r.file, ptr, 'unknown-parameter',
          `resolution "${r.id}" sets "${id}", which is not a declared parameter${didYouMean(id, m.parameters.keys())}`, true));
        continue;
      }
      set.add(id);
      const typeProblem = valueTypeProblem(p, value);
      if (typeProblem) {
        problems.error(at(r.file, ptr, 'param-value-type', `resolution "${r.id}": "${id}" ${typeProblem}`));
        continue;
      }
      checkBounds(p, r, ptr, value as number, problems);
    }
  }
  for (const p of m.parameters.values()) {
    if (!set.has(p.decl.id) && p.decl.bundle === m.layers[m.layers.length - 1].id) {
      problems.warn(at(p.decl.file, pointer(p.decl.pointer, 'id'), 'param-unset', `no resolution sets parameter "${p.decl.id}" — rules reading it will fail`));
    }
  }
}

function valueTypeProblem(p: ParamEntry, value: unknown): string | undefined {
  switch (p.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `must be a number, not ${show(value)}`;
    case 'integer':
      return Number.isInteger(value) ? undefined : `must be a whole number, not ${show(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false, not ${show(value)}`;
    case 'string':
      return typeof value === 'string' ? undefined : `must be a text, not ${show(value)}`;
    case 'date':
      return typeof value === 'string' && DATE.test(value) ? undefined : `must be a Jalali date YYYY-MM-DD, not ${show(value)}`;
    case 'table': {
      if (!Array.isArray(value)) return `must be a list of rows, not ${show(value)}`;
      const compiled = compileUserSchema(p.decl.data.columns as object);
      if (typeof compiled === 'string') return undefined;
      for (let i = 0; i < value.length; i++) {
        const bad = userSchemaProblems(compiled, value[i]);
        if (bad.length) return `row ${i + 1}: ${bad[0].message} (see the parameter's columns)`;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function checkBounds(p: ParamEntry, r: Item, ptr: string, value: number, problems: Problems): void {
  if (typeof value !== 'number') return;
  const { min, max } = p.bounds;
  const fail = (bound: 'minimum' | 'maximum', limit: number, from: Item | undefined): void => {
    const origin = from ? ` (declared in bundle "${from.bundle}" at ${where({ file: from.file, pointer: pointer(from.pointer, 'bounds') })})` : '';
    problems.error(at(r.file, ptr, 'param-out-of-bounds',
      `resolution "${r.id}" sets "${p.decl.id}" to ${value}, ${bound === 'minimum' ? 'below' : 'above'} its ${bound} ${limit}${origin} — use a value within the bounds`));
  };
  if (min !== undefined && value < min) fail('minimum', min, p.boundFrom.min);
  if (max !== undefined && value > max) fail('maximum', max, p.boundFrom.max);
}

function show(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return JSON.stringify(v);
}
