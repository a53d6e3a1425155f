/**
 * Documents attached to a case: stored in the database (durable with the case), typed by their magic bytes (the
 * declared Content-Type must agree), size-limited, addressed by id and checked by sha256.
 *
 * Attaching a document is a write to the case: in the same transaction as the file, a `document.attached` event is
 * appended, so the document is in the case's timeline and the case's version moves on. A colleague about to decide on
 * the old version gets a 409 and sees the new document first. The upload may carry `expectedVersion` like any other
 * case write; the response says the new `caseVersion`.
 */
import { createHash } from 'node:crypto';
import express, { Router, type Request } from 'express';
import { caseScope, shieldCase } from '../access/http.js';
import { Access } from '../access/index.js';
import { maySeeCase } from '../access/party.js';
import { auditedTx } from '../auth/audit.js';
import { currentUser, requireAuth, type SessionUser } from '../auth/middleware.js';
import { ACCEPTED_TYPES, extensionOf, sniff } from '../documents/media-types.js';
import { notFound, Problem, staleVersion } from '../problem.js';
import type { Services } from '../services.js';
import type { HostEvent } from '../store/types.js';
import { procedureRoles } from './procedures.js';
import { param, str } from './util.js';

/** How long a staged document waits for the start that uses it. */
export const STAGED_TTL_MS = 24 * 3_600_000;

/** The uploaded file of a request (raw body): not empty, of an accepted type by its bytes and as declared, and its name. */
function readUpload(req: Request): { body: Buffer; type: string; name: string } {
  const body = req.body as unknown;
  if (!Buffer.isBuffer(body) || body.length === 0) throw new Problem('bad-request', { detail: 'فایل خالی است', detail_en: 'Empty upload' });
  const type = sniff(body);
  const declared = (req.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!type || (declared && declared !== 'application/octet-stream' && declared !== type)) {
    throw new Problem('unsupported-media-type', {
      detail: `نوع فایل پذیرفته نیست: فقط PDF و تصویر (PNG، JPEG، TIFF، WebP) پذیرفته می‌شود${declared && declared !== 'application/octet-stream' ? ` (اعلام‌شده: ${declared})` : ''}.`,
      detail_en: `Declared ${declared || 'nothing'}, content is ${type ?? 'unknown'}; accepted: ${ACCEPTED_TYPES.join(', ')}`,
      extra: { accepted: ACCEPTED_TYPES },
    });
  }
  const name = (str(req.query.name) ?? `document.${extensionOf(type)}`).replace(/[\\/\0]/g, '_').slice(0, 200);
  return { body, type, name };
}

export function documentRoutes(s: Services): Router {
  const r = Router();
  const { store } = s.deps;

  const mayAccess = (u: SessionUser, caseId: string) => {
    const c = store.cases.get(caseId);
    if (!c) throw notFound('case', caseId);
    const proc = s.cases.procedureFor(c.row);
    if (!maySeeCase(s.deps.bundles.current(), u, proc, c.state, proc ? procedureRoles(proc) : new Set())) throw new Problem('forbidden');
    return c;
  };

  r.get('/cases/:id/documents', requireAuth, (req, res) => {
    const c = mayAccess(currentUser(req), param(req, 'id'));
    res.json(shieldCase(s, req, c.row, { id: c.row.id, documents: store.documents.list(param(req, 'id')) }).documents);
  });

  r.post('/cases/:id/documents', requireAuth, express.raw({ type: () => true, limit: s.deps.config.maxUploadBytes }), (req, res) => {
    const u = currentUser(req);
    const caseId = param(req, 'id');
    const c = mayAccess(u, caseId);
    if (c.row.status !== 'active') throw new Problem('conflict', { detail: 'پرونده بسته است', detail_en: `The case is ${c.row.status}` });
    const { body, type, name } = readUpload(req);
    const task = str(req.query.task);
    if (task && !c.state.tasks[task]) throw notFound('task', task);
    const expected = str(req.query.expectedVersion) === undefined ? undefined : Number(req.query.expectedVersion);
    const now = s.now();
    const meta = {
      id: s.deps.newId(), caseId, name, mediaType: type, size: body.length, sha256: createHash('sha256').update(body).digest('hex'),
      taskId: task ?? null, uploadedBy: u.id, uploadedAt: now,
    };
    // The document, its event and the audit row commit together.
    const caseVersion = auditedTx(store, s.deps.clock, req, res, () => {
      // Checked again inside the transaction: another write may have landed since the checks above.
      const cur = { row: store.cases.row(caseId)! };
      if (cur.row.status !== 'active') throw new Problem('conflict', { detail: 'پرونده بسته است', detail_en: `The case is ${cur.row.status}` });
      if (expected !== undefined && expected !== cur.row.version) {
        throw staleVersion(expected, cur.row.version);
      }
      store.documents.add(meta, body);
      const { id, mediaType, size, sha256, taskId } = meta;
      const event: HostEvent = { type: 'document.attached', at: now, actor: u.id, document: { id, name, mediaType, size, sha256, taskId } };
      return {
        status: 201,
        value: store.cases.append(caseId, cur.row.version, [event], undefined, c.state).version,
        note: { target: `case/${caseId}`, detail: { document: meta.id, name, sha256: meta.sha256, size: meta.size } },
      };
    });
    res.status(201).location(`/api/documents/${meta.id}`).json({ ...meta, caseVersion });
  });

  // A start form's file, before the case exists: kept for its uploader until the start binds it (routes/cases.ts) or
  // it expires. The same checks as a case's documents: size, type by magic bytes.
  r.post('/documents/staged', requireAuth, express.raw({ type: () => true, limit: s.deps.config.maxUploadBytes }), (req, res) => {
    const u = currentUser(req);
    const { body, type, name } = readUpload(req);
    const now = s.now();
    const meta = {
      id: s.deps.newId(), owner: u.id, name, mediaType: type, size: body.length, sha256: createHash('sha256').update(body).digest('hex'),
      uploadedAt: now, expiresAt: new Date(Date.parse(now) + STAGED_TTL_MS).toISOString(),
    };
    store.tx(() => {
      store.documents.pruneStaged(now);
      store.documents.stage(meta, body);
    });
    res.locals.audit = { target: `staged/${meta.id}`, detail: { name, sha256: meta.sha256, size: meta.size } };
    const { owner: _owner, ...out } = meta;
    res.status(201).json(out);
  });

  r.get('/documents/:id', requireAuth, (req, res) => {
    const u = currentUser(req);
    const doc = store.documents.get(param(req, 'id'));
    if (!doc) throw notFound('document', param(req, 'id'));
    const c = mayAccess(u, doc.meta.caseId);
    // A document of a confidential step's task is for that step's readers only.
    const scope = caseScope(s, c.row);
    const step = doc.meta.taskId ? scope.taskStep(doc.meta.taskId) : undefined;
    if (step && !new Access(s.deps.bundles.current(), u.roles).mayReadStep(scope.caseBundle, c.row.procedure, step)) {
      throw new Problem('forbidden', {
        detail: 'این سند از مرحله‌ای محرمانه است و نقش شما اجازهٔ دیدن آن را ندارد',
        detail_en: 'This document belongs to a confidential step your roles may not read',
      });
    }
    res.set('Content-Type', doc.meta.mediaType);
    res.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.meta.name)}`);
    res.set('X-Content-SHA256', doc.meta.sha256);
    res.send(doc.content);
  });

  return r;
}
