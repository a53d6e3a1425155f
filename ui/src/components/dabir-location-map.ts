/**
 * The map of a location field (`x-widget: location`, `x-map` from the definitions), shown above its latitude and
 * longitude inputs: click the map or drag the marker to choose the point (a `location-picked` event), and a point typed
 * into the inputs moves the marker. It draws the spacing circle of the parameter in force and the nearest records of the
 * map's fact, and lists those records as text with their distances, marking the ones inside the circle. The map is an
 * enhancement: keyboard and screen-reader users have the inputs and the list. Loaded on demand (with Leaflet) by
 * dabir-form, so pages without a location field never load it.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { LocationMap } from '../api/client.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { MapDataController, type LatLon } from '../controllers/map-data-controller.js';
import { getLang, t, tx, type Lang } from '../i18n/index.js';
import { LocationMapView, leafletStyles, type MapPoint } from './location-map-view.js';
import { base } from './styles.js';

const isPoint = (v: unknown): v is LatLon =>
  typeof v === 'object' && v !== null && Number.isFinite((v as LatLon).lat) && Number.isFinite((v as LatLon).lon)
  && Math.abs((v as LatLon).lat) <= 90 && Math.abs((v as LatLon).lon) <= 180;

@customElement('dabir-location-map')
export class DabirLocationMap extends LitElement {
  static override styles = [base, leafletStyles, css`
    .map { height: 340px; border: 1px solid var(--d-border, #c9d1dc); border-radius: 8px; margin-block: 0.4rem; }
    .map.plain { background: #f3f1ea; }
    .leaflet-tooltip, .leaflet-control-scale-line, .leaflet-control-attribution { font-family: inherit; unicode-bidi: plaintext; }
    .leaflet-tooltip.landmark { background: transparent; border: none; box-shadow: none; padding: 0 4px; color: #2d3a4a; font-size: 0.8rem; text-shadow: 0 0 3px #fff, 0 0 3px #fff; }
    .leaflet-tooltip.landmark::before { display: none; }
    .legend { display: flex; align-items: center; gap: 0.5em; margin: 0 0 0.4rem; font-size: 0.92em; }
    .swatch { inline-size: 1.1em; block-size: 1.1em; border-radius: 50%; border: 2px solid #b45309; background: #b4530914; flex: none; }
    .nearby h3 { font-size: 0.95rem; margin-block: 0.6rem 0.3rem; }
    .nearby ol { margin: 0; padding-inline-start: 1.4em; }
    .nearby li { margin-block: 0.15em; }
    .nearby li[data-inside] { color: var(--d-danger, #a4161a); font-weight: 600; }
    .title { unicode-bidi: isolate; }
    .dist { white-space: nowrap; unicode-bidi: isolate; }
  `];

  /** The chosen point (possibly incomplete while it is being typed). */
  @property({ attribute: false }) value?: Partial<LatLon>;
  @property({ attribute: false }) spec?: LocationMap;
  /** The field's label: the map is named after it. */
  @property() label = '';
  /** The case's subject: when it is one of the records shown, it is left out and its current site drawn. */
  @property({ attribute: false }) subject?: { entity: string; id: string };
  @property({ type: Boolean }) disabled = false;

  private readonly data = new MapDataController(this, () => ({ spec: this.spec, subject: this.subject, point: this.point() }));
  private view?: LocationMapView;
  private viewLang?: Lang;
  private resizer?: ResizeObserver;
  /** The subject site the map was last framed on (JSON), so a subject chosen later frames it again. */
  private framedFor?: string;

  constructor() {
    super();
    new LocaleController(this);
  }

  private point(): LatLon | undefined {
    return isPoint(this.value) ? { lat: this.value.lat, lon: this.value.lon } : undefined;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizer?.disconnect();
    this.view?.destroy();
    this.view = undefined;
  }

  protected override updated(_changed: PropertyValues): void {
    const basics = this.data.basics.value;
    const el = this.renderRoot.querySelector<HTMLElement>('.map');
    if (!basics || !el) return;
    // A new language: the map's own words (zoom titles, the scale) are made anew.
    if (this.view && this.viewLang !== getLang()) {
      this.view.destroy();
      this.view = undefined;
    }
    if (!this.view) {
      this.view = new LocationMapView(el, {
        tilesUrl: basics.config.tilesUrl, tilesAttribution: basics.config.tilesAttribution, dir: getLang() === 'fa' ? 'rtl' : 'ltr',
        words: {
          zoomIn: t('zoomIn'), zoomOut: t('zoomOut'), point: t('mapPoint'), current: t('mapCurrent'),
          metres: (n) => t('metres', { n }), kilometres: (n) => t('kilometres', { n }),
        },
        onPick: (p) => this.dispatchEvent(new CustomEvent('location-picked', { detail: p, bubbles: true, composed: true })),
      });
      this.viewLang = getLang();
      this.view.setLandmarks(basics.config.tilesUrl ? [] : basics.landmarks.map((l) => ({ ...l.location, title: tx(l.title) })));
      this.framedFor = undefined;
    }
    // The subject's current site (known once the subject is chosen, which may be after the map opened) frames the map.
    const currentKey = JSON.stringify(basics.current ?? null);
    if (currentKey !== this.framedFor) {
      this.framedFor = currentKey;
      this.view.setCurrent(basics.current);
      this.view.frame(this.point(), basics.current, basics.landmarks.map((l) => l.location));
    }
    if (!this.resizer) {
      this.resizer = new ResizeObserver(() => this.view?.resize());
      this.resizer.observe(el);
    }
    const point = this.point();
    this.view.setDisabled(this.disabled);
    this.view.setPoint(point);
    this.view.setCircle(point, basics.circle?.value);
    this.view.setRecords(this.records());
  }

  /** The records around the point, those inside the circle marked, each with its distance. */
  private records(): (MapPoint & { id: string; distance: number })[] {
    const radius = this.data.basics.value?.circle?.value;
    return (this.data.nearby.value?.items ?? []).map((r) => ({
      id: r.id, lat: r.location.lat, lon: r.location.lon, title: tx(r.$title), distance: r.distance_m,
      note: t('metres', { n: r.distance_m }), inside: radius !== undefined && r.distance_m < radius,
    }));
  }

  private renderList() {
    const basics = this.data.basics.value;
    if (!this.spec) return nothing;
    const point = this.point();
    // Distances are listed only once they are measured from this point (not from the previous one).
    const answer = this.data.nearby.value;
    const fresh = Boolean(point && answer && answer.point.lat === point.lat && answer.point.lon === point.lon);
    const listed = fresh ? this.records().slice(0, this.spec.limit) : [];
    return html`<section class="nearby" aria-labelledby="near-h" aria-live="polite" aria-busy=${point && !fresh ? 'true' : 'false'}>
      <h3 id="near-h">${t('mapNearest', { entity: tx(basics?.entityLabel) })}</h3>
      ${!point ? html`<p class="muted small">${t('mapChoosePoint')}</p>`
        : !fresh ? html`<p class="muted small" role="status">${t('loading')}</p>`
        : !listed.length ? html`<p class="muted small">${t('mapNoneNearby')}</p>`
        : html`<ol data-nearby-list>${listed.map((r) => html`<li data-record=${r.id} ?data-inside=${r.inside}>
            <span class="title">${r.title}</span> — <span class="dist">${r.note}</span>${r.inside ? html` <span class="badge danger">${t('mapInside')}</span>` : nothing}
          </li>`)}</ol>`}
    </section>`;
  }

  override render() {
    const { basics } = this.data;
    const b = basics.value;
    return html`
      <p class="muted small" id="map-hint">${t('mapHint')}</p>
      ${basics.status === 'error' ? html`<p class="alert warn" role="status">${t('mapUnavailable')}</p>` : nothing}
      ${!b && basics.status !== 'error' ? html`<p class="muted small" role="status">${t('mapLoading')}</p>` : nothing}
      <div class="map ${b && !b.config.tilesUrl ? 'plain' : ''}" dir="ltr" role="region" aria-label=${t('mapOf', { label: this.label })}
        aria-describedby="map-hint" ?hidden=${!b}></div>
      ${b?.circle ? html`<p class="legend" data-circle=${b.circle.value}><span class="swatch" aria-hidden="true"></span>${t('mapCircle', { label: tx(b.circle.label), value: b.circle.value })}</p>` : nothing}
      ${b && !b.config.tilesUrl ? html`<p class="muted small">${t('mapPlain')}</p>` : nothing}
      ${this.renderList()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-location-map': DabirLocationMap;
  }
}
