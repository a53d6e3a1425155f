/**
 * Keeping the registry over HTTP (registry keepers: roles with `keeps_registry`, and administrators): create, edit
 * (with the version read: `$version` in the body or If-Match), retire with a reason, restore, delete (only a record
 * nothing names), the CSV template and the import (preview | all | valid-only). Also, for every user, the cases that
 * name a record and its history (what those cases ended with). The decisions are registry/keeper.ts and import.ts.
 */
import express, { Router, type Request } from 'express';
import { currentAccess, refuseParty, shieldRecords } from '../access/http.js';
import { keepHidden } from '../access/index.js';
import { ownCases, partyRoles, staffRoles } from '../access/party.js';
import { currentUser, isAdmin, requireAuth } from '../auth/middleware.js';
import { recordTitle, toJalaliDate } from '../engine.js';
import { notFound, Problem } from '../problem.js';
import { runImport, templateCsv, type ImportMode } from '../registry/import.js';
import { assertKeeper, RegistryKeeper } from '../registry/keeper.js';
import { entityDef } from '../registry/records.js';
import type { Services } from '../services.js';
import { procedureRoles } from './procedures.js';
import { csvAttachment, param } from './util.js';

/** The version the client read: `$version` in the body, else an If-Match header (`"3"` or `3`); undefined if neither. */
function expectedVersion(req: Request): number | undefined {
  const body = req.body as Record<string, unknown> | undefined;
  const raw = body && typeof body === 'object' && body.$version !== undefined ? body.$version : body?.expectedVersion ?? req.get('if-match')?.replace(/^W\//, '').replace(/"/g, '');
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Problem('validation-failed', { detail: 'نسخهٔ رکورد باید عدد صحیح مثبت باشد.', detail_en: 'The record version must be a positive integer.' });
  return n;
}

export function registryKeepingRoutes(s: Services): Router {
  const r = Router();
  const keeper = new RegistryKeeper(s);
  const bundle = () => s.deps.bundles.current();
  r.use('/registry', requireAuth);

  r.get('/registry/:entity/template.csv', (req, res) => {
    const def = entityDef(bundle(), param(req, 'entity'));
    csvAttachment(res, `الگوی ${def.label.fa}.csv`, templateCsv(def));
  });

  r.post('/registry/:entity', (req, res) => {
    const rec = keeper.create(currentUser(req), param(req, 'entity'), req.body);
    const def = entityDef(bundle(), param(req, 'entity'));
    res.locals.audit = { target: `${def.id}/${String(rec[def.key])}` };
    res.status(201).json(written(req, def.id, rec));
  });

  r.post('/registry/:entity/import', express.text({ type: ['text/csv', 'text/plain'], limit: '20mb' }), (req, res) => {
    const b = bundle();
    assertKeeper(b, currentUser(req));
    const def = entityDef(b, param(req, 'entity'));
    if (typeof req.body !== 'string') throw new Problem('unsupported-media-type', { detail: 'فایل CSV را با نوع text/csv بفرستید.', detail_en: 'send the CSV as text/csv' });
    const mode = (typeof req.query.mode === 'string' ? req.query.mode : 'all') as ImportMode;
    const report = runImport(def, req.body, mode, keeper, s.deps.store.entities, (f) => s.deps.store.tx(f), b);
    // A change's stored value is not shown to a keeper who may not read that field (the new one is their own).
    const access = currentAccess(s, req);
    for (const c of report.changes) c.fields = c.fields?.map((f) => (access.mayRead(def.id, f.path.split('.')[0] ?? f.path) ? f : { ...f, before: 'محرمانه' }));
    if (mode !== 'preview') res.locals.audit = { target: def.id, detail: { mode, written: report.written } };
    res.json(report);
  });

  r.put('/registry/:entity/:id', (req, res) => {
    const def = entityDef(bundle(), param(req, 'entity'));
    const version = expectedVersion(req);
    // Fields the user may not read keep their stored values (a write never erases what its writer cannot see).
    const stored = s.deps.store.entities.get(def.id, param(req, 'id'));
    const body = keepHidden(currentAccess(s, req), def.id, req.body as Record<string, unknown>, stored);
    const { rec, created } = keeper.update(currentUser(req), param(req, 'entity'), param(req, 'id'), body, version);
    res.locals.audit = { target: `${def.id}/${param(req, 'id')}` };
    res.status(created ? 201 : 200).json(written(req, def.id, rec));
  });

  r.post('/registry/:entity/:id/retire', (req, res) => {
    const reason = (req.body as { reason?: unknown } | undefined)?.reason;
    keeper.setRetired(currentUser(req), param(req, 'entity'), param(req, 'id'), typeof reason === 'string' ? reason : '', expectedVersion(req));
    res.locals.audit = { target: `${param(req, 'entity')}/${param(req, 'id')}`, detail: { reason } };
    res.json(state(param(req, 'entity'), param(req, 'id')));
  });

  r.post('/registry/:entity/:id/restore', (req, res) => {
    keeper.setRetired(currentUser(req), param(req, 'entity'), param(req, 'id'), null, expectedVersion(req));
    res.locals.audit = { target: `${param(req, 'entity')}/${param(req, 'id')}` };
    res.json(state(param(req, 'entity'), param(req, 'id')));
  });

  r.delete('/registry/:entity/:id', (req, res) => {
    keeper.remove(currentUser(req), param(req, 'entity'), param(req, 'id'));
    res.locals.audit = { target: `${param(req, 'entity')}/${param(req, 'id')}` };
    res.status(204).end();
  });

  /** A record as written, as its writer may read it, with its title (how it reads) and its new version. */
  const written = (req: Request, entity: string, rec: Record<string, unknown>) => {
    const b = bundle();
    const def = entityDef(b, entity);
    const ents = s.deps.store.entities;
    const out = { ...rec, $title: recordTitle(b, def.id, rec, (e, id) => ents.get(e, id)), $version: ents.meta(def.id, String(rec[def.key]))?.version ?? 1 };
    return shieldRecords(s, req, def.id, [out])[0];
  };

  /** A record's version and retirement after a retire or restore. */
  const state = (entity: string, id: string) => {
    const meta = s.deps.store.entities.meta(entityDef(bundle(), entity).id, id);
    return { $version: meta?.version ?? 1, $retired: meta?.retired ?? null };
  };

  /**
   * The cases that name a record (as their subject or in their data) that the user may see, newest first, by number
   * and procedure; and its history: what the cases of which it is the subject ended with, by date.
   */
  r.get('/registry/:entity/:id/cases', (req, res) => {
    const u = currentUser(req);
    const b = bundle();
    const def = entityDef(b, param(req, 'entity'));
    const id = param(req, 'id');
    // A party sees its own cases on its case pages, not through the registry.
    refuseParty(s, req);
    if (!s.deps.store.entities.get(def.id, id)) throw notFound({ ...def.label, fallbackEn: def.id }, id);
    // The cases of procedures that involve the user's staff roles (a party role gives none), and their own as a party.
    const staff = staffRoles(b, u);
    const procedures = isAdmin(u) ? undefined : [...b.procedures.values()].filter((p) => [...procedureRoles(p)].some((x) => staff.includes(x))).map((p) => p.id);
    const orIds = procedures && partyRoles(b, u).length ? ownCases(b, s.deps.store, u) : undefined;
    const rows = s.deps.store.cases.list({ names: id, procedures, orIds, limit: 200, offset: 0 });
    const procOf = (row: { bundleHash: string; procedure: string }) => s.cases.procedureFor(row);
    const items = rows.items.map((c) => {
      const proc = procOf(c);
      return {
        id: c.id, number: c.number, procedure: c.procedure, procedureLabel: proc?.title ?? { fa: c.procedure }, status: c.status,
        subject: c.subject === id && proc?.subject?.entity === def.id, startedOn: toJalaliDate(c.startedAt, b.info.timeZone),
      };
    });
    const history = rows.items
      .filter((c) => c.status === 'ended' && c.subject === id && procOf(c)?.subject?.entity === def.id && c.endedAt)
      .map((c) => {
        const proc = procOf(c)!;
        const end = proc.steps.find((st) => st.kind === 'end' && 'result' in st && st.result === c.result);
        return { caseId: c.id, number: c.number, procedureLabel: proc.title, result: c.result, resultLabel: end?.label ?? { fa: c.result ?? '' }, on: toJalaliDate(c.endedAt!, b.info.timeZone) };
      })
      .sort((a, b2) => a.on.localeCompare(b2.on));
    res.json({ items, total: rows.total, history });
  });

  return r;
}
