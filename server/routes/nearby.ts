/**
 * The records nearest to a point, for maps: `GET /registry/:entity/nearby?lat&lon&limit&exclude&fact`. Answers each
 * with its title and its distance in whole metres (rounded down, as rules show distances), nearest first, through the
 * spatial index of the fact provider. With `fact` (a `nearest` fact over the entity), only the records that fact
 * measures: a map shows exactly the neighbours a spacing rule would find.
 */
import { Router } from 'express';
import type { FactDef } from '../../engine/index.js';
import { partyView } from '../access/http.js';
import { requireAuth } from '../auth/middleware.js';
import { recordSubtitle, recordTitle, toJalaliDate, type RecordLookup } from '../engine.js';
import { sqliteFacts } from '../facts/sqlite-facts.js';
import { notFound, Problem } from '../problem.js';
import { entityDef } from '../registry/records.js';
import type { Services } from '../services.js';
import { param, str } from './util.js';

/** How many records one request may ask for. */
export const NEARBY_MAX = 50;
const NEARBY_DEFAULT = 5;

export function nearbyRoutes(s: Services): Router {
  const r = Router();
  const { entities } = s.deps.store;

  r.get('/registry/:entity/nearby', requireAuth, (req, res) => {
    const b = s.deps.bundles.current();
    // A party-only user (placing their own record on a map) sees where the neighbours are and how far, not whose.
    const party = partyView(s, req) !== undefined;
    const def = entityDef(b, param(req, 'entity'));
    if (!def.location) {
      throw new Problem('bad-request', {
        detail: `رکوردهای «${def.label.fa}» موقعیت جغرافیایی ندارند`, detail_en: `${def.label.en ?? def.id} records have no location`,
      });
    }
    const factId = str(req.query.fact);
    let fact: FactDef | undefined;
    if (factId) {
      fact = b.facts.get(factId);
      if (!fact) throw notFound('fact', factId);
      if (fact.nearest?.entity !== def.id) {
        throw new Problem('bad-request', {
          detail: `«${fact.label?.fa ?? factId}» نزدیک‌ترین رکوردهای «${def.label.fa}» را نمی‌سنجد`,
          detail_en: `fact "${factId}" is not a nearest fact over ${def.id}`,
        });
      }
    }
    const point = { lat: Number(req.query.lat), lon: Number(req.query.lon) };
    const limit = Math.min(Number(req.query.limit ?? NEARBY_DEFAULT), NEARBY_MAX);
    const now = s.now();
    const facts = sqliteFacts(entities, { bundle: b, asOf: toJalaliDate(now, b.info.timeZone), now });
    const found = facts.nearby(fact?.nearest ?? { entity: def.id }, point, { exclude: str(req.query.exclude), limit, fact });
    const lookup: RecordLookup = (e, id) => facts.record(e, id);
    res.json({
      point,
      items: found.map(({ record, distance }) => ({
        id: String(record[def.key]),
        $title: party ? def.label : recordTitle(b, def.id, record, lookup),
        $subtitle: party ? null : recordSubtitle(b, def.id, record, lookup) ?? null,
        location: record[def.location!],
        distance_m: Math.floor(distance),
      })),
    });
  });
  return r;
}
