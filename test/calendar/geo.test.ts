/** Great-circle distance (engine/geo.ts). */
import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_M, distanceMeters, toPoint } from '../../engine/geo.js';

/** Independent check: the spherical law of cosines (a different formula over the same sphere). */
function lawOfCosines(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const r = Math.PI / 180;
  const c = Math.sin(a.lat * r) * Math.sin(b.lat * r) + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.cos((b.lon - a.lon) * r);
  return EARTH_RADIUS_M * Math.acos(Math.min(1, c));
}

const tehran = { lat: 35.6892, lon: 51.389 };
const ardabil = { lat: 38.2498, lon: 48.2933 };

describe('distanceMeters', () => {
  it('is 0 for the same point, in either notation', () => {
    expect(distanceMeters(ardabil, ardabil)).toBe(0);
    expect(distanceMeters([38.2498, 48.2933], ardabil)).toBe(0);
  });

  it('matches an ellipsoidal geodesic for a Tehran–Ardabil-like pair within 0.5%', () => {
    // Vincenty's inverse formula on WGS84, computed separately: 395,854.68 m.
    const d = distanceMeters(tehran, ardabil);
    expect(Math.abs(d - 395_854.68) / 395_854.68).toBeLessThan(0.005);
    expect(d).toBeCloseTo(lawOfCosines(tehran, ardabil), 0);
  });

  it('matches a short urban distance within 0.5%', () => {
    // Vincenty (WGS84): 1,275.07 m.
    const d = distanceMeters(ardabil, { lat: 38.26, lon: 48.3 });
    expect(Math.abs(d - 1275.07) / 1275.07).toBeLessThan(0.005);
  });

  it('is a degree of arc on the equator and half the circumference across the globe', () => {
    expect(distanceMeters([0, 0], [0, 1])).toBeCloseTo((2 * Math.PI * EARTH_RADIUS_M) / 360, 6);
    expect(distanceMeters([0, 0], [0, 180])).toBeCloseTo(Math.PI * EARTH_RADIUS_M, 3);
  });

  it('is symmetric', () => {
    expect(distanceMeters(tehran, ardabil)).toBe(distanceMeters(ardabil, tehran));
  });

  it.each([[{ lat: 91, lon: 0 }], [{ lat: '1', lon: 2 }], [[1]], [null], [{ lat: NaN, lon: 0 }]])('refuses %j', (p) => {
    expect(toPoint(p)).toBeUndefined();
    expect(() => distanceMeters(p, [0, 0])).toThrow(RangeError);
  });
});
