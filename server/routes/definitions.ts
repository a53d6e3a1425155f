/** Definitions: files of the current version, checking and publishing a change, the history of versions (administrators). */
import { Router } from 'express';
import { currentUser, requireAdmin } from '../auth/middleware.js';
import { safeDefinitionPath } from '../bundles/files.js';
import { notFound, Problem } from '../problem.js';
import { formatDefinitionError, type FileChange } from '../publish/publisher.js';
import { planSummary } from '../registry/file-sync.js';
import type { Services } from '../services.js';
import { page, param, str } from './util.js';

export function definitionRoutes(s: Services): Router {
  const r = Router();
  const { bundles, store } = s.deps;
  r.use('/definitions', requireAdmin);

  r.get('/definitions', (_req, res) => {
    const files = bundles.currentFiles();
    const b = bundles.current();
    res.json({
      version: store.bundles.get(b.hash) ?? { hash: b.hash },
      entry: bundles.entry,
      files: Object.entries(files).map(([path, content]) => ({ path, size: Buffer.byteLength(content) })),
    });
  });

  r.get('/definitions/file', (req, res) => {
    const path = safeDefinitionPath(String(req.query.path ?? ''));
    const content = bundles.currentFiles()[path];
    if (content === undefined) throw notFound('file', path);
    res.json({ path, content, version: bundles.current().hash });
  });

  /** A change of one file (`path`, `content`) or of several (`files`), as the publisher takes it. */
  const changesOf = (body: { path?: string; content?: string | null; files?: FileChange[] }): FileChange[] => {
    const changes = body.files ?? [{ path: String(body.path), content: body.content ?? null }];
    const paths = changes.map((c) => safeDefinitionPath(c.path));
    const twice = paths.find((p, i) => paths.indexOf(p) !== i);
    if (twice) throw new Problem('bad-request', { detail: `فایل «${twice}» دو بار در این تغییر آمده است`, detail_en: `File "${twice}" appears twice in the change` });
    return changes;
  };

  r.post('/definitions/check', (req, res) => {
    const result = s.publisher.check(changesOf(req.body as { path?: string; content?: string | null; files?: FileChange[] }));
    res.json({
      ok: result.ok,
      errors: result.errors,
      lines: result.errors.map(formatDefinitionError),
      warnings: result.warnings,
      scenarios: result.scenarios,
      hash: result.bundle?.hash ?? null,
      // What publishing would do to the live registry: records added, changed (field by field) and retired, and why not.
      registry: result.registry ? planSummary(result.registry) : null,
    });
  });

  // A change set: several files checked and published together as one new version (all or nothing).
  r.post('/definitions/publish', (req, res) => {
    const u = currentUser(req);
    const body = req.body as { files: FileChange[]; message?: string; baseVersion?: string };
    const out = s.publisher.publish(u.username, changesOf(body), { message: body.message, baseVersion: body.baseVersion });
    res.locals.audit = { target: 'definitions', detail: { version: out.version.hash, changed: out.changed, files: body.files.map((f) => f.path) } };
    res.status(out.changed ? 201 : 200).json(out.version);
  });

  r.put('/definitions/file', (req, res) => {
    const u = currentUser(req);
    const body = req.body as { path: string; content: string; message?: string; baseVersion?: string };
    const out = s.publisher.publish(u.username, [{ path: body.path, content: body.content }], { message: body.message, baseVersion: body.baseVersion });
    res.locals.audit = { target: `definitions/${body.path}`, detail: { version: out.version.hash, changed: out.changed } };
    res.status(out.changed ? 201 : 200).json(out.version);
  });

  r.delete('/definitions/file', (req, res) => {
    const u = currentUser(req);
    const path = String(req.query.path ?? '');
    const out = s.publisher.publish(u.username, [{ path, content: null }], { message: str(req.query.message), baseVersion: str(req.query.baseVersion) });
    res.locals.audit = { target: `definitions/${path}`, detail: { version: out.version.hash, deleted: true } };
    res.json(out.version);
  });

  r.get('/definitions/versions', (req, res) => {
    const p = page(req);
    const list = store.bundles.list(p.limit, p.offset);
    res.json({ items: list.items.map(({ diff: _d, ...v }) => v), total: list.total, current: bundles.current().hash });
  });

  r.get('/definitions/versions/:hash', (req, res) => {
    const v = store.bundles.get(param(req, 'hash'));
    if (!v) throw notFound('version', param(req, 'hash'));
    const files = store.bundles.files(v.hash) ?? {};
    res.json({ ...v, files: Object.keys(files), current: bundles.current().hash === v.hash });
  });

  r.get('/definitions/versions/:hash/file', (req, res) => {
    const files = store.bundles.files(param(req, 'hash'));
    if (!files) throw notFound('version', param(req, 'hash'));
    const path = safeDefinitionPath(String(req.query.path ?? ''));
    if (files[path] === undefined) throw notFound('file', path);
    res.json({ path, content: files[path], version: param(req, 'hash') });
  });

  return r;
}
