/**
 * The Leaflet side of a location field's map, kept out of the Lit component: one map in a container of the component's
 * shadow root, with the chosen point (a draggable marker), the spacing circle, the nearest records, landmarks and the
 * record's current site. Tiles come from the configured tile server only; without one the map is a plain background
 * with the points and a scale bar, and needs nothing from any other origin. Leaflet's CSS and marker images are
 * bundled by Vite. Every text Leaflet shows is set as text (never as HTML) and in the page's language.
 */
import * as L from 'leaflet';
import leafletCss from 'leaflet/dist/leaflet.css?inline';
import iconRetinaUrl from 'leaflet/dist/images/marker-icon-2x.png';
import iconUrl from 'leaflet/dist/images/marker-icon.png';
import shadowUrl from 'leaflet/dist/images/marker-shadow.png';
import { unsafeCSS } from 'lit';

/** Leaflet's own stylesheet, for the shadow root the map lives in. */
export const leafletStyles = unsafeCSS(leafletCss);

export interface LatLon {
  lat: number;
  lon: number;
}

/** A record drawn on the map. */
export interface MapPoint extends LatLon {
  title: string;
  /** Shown after the title in its tooltip (e.g. the distance). */
  note?: string;
  /** Drawn in the warning colour (inside the circle). */
  inside?: boolean;
}

export interface MapViewOptions {
  tilesUrl: string | null;
  tilesAttribution: string | null;
  /** The page's direction, for the texts on the map. */
  dir: 'rtl' | 'ltr';
  /** The words Leaflet shows, in the page's language. */
  words: { zoomIn: string; zoomOut: string; point: string; current: string; metres: (n: number) => string; kilometres: (n: number) => string };
  /** Called when the user clicks the map or drops the marker. */
  onPick: (p: LatLon) => void;
}

const COLOURS = { record: '#0f4c81', inside: '#a4161a', landmark: '#4a5666', current: '#146c43', circle: '#b45309' };
/** About 10 cm: more digits than that only look precise. */
const round = (v: number) => Math.round(v * 1e6) / 1e6;
/** The zoom of a street (a circle of about 500 m fits), and the one from which landmarks are named on the map. */
const STREET_ZOOM = 15;
const NAMED_ZOOM = 10;

const icon = L.icon({ iconUrl, iconRetinaUrl, shadowUrl, iconSize: [25, 41], iconAnchor: [12, 41], tooltipAnchor: [16, -28], shadowSize: [41, 41] });

/**
 * A text in an element of the page's direction (the map itself is laid out left to right): a title that starts with
 * Latin letters or digits still reads in the page's order, as it does in the list beside the map.
 */
function textEl(text: string, dir: 'rtl' | 'ltr'): HTMLElement {
  const el = document.createElement('span');
  el.dir = dir;
  el.textContent = text;
  return el;
}

/** The scale bar in the page's words and digits (Leaflet writes "500 m"). */
function scaleControl(words: MapViewOptions['words']): L.Control.Scale {
  const Scale = L.Control.Scale.extend({
    _updateMetric(this: { _getRoundNum(n: number): number; _updateScale(el: HTMLElement, text: string, ratio: number): void; _mScale: HTMLElement }, maxMeters: number) {
      const meters = this._getRoundNum(maxMeters);
      this._updateScale(this._mScale, meters < 1000 ? words.metres(meters) : words.kilometres(meters / 1000), meters / maxMeters);
    },
  });
  const options: L.Control.ScaleOptions = { metric: true, imperial: false, position: 'bottomleft' };
  return new Scale(options) as L.Control.Scale;
}

export class LocationMapView {
  private readonly map: L.Map;
  private readonly records = L.layerGroup();
  private readonly landmarks = L.layerGroup();
  private marker?: L.Marker;
  private current?: L.CircleMarker;
  private circle?: L.Circle;
  private disabled = false;
  private landmarkPoints: MapPoint[] = [];
  private landmarksNamed = false;
  /** The last point the user picked on the map (not to be re-centred on). */
  private picked?: LatLon;

  constructor(container: HTMLElement, private readonly opts: MapViewOptions) {
    this.map = L.map(container, { zoomControl: false, attributionControl: false, worldCopyJump: true, minZoom: 2, maxZoom: 19 });
    L.control.zoom({ zoomInTitle: opts.words.zoomIn, zoomOutTitle: opts.words.zoomOut, position: 'topleft' }).addTo(this.map);
    scaleControl(opts.words).addTo(this.map);
    if (opts.tilesUrl) {
      const attribution = L.control.attribution({ prefix: false }).addTo(this.map);
      // Leaflet takes attribution as HTML: the configured text is escaped into it.
      if (opts.tilesAttribution) attribution.addAttribution(textEl(opts.tilesAttribution, opts.dir).outerHTML);
      L.tileLayer(opts.tilesUrl, { maxZoom: 19, crossOrigin: false }).addTo(this.map);
    }
    this.landmarks.addTo(this.map);
    this.records.addTo(this.map);
    this.map.on('click', (e: L.LeafletMouseEvent) => {
      if (!this.disabled) this.pick(e.latlng);
    });
    // The drawing is for the eye: the list beside the map says the same in text.
    this.map.getPane('mapPane')?.setAttribute('aria-hidden', 'true');
    this.map.setView([20, 0], 2);
    this.map.on('zoomend', () => {
      const named = this.map.getZoom() >= NAMED_ZOOM;
      if (named !== this.landmarksNamed) (this.landmarksNamed = named), this.setLandmarks(this.landmarkPoints);
    });
  }

  /** Whether the user may pick (a disabled form shows the map but keeps the point). */
  setDisabled(disabled: boolean): void {
    this.disabled = disabled;
    if (this.marker?.dragging) disabled ? this.marker.dragging.disable() : this.marker.dragging.enable();
  }

  /**
   * Moves the marker to the point (or removes it). A point typed into the inputs is brought to the centre, with its
   * neighbours around it; a point picked on the map stays where the user put it.
   */
  setPoint(p: LatLon | undefined): void {
    if (!p) {
      this.marker?.remove();
      this.marker = undefined;
      return;
    }
    const ll = L.latLng(p.lat, p.lon);
    if (!this.marker) {
      this.marker = L.marker(ll, { icon, draggable: !this.disabled, autoPan: true, keyboard: false, alt: this.opts.words.point, title: this.opts.words.point }).addTo(this.map);
      this.marker.on('dragend', () => this.pick(this.marker!.getLatLng()));
    } else if (this.marker.getLatLng().equals(ll)) return;
    else this.marker.setLatLng(ll);
    const picked = this.picked && this.picked.lat === p.lat && this.picked.lon === p.lon;
    // A typed point is brought to the centre at a street scale (where a spacing circle of a few hundred metres shows).
    if (!picked) this.map.setView(ll, Math.max(this.map.getZoom(), STREET_ZOOM));
  }

  /** The spacing circle around the point (radius in metres), or none. */
  setCircle(p: LatLon | undefined, radius: number | undefined): void {
    if (!p || !radius) {
      this.circle?.remove();
      this.circle = undefined;
      return;
    }
    if (!this.circle) this.circle = L.circle([p.lat, p.lon], { radius, color: COLOURS.circle, weight: 2, fillOpacity: 0.08, interactive: false }).addTo(this.map);
    else this.circle.setLatLng([p.lat, p.lon]).setRadius(radius);
  }

  /** The nearest records (those inside the circle in the warning colour), each with its title as a tooltip. */
  setRecords(points: MapPoint[]): void {
    this.records.clearLayers();
    for (const r of points) {
      const colour = r.inside ? COLOURS.inside : COLOURS.record;
      L.circleMarker([r.lat, r.lon], { radius: 7, color: colour, fillColor: colour, fillOpacity: 0.7, weight: 2 })
        .bindTooltip(textEl(r.note ? `${r.title} — ${r.note}` : r.title, this.opts.dir))
        .addTo(this.records);
    }
  }

  /**
   * Located records drawn small, for orientation on the plain background: named on the map from a town's scale on;
   * zoomed further out their names would pile on each other, so each is named when pointed at.
   */
  setLandmarks(points: MapPoint[]): void {
    this.landmarkPoints = points;
    this.landmarks.clearLayers();
    const named = this.map.getZoom() >= NAMED_ZOOM;
    for (const r of points) {
      L.circleMarker([r.lat, r.lon], { radius: 4, color: COLOURS.landmark, fillColor: '#fff', fillOpacity: 1, weight: 2, interactive: !named })
        .bindTooltip(textEl(r.title, this.opts.dir), { permanent: named, direction: 'right', className: 'landmark' })
        .addTo(this.landmarks);
    }
  }

  /** Where the record stands now (e.g. the site it moves from), as a hollow green dot. */
  setCurrent(p: LatLon | undefined): void {
    this.current?.remove();
    this.current = p
      ? L.circleMarker([p.lat, p.lon], { radius: 8, color: COLOURS.current, fillOpacity: 0, weight: 3 }).bindTooltip(textEl(this.opts.words.current, this.opts.dir)).addTo(this.map)
      : undefined;
  }

  /**
   * Centres on the point, else on the current site, at a street scale that still holds a circle of about 500 m; else
   * shows every landmark.
   */
  frame(point: LatLon | undefined, current: LatLon | undefined, landmarks: LatLon[]): void {
    const at = point ?? current;
    if (at) this.map.setView([at.lat, at.lon], STREET_ZOOM);
    else if (landmarks.length) this.map.fitBounds(L.latLngBounds(landmarks.map((p) => [p.lat, p.lon] as [number, number])), { padding: [30, 30] });
  }

  /** Re-measures the container (after it became visible or changed size). */
  resize(): void {
    this.map.invalidateSize();
  }

  destroy(): void {
    this.map.remove();
  }

  private pick(ll: L.LatLng): void {
    const w = ll.wrap();
    this.picked = { lat: round(w.lat), lon: round(w.lng) };
    this.opts.onPick(this.picked);
  }
}
