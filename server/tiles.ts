/**
 * The map tile server, when one is configured (DABIR_TILES_URL, DABIR_TILES_ATTRIBUTION): its URL template, the
 * attribution the map shows, and the one origin the Content-Security-Policy lets the page load images from. Without one
 * the UI's maps draw the registry's points on a plain background and no request leaves the server.
 */

export interface TilesConfig {
  /** A Leaflet URL template: `{z}`, `{x}` and `{y}` (and optionally `{s}` subdomains, `{r}` retina) are filled per tile. */
  url: string;
  /** Plain text shown in the map's corner (the tile provider's terms usually require it); null for none. */
  attribution: string | null;
  /** The CSP source of the tiles: the URL's origin, with a `{s}` subdomain as the wildcard `*`. */
  cspSource: string;
}

/**
 * Reads the tile server from the environment; null when DABIR_TILES_URL is unset or empty. Throws (and the server does
 * not start) on a template that is not an http(s) URL with {z}, {x} and {y}, so a typo is found at once, not as a blank map.
 */
export function tilesFromEnv(env: Record<string, string | undefined>): TilesConfig | null {
  const url = env.DABIR_TILES_URL?.trim();
  if (!url) return null;
  return tilesConfig(url, env.DABIR_TILES_ATTRIBUTION?.trim() || null);
}

/** Validates a tile URL template and derives its CSP source. */
export function tilesConfig(url: string, attribution: string | null): TilesConfig {
  const bad = (why: string) => new Error(`DABIR_TILES_URL "${url}" ${why} — e.g. https://tile.example/{z}/{x}/{y}.png`);
  for (const p of ['{z}', '{x}', '{y}']) if (!url.includes(p)) throw bad(`has no ${p} placeholder`);
  let parsed: URL;
  try {
    // Placeholders are not URL characters: stand-ins let the URL parser judge the rest.
    parsed = new URL(url.replace(/\{s\}/g, 'sub').replace(/\{[a-z]\}/g, '0'));
  } catch {
    throw bad('is not a URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw bad('must be an http or https URL');
  if (parsed.username || parsed.password) throw bad('must not carry a user name or password');
  // The host goes into the Content-Security-Policy header: only a plain host name (or address) and port.
  if (!/^([a-z0-9-]+\.)*[a-z0-9-]+(:\d+)?$|^\[[0-9a-f:.]+\](:\d+)?$/i.test(parsed.host)) throw bad('has a host name that is not plain letters, digits, dots and hyphens');
  const hostTemplate = url.slice(url.indexOf('//') + 2).split(/[/?#]/)[0];
  if (hostTemplate.includes('{') && !/^\{s\}\.[^{}]+$/.test(hostTemplate)) throw bad('may only have {s} as its first subdomain');
  const host = hostTemplate.startsWith('{s}.') ? `*.${parsed.host.slice('sub.'.length)}` : parsed.host;
  return { url, attribution, cspSource: `${parsed.protocol}//${host}` };
}
