import { describe, expect, it } from 'vitest';
import { runScenarios } from '../../engine/scenarios/index.js';
import { loadToy } from './toy.js';

describe('scenario runner', () => {
  it('passes the toy bundle scenarios: refusal, boundary, full path with timer and sub-procedure, registry effects', () => {
    const report = runScenarios(loadToy());
    expect(report.results.filter((r) => !r.passed)).toEqual([]);
    expect(report.passed).toBe(6);
  });

  it('reports why a scenario fails, with its source position', () => {
    const report = runScenarios(loadToy('test/fixtures/engine/toy-overlay'));
    const byId = Object.fromEntries(report.results.map((r) => [r.id, r]));
    expect(byId['overlay-raises-minimum'].passed).toBe(true);
    expect(byId['wrong-expectation'].problems[0].en).toContain('expected the start to be refused by [size-enough]');
    expect(byId['missing-task'].problems[0].en).toMatch(/no open task "inspect".*open: \[intake\]/);
    expect(byId['missing-task'].source.file).toMatch(/toy-overlay\/scenarios\/failing\.yaml$/);
    expect(byId['trigger-wrong-date'].problems[0].en).toBe('expected trigger "anniversary" to fire on 1403-01-11 for "t1", but it fires on 1403-01-10');
    expect(byId['wrong-values'].problems.map((p) => p.en)).toEqual(['rule "size-enough" failed with values {"found":44,"required":45}; expected {"found":43}']);
    expect(report).toMatchObject({ passed: 1, failed: 4 });
  });

  it('says in Persian what was expected and what happened, by labels not ids', () => {
    const report = runScenarios(loadToy('test/fixtures/engine/toy-overlay'));
    const byId = Object.fromEntries(report.results.map((r) => [r.id, r]));
    const wrong = byId['wrong-expectation'];
    // The rule by its label («اندازهٔ کافی»), never its id.
    expect(wrong.expected.fa).toBe('شروع پرونده با قاعدهٔ «اندازهٔ کافی» رد شود');
    expect(wrong.problems[0].fa).toMatch(/^انتظار می‌رفت شروع پرونده با قاعدهٔ «اندازهٔ کافی» رد شود، ولی پرونده آغاز شد$/);
    expect(wrong.outcome.kind).toBe('open');
    expect(wrong.happened.fa).toMatch(/^پذیرفته می‌شود و در مرحلهٔ «[^»]+» باز می‌ماند$/);
    const refused = byId['overlay-raises-minimum'];
    expect(refused.outcome).toMatchObject({ kind: 'refused', failures: [{ rule: 'size-enough' }] });
    // What happened carries the rule's own message with its values, in Persian digits.
    expect(refused.happened.fa).toBe('شروع پرونده رد می‌شود: قاعدهٔ «اندازهٔ کافی» — اندازه ۴۴ است؛ دست‌کم ۴۵ لازم است. — «مصوبهٔ محلی» (۱۴۰۳/۱۰/۰۱)');
    expect(byId['trigger-wrong-date'].problems[0].fa).toBe('انتظار می‌رفت راه‌انداز در ۱۴۰۳/۰۱/۱۱ اجرا شود (برای «t1»)، ولی راه‌انداز در ۱۴۰۳/۰۱/۱۰ اجرا می‌شود');
    for (const r of report.results) for (const p of r.problems) expect(p.fa).not.toMatch(/size-enough|inspect\b/);
  });

  it('filters scenarios by id', () => {
    expect(runScenarios(loadToy(), 'small').results.map((r) => r.id)).toEqual(['small-refused']);
  });
});
