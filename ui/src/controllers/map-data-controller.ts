/**
 * What a location field's map shows, loaded for it: the tile server (asked once per page), the circle's parameter as in
 * force today, the landmarks' points, the subject record's current site; and, once the point settles, the nearest
 * records of the map's fact around it (or around the current site, before a point is chosen).
 */
import type { ReactiveControllerHost } from 'lit';
import { api, type AppConfig, type LocationMap, type Nearby, type Text } from '../api/client.js';
import * as defs from '../definitions.js';
import { DebouncedController } from './debounced-controller.js';
import { ResourceController } from './resource-controller.js';

export interface LatLon {
  lat: number;
  lon: number;
}

/** What does not depend on the point. */
export interface MapBasics {
  config: AppConfig;
  /** The label of the records the map lists (their entity's). */
  entityLabel?: Text;
  circle?: { label: Text; value: number };
  landmarks: { title: Text; location: LatLon }[];
  /** Where the subject record stands now, when it is one of the records the map shows. */
  current?: LatLon;
}

/** What the map is for: its definition, the case's subject, the point chosen so far. */
export interface MapInputs {
  spec?: LocationMap;
  subject?: { entity: string; id: string };
  point?: LatLon;
}

/** How many records are drawn around the point (the list shows the map's `limit` of them). */
export const DRAWN = 20;

let config: Promise<AppConfig> | undefined;
const appConfig = () => {
  config ??= api.config();
  config.catch(() => (config = undefined));
  return config;
};

const isPoint = (v: unknown): v is LatLon =>
  typeof v === 'object' && v !== null && Number.isFinite((v as LatLon).lat) && Number.isFinite((v as LatLon).lon);

async function loadBasics(spec: LocationMap | undefined, subject: MapInputs['subject']): Promise<MapBasics> {
  const own = spec && subject?.entity === spec.entity ? subject.id : undefined;
  const [cfg, types, param, marks, rec] = await Promise.all([
    appConfig(),
    defs.entityTypes(),
    spec?.circle ? api.parameter(spec.circle.param) : undefined,
    Promise.all((spec?.landmarks ?? []).map(async (e) => ({ entity: e, page: await api.records(e, { limit: 1000 }) }))),
    own && spec ? api.record(spec.entity, own) : undefined,
  ]);
  // Each entity names the field that holds its records' points.
  const pointOf = (entity: string, r: Record<string, unknown>) => {
    const v = r[types.find((t) => t.id === entity)?.location ?? 'location'];
    return isPoint(v) ? v : undefined;
  };
  const landmarks = marks.flatMap(({ entity, page }) => page.items.flatMap((r) => {
    const loc = pointOf(entity, r);
    return loc ? [{ title: r.$title as Text, location: loc }] : [];
  }));
  const currentLoc = rec && spec ? pointOf(spec.entity, rec) : undefined;
  return {
    config: cfg,
    entityLabel: spec ? types.find((t) => t.id === spec.entity)?.label : undefined,
    circle: param && typeof param.value === 'number' ? { label: param.label, value: param.value } : undefined,
    landmarks,
    current: currentLoc,
  };
}

interface NearbyQuery {
  entity: string;
  lat: number;
  lon: number;
  exclude: string | undefined;
  fact: string;
}

export class MapDataController {
  readonly basics: ResourceController<[LocationMap | undefined, MapInputs['subject']], MapBasics>;
  readonly nearby: DebouncedController<NearbyQuery, Nearby>;

  constructor(host: ReactiveControllerHost, inputs: () => MapInputs) {
    this.basics = new ResourceController(host, ([spec, subject]) => loadBasics(spec, subject), () => [inputs().spec, inputs().subject]);
    this.nearby = new DebouncedController<NearbyQuery, Nearby>(host, (q) => api.nearby(q.entity, { lat: q.lat, lon: q.lon, exclude: q.exclude, fact: q.fact, limit: DRAWN }), () => {
      const { spec, subject, point } = inputs();
      const at = point ?? this.basics.value?.current;
      if (!spec || !at) return undefined;
      return { entity: spec.entity, lat: at.lat, lon: at.lon, fact: spec.nearby, exclude: subject?.entity === spec.entity ? subject.id : undefined };
    }, 250);
  }
}
