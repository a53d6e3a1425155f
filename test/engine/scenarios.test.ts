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
    expect(byId['wrong-expectation'].problems[0]).toContain('expected the start to be refused by [size-enough]');
    expect(byId['missing-task'].problems[0]).toMatch(/no open task "inspect".*open: \[intake\]/);
    expect(byId['missing-task'].source.file).toMatch(/toy-overlay\/scenarios\/failing\.yaml$/);
    expect(byId['trigger-wrong-date'].problems[0]).toBe('expected trigger "anniversary" to fire on 1403-01-11 for "t1", but it fires on 1403-01-10');
    expect(byId['wrong-values'].problems).toEqual(['rule "size-enough" failed with values {"found":44,"required":45}; expected {"found":43}']);
    expect(report).toMatchObject({ passed: 1, failed: 4 });
  });

  it('filters scenarios by id', () => {
    expect(runScenarios(loadToy(), 'small').results.map((r) => r.id)).toEqual(['small-refused']);
  });
});
