/**
 * Issue 11 item 5: sample data that holds together. Every reference of every bundle's registry records names a record
 * of its entity in that bundle's registry (the sample offices' holders are sample persons), and a case's effect that
 * updates a record missing from the registry is refused — it never creates a nameless stub record.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fsSource } from '../../cli/fs-source.js';
import { loadBundle } from '../../engine/load/index.js';
import { recordRefs } from '../../engine/records/refs.js';
import { applyEntityEvent } from '../../server/cases/entity-effects.js';
import { evolve } from '../../server/engine.js';
import { Problem } from '../../server/problem.js';
import { sqliteStore } from '../../server/store/index.js';

const bundles = readdirSync('definitions', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe.each(bundles)('the registry of definitions/%s', (name) => {
  const bundle = loadBundle(`definitions/${name}`, fsSource).bundle!;

  it('names only records it holds, each of the entity its field says', () => {
    const keys = new Map(Object.entries(bundle.registry).map(([e, recs]) => [e, new Set(recs.map((r) => String(r[bundle.entities.get(e)?.key ?? 'id'])))]));
    const dangling: string[] = [];
    let refs = 0;
    for (const [entity, recs] of Object.entries(bundle.registry)) {
      const def = bundle.entities.get(entity)!;
      for (const rec of recs) {
        for (const r of recordRefs(def.schema, rec)) {
          refs++;
          if (!keys.get(r.entity)?.has(String(r.value))) dangling.push(`${entity}/${String(rec[def.key])}${r.path} → ${r.entity} "${String(r.value)}"`);
        }
      }
    }
    expect(dangling).toEqual([]);
    if (bundle.registry.office?.length) expect(refs).toBeGreaterThan(bundle.registry.office.length);
  });

  it('marks its sample holders as samples, «(نمونه)» in their names', () => {
    const persons = new Map((bundle.registry.person ?? []).map((p) => [String(p.id), p]));
    for (const office of bundle.registry.office ?? []) {
      const holder = persons.get(String(office.holder));
      expect(holder, String(office.id)).toBeDefined();
      if (office.sample === true) {
        expect(holder!.sample, String(holder!.id)).toBe(true);
        expect(String(holder!.name), String(holder!.id)).toContain('نمونه');
      }
    }
  });
});

describe('a case effect on a missing record', () => {
  it('is refused and writes nothing; on an existing record it changes only what it sets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dabir-effects-'));
    const store = sqliteStore(join(dir, 'dabir.db'), evolve);
    try {
      const bundle = loadBundle('definitions/ardabil', fsSource).bundle!;
      const at = '2026-05-10T04:30:00.000Z';
      let refused: unknown;
      try {
        store.tx(() => applyEntityEvent(bundle, store.entities, { type: 'entity.updated', at, entity: 'person', id: 'person-ard-9999', set: { licence_revoked_on: '1405-02-20' } }));
      } catch (err) {
        refused = err;
      }
      expect(refused).toBeInstanceOf(Problem);
      expect((refused as Problem).status).toBe(422);
      expect((refused as Problem).detail).toContain('در ثبت‌ها نیست');
      expect(store.entities.get('person', 'person-ard-9999')).toBeUndefined();
      expect(store.entities.count('person')).toBe(0);

      store.entities.put('person', 'p1', { id: 'p1', type: 'natural', name: 'نام' }, at);
      store.tx(() => applyEntityEvent(bundle, store.entities, { type: 'entity.updated', at, entity: 'person', id: 'p1', set: { revoked_for_violation: true } }));
      expect(store.entities.get('person', 'p1')).toEqual({ id: 'p1', type: 'natural', name: 'نام', revoked_for_violation: true });
    } finally {
      store.db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
