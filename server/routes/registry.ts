/**
 * The registry read: records per entity type of the bundle (with computed fields, titles, version and retirement).
 * Keeping it (create, edit, retire, restore, delete, CSV template and import) is registry-keeping.ts.
 */
import { Router } from 'express';
import { partyList, partyRecord, partyView, refuseParty, shieldRecords, visibleEntity } from '../access/http.js';
import { currentUser, requireAuth } from '../auth/middleware.js';
import { computeRecord, recordDisplay, recordSubtitle, recordTitle, toJalaliDate, type RecordLookup } from '../engine.js';
import { sqliteFacts } from '../facts/sqlite-facts.js';
import { notFound } from '../problem.js';
import { recordsToCsv } from '../registry/csv.js';
import { keepsRegistry } from '../registry/keeper.js';
import { entityDef } from '../registry/records.js';
import { likePattern, matchesWords } from '../registry/search.js';
import type { Services } from '../services.js';
import { csvAttachment, page, param, str } from './util.js';

export function registryRoutes(s: Services): Router {
  const r = Router();
  const { entities } = s.deps.store;
  r.use('/registry', requireAuth);
  const bundle = () => s.deps.bundles.current();

  /**
   * Adds computed fields to records, sharing one fact provider (and its memo) across them, and how each reads to a
   * person: `$title`, `$subtitle` and `$display` (options by label, references by the referenced record's title), so a
   * page shows a list of records with one request.
   */
  /** A lookup of records by entity and key that reads each record once per request. */
  const memoLookup = (): RecordLookup => {
    const seen = new Map<string, Record<string, unknown> | undefined>();
    return (e, id) => {
      const k = `${e}\u0000${id}`;
      if (!seen.has(k)) seen.set(k, entities.get(e, id));
      return seen.get(k);
    };
  };
  const computed = (entity: string, recs: Record<string, unknown>[], lookup = memoLookup()) => {
    const b = bundle();
    const now = s.now();
    const facts = sqliteFacts(entities, { bundle: b, asOf: toJalaliDate(now, b.info.timeZone), now });
    const env = { bundle: b, asOf: toJalaliDate(now, b.info.timeZone), now, facts };
    return recs.map((rec) => {
      let out: Record<string, unknown>;
      try {
        out = computeRecord(b, entity, rec, env);
      } catch (err) {
        out = { ...rec, $computeError: String((err as Error).message) };
      }
      const meta = entities.meta(entity, String(rec[b.entities.get(entity)?.key ?? 'id']));
      return {
        ...out, $title: recordTitle(b, entity, rec, lookup), $subtitle: recordSubtitle(b, entity, rec, lookup) ?? null, $display: recordDisplay(b, entity, rec, lookup),
        $version: meta?.version ?? 1, $retired: meta?.retired ?? null,
      };
    });
  };

  r.get('/registry', (req, res) => {
    const keeper = keepsRegistry(bundle(), currentUser(req));
    // A party-only user counts nothing but their own record.
    const party = partyView(s, req);
    res.json([...bundle().entities.values()].map((e) => ({
      id: e.id, label: e.label, key: e.key, title: e.title, subtitle: e.subtitle, location: e.location, schema: e.schema, computed: Object.keys(e.computed),
      computedLabels: e.computedLabels ?? {}, count: party ? (e.id === party.entity && party.id && entities.get(e.id, party.id) ? 1 : 0) : entities.count(e.id), keep: keeper,
    })));
  });

  /** The most records a search looks through (its LIKE prefilter keeps far fewer). */
  const SEARCH_CAP = 5000;

  /**
   * Records of an entity, a page at a time. With `q`, those whose title or subtitle (or key) holds every word typed —
   * what a picker or a search box asks — whatever the forms of ی/ک, the digits and the spaces.
   */
  r.get('/registry/:entity', (req, res) => {
    const b = bundle();
    const def = entityDef(b, param(req, 'entity'));
    const q = str(req.query.q)?.trim();
    const { limit, offset } = page(req, 1000);
    const retired = req.query.retired === 'include' || req.query.retired === 'only' ? req.query.retired : 'exclude';
    // A party-only user: their own record, nothing else (server/access/http.ts).
    const own = partyList(s, req, def.id);
    if (own) {
      const hits = own.filter((rec) => !q || matchesWords(q, [recordTitle(b, def.id, rec, memoLookup()).fa, String(rec[def.key] ?? '')]));
      res.json({ items: shieldRecords(s, req, def.id, computed(def.id, hits.slice(offset, offset + limit))), total: hits.length });
      return;
    }
    if (!q) {
      const result = entities.list(def.id, { limit, offset, retired });
      res.json({ items: shieldRecords(s, req, def.id, computed(def.id, result.items)), total: result.total });
      return;
    }
    const lookup = memoLookup();
    const hits = entities.list(def.id, { like: likePattern(q), limit: SEARCH_CAP, offset: 0, retired }).items.filter((rec) => {
      const title = recordTitle(b, def.id, rec, lookup);
      const sub = recordSubtitle(b, def.id, rec, lookup);
      return matchesWords(q, [title.fa, title.en, sub?.fa, sub?.en, String(rec[def.key] ?? '')]);
    });
    res.json({ items: shieldRecords(s, req, def.id, computed(def.id, hits.slice(offset, offset + limit), lookup)), total: hits.length });
  });

  // Before /registry/:entity/:id, which would take `export.csv` for a record's key.
  r.get('/registry/:entity/export.csv', (req, res) => {
    const def = entityDef(bundle(), param(req, 'entity'));
    refuseParty(s, req);
    // Without the columns of fields the user may not read (and the reads of those they may audited).
    csvAttachment(res, `${def.label.fa}.csv`, recordsToCsv(visibleEntity(s, req, def), shieldRecords(s, req, def.id, computed(def.id, entities.all(def.id)))));
  });

  r.get('/registry/:entity/:id', (req, res) => {
    const def = entityDef(bundle(), param(req, 'entity'));
    const how = partyRecord(s, req, def.id, param(req, 'id'), { ...def.label, fallbackEn: def.id });
    const rec = entities.get(def.id, param(req, 'id'));
    if (!rec) throw notFound({ ...def.label, fallbackEn: def.id }, param(req, 'id'));
    const out = shieldRecords(s, req, def.id, computed(def.id, [rec]))[0]!;
    // The version an edit must carry back (If-Match or `$version`).
    res.set('ETag', `"${String(out.$version)}"`);
    // A record a party's own case names: how it reads, not what it holds.
    res.json(how === 'title' ? { [def.key]: out[def.key], $title: out.$title, $subtitle: out.$subtitle } : out);
  });

  return r;
}
