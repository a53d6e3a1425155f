/**
 * Issue 12: a scenario may give a location relative to a record — `{ near: <key>, distance_m, bearing }` — and the
 * loader puts the point that far from the record along that bearing (great circle, engine/geo.ts); a record that does
 * not exist is an error at the `near`, with did-you-mean.
 */
import { describe, expect, it } from 'vitest';
import { formatError } from '../../engine/load/index.js';
import { destination, distanceMeters } from '../../engine/geo.js';
import { expectPersianBeside, header, loadWith } from './helpers.js';

const entities = `${header('entities')}kind: entities
entities:
  - id: unit
    label: { fa: واحد, en: Unit }
    location: location
    schema:
      type: object
      required: [id]
      properties:
        id: { type: string }
        place: { type: string }
        location: { type: object, properties: { lat: { type: number }, lon: { type: number } }, required: [lat, lon] }
`;
const registry = `${header('registry')}kind: registry\nrecords:\n  unit:\n    - { id: u-1, location: { lat: 38.2498, lon: 48.2933 } }\n`;
const scenario = (near: string) => `${header('scenarios')}kind: scenarios
scenarios:
  - id: s
    procedure: p
    input: { area: 40 }
    registry:
      unit:
        - { id: u-2, location: { near: ${near}, distance_m: 499.5, bearing: 90 } }
    expect: { active: [review] }
`;

describe('relative locations in scenarios', () => {
  it('puts the point distance_m from the record along the bearing', () => {
    const r = loadWith({ 'entities.yaml': entities, 'registry.yaml': registry, 'scenarios.yaml': scenario('u-1') });
    expect(r.errors.map(formatError)).toEqual([]);
    const p = r.bundle!.scenarios[0].registry.unit[0].location as { lat: number; lon: number };
    expect(Math.abs(distanceMeters(p, { lat: 38.2498, lon: 48.2933 }) - 499.5)).toBeLessThan(1e-6);
    expect(p.lon).toBeGreaterThan(48.2933); // east
    expect(Math.abs(p.lat - 38.2498)).toBeLessThan(1e-4);
  });

  it('goes north for bearing 0 and keeps the distance on every bearing', () => {
    const from = { lat: 38.25, lon: 48.29 };
    expect(destination(from, 1000, 0).lat).toBeGreaterThan(from.lat);
    for (const b of [0, 45, 90, 180, 271.5]) expect(Math.abs(distanceMeters(from, destination(from, 1000, b)) - 1000)).toBeLessThan(1e-6);
  });

  it('refuses a near record that does not exist, at the near, with did-you-mean', () => {
    const r = loadWith({ 'entities.yaml': entities, 'registry.yaml': registry, 'scenarios.yaml': scenario('u-11') });
    const hit = r.errors.find((e) => e.code === 'unknown-record' && /near/.test(e.message));
    expect(hit, r.errors.map(formatError).join('\n')).toMatchObject({ file: 'defs/b/scenarios.yaml', line: 9, col: 40 });
    expect(hit?.message).toMatch(/"near: u-11": no record with a location has the key "u-11" — did you mean "u-1"\?/);
    expectPersianBeside(hit!);
  });
});
