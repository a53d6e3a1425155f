/**
 * The web UI, served from its build (ui/dist, made by `npm run build`) at `/`:
 *  - /assets/*: the hashed bundles, fonts and styles — cached for a year, immutable (a new build has new names);
 *    a missing one is 404, never the page.
 *  - index.html for `/` and any other GET path outside /api and /docs that does not name a file (the UI routes by
 *    hash, so that is mostly `/`) — `no-cache`: revalidated on every load, so a new build is picked up at once.
 *  - without a build, `/` answers a short page (fa/en) saying how to make one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import { notFoundHandler } from './problem.js';

const NO_CACHE = 'no-cache';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The page answered at `/` while there is no build. */
export const NO_BUILD_PAGE = `<!doctype html>
<html lang="fa" dir="rtl">
<head><meta charset="utf-8"><title>دبیر</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;line-height:1.8;padding:0 1rem}code{background:#eee;padding:0 .3em}</style></head>
<body>
<h1>دبیر</h1>
<p>رابط کاربری هنوز ساخته نشده است. در پوشهٔ برنامه <code>npm run build</code> را اجرا کنید و صفحه را دوباره بارگذاری کنید. رابط برنامه‌نویسی در <a href="/api/openapi.json">/api</a> و مستندات آن در <a href="/docs/">/docs</a> در دسترس است.</p>
<p lang="en" dir="ltr">The web UI has not been built yet. Run <code>npm run build</code> in the application folder, then reload this page. The API is at <a href="/api/openapi.json">/api</a>, its documentation at <a href="/docs/">/docs</a>.</p>
</body>
</html>
`;

/** Routes serving the UI build in `dir`. Mount after /api and /docs. */
export function uiRoutes(dir: string): Router {
  const r = Router();
  const index = join(dir, 'index.html');
  r.use('/assets', express.static(join(dir, 'assets'), { index: false, immutable: true, maxAge: '1y', setHeaders: (res) => res.setHeader('Cache-Control', IMMUTABLE) }));
  r.use('/assets', notFoundHandler);
  r.use(express.static(dir, { index: false, setHeaders: (res) => res.setHeader('Cache-Control', NO_CACHE) }));
  r.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || /^\/(api|docs)(\/|$)/.test(req.path) || /\.[^/]*$/.test(req.path)) return next();
    if (!existsSync(index)) {
      res.status(200).type('html').set('Cache-Control', NO_CACHE).send(NO_BUILD_PAGE);
      return;
    }
    res.set('Cache-Control', NO_CACHE).sendFile(index, (err) => err && next(err));
  });
  return r;
}
