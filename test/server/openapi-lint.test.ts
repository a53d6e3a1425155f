/**
 * The API document as third-party tools read it: Redocly's strict lint (redocly.yaml) passes with no problem at all,
 * and the same lint does fail on a document that breaks one of its rules (so a silent lint cannot pass this test).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../server/openapi/document.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'dabir-oalint-'));
const root = resolve(import.meta.dirname, '../..');

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
}

async function lint(doc: unknown): Promise<LintReport> {
  const file = join(dir, `doc-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(doc));
  // redocly exits 1 when it finds errors; the JSON report is on stdout either way.
  const out = await run(join(root, 'node_modules/.bin/redocly'), ['lint', file, '--config', join(root, 'redocly.yaml'), '--format=json'], {
    cwd: dir,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  }).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
  return JSON.parse(out.stdout.slice(out.stdout.indexOf('{'))) as LintReport;
}

describe('OpenAPI strict lint', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes with no error and no warning', async () => {
    const report = await lint(openApiDocument);
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);

  it('declares every tag with a description, a licence, and leaves the JSON Schema dialect at the 3.1 default', () => {
    const doc = openApiDocument as { tags: { name: string; description: string }[]; info: { license?: { name: string } }; jsonSchemaDialect?: string; paths: Record<string, Record<string, { tags: string[] }>> };
    expect(doc.jsonSchemaDialect).toBeUndefined();
    expect(doc.info.license?.name).toBeTruthy();
    const declared = new Set(doc.tags.map((t) => t.name));
    for (const [path, item] of Object.entries(doc.paths)) for (const [m, op] of Object.entries(item)) for (const t of op.tags) expect(declared.has(t), `${m} ${path} tag ${t}`).toBe(true);
    for (const t of doc.tags) expect(t.description.length, t.name).toBeGreaterThan(10);
  });

  it('fails a document without a licence and with an undeclared tag (the lint is real)', async () => {
    const broken = structuredClone(openApiDocument) as { info: Record<string, unknown>; tags: unknown[] };
    delete broken.info.license;
    broken.tags = broken.tags.slice(1);
    const report = await lint(broken);
    const rules = new Set(report.problems.map((p) => p.ruleId));
    expect(rules.has('info-license')).toBe(true);
    expect(rules.has('operation-tag-defined')).toBe(true);
    expect(report.totals.errors).toBeGreaterThan(0);
  }, 60_000);
});
