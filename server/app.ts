/**
 * createApp(deps) → the Express app (no listen). The API lives under /api; the order of middleware is the security
 * story: headers (helmet) → body parsing (size, then depth) → session → user → audit → CSRF → login rate limit →
 * request validation (from the OpenAPI document) → routes → one problem+json error handler. The API documentation is
 * at /docs, the web UI's build at / (static-ui.ts).
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import session from 'express-session';
import helmet from 'helmet';
import { auditLog } from './auth/audit.js';
import { csrfProtection } from './auth/csrf.js';
import { loadUser, requirePasswordSet } from './auth/middleware.js';
import { SqliteSessionStore } from './auth/session-store.js';
import type { AppDeps } from './deps.js';
import { openApiDocument, openApiForBundle } from './openapi/document.js';
import { methodNotAllowed } from './openapi/methods.js';
import { requestValidator } from './openapi/validate.js';
import { jsonDepthLimit } from './json-depth.js';
import { Access, redactProblem } from './access/index.js';
import { errorMiddleware, notFoundHandler, Problem, sendProblem } from './problem.js';
import { adminRoutes } from './routes/admin.js';
import { authRoutes } from './routes/auth.js';
import { caseRoutes } from './routes/cases.js';
import { checklistRoutes } from './routes/checklists.js';
import { configRoutes } from './routes/config.js';
import { definitionRoutes } from './routes/definitions.js';
import { documentRoutes } from './routes/documents.js';
import { nearbyRoutes } from './routes/nearby.js';
import { eventRoutes } from './routes/events.js';
import { procedureRoutes } from './routes/procedures.js';
import { proposalRoutes } from './routes/proposals.js';
import { registryKeepingRoutes } from './routes/registry-keeping.js';
import { registryRoutes } from './routes/registry.js';
import { reportRoutes } from './routes/reports.js';
import { userRoutes } from './routes/users.js';
import { buildServices, type Services } from './services.js';
import { uiRoutes } from './static-ui.js';

export const SESSION_COOKIE = 'dabir.sid';

export interface DabirApp {
  app: express.Express;
  services: Services;
  sessions: SqliteSessionStore;
}

/** Builds the app from its dependencies. */
export function createApp(deps: AppDeps): DabirApp {
  const { config, store, log, clock } = deps;
  // Sessions expire by real time, not by the injected clock: express-session stamps a cookie's expiry with Date.now (and
  // browsers drop cookies by it), so judging it by a clock that tests move by months would end every session at once.
  const sessions = new SqliteSessionStore(store.db);
  const services = buildServices(deps, sessions);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      // Both need a trustworthy origin (HTTPS, or localhost): served over plain HTTP at a LAN address, a browser ignores
      // them and says so in the console — an error on every first page. Sent only behind HTTPS.
      crossOriginOpenerPolicy: config.secureCookies ? { policy: 'same-origin' } : false,
      originAgentCluster: config.secureCookies,
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          scriptSrcAttr: ["'none'"],
          // Lit adopts constructed stylesheets, but the date picker and the editor (CodeMirror) add <style> elements,
          // and charts and the diagram carry style attributes.
          styleSrc: ["'self'", "'unsafe-inline'"],
          fontSrc: ["'self'"],
          // Map tiles come from the one tile server configured, if any (server/tiles.ts).
          imgSrc: ["'self'", 'data:', ...(config.tiles ? [config.tiles.cspSource] : [])],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'self'"],
          // Only behind HTTPS: on plain HTTP (a LAN address) it would send the page's own scripts to https and break it.
          ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
        },
      },
    }),
  );

  const csrf = csrfProtection(config.sessionSecret, SESSION_COOKIE);

  const api = Router();
  // A known path asked with a method it does not answer: 405 with Allow, before a session or a CSRF check could answer 401/403.
  api.use(methodNotAllowed(openApiDocument));
  api.use(express.json({ limit: '5mb' }));
  api.use(jsonDepthLimit());
  api.use(
    session({
      name: SESSION_COOKIE,
      secret: config.sessionSecret,
      store: sessions,
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'strict', secure: config.secureCookies, maxAge: config.sessionMaxAgeMs, path: '/' },
    }),
  );
  api.use(loadUser(store.users));
  api.use(requirePasswordSet);
  api.use(auditLog(store.audit, clock, log));
  api.use(csrf.protect);
  api.use(
    '/auth/login',
    rateLimit({
      windowMs: config.loginLimit.windowMs,
      limit: config.loginLimit.limit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      // Only failed sign-ins count: twenty users behind one address must not lock itself out.
      skip: (req) => req.method !== 'POST',
      skipSuccessfulRequests: true,
      handler: (req, res) => sendProblem(res, new Problem('too-many-requests'), req.originalUrl),
    }),
  );

  api.get('/health', (_req, res) => {
    store.db.prepare('SELECT 1').get();
    const b = deps.bundles.current();
    res.json({ status: 'ok', time: clock.now().toISOString(), bundle: { id: b.info.id, name: b.info.name, hash: b.hash }, db: 'ok' });
  });
  api.get('/openapi.json', (_req, res) => {
    const b = deps.bundles.current();
    res.json(openApiForBundle(b.hash, [...b.roles.keys()]));
  });

  api.use(requestValidator(openApiDocument));
  api.use(authRoutes(services, csrf));
  api.use(userRoutes(services));
  api.use(procedureRoutes(services));
  api.use(checklistRoutes(services));
  api.use(configRoutes(config));
  // Before the registry's `/registry/:entity/:id`, which would take "nearby" for a record id.
  api.use(nearbyRoutes(services));
  // Before the registry's `/registry/:entity/:id`, which would take `template.csv` for a record id.
  api.use(registryKeepingRoutes(services));
  api.use(registryRoutes(services));
  api.use(caseRoutes(services));
  api.use(documentRoutes(services));
  api.use(eventRoutes(services));
  api.use(reportRoutes(services));
  api.use(adminRoutes(services));
  api.use(definitionRoutes(services));
  api.use(proposalRoutes(services));
  api.use(notFoundHandler);
  api.use(errorMiddleware(log, (p, req) => (req.user ? redactProblem(new Access(deps.bundles.current(), req.user.roles), p) : p)));
  app.use('/api', api);

  // Interactive API docs (swagger-ui-dist), pointed at our document.
  const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  app.get('/docs/swagger-initializer.js', (_req, res) => {
    res.type('application/javascript').send(`window.onload = () => { window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui' }); };`);
  });
  app.use('/docs', express.static(swaggerDir, { index: 'index.html' }));
  app.use(uiRoutes(config.uiDir));
  app.use(notFoundHandler);
  app.use(errorMiddleware(log));

  return { app, services, sessions };
}
