/**
 * The built UI: the first page's JavaScript stays under 150 KB gzip, the YAML editor (CodeMirror with its history,
 * lint and search), the diagram layout (dagre) and the map (Leaflet) are separate chunks loaded on demand, the Vazirmatn
 * font and Leaflet's CSS and images are bundled (no CDN), and no domain word of the definitions appears in the UI's source.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIST, ROOT, ensureBuilt } from './harness.js';

/** Files the first page loads: index.html's script, module preloads and styles, and their static imports. */
function firstPageFiles(): string[] {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const start = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.endsWith('.js')) return;
    const code = readFileSync(join(DIST, file), 'utf8');
    // Static imports only (`import … from "./x.js"`, `import "./x.js"`), not dynamic import() calls.
    for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[^"'()]*?from\s*)?["'](\.\/[^"']+\.js)["']/g)) visit(`assets/${m[1].slice(2)}`);
  };
  start.forEach(visit);
  return [...seen];
}

describe('the built UI', () => {
  beforeAll(() => ensureBuilt());

  it('keeps the first page under 150 KB of gzipped JavaScript', () => {
    const js = firstPageFiles().filter((f) => f.endsWith('.js'));
    const gz = js.reduce((a, f) => a + gzipSync(readFileSync(join(DIST, f))).length, 0);
    console.log(`first page: ${js.length} JS files, ${(gz / 1024).toFixed(1)} KB gzip`);
    expect(gz).toBeLessThan(150 * 1024);
  });

  it('loads CodeMirror and dagre only on demand', () => {
    const first = firstPageFiles().map((f) => readFileSync(join(DIST, f), 'utf8')).join('\n');
    expect(first).not.toContain('cm-editor');
    expect(first).not.toContain('cm-content');
    // Nor the editor's lint, search and history (@codemirror/lint, /search, /commands).
    expect(first).not.toMatch(/cm-lintRange|cm-panel-lint|cm-search|cm-searchMatch/);
    expect(first).not.toMatch(/rankdir|nodesep/);
    const all = readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(DIST, 'assets', f), 'utf8')).join('\n');
    expect(all).toContain('cm-editor');
    expect(all).toMatch(/cm-lintRange/);
    expect(all).toMatch(/cm-searchMatch/);
  });

  it('loads Leaflet (the map of location fields) only on demand, with its CSS and marker images bundled', () => {
    const first = firstPageFiles().map((f) => readFileSync(join(DIST, f), 'utf8')).join('\n');
    expect(first).not.toContain('leaflet-container');
    expect(first).not.toContain('dabir-location-map"');
    const assets = readdirSync(join(DIST, 'assets'));
    const chunk = assets.find((f) => /^dabir-location-map-.*\.js$/.test(f));
    expect(chunk).toBeDefined();
    const code = readFileSync(join(DIST, 'assets', chunk!), 'utf8');
    // Leaflet's stylesheet travels in the chunk (for the shadow root), its images as files of the build.
    expect(code).toContain('.leaflet-container');
    for (const image of ['marker-icon', 'marker-icon-2x', 'marker-shadow']) {
      const file = assets.find((f) => new RegExp(`^${image}-[\\w-]+\\.png$`).test(f));
      expect(file, image).toBeDefined();
      expect(code).toContain(`/assets/${file}`);
    }
    expect(code).not.toMatch(/unpkg|cdnjs|jsdelivr|tile\.openstreetmap/);
  });

  it('bundles the Vazirmatn font and loads nothing from another origin', () => {
    const assets = readdirSync(join(DIST, 'assets'));
    expect(assets.some((f) => /^Vazirmatn.*\.woff2$/.test(f))).toBe(true);
    const css = assets.filter((f) => f.endsWith('.css')).map((f) => readFileSync(join(DIST, 'assets', f), 'utf8')).join('');
    expect(css).toMatch(/@font-face\{font-family:Vazirmatn/);
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    expect(html).not.toMatch(/(?:src|href)="https?:/);
  });

  it('names no procedure, step, role or parameter of the domain in ui/src', () => {
    const words = ['office', 'licence', 'license', 'transfer', 'relocation', 'secretariat', 'committee', 'inspector', 'renewal', 'revocation', 'min_area', 'دفتر', 'پروانه', 'کارگروه'];
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|css|html)$/.test(f)) files.push(p);
      }
    };
    walk(join(ROOT, 'ui/src'));
    const hits = files.flatMap((f) => {
      const text = readFileSync(f, 'utf8').toLowerCase();
      return words.filter((w) => text.includes(w)).map((w) => `${f.slice(ROOT.length + 1)}: ${w}`);
    });
    expect(hits).toEqual([]);
  });
});
