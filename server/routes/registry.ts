/** The registry: records per entity type of the bundle (with computed fields), edits and CSV import (administrators). */
import express, { Router } from 'express';
import { keepHidden } from '../access/index.js';
import { currentAccess, partyList, partyRecord, partyView, refuseParty, shieldRecords, visibleEntity } from '../access/http.js';
import { requireAdmin, requireAuth } from '../auth/middleware.js';
import { computeRecord, recordDisplay, recordSubtitle, recordTitle, toJalaliDate, type RecordLookup } from '../engine.js';
import { sqliteFacts } from '../facts/sqlite-facts.js';
import { notFound, Problem } from '../problem.js';
import { csvRecords, parseCsv, recordsToCsv } from '../registry/csv.js';
import { entityDef, pointOf, validateRecord } from '../registry/records.js';
import { checkRecordRefs } from '../registry/refs.js';
import { likePattern, matchesWords } from '../registry/search.js';
import { planTriggersForRecord } from '../scheduler/triggers.js';
import type { Services } from '../services.js';
import { csvAttachment, page, param, str } from './util.js';

export function registryRoutes(s: Services): Router {
  const r = Router();
  const { entities, jobs } = s.deps.store;
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
      return { ...out, $title: recordTitle(b, entity, rec, lookup), $subtitle: recordSubtitle(b, entity, rec, lookup) ?? null, $display: recordDisplay(b, entity, rec, lookup) };
    });
  };

  r.get('/registry', (req, res) => {
    // A party-only user counts nothing but their own record.
    const party = partyView(s, req);
    res.json([...bundle().entities.values()].map((e) => ({
      id: e.id, label: e.label, key: e.key, title: e.title, subtitle: e.subtitle, location: e.location, schema: e.schema, computed: Object.keys(e.computed),
      computedLabels: e.computedLabels ?? {}, count: party ? (e.id === party.entity && party.id && entities.get(e.id, party.id) ? 1 : 0) : entities.count(e.id),
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
    // A party-only user: their own record, nothing else (server/access/http.ts).
    const own = partyList(s, req, def.id);
    if (own) {
      const hits = own.filter((rec) => !q || matchesWords(q, [recordTitle(b, def.id, rec, memoLookup()).fa, String(rec[def.key] ?? '')]));
      res.json({ items: shieldRecords(s, req, def.id, computed(def.id, hits.slice(offset, offset + limit))), total: hits.length });
      return;
    }
    if (!q) {
      const result = entities.list(def.id, { limit, offset });
      res.json({ items: shieldRecords(s, req, def.id, computed(def.id, result.items)), total: result.total });
      return;
    }
    const lookup = memoLookup();
    const hits = entities.list(def.id, { like: likePattern(q), limit: SEARCH_CAP, offset: 0 }).items.filter((rec) => {
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
    const shown = shieldRecords(s, req, def.id, computed(def.id, [rec]))[0];
    // A record a party's own case names: how it reads, not what it holds.
    res.json(how === 'title' ? { [def.key]: shown[def.key], $title: shown.$title, $subtitle: shown.$subtitle } : shown);
  });

  /** Validates a record (its schema, then the records its `x-entity` fields name; `batch` are records being written with it) and writes it. */
  const save = (entity: string, rec: Record<string, unknown>, batch?: ReadonlyMap<string, Record<string, unknown>>) => {
    const b = bundle();
    const def = entityDef(b, entity);
    validateRecord(def, rec);
    checkRecordRefs(b, def, rec, (e, id) => (e === def.id && batch?.get(id)) || entities.get(e, id));
    const id = String(rec[def.key]);
    const now = s.now();
    entities.put(def.id, id, rec, now, pointOf(def, rec));
    planTriggersForRecord(b, jobs, def.id, rec, s.cases.ctx(b, now), (info, msg) => s.deps.log.warn(info, msg));
    return id;
  };

  r.put('/registry/:entity/:id', requireAdmin, (req, res) => {
    const def = entityDef(bundle(), param(req, 'entity'));
    // What a read adds ($title, $display…) is not part of a record.
    const body = Object.fromEntries(Object.entries(req.body as Record<string, unknown>).filter(([k]) => !k.startsWith('$')));
    const stored = entities.get(def.id, param(req, 'id'));
    // Fields the user may not read keep their stored values (a write never erases what its writer cannot see).
    const rec = keepHidden(currentAccess(s, req), def.id, { ...body, [def.key]: param(req, 'id') }, stored);
    const existed = stored !== undefined;
    s.deps.store.tx(() => save(def.id, rec));
    res.locals.audit = { target: `${def.id}/${param(req, 'id')}` };
    res.status(existed ? 200 : 201).json(shieldRecords(s, req, def.id, [rec])[0]);
  });

  r.delete('/registry/:entity/:id', requireAdmin, (req, res) => {
    const def = entityDef(bundle(), param(req, 'entity'));
    if (!entities.delete(def.id, param(req, 'id'))) throw notFound({ ...def.label, fallbackEn: def.id }, param(req, 'id'));
    res.locals.audit = { target: `${def.id}/${param(req, 'id')}` };
    res.status(204).end();
  });

  r.post('/registry/:entity/import', requireAdmin, express.text({ type: ['text/csv', 'text/plain'], limit: '20mb' }), (req, res) => {
    const def = entityDef(bundle(), param(req, 'entity'));
    if (typeof req.body !== 'string') throw new Problem('unsupported-media-type', { detail_en: 'send the CSV as text/csv' });
    const access = currentAccess(s, req);
    const records = csvRecords(def, parseCsv(req.body)).map((rec) => keepHidden(access, def.id, rec, entities.get(def.id, String(rec[def.key]))));
    const errors: { row: number; errors: unknown }[] = [];
    // Rows may name each other (a record of the same kind further down the file).
    const batch = new Map(records.map((rec) => [String(rec[def.key]), rec]));
    const lookup = (e: string, id: string) => (e === def.id && batch.get(id)) || entities.get(e, id);
    // All or nothing: one bad row rejects the file, so an import never half-happens.
    records.forEach((rec, i) => {
      try {
        validateRecord(def, rec);
        checkRecordRefs(bundle(), def, rec, lookup);
      } catch (err) {
        errors.push({ row: i + 2, errors: err instanceof Problem ? err.extra.errors : String(err) });
      }
    });
    if (errors.length) {
      throw new Problem('invalid-record', { detail: `${errors.length} ردیف نامعتبر است`, detail_en: `${errors.length} rows are not valid`, extra: { errors } });
    }
    s.deps.store.tx(() => records.forEach((rec) => { save(def.id, rec, batch); }));
    res.locals.audit = { target: def.id, detail: { imported: records.length } };
    res.json({ entity: def.id, imported: records.length });
  });

  return r;
}
