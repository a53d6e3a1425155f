/** DABIR_TILES_URL: a tile URL template is checked when the server starts, and gives the one CSP origin for images. */
import { describe, expect, it } from 'vitest';
import { tilesConfig, tilesFromEnv } from '../../server/tiles.js';

describe('the tile server setting', () => {
  it('is off when unset or blank', () => {
    expect(tilesFromEnv({})).toBeNull();
    expect(tilesFromEnv({ DABIR_TILES_URL: '  ' })).toBeNull();
  });

  it.each([
    ['https://tile.example/{z}/{x}/{y}.png', 'https://tile.example'],
    ['http://127.0.0.1:8089/tiles/{z}/{x}/{y}.png?key=k', 'http://127.0.0.1:8089'],
    ['https://{s}.tile.example/{z}/{x}/{y}{r}.png', 'https://*.tile.example'],
  ])('allows %s from %s', (url, origin) => {
    expect(tilesFromEnv({ DABIR_TILES_URL: url, DABIR_TILES_ATTRIBUTION: '© نمونه' })).toEqual({ url, attribution: '© نمونه', cspSource: origin });
  });

  it.each([
    ['tile.example/{z}/{x}/{y}.png', /is not a URL/],
    ['https://tile.example/{z}/{x}.png', /has no \{y\} placeholder/],
    ['ftp://tile.example/{z}/{x}/{y}.png', /must be an http or https URL/],
    ['javascript:alert(1)//{z}/{x}/{y}', /must be an http or https URL/],
    ['https://user:pw@tile.example/{z}/{x}/{y}.png', /user name or password/],
    ['https://a.{s}.tile.example/{z}/{x}/{y}.png', /only have \{s\} as its first subdomain/],
    ["https://tile.example;script-src *'/{z}/{x}/{y}.png", /is not a URL/],
    ['https://tile.example;script-src/{z}/{x}/{y}.png', /not plain letters/],
    ["https://tile'example/{z}/{x}/{y}.png", /not plain letters/],
  ])('refuses %s', (url, message) => {
    expect(() => tilesConfig(url, null)).toThrow(message);
  });
});
