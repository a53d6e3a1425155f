/**
 * Documents attached to a case: stored in the database (durable with the case), typed by their magic bytes (the
 * declared Content-Type must agree), size-limited, addressed by id and checked by sha256.
 */
import { createHash } from 'node:crypto';
import express, { Router } from 'express';
import { currentUser, isAdmin, requireAuth } from '../auth/middleware.js';
import { notFound, Problem } from '../problem.js';
import type { Services } from '../services.js';
import { procedureRoles } from './procedures.js';
import { param, str } from './util.js';

/** Accepted document types and their signatures. */
const SIGNATURES: { type: string; ext: string; test: (b: Buffer) => boolean }[] = [
  { type: 'application/pdf', ext: 'pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { type: 'image/png', ext: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/tiff', ext: 'tif', test: (b) => ['49492a00', '4d4d002a'].includes(b.subarray(0, 4).toString('hex')) },
  { type: 'image/webp', ext: 'webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

/** The media type a file's bytes say it is, or undefined. */
export function sniff(b: Buffer): string | undefined {
  return SIGNATURES.find((s) => b.length >= 4 && s.test(b))?.type;
}

export const ACCEPTED_TYPES = SIGNATURES.map((s) => s.type);

export function documentRoutes(s: Services): Router {
  const r = Router();
  const { store, bundles } = s.deps;

  const mayAccess = (userRoles: string[], admin: boolean, caseId: string) => {
    const c = store.cases.get(caseId);
    if (!c) throw notFound('پرونده', caseId);
    const proc = bundles.get(c.row.bundleHash).procedures.get(c.row.procedure);
    if (!admin && !(proc && [...procedureRoles(proc)].some((x) => userRoles.includes(x)))) throw new Problem('forbidden');
    return c;
  };

  r.get('/cases/:id/documents', requireAuth, (req, res) => {
    const u = currentUser(req);
    mayAccess(u.roles, isAdmin(u), param(req, 'id'));
    res.json(store.documents.list(param(req, 'id')));
  });

  r.post('/cases/:id/documents', requireAuth, express.raw({ type: () => true, limit: s.deps.config.maxUploadBytes }), (req, res) => {
    const u = currentUser(req);
    const caseId = param(req, 'id');
    const c = mayAccess(u.roles, isAdmin(u), caseId);
    if (c.row.status !== 'active') throw new Problem('conflict', { detail: 'پرونده بسته است', detail_en: `The case is ${c.row.status}` });
    const body = req.body as unknown;
    if (!Buffer.isBuffer(body) || body.length === 0) throw new Problem('bad-request', { detail: 'فایل خالی است', detail_en: 'Empty upload' });
    const type = sniff(body);
    const declared = (req.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (!type || (declared && declared !== 'application/octet-stream' && declared !== type)) {
      throw new Problem('unsupported-media-type', {
        detail: `نوع فایل پذیرفته نیست (اعلام‌شده: ${declared || '—'}، واقعی: ${type ?? 'ناشناخته'})`,
        detail_en: `Declared ${declared || 'nothing'}, content is ${type ?? 'unknown'}; accepted: ${ACCEPTED_TYPES.join(', ')}`,
        extra: { accepted: ACCEPTED_TYPES },
      });
    }
    const task = str(req.query.task);
    if (task && !c.state.tasks[task]) throw notFound('کار', task);
    const name = (str(req.query.name) ?? `document.${SIGNATURES.find((x) => x.type === type)!.ext}`).replace(/[\\/\0]/g, '_').slice(0, 200);
    const meta = {
      id: s.deps.newId(), caseId, name, mediaType: type, size: body.length, sha256: createHash('sha256').update(body).digest('hex'),
      taskId: task ?? null, uploadedBy: u.id, uploadedAt: s.now(),
    };
    store.documents.add(meta, body);
    res.locals.audit = { target: `case/${caseId}`, detail: { document: meta.id, name, sha256: meta.sha256, size: meta.size } };
    res.status(201).location(`/api/documents/${meta.id}`).json(meta);
  });

  r.get('/documents/:id', requireAuth, (req, res) => {
    const u = currentUser(req);
    const doc = store.documents.get(param(req, 'id'));
    if (!doc) throw notFound('سند', param(req, 'id'));
    mayAccess(u.roles, isAdmin(u), doc.meta.caseId);
    res.set('Content-Type', doc.meta.mediaType);
    res.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.meta.name)}`);
    res.set('X-Content-SHA256', doc.meta.sha256);
    res.send(doc.content);
  });

  return r;
}
