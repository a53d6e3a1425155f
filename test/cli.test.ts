import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, cpSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dabir = (...args: string[]) => spawnSync(process.execPath, ['bin/dabir.js', ...args], { encoding: 'utf8' });
const TOY = 'test/fixtures/engine/toy';

describe('dabir CLI', () => {
  it('validate exits 0 on a valid bundle', () => {
    const r = dabir('validate', TOY);
    expect(r.stderr).toContain('valid');
    expect(r.status).toBe(0);
  });

  it('validate exits 1 with one file:LINE:COL line per problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dabir-cli-'));
    cpSync(TOY, dir, { recursive: true });
    const file = join(dir, 'procedures/mini.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('next: fin', 'next: fni'));
    const r = dabir('validate', dir);
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines[0]).toMatch(/procedures\/mini\.yaml:\d+:\d+: .*"fni".*"fin"/);
  });

  it('describe prints procedures and parameters with provenance as JSON', () => {
    const out = JSON.parse(execFileSync(process.execPath, ['bin/dabir.js', 'describe', TOY, '--as-of', '1404-01-01'], { encoding: 'utf8' }));
    expect(out.procedures.map((p: { id: string }) => p.id).sort()).toEqual(['fragile', 'full', 'mini']);
    const size = out.parameters.find((p: { id: string }) => p.id === 'size.min');
    expect(size).toMatchObject({ value: 30, type: 'number', effective_date: '1403-07-01', resolution: { id: 'second' } });
    expect(size.source).toMatch(/toy\/resolutions\.yaml:\d+:\d+$/);
  });

  it('diagram prints Mermaid and SVG', () => {
    const m = dabir('diagram', TOY, 'full');
    expect(m.status).toBe(0);
    expect(m.stdout).toMatch(/^flowchart TD/);
    expect(m.stdout).toContain('fork');
    const s = dabir('diagram', TOY, 'full', '--format', 'svg');
    expect(s.stdout).toMatch(/^<svg[^>]+viewBox/);
    expect(s.stdout).toContain('data-step="inspect"');
    expect(dabir('diagram', TOY, 'nope').status).toBe(1);
  });

  it('test runs scenarios and ends with the N passed, N failed line', () => {
    const r = dabir('test', 'test/fixtures/engine/toy');
    const last = r.stdout.trim().split('\n').at(-1);
    expect(last).toMatch(/^\d+ passed, 0 failed$/);
    expect(r.status).toBe(0);
  });

  it('unknown command exits 2 with usage', () => {
    const r = dabir('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage');
  });
});
