import { describe, expect, it } from 'vitest';
import { toJalaliDate } from '../../engine/calendar/index.js';
import { explainRules, triggerTime } from '../../engine/interpret/index.js';
import { at, ctxFor, loadToy } from './toy.js';

const bundle = loadToy();
const ctx = ctxFor(bundle, at('1404-02-01'));

describe('facts over the in-memory registry', () => {
  it('computes count, sum, list and lookup facts, with computed fields on looked-up records', () => {
    expect(ctx.facts.get('things-in-zone', ['z1'])).toBe(2);
    expect(ctx.facts.get('things-in-zone', ['z9'])).toBe(0);
    expect(ctx.facts.get('total-partners', [])).toBe(2);
    expect(ctx.facts.get('thing-ids', ['z1'])).toEqual(['t1', 't2']);
    expect(ctx.facts.get('thing', ['t2'])).toMatchObject({ id: 't2', zone_count: 2 });
    expect(ctx.facts.get('thing', ['nope'])).toBeUndefined();
  });

  it('finds the distance to the nearest other record, excluding the subject itself', () => {
    const d = ctx.facts.get('nearest-thing-m', [{ lat: 38.25, lon: 48.29 }, 't1']) as number;
    expect(d).toBeGreaterThan(495);
    expect(d).toBeLessThan(505);
    expect(ctx.facts.get('nearest-thing-m', [{ lat: 38.25, lon: 48.29 }, undefined])).toBe(0);
  });

  it('answers the nearest record itself (key, title, distance) when the nearest fact is of type object, null when none', () => {
    const near = ctx.facts.get('nearest-thing', [{ lat: 38.25, lon: 48.29 }, 't1']) as { id: string; title: { fa: string }; distance_m: number };
    expect(near).toEqual({ id: 't2', title: { fa: 't2', en: 't2' }, distance_m: ctx.facts.get('nearest-thing-m', [{ lat: 38.25, lon: 48.29 }, 't1']) });
    // Only t1 and t2 are on: excluding one leaves the other; a point next to t2 finds t2 at a few metres.
    expect((ctx.facts.get('nearest-thing', [{ lat: 38.2545, lon: 48.2901 }, 't1']) as { distance_m: number }).distance_m).toBeLessThan(10);
    const none = ctxFor(loadToy(), at('1404-02-01'), { thing: [] });
    expect(none.facts.get('nearest-thing', [{ lat: 38.25, lon: 48.29 }, null])).toBeNull();
    expect(none.facts.get('nearest-thing-m', [{ lat: 38.25, lon: 48.29 }, null])).toBe(Infinity);
  });
});

describe('what-if and triggers', () => {
  it('explains a spacing rule on both sides of the threshold without starting a case', () => {
    // t2 sits 0.0045° north of t1 (≈ 500.4 m).
    const pass = explainRules(bundle, ['far-enough'], { subject: 't1', input: { spot: { lat: 38.25, lon: 48.29 } } }, ctx, 'thing');
    expect(pass).toEqual([]);
    const fail = explainRules(bundle, ['far-enough'], { subject: 't1', input: { spot: { lat: 38.2506, lon: 48.29 } } }, ctx, 'thing');
    expect(fail.map((f) => f.rule)).toEqual(['far-enough']);
    expect(fail[0].values.required).toBe(500);
    expect(fail[0].values.found as number).toBeLessThan(500);
  });

  it('computes when a data-driven trigger fires, and skips records it does not apply to', () => {
    const when = triggerTime(bundle, bundle.triggers.get('anniversary')!, { id: 't1', state: 'on', since: '1398-01-10' }, ctx);
    expect(toJalaliDate(when!, 'Asia/Tehran')).toBe('1403-01-10');
    expect(triggerTime(bundle, bundle.triggers.get('anniversary')!, { id: 't1', state: 'off', since: '1398-01-10' }, ctx)).toBeUndefined();
  });
});
