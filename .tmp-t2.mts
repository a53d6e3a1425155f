import { loadWith, minimalFiles } from './test/load/helpers.ts';
import fs from 'node:fs';
const src = fs.readFileSync('test/load/definition-errors.test.ts', 'utf8');
const start = src.indexOf('const proc ='), end = src.indexOf("describe('definition errors'");
const code = src.slice(start, end).replace(/: Case\[\]/, '').replace(/\(steps: string, start = '\{ roles: \[clerk\] \}'\): string =>/, "(steps, start = '{ roles: [clerk] }') =>").replace(/\(body: string\): string =>/, '(body) =>').replace(/\(id: string, check: string\): string =>/, '(id, check) =>');
const header = (kind) => `# yaml-language-server: $schema=../../schemas/${kind}.schema.json\n`;
const cases = new Function('header', code + '; return cases;')(header);
for (const c of cases) {
  const r = loadWith(c.changes);
  const file = c.file ? `defs/b/${c.file}` : 'defs/b';
  const hit = r.errors.find((e) => e.code === c.code && e.file === file);
  const text = c.changes[c.file] ?? minimalFiles()[c.file] ?? '';
  const line = hit ? (text.split('\n')[hit.line - 1] ?? '') : '';
  console.log(`${hit?.line}:${hit?.col}`.padEnd(8), c.name.slice(0, 40).padEnd(41), JSON.stringify(line.slice((hit?.col ?? 1) - 1, (hit?.col ?? 1) + 14)));
}
