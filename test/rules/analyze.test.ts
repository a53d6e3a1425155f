/** Static analysis: operators, unknown operators with pointers, parameters with expected types, facts, rules, vars. */
import { describe, expect, it } from 'vitest';
import { KNOWN_OPERATORS, analyze, isKnownOperator } from '../../engine/rules/index.js';

describe('analyze', () => {
  const logic = {
    and: [
      { '>=': [{ var: 'input.area' }, { param: 'site.min_area' }] },
      { '<': [{ param: 'start.date' }, { add_months: [{ today: [] }, { param: 'lead.months' }] }] },
      { '<=': [{ var: 'input.opened' }, '1403-01-01'] },
      { '>': [{ param: 'cutoff' }, { var: 'input.opened' }] },
      { years_between: [{ param: 'epoch' }, { var: 'x' }] },
      { in: [{ var: 'input.kind' }, { param: 'site.kinds' }] },
      { '==': [{ param: 'flag' }, true] },
      { if: [{ param: 'cond' }, { '+': [{ param: 'then' }, 1] }, 0] },
      { '/': [{ fact: ['nearest', { var: 'input.point' }, 'x'] }, 1000] },
      { fact: 'total' },
      { rule: 'other.rule' },
      { frobnicate: [1] },
      { map: [{ var: 'input.items' }, { var: 'price' }] },
      { param: ['on.date', { var: 'input.date' }] },
    ],
  };
  const a = analyze(logic);

  it('lists unknown operators with the pointer of their node', () => {
    expect(a.unknownOperators).toEqual([{ op: 'frobnicate', pointer: '/and/11' }]);
  });

  it('infers the type each parameter is expected to have', () => {
    expect(a.params).toEqual([
      { id: 'site.min_area', pointer: '/and/0/>=/1', expected: 'number' },
      { id: 'start.date', pointer: '/and/1/</0', expected: 'date' },
      { id: 'lead.months', pointer: '/and/1/</1/add_months/1', expected: 'number' },
      { id: 'cutoff', pointer: '/and/3/>/0', expected: 'number' },
      { id: 'epoch', pointer: '/and/4/years_between/0', expected: 'date' },
      { id: 'site.kinds', pointer: '/and/5/in/1', expected: 'list' },
      { id: 'flag', pointer: '/and/6/==/0', expected: 'any' },
      { id: 'cond', pointer: '/and/7/if/0', expected: 'any' },
      { id: 'then', pointer: '/and/7/if/1/+/0', expected: 'number' },
      { id: 'on.date', pointer: '/and/13', expected: 'any' },
    ]);
  });

  it('escapes operators in pointers and counts fact arguments', () => {
    expect(a.facts).toEqual([
      { id: 'nearest', pointer: '/and/8/~1/0', argc: 2 },
      { id: 'total', pointer: '/and/9', argc: 0 },
    ]);
  });

  it('lists rules, and root-data vars but not those of list-item logic', () => {
    expect(a.rules).toEqual([{ id: 'other.rule', pointer: '/and/10' }]);
    expect(a.vars).toEqual(['input.area', 'input.opened', 'x', 'input.kind', 'input.point', 'input.items', 'input.date']);
  });

  it('lists distinct operators in order of first use', () => {
    expect(a.operators.slice(0, 6)).toEqual(['and', '>=', 'var', 'param', '<', 'add_months']);
    expect(new Set(a.operators).size).toBe(a.operators.length);
  });

  it.each([
    [{ '<=': [{ param: 'p' }, '1403-01-01'] }, 'date'],
    [{ '<=': [{ param: 'p' }, 10] }, 'number'],
    [{ '>=': [{ today: [] }, { param: 'p' }] }, 'date'],
    [{ '-': [0, { param: 'p' }] }, 'number'],
    [{ add_days: [{ param: 'p' }, 3] }, 'date'],
    [{ add_days: ['1403-01-01', { param: 'p' }] }, 'number'],
    [{ jalali_year: { param: 'p' } }, 'date'],
    [{ '!': { param: 'p' } }, 'any'],
    [{ or: [{ param: 'p' }, false] }, 'any'],
    [{ '!=': [{ param: 'p' }, 'x'] }, 'any'],
    [{ cat: ['a', { param: 'p' }] }, 'any'], // cat shows numbers and dates too
    [{ '+': [{ if: [true, { param: 'p' }, 0] }, 1] }, 'number'],
    [{ param: 'p' }, 'any'],
  ])('expects %j to read a %s', (logic, expected) => {
    expect(analyze(logic).params).toEqual([expect.objectContaining({ id: 'p', expected })]);
  });

  it('measures depth and size', () => {
    expect(analyze(true)).toMatchObject({ depth: 0, size: 1 });
    expect(analyze({ '==': [{ var: 'a' }, 1] })).toMatchObject({ depth: 2, size: 4 });
    expect(analyze([[1], 2])).toMatchObject({ depth: 2, size: 4 });
  });

  it('treats literal objects as values, not logic', () => {
    expect(analyze({ a: { param: 'p' }, b: 1 })).toMatchObject({ operators: [], params: [], size: 1 });
  });

  it('does not crash on absurdly deep input', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(analyze(deep).depth).toBe(65);
  });
});

describe('KNOWN_OPERATORS', () => {
  it('has json-logic-js built-ins and Dabir custom operators, and only own names', () => {
    for (const op of ['==', 'var', 'missing_some', 'reduce', '?:', 'param', 'today', 'distance_m', 'fact', 'rule', 'get', 'count', 'find', 'keys', 'floor', 'ceil', 'round']) expect(isKnownOperator(op)).toBe(true);
    for (const op of ['toString', 'constructor', '__proto__', 'method', 'frobnicate']) expect(isKnownOperator(op)).toBe(false);
    expect(KNOWN_OPERATORS).toHaveLength(54);
  });
});
