/**
 * ui.bundle — gzip size of the JavaScript the first page loads: the UI is built with the project's build
 * (`vite build --config ui/vite.config.ts`, as `npm run build` does) into the run's temp folder (ui/dist is left
 * alone); the entry scripts and module preloads of index.html are followed through their static imports
 * (`import … from`, `export … from`, bare `import "…"`; dynamic `import()` is loaded later and not counted).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO } from '../lib/defs.js';
import { result } from '../lib/result.js';
import { progress, report, runStep } from '../lib/step.js';

const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+\.m?js)["']/g;

runStep(async ({ tmp }) => {
  const out = join(tmp, 'ui-dist');
  const vite = join(REPO, 'node_modules', 'vite', 'bin', 'vite.js');
  const t = performance.now();
  execFileSync(process.execPath, [vite, 'build', '--config', join(REPO, 'ui', 'vite.config.ts'), '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  progress(`built in ${Math.round(performance.now() - t)} ms`);
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  const entries = [
    ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]),
  ];
  if (!entries.length) throw new Error('index.html has no module script');
  const seen = new Set<string>();
  const queue = entries.map((e) => posix.normalize(e.replace(/^\//, '')));
  let raw = 0, gz = 0;
  while (queue.length) {
    const rel = queue.shift()!;
    if (seen.has(rel) || /^https?:/.test(rel)) continue;
    seen.add(rel);
    const file = join(out, rel);
    if (!existsSync(file)) throw new Error(`index.html loads ${rel}, which the build did not produce`);
    const code = readFileSync(file);
    raw += code.length;
    gz += gzipSync(code).length;
    for (const m of code.toString('utf8').matchAll(STATIC_IMPORT)) {
      if (m[1].startsWith('.') || m[1].startsWith('/')) queue.push(posix.normalize(m[1].startsWith('/') ? m[1].slice(1) : posix.join(posix.dirname(rel), m[1])));
    }
  }
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => readFileSync(join(out, m[1].replace(/^\//, ''))));
  const cssGz = css.reduce((a, c) => a + gzipSync(c).length, 0);
  progress(`first page: ${seen.size} JS files, ${(raw / 1000).toFixed(1)} kB raw, ${(gz / 1000).toFixed(1)} kB gzip (plus ${(cssGz / 1000).toFixed(1)} kB gzip of CSS): ${[...seen].map((f) => posix.basename(f)).join(', ')}`);
  report(result('ui.bundle', gz / 1000, 'kB (gzip)', { on: 'value', op: '<=', bound: 150, text: 'kB' }));
});
