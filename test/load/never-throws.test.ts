/**
 * The loader never throws: any text in any file gives a LoadResult (errors as data). Property-based.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { KINDS, validateFile } from '../../engine/load/index.js';
import type { LoadResult } from '../../engine/load/index.js';
import { header, loadWith, minimalFiles } from './helpers.js';

const YAMLISH = [...'abcxyz019 \n\t:-?,[]{}&*!|>\'"#%@`~=\\/'];
const yamlish = fc.array(fc.constantFrom(...YAMLISH), { maxLength: 300 }).map((cs) => cs.join(''));
const kind = fc.constantFrom(...KINDS, 'nope');

function wellFormed(r: LoadResult): void {
  expect(Array.isArray(r.errors)).toBe(true);
  expect(Array.isArray(r.warnings)).toBe(true);
  if (r.bundle) expect(r.errors).toEqual([]);
  else expect(r.errors.length).toBeGreaterThan(0);
  for (const e of r.errors) {
    expect(typeof e.code).toBe('string');
    expect(e.code).not.toBe('internal-error');
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.col).toBeGreaterThanOrEqual(1);
  }
}

describe('the loader never throws', () => {
  it('on arbitrary strings as a file', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => wellFormed(loadWith({ 'x.yaml': text }))), { numRuns: 150 });
  });

  it('on YAML-ish character soup after a kind line', () => {
    fc.assert(fc.property(kind, yamlish, (k, body) => wellFormed(loadWith({ 'x.yaml': `${header(k)}kind: ${k}\n${body}` }))), { numRuns: 200 });
  });

  it('on arbitrary JSON documents of every kind', () => {
    fc.assert(fc.property(kind, fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 6 }), (k, doc) => {
      wellFormed(loadWith({ 'x.yaml': stringify({ kind: k, ...doc }) }));
    }), { numRuns: 200 });
  });

  it('on the valid bundle with random edits to one of its files', () => {
    const files = minimalFiles();
    const names = Object.keys(files);
    fc.assert(fc.property(fc.constantFrom(...names), fc.nat(), fc.nat({ max: 20 }), yamlish, (name, at, cut, insert) => {
      const text = files[name];
      const i = at % (text.length + 1);
      wellFormed(loadWith({ [name]: text.slice(0, i) + insert.slice(0, 20) + text.slice(i + cut) }));
    }), { numRuns: 300 });
  });

  it('on random step graphs', () => {
    const ids = ['a', 'b', 'c', 'd', 'end', 'x'];
    const step = fc.record({
      id: fc.constantFrom(...ids),
      kind: fc.constantFrom('task', 'split', 'join', 'route', 'end', 'timer'),
      to: fc.array(fc.constantFrom(...ids), { minLength: 2, maxLength: 3 }),
    });
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 6 }), (steps) => {
      const yaml = steps.map((s) => {
        switch (s.kind) {
          case 'task': return `  - { id: ${s.id}, kind: task, role: clerk, next: ${s.to[0]} }`;
          case 'split': return `  - { id: ${s.id}, kind: split, branches: [${[...new Set(s.to)].join(', ')}] }`;
          case 'join': return `  - { id: ${s.id}, kind: join, split: ${s.to[0]}, next: ${s.to[1]} }`;
          case 'route': return `  - { id: ${s.id}, kind: route, routes: [{ when: true, next: ${s.to[0]} }], otherwise: ${s.to[1]} }`;
          case 'timer': return `  - { id: ${s.id}, kind: timer, wait: { days: 1 }, next: ${s.to[0]} }`;
          default: return `  - { id: ${s.id}, kind: end, result: done }`;
        }
      }).join('\n');
      wellFormed(loadWith({ 'procedure.yaml': `${header('procedure')}kind: procedure\nid: p\ntitle: { fa: ر, en: P }\nstart: { roles: [clerk] }\nsteps:\n${yaml}\n` }));
    }), { numRuns: 200 });
  });

  it('on nesting deep enough to exhaust a recursive parser', () => {
    const deep = `${'['.repeat(20000)}${']'.repeat(20000)}`;
    wellFormed(loadWith({ 'x.yaml': `kind: rules\nrules: ${deep}\n` }));
    expect(validateFile({ path: 'x.yaml', text: `kind: rules\nrules: ${deep}\n` }).errors.map((e) => e.code)).toEqual(['yaml-too-deep']);
    const logic = `${'{"!": '.repeat(100)}1${'}'.repeat(100)}`;
    const r = loadWith({ 'rules.yaml': `kind: rules\nrules:\n  - { id: a, label: { fa: ق, en: R }, message: { fa: پ, en: M }, check: ${logic} }\n` });
    expect(r.errors.map((e) => [e.code, e.line])).toContainEqual(['logic-too-large', 3]);
  });
});
