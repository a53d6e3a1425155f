/**
 * Issue 12's tools for a province's administrator, spawned as a person runs them: `dabir describe --parameters`
 * (a readable timeline), `dabir diff <base> <province>`, and `dabir new-province` on a temp copy (it validates and
 * passes `dabir test` as generated).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve('bin/dabir.js');
const dabir = (args: string[], cwd = process.cwd()) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd });

describe('tools for a province', () => {
  it('describe --parameters prints each parameter with labels, values with units, dates, resolutions and file:line', () => {
    const r = dabir(['describe', 'definitions/ardabil', '--parameters']);
    expect(r.status, r.stderr).toBe(0);
    const block = r.stdout.split('\n\n').find((b) => b.startsWith('office.min_distance_m — '))!;
    expect(block).toMatch(/^office\.min_distance_m — حداقل فاصله با سایر دفاتر \/ /);
    expect(block).toMatch(/declared at definitions\/national\/parameters\.yaml:\d+:\d+/);
    expect(block).toMatch(/1399-11-20 {2}500 متر \/ m\n {6}مصوبه کارگروه استانی — استاندارد دفاتر \(ذیل تغییر مکان\).*\(ardabil-relocation-standards\)\n {6}definitions\/ardabil\/resolutions\.yaml:55:30 \[ardabil\]/);
    expect(block).toMatch(/1389-01-01 {2}0 متر \/ m/);
  });

  it('diff lists what a province changes: values beside the base value, and elements overridden or added', () => {
    const r = dabir(['diff', 'definitions/national', 'definitions/example-province']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^parameters \/ پارامترها:$/m);
    expect(r.stdout).toMatch(/procedures:\n {2}overridden \/ بازنویسی: relocation definitions\/example-province\/procedures\/relocation\.yaml:\d+:\d+/);
    const ardabil = dabir(['diff', 'definitions/national', 'definitions/ardabil']).stdout;
    expect(ardabil).toMatch(/ {2}office\.min_distance_m \(حداقل فاصله با سایر دفاتر\): 0 متر \/ m → 500 متر \/ m from 1399-11-20 — .*\(ardabil-relocation-standards\) definitions\/ardabil\/resolutions\.yaml:55:30/);
    expect(ardabil).toMatch(/ {2}capacity\.round_up .*: false \(خیر\) → false \(خیر\) \(same value, restated \/ همان مقدار، تکرار شده\) from/);
    expect(ardabil).not.toMatch(/office\.min_distance_m .*same value/);
    expect(ardabil).toMatch(/rules:\n {2}\(none \/ هیچ\)/);
  });

  it('new-province writes a skeleton that validates and passes its scenarios as generated, and never overwrites', () => {
    const root = mkdtempSync(join(tmpdir(), 'dabir-newprov-'));
    cpSync('definitions/national', join(root, 'national'), { recursive: true });
    const made = dabir(['new-province', 'zanjan', '--name-fa', 'استان زنجان', '--name-en', 'Zanjan province', '--dir', '.', '--date', '1405-01-01'], root);
    expect(made.status, made.stderr).toBe(0);
    for (const f of ['bundle.yaml', 'resolutions.yaml', 'registry/places.yaml']) expect(existsSync(join(root, 'zanjan', f)), f).toBe(true);
    const res = readFileSync(join(root, 'zanjan/resolutions.yaml'), 'utf8');
    expect(res).toMatch(/ {6}office\.min_distance_m: 0\n/);
    expect(readFileSync(join(root, 'zanjan/bundle.yaml'), 'utf8')).toMatch(/name: \{ fa: "استان زنجان", en: "Zanjan province" \}\nextends: national/);
    const v = dabir(['validate', 'zanjan'], root);
    expect(v.status, v.stdout + v.stderr).toBe(0);
    expect(v.stderr).not.toMatch(/warning/);
    const t = dabir(['test', 'zanjan'], root);
    expect(t.status, t.stdout).toBe(0);
    expect(t.stdout).toMatch(/\d+ passed, 0 failed/);
    // A province's own value shows in its timeline; the generator refuses an existing folder.
    writeFileSync(join(root, 'zanjan/resolutions.yaml'), res.replace('office.min_distance_m: 0', 'office.min_distance_m: 300'));
    expect(dabir(['describe', 'zanjan', '--parameters'], root).stdout).toMatch(/1405-01-01 {2}300 متر \/ m/);
    const again = dabir(['new-province', 'zanjan', '--dir', '.'], root);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });
});

describe('the generated per-bundle schema', () => {
  it('names the parameter ids and value types, so an editor flags a misspelt id or a wrong type in sets:', async () => {
    const { createRequire } = await import('node:module');
    const { parse } = await import('yaml');
    const require = createRequire(import.meta.url);
    const Ajv2020 = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js').default;
    const schema = JSON.parse(readFileSync('definitions/ardabil/resolutions.schema.json', 'utf8'));
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    const text = readFileSync('definitions/ardabil/resolutions.yaml', 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./resolutions.schema.json');
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(parse(text.replace('capacity.population_per_office: 20000', 'capacity.populaton_per_office: 20000')))).toBe(false);
    expect(validate.errors?.some((e) => e.keyword === 'enum' && e.instancePath.endsWith('/sets'))).toBe(true);
    expect(validate(parse(text.replace('capacity.population_per_office: 20000', 'capacity.population_per_office: "many"')))).toBe(false);
    expect(validate.errors?.some((e) => e.keyword === 'type' && e.instancePath.endsWith('/sets/capacity.population_per_office'))).toBe(true);
  });

  it('dabir validate refuses a stale generated schema and dabir schema brings it up to date', () => {
    const root = mkdtempSync(join(tmpdir(), 'dabir-schema-'));
    cpSync('definitions/national', join(root, 'national'), { recursive: true });
    cpSync('definitions/ardabil', join(root, 'ardabil'), { recursive: true });
    expect(dabir(['validate', 'ardabil'], root).status).toBe(0);
    const params = join(root, 'national/parameters.yaml');
    writeFileSync(params, readFileSync(params, 'utf8').replace('  - id: capacity.village_threshold', '  - id: capacity.spare\n    type: integer\n    label: { fa: ذخیره, en: Spare }\n  - id: capacity.village_threshold'));
    const stale = dabir(['validate', 'ardabil'], root);
    expect(stale.status).toBe(1);
    expect(stale.stdout).toMatch(/ardabil\/resolutions\.schema\.json:1:1: the bundle's generated schema is out of date .* run: dabir schema ardabil \(طرح‌وارهٔ ساخته‌شدهٔ بسته کهنه است/);
    expect(dabir(['schema', 'ardabil'], root).status).toBe(0);
    expect(readFileSync(join(root, 'ardabil/resolutions.schema.json'), 'utf8')).toContain('"capacity.spare"');
    expect(dabir(['validate', 'ardabil'], root).status).toBe(0);
  });
});
