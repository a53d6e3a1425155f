import { loadWith } from './test/load/helpers.ts';
import { formatError } from './engine/load/index.ts';
// re-use cases from the test file by importing its source is hard; replicate quickly via dynamic eval
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
  const ok = hit && hit.line === c.line && hit.col === c.col;
  if (ok) continue;
  console.log('###', c.name, 'expected', c.line, c.col);
  for (const e of r.errors) console.log('   ', formatError(e), `[${e.code}]`);
  if (hit) { const text = c.changes[c.file]; const line = text?.split('\n')[hit.line - 1]; if (line) { console.log('   |' + line); console.log('   |' + ' '.repeat(hit.col - 1) + '^'); } }
}
