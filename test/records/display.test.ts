/** Record titles, subtitles and field display: labels instead of codes, titles instead of ids. */
import { describe, expect, it } from 'vitest';
import { recordDisplay, recordSubtitle, recordTitle } from '../../engine/records/index.js';
import { fsSource } from '../../cli/fs-source.js';
import { loadBundle } from '../../engine/load/index.js';

describe('how a record reads', () => {
  const bundle = loadBundle('definitions/ardabil', fsSource).bundle!;
  const records = bundle.registry;
  const lookup = (entity: string, id: string) => records[entity]?.find((r) => r.id === id);
  const office = records.office.find((r) => r.id === 'office-ard-1001')!;
  const place = records.place.find((r) => r.id === office.place)!;

  it('titles a record from its template, and a reference by the referenced record\'s title', () => {
    expect(recordTitle(bundle, 'place', place, lookup).fa).toBe((place.name as { fa: string }).fa);
    const sub = recordSubtitle(bundle, 'place', place, lookup)!;
    const county = records.county.find((r) => r.id === place.county)!;
    expect(sub.fa).toContain((county.name as { fa: string }).fa);
    expect(sub.fa).not.toContain(String(place.county));
    expect(sub.fa).toMatch(/شهر|روستا/);
    expect(sub.en).toMatch(/City|Village/);
  });

  it('shows options by label and references by title, leaving plain values out', () => {
    const shown = recordDisplay(bundle, 'office', office, lookup);
    expect(shown.status.fa).toBe('فعال');
    expect(shown.place.fa).toBe((place.name as { fa: string }).fa);
    expect(shown.licence_no).toBeUndefined();
    if (Array.isArray(office.contracted_agencies) && office.contracted_agencies.length) {
      expect(shown.contracted_agencies.fa).not.toContain(String(office.contracted_agencies[0]));
    }
  });

  it('shows a value whose options are a table\'s rows by the row\'s label (the services catalogue)', () => {
    const services = office.services as string[];
    expect(services.length).toBeGreaterThan(0);
    const shown = recordDisplay(bundle, 'office', office, lookup).services.fa;
    for (const code of services) expect(shown).not.toContain(code);
    const catalogue = bundle.parameters.get('services.catalogue')!.history.at(-1)!.value as { id: string; name: { fa: string } }[];
    expect(shown).toContain(catalogue.find((r) => r.id === services[0])!.name.fa);
  });

  it('falls back to the key when the title template has nothing to show', () => {
    expect(recordTitle(bundle, 'office', { id: 'x-1', status: 'active' }, lookup).fa).toBe('x-1');
  });
});
