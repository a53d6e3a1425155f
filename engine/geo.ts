/** Great-circle distance between two points on the Earth (haversine over the mean Earth radius). */

/** Mean Earth radius in metres (IUGG). */
export const EARTH_RADIUS_M = 6_371_008.8;

/** A point in decimal degrees. */
export interface GeoPoint {
  lat: number;
  lon: number;
}

/** Reads `{lat, lon}` (also `lng`) or `[lat, lon]` with finite coordinates in range; undefined otherwise. */
export function toPoint(p: unknown): GeoPoint | undefined {
  let lat: unknown, lon: unknown;
  if (Array.isArray(p)) [lat, lon] = p;
  else if (typeof p === 'object' && p !== null) {
    const o = p as Record<string, unknown>;
    lat = o.lat;
    lon = o.lon ?? o.lng;
  } else return undefined;
  if (typeof lat !== 'number' || typeof lon !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lon)) return undefined;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  return { lat, lon };
}

/** Distance in metres between two points; throws RangeError when either is not a valid point. */
export function distanceMeters(a: GeoPoint | [number, number] | unknown, b: GeoPoint | [number, number] | unknown): number {
  const p = toPoint(a), q = toPoint(b);
  if (!p || !q) throw new RangeError(`not a point: ${JSON.stringify(p ? b : a)}`);
  const rad = Math.PI / 180;
  const dLat = (q.lat - p.lat) * rad;
  const dLon = (q.lon - p.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(p.lat * rad) * Math.cos(q.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The point `distance_m` metres from `from` along the initial great-circle `bearing` (degrees clockwise from north),
 * on the same sphere as `distanceMeters`, so that `distanceMeters(from, destination(from, d, b))` is `d` (to within
 * floating-point error, far below a millimetre).
 */
export function destination(from: GeoPoint, distance_m: number, bearing: number): GeoPoint {
  const rad = Math.PI / 180;
  const δ = distance_m / EARTH_RADIUS_M;
  const θ = bearing * rad;
  const φ1 = from.lat * rad;
  const λ1 = from.lon * rad;
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ));
  const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2));
  return { lat: φ2 / rad, lon: ((λ2 / rad + 540) % 360) - 180 };
}
