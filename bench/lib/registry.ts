/** Helpers shared by the steps that drive the server's own code in process. */
import pino from 'pino';
import type { Bundle } from '../../engine/index.js';
import type { SessionUser } from '../../server/auth/middleware.js';
import { BundleRegistry } from '../../server/bundles/registry.js';
import { snapshotLoader } from '../../server/bundles/loader.js';
import type { FileSet } from '../../server/bundles/files.js';
import { CaseService } from '../../server/cases/service.js';
import { manualClock } from '../../server/deps.js';
import { pointOf } from '../../server/registry/records.js';
import type { Store } from '../../server/store/types.js';

/** 1405-02-20 08:00 Tehran: every resolution of the sample bundles is in force. */
export const BENCH_NOW = '2026-05-10T04:30:00.000Z';

/** The bench's user: the roles of every human task of the sample procedures. */
export const BENCH_USER: SessionUser = { id: 'u-bench', username: 'bench', name: 'bench', roles: ['secretariat', 'inspectors', 'committee'] };

/** Writes the bundle's sample registry into the store (as the server's first start does). */
export function seedRegistry(store: Store, bundle: Bundle, now = BENCH_NOW): number {
  let n = 0;
  store.tx(() => {
    for (const [entity, records] of Object.entries(bundle.registry)) {
      const def = bundle.entities.get(entity);
      for (const rec of records) (store.entities.put(entity, String(rec[def?.key ?? 'id']), rec, now, pointOf(def, rec)), n++);
    }
  });
  return n;
}

/** The server's case runtime over `store`, with the bundle current and a fixed clock. */
export function caseService(store: Store, bundle: Bundle, files: FileSet, entry: string, newId: () => string): CaseService {
  const bundles = new BundleRegistry(store.bundles, snapshotLoader('definitions'), entry);
  bundles.activate(bundle, files);
  return new CaseService({ store: store as never, bundles, clock: manualClock(BENCH_NOW), log: pino({ level: 'silent' }), newId });
}

/**
 * A relocation request for an office of the sample registry that passes every start guard: the new site lies 3–9 km
 * north-west of the office (farther than the minimum distance from every other office) and is large enough.
 */
export function relocationInput(office: Record<string, unknown>, i: number, area = 60 + (i % 40)): Record<string, unknown> {
  const loc = office.location as { lat: number; lon: number };
  const d = 0.03 + ((i * 7919) % 600) / 10_000;
  return { place: office.place, kind: office.kind, area, location: { lat: loc.lat + d, lon: loc.lon - d }, address: `نشانی نمونه ${i}` };
}

/** Active offices of the sample registry. */
export const activeOffices = (bundle: Bundle): Record<string, unknown>[] => (bundle.registry.office ?? []).filter((o) => o.status === 'active');
