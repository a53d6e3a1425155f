/**
 * Brief C item 5: a bundle's generated scenarios schema (scenarios.schema.json, written by `dabir schema`) names its
 * procedures, steps, roles and rules as enums, so the editor flags a misspelt id as it is typed; `dabir validate`
 * refuses a stale copy with the command to run.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js').default;
const BIN = resolve('bin/dabir.js');
const dabir = (args: string[], cwd = process.cwd()) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd });

describe("a bundle's generated scenarios schema", () => {
  const schema = JSON.parse(readFileSync('definitions/ardabil/scenarios.schema.json', 'utf8'));
  const validate = new Ajv2020({ allErrors: true, strict: false, verbose: true }).compile(schema);
  const file = readFileSync('definitions/ardabil/scenarios/establishment-call.yaml', 'utf8');
  const errorsOf = (text: string) => (validate(parse(text)) ? [] : (validate.errors ?? []).filter((e) => e.keyword === 'enum').map((e) => `${e.instancePath} ${JSON.stringify(e.data)}`));

  it('is self-contained and accepts the bundle\'s own scenario files as written', () => {
    expect(JSON.stringify(schema)).not.toMatch(/"\$ref":"(?!#)/);
    for (const f of ['establishment-call', 'capacity', 'revocation-violations', 'transfer']) {
      const text = readFileSync(`definitions/ardabil/scenarios/${f}.yaml`, 'utf8');
      expect(validate(parse(text)), `${f}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
  });

  it('flags a misspelt step, role, rule, procedure and assumed parameter, each at its place', () => {
    const bad = file
      .replace('- { complete: committee-approval,', '- { complete: committee-aproval,')
      .replace('procedure: establishment\n', 'procedure: establishmnet\n')
      .replace('- { complete: regulator-permission, outcome: permitted }', '- { complete: regulator-permission, outcome: permitted, as: secretariatt, expect_refused: [winner.tax-dept] }')
      .replace('    now: 1405-02-20\n', '    now: 1405-02-20\n    assume: { capacity.round_upp: true }\n');
    expect(errorsOf(bad)).toEqual(expect.arrayContaining([
      '/scenarios/0/steps/1/complete "committee-aproval"',
      '/scenarios/0/procedure "establishmnet"',
      '/scenarios/0/steps/2/as "secretariatt"',
      '/scenarios/0/steps/2/expect_refused/0 "winner.tax-dept"',
    ]));
    validate(parse(bad));
    expect(validate.errors!.some((e) => e.instancePath === '/scenarios/0/assume' && e.keyword === 'propertyNames')).toBe(true);
  });

  it('is refused by dabir validate when a step is renamed, until dabir schema rewrites it', () => {
    const root = mkdtempSync(join(tmpdir(), 'dabir-enums-'));
    cpSync('definitions/national', join(root, 'national'), { recursive: true });
    cpSync('definitions/ardabil', join(root, 'ardabil'), { recursive: true });
    const proc = join(root, 'national/procedures/establishment.yaml');
    writeFileSync(proc, readFileSync(proc, 'utf8').replace('steps:\n  - id: list-places\n', 'steps:\n  - id: list-places\n').replace('  - { id: not-permitted, kind: end,', '  - { id: permission-denied, kind: end,').replace('next: not-permitted }', 'next: permission-denied }'));
    const stale = dabir(['validate', 'ardabil'], root);
    expect(stale.status, stale.stdout + stale.stderr).toBe(1);
    expect(stale.stdout).toMatch(/ardabil\/scenarios\.schema\.json:1:1: the bundle's generated schema is out of date \(its procedures, steps, roles or rules changed\) — run: dabir schema ardabil/);
    expect(stale.stdout).not.toMatch(/resolutions\.schema\.json/);
    expect(dabir(['schema', 'ardabil'], root).status).toBe(0);
    expect(readFileSync(join(root, 'ardabil/scenarios.schema.json'), 'utf8')).toContain('"permission-denied"');
    expect(dabir(['validate', 'ardabil'], root).status).toBe(0);
  });
});
