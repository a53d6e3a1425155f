/**
 * The OpenAPI 3.1 description of every endpoint, as data. Request validation is derived from it (validate.ts), so the
 * document and the checks cannot drift apart.
 */
import { ADMIN } from '../auth/middleware.js';
import { DEFINITION_PATH_PATTERN } from '../bundles/files.js';
import { ACCEPTED_TYPES } from '../documents/media-types.js';
import { schemas } from './schemas.js';

type Schema = Record<string, unknown>;
/** Who may call: anyone, any signed-in user, registry keepers (roles with `keeps_registry`, and administrators), administrators. */
type Access = 'public' | 'user' | 'keeper' | 'admin';

interface OpSpec {
  summary: string;
  tag: string;
  access: Access;
  description?: string;
  path?: Record<string, Schema>;
  query?: Record<string, Schema>;
  headers?: Record<string, Schema>;
  body?: { schema: Schema; contentType?: string; required?: boolean };
  /** The success response: its status (200), other success statuses with the same body, its schema and media types. */
  ok?: { status?: number; also?: number[]; schema?: Schema; contentTypes?: readonly string[]; description?: string };
  errors?: number[];
}

const ref = (name: keyof typeof schemas): Schema => ({ $ref: `#/components/schemas/${name}` });
const pageOf = (item: Schema): Schema => ({ type: 'object', required: ['items', 'total'], properties: { items: { type: 'array', items: item }, total: { type: 'integer' } } });
const arrayOf = (item: Schema): Schema => ({ type: 'array', items: item });
const paging = { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 }, offset: { type: 'integer', minimum: 0, maximum: 1_000_000_000, default: 0 } };
const idParam = { type: 'string', minLength: 1, maxLength: 200 };
const binary = { type: 'string', contentMediaType: 'application/octet-stream' };
const dateParam = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid request (validation-failed, bad-request)',
  401: 'Not signed in (unauthenticated) or wrong credentials',
  403: 'Forbidden for your roles, or a bad CSRF token',
  404: 'Not found',
  409: "Stale version, conflicting state, or the case's definition version no longer loads (definition-version-unavailable)",
  413: 'Payload too large',
  406: 'Not acceptable (an event stream asked for without Accept: text/event-stream)',
  415: 'Unsupported media type',
  422: 'Refused: rules, form, definition or scenario problems',
  428: 'Precondition required: a change to publish must say the version it was made on (baseVersion); a keeper\'s record edit its $version',
  429: 'Too many requests',
  500: 'Internal error (logged; never leaks details)',
};

/** The labels request-validation messages name parameters by (messages.ts), as `x-label` of their schemas. */
export const PARAM_LABELS: Record<string, { fa: string; en: string }> = {
  id: { fa: 'شناسه', en: 'Id' }, entity: { fa: 'نوع ثبت', en: 'Record type' }, task: { fa: 'کار', en: 'Task' }, hash: { fa: 'نسخه', en: 'Version' },
  limit: { fa: 'تعداد در هر صفحه', en: 'Page size' }, offset: { fa: 'شروع از ردیف', en: 'Offset' }, q: { fa: 'عبارت جستجو', en: 'Search text' },
  procedure: { fa: 'فرایند', en: 'Procedure' }, status: { fa: 'وضعیت', en: 'Status' }, subject: { fa: 'موضوع', en: 'Subject' },
  parent: { fa: 'پروندهٔ اصلی', en: 'Parent case' }, role: { fa: 'نقش', en: 'Role' }, step: { fa: 'مرحله', en: 'Step' }, case: { fa: 'پرونده', en: 'Case' },
  overdue: { fa: 'گذشته از مهلت', en: 'Overdue' }, sort: { fa: 'ترتیب', en: 'Sort order' }, format: { fa: 'قالب', en: 'Format' },
  lang: { fa: 'زبان', en: 'Language' }, on: { fa: 'تاریخ', en: 'Date' }, path: { fa: 'مسیر فایل', en: 'File path' },
  message: { fa: 'شرح تغییر', en: 'Change description' }, baseVersion: { fa: 'نسخهٔ پایه', en: 'Base version' }, name: { fa: 'نام فایل', en: 'File name' },
  expectedVersion: { fa: 'نسخهٔ پرونده', en: 'Case version' }, user: { fa: 'کاربر', en: 'User' }, action: { fa: 'کار انجام‌شده', en: 'Action' },
  target: { fa: 'هدف', en: 'Target' }, kind: { fa: 'نوع', en: 'Kind' }, 'Idempotency-Key': { fa: 'کلید یکتایی', en: 'Idempotency key' },
  lat: { fa: 'عرض جغرافیایی', en: 'Latitude' }, lon: { fa: 'طول جغرافیایی', en: 'Longitude' }, exclude: { fa: 'رکورد کنارگذاشته', en: 'Record left out' },
  fact: { fa: 'واقعیت', en: 'Fact' }, number: { fa: 'شمارهٔ پرونده', en: 'Case number' },
  'if-match': { fa: 'نسخهٔ خوانده‌شدهٔ رکورد', en: 'Record version read' }, mode: { fa: 'شیوهٔ ورود', en: 'Import mode' },
  retired: { fa: 'رکوردهای بایگانی‌شده', en: 'Retired records' },
};

const labelled = (name: string, schema: Schema): Schema => (PARAM_LABELS[name] ? { ...schema, 'x-label': PARAM_LABELS[name] } : schema);

function operation(o: OpSpec): Schema {
  const params: Schema[] = [];
  for (const [name, schema] of Object.entries(o.path ?? {})) params.push({ name, in: 'path', required: true, schema: labelled(name, schema) });
  for (const [name, schema] of Object.entries(o.query ?? {})) params.push({ name, in: 'query', required: false, schema: labelled(name, schema) });
  for (const [name, schema] of Object.entries(o.headers ?? {})) params.push({ name, in: 'header', required: false, schema: labelled(name, schema) });
  const errors = new Set([...(o.errors ?? []), 400, 500]);
  if (o.access !== 'public') (errors.add(401), errors.add(403));
  // Every body is parsed before the route runs: too large is 413, a JSON route sent something else is 415.
  if (o.body) (errors.add(413), errors.add(415));
  const status = o.ok?.status ?? 200;
  const types = o.ok?.contentTypes ?? ['application/json'];
  const ok = {
    description: o.ok?.description ?? 'OK',
    ...(status === 204 ? {} : { content: Object.fromEntries(types.map((t) => [t, { schema: o.ok?.schema ?? ref('Json') }])) }),
  };
  const responses: Schema = {};
  for (const code of [status, ...(o.ok?.also ?? [])]) responses[String(code)] = ok;
  for (const code of [...errors].sort()) {
    responses[String(code)] = { description: ERROR_TEXT[code] ?? 'Error', content: { 'application/problem+json': { schema: ref('Problem') } } };
  }
  return {
    summary: o.summary,
    ...(o.description ? { description: o.description } : {}),
    tags: [o.tag],
    'x-access': o.access,
    ...(params.length ? { parameters: params } : {}),
    ...(o.body ? { requestBody: { required: o.body.required ?? true, content: { [o.body.contentType ?? 'application/json']: { schema: o.body.schema } } } } : {}),
    responses,
    security: o.access === 'public' ? [] : [{ session: [] }],
  };
}

const ops: Record<string, Record<string, OpSpec>> = {
  '/health': { get: { summary: 'Liveness and readiness: database and current definitions', tag: 'meta', access: 'public', ok: { schema: ref('Health') } } },
  '/openapi.json': { get: { summary: 'This document', tag: 'meta', access: 'public' } },
  '/config': {
    get: {
      summary: "This installation's settings the web UI needs: the map tile server (DABIR_TILES_URL) and its attribution, or null for none", tag: 'meta', access: 'user',
      ok: { schema: ref('Config') },
    },
  },
  '/auth/csrf': { get: { summary: 'A CSRF token for this session (send it as x-csrf-token on every write)', tag: 'auth', access: 'public', ok: { schema: ref('CsrfToken') } } },
  '/auth/login': {
    post: {
      summary: 'Sign in; returns the user and a fresh CSRF token (use it from now on)', tag: 'auth', access: 'public', body: { schema: ref('LoginRequest') }, errors: [401, 403, 429],
      ok: { schema: ref('Login') },
    },
  },
  '/auth/logout': { post: { summary: 'Sign out', tag: 'auth', access: 'user', ok: { status: 204 } } },
  '/auth/session': {
    get: {
      summary: 'Who is signed in: `{ user }`, or `{ user: null }` when nobody is (200 either way; the first page of the UI asks this)', tag: 'auth', access: 'public',
      ok: { schema: ref('Session') },
    },
  },
  '/auth/me': { get: { summary: 'The signed-in user (401 when nobody is; GET /auth/session answers both states with 200)', tag: 'auth', access: 'user', ok: { schema: ref('User') } } },
  '/auth/password': { post: { summary: 'Change your own password', tag: 'auth', access: 'user', body: { schema: ref('PasswordChange') }, ok: { status: 204 } } },
  '/roles': { get: { summary: 'Roles of the bundle plus admin', tag: 'users', access: 'user', ok: { schema: arrayOf(ref('Role')) } } },
  '/users': {
    get: { summary: 'Users', tag: 'users', access: 'admin', ok: { schema: arrayOf(ref('User')) } },
    post: { summary: 'Create a user', tag: 'users', access: 'admin', body: { schema: ref('NewUser') }, ok: { status: 201, schema: ref('User') }, errors: [409] },
  },
  '/users/{id}': {
    patch: {
      summary: 'Change a user (name, roles, disabled, password)', tag: 'users', access: 'admin', path: { id: idParam }, body: { schema: ref('UserPatch') }, ok: { schema: ref('User') },
      description: 'The last active administrator can be neither disabled nor lose the admin role: 409 `last-admin` (checked in the same transaction as the change).',
      errors: [404, 409],
    },
  },
  '/bundle': { get: { summary: 'The current bundle: info, hash, calendar, roles, entity ids, triggers', tag: 'definitions', access: 'user', ok: { schema: ref('Bundle') } } },
  '/procedures': { get: { summary: 'Procedures of the current bundle', tag: 'procedures', access: 'user', ok: { schema: arrayOf(ref('ProcedureSummary')) } } },
  '/procedures/{id}': {
    get: {
      summary: "A procedure with its steps and start form; labels naming a parameter read today's value, or with case=<id> the case's own definition version on its judging date",
      tag: 'procedures', access: 'user', path: { id: idParam }, query: { case: idParam }, ok: { schema: ref('Procedure') }, errors: [403, 404],
    },
  },
  '/procedures/{id}/diagram': {
    get: {
      summary: 'A procedure diagram (SVG, or Mermaid text with format=mermaid); with case=<id>, done and active steps are marked', tag: 'procedures', access: 'user',
      path: { id: idParam }, query: { format: { enum: ['svg', 'mermaid'] }, lang: { enum: ['fa', 'en'] }, case: idParam }, errors: [404],
      ok: { contentTypes: ['image/svg+xml', 'text/plain'], schema: { type: 'string' } },
    },
  },
  '/procedures/{id}/what-if': {
    post: { summary: "Evaluate a procedure's start guards for given data without starting a case", tag: 'rules', access: 'user', path: { id: idParam }, body: { schema: ref('WhatIf') }, ok: { schema: ref('WhatIfResult') }, errors: [404, 422] },
  },
  '/rules': { get: { summary: 'Rules of the current bundle', tag: 'rules', access: 'user', ok: { schema: arrayOf(ref('Rule')) } } },
  '/rules/{id}/what-if': {
    post: { summary: 'Evaluate one rule for given data (entity + subject load the subject record)', tag: 'rules', access: 'user', path: { id: idParam }, body: { schema: ref('WhatIf') }, ok: { schema: ref('WhatIfResult') }, errors: [404, 422] },
  },
  '/checklists/{id}': {
    get: {
      summary: 'A checklist (its items, labels, types, critical flags and conditions); with case=<id>, as in that case\'s definition version', tag: 'procedures',
      access: 'user', path: { id: idParam }, query: { case: idParam }, ok: { schema: ref('Checklist') }, errors: [404],
    },
  },
  '/forms/{id}': {
    get: {
      summary: "A form with its JSON Schema; options from a table as in force today, or with case=<id> on that case's judging date and definition version", tag: 'procedures',
      access: 'user', path: { id: idParam }, query: { case: idParam }, ok: { schema: ref('Form') }, errors: [403, 404],
    },
  },
  '/parameters': {
    get: {
      summary: 'Every parameter with the value in force on a date and its provenance (resolution, file:line)', tag: 'parameters', access: 'user',
      query: { on: dateParam }, ok: { schema: ref('Parameters') },
    },
  },
  '/parameters/{id}': { get: { summary: 'One parameter with its history', tag: 'parameters', access: 'user', path: { id: idParam }, query: { on: dateParam }, ok: { schema: ref('Parameter') }, errors: [404] } },
  '/registry': { get: { summary: 'Entity types of the bundle with their schemas and record counts', tag: 'registry', access: 'user', ok: { schema: arrayOf(ref('EntityType')) } } },
  '/registry/{entity}/nearby': {
    get: {
      summary: 'The records nearest to a point, nearest first, with their titles and distances in whole metres (rounded down)', tag: 'registry', access: 'user',
      description:
        'For maps. `exclude` leaves out one record (the case\'s own subject). With `fact` (a `nearest` fact over the entity), only the records that fact ' +
        'measures (its `where`), so a map shows the neighbours a spacing rule would find. 400 when the entity has no location or the fact is not a nearest fact over it.',
      path: { entity: idParam },
      query: {
        lat: { type: 'number', minimum: -90, maximum: 90 }, lon: { type: 'number', minimum: -180, maximum: 180 },
        limit: { type: 'integer', minimum: 1, maximum: 50, default: 5 }, exclude: idParam, fact: idParam,
      },
      ok: { schema: ref('Nearby') }, errors: [404],
    },
  },
  '/registry/{entity}/export.csv': {
    get: {
      summary: 'Every record of an entity type as CSV: Persian headers (field titles, computed labels), references and options as code and label columns, UTF-8 with a BOM (Excel). An import reads it back. Without the columns your roles may not read; refused (403) to a party-only user.',
      tag: 'registry', access: 'user', path: { entity: idParam }, ok: { contentTypes: ['text/csv'], schema: { type: 'string' } }, errors: [404],
    },
  },
  '/registry/{entity}/template.csv': {
    get: {
      summary: 'The CSV template of an entity type: one column per stored field headed by its Persian title (a location as «عرض جغرافیایی» and «طول جغرافیایی»), no rows, UTF-8 with a BOM. An import reads these headers back.',
      tag: 'registry', access: 'user', path: { entity: idParam }, ok: { contentTypes: ['text/csv'], schema: { type: 'string' } }, errors: [404],
    },
  },
  '/registry/{entity}/{id}': {
    get: { summary: 'One record with computed fields, its `$version` (also the ETag) and `$retired` (null, or when, by whom and why). Fields your roles may not read (the `sensitive:` groups of the entity) come as the Withheld marker. A party-only user gets its own record, a record its own cases name by title only (`$title`, `$subtitle`), and 404 for any other.', tag: 'registry', access: 'user', path: { entity: idParam, id: idParam }, ok: { schema: ref('Record') }, errors: [404] },
    put: {
      summary: 'Replace a record (200), or create it (201), validated against the entity schema with Persian `fieldErrors`; references must name live records of their kind (422)',
      description: 'Send the version read (`$version` in the body, or If-Match): a stale one is 409. Without a version only an administrator may write; a keeper gets 428.',
      tag: 'registry', access: 'keeper', path: { entity: idParam, id: idParam }, headers: { 'if-match': { type: 'string', maxLength: 40 } },
      body: { schema: ref('Record') }, ok: { schema: ref('Record'), also: [201] }, errors: [404, 409, 422, 428],
    },
    delete: { summary: 'Delete a record that no case and no other record names (409 otherwise: retire it instead)', tag: 'registry', access: 'keeper', path: { entity: idParam, id: idParam }, ok: { status: 204 }, errors: [404, 409] },
  },
  '/registry/{entity}/{id}/retire': {
    post: {
      summary: 'Retire a record with a reason: it leaves lists, searches, pickers and facts, no case starts on it, and the cases that name it still read it', tag: 'registry', access: 'keeper',
      path: { entity: idParam, id: idParam }, body: { schema: ref('RetireBody') }, ok: { schema: ref('RecordState') }, errors: [404, 409],
    },
  },
  '/registry/{entity}/{id}/restore': {
    post: {
      summary: 'Restore a retired record', tag: 'registry', access: 'keeper', path: { entity: idParam, id: idParam }, body: { schema: ref('RestoreBody'), required: false },
      ok: { schema: ref('RecordState') }, errors: [404, 409],
    },
  },
  '/registry/{entity}/{id}/cases': {
    get: {
      summary: 'The cases that name a record (that you may see), newest first, and its history: what the cases of which it is the subject ended with, by date', tag: 'registry', access: 'user',
      path: { entity: idParam, id: idParam }, ok: { schema: ref('RecordCases') }, errors: [404],
    },
  },
  '/registry/{entity}/import': {
    post: {
      summary: 'Import CSV (the template\'s or the export\'s Persian headers, or field keys such as location.lat): preview, all rows or none, or the valid rows only',
      description: '`mode=preview` writes nothing and answers what would be added and changed (with the fields) and every problem by row and column; `mode=all` (the default) writes every row or, when any has a problem, nothing (422 with the same report under `report`); `mode=valid-only` writes the rows without problems.',
      tag: 'registry', access: 'keeper', path: { entity: idParam }, query: { mode: { enum: ['preview', 'all', 'valid-only'], default: 'all' } },
      body: { schema: { type: 'string' }, contentType: 'text/csv' }, ok: { schema: ref('Import') }, errors: [404, 422],
    },
  },
  '/registry/{entity}': {
    get: {
      summary: 'Records of an entity type, with computed fields; with q, those whose title or subtitle (or key) holds every word of q (ی/ک forms, digits and spaces folded); retired records only with retired=include|only. Fields your roles may not read (the `sensitive:` groups of the entity) come as the Withheld marker. A party-only user: its own record only.',
      tag: 'registry', access: 'user', path: { entity: idParam }, query: { q: { type: 'string', maxLength: 200 }, retired: { enum: ['exclude', 'include', 'only'] }, ...paging }, ok: { schema: pageOf(ref('Record')) }, errors: [404],
    },
    post: {
      summary: 'Create a record (a key is made when none is sent), validated like an edit; 409 when the key is taken', tag: 'registry', access: 'keeper', path: { entity: idParam },
      body: { schema: ref('Record') }, ok: { status: 201, schema: ref('Record') }, errors: [404, 409, 422],
    },
  },
  '/cases': {
    get: {
      summary: 'Cases (of procedures that involve your roles; a party role: only the cases whose `party` is your record)', tag: 'cases', access: 'user',
      query: {
        procedure: idParam, status: { enum: ['active', 'ended', 'cancelled', 'failed'] }, subject: idParam, parent: idParam,
        number: { type: 'string', maxLength: 40, description: 'Cases whose number contains this (Persian digits are read as ASCII).' }, ...paging,
      },
      ok: { schema: pageOf(ref('Case')) },
    },
    post: {
      summary: 'Start a case. A refusal is 422 with every failed rule and its values.', tag: 'cases', access: 'user',
      description:
        'Send an Idempotency-Key header to make retries safe: the same key with the same body replays the first response; with another body it is 422. ' +
        'The case gets its number here. A procedure is exclusive unless it says `exclusive: false`: when its subject already has an open case of it, ' +
        'the start is refused with 409 `case-already-open`, naming that case (`openCase`: id and number).',
      headers: { 'Idempotency-Key': { type: 'string', minLength: 1, maxLength: 200 } }, body: { schema: ref('StartCase') }, ok: { status: 201, schema: ref('Case') }, errors: [404, 409, 422],
    },
  },
  '/cases/{id}': { get: { summary: 'A case with its tasks, timeline (events) and documents', tag: 'cases', access: 'user', path: { id: idParam }, ok: { schema: ref('CaseDetail') }, errors: [404] } },
  '/cases/{id}/events': { get: { summary: 'The events of a case', tag: 'cases', access: 'user', path: { id: idParam }, ok: { schema: arrayOf(ref('Event')) }, errors: [404] } },
  '/cases/{id}/tasks/{task}/complete': {
    post: {
      summary: 'Complete an open task with an outcome and form data (only a holder of the task role)', tag: 'cases', access: 'user', path: { id: idParam, task: idParam },
      body: { schema: ref('CompleteTask') }, ok: { schema: ref('Case') }, errors: [404, 409, 422],
    },
  },
  '/cases/{id}/tasks/{task}/preview': {
    post: {
      summary: 'What completing an open task would do — its outcome, the next steps, the end it reaches, or why it would be refused — without writing', tag: 'cases',
      access: 'user', path: { id: idParam, task: idParam }, body: { schema: ref('PreviewTask') }, ok: { schema: ref('Preview') }, errors: [404, 409],
    },
  },
  '/cases/{id}/tasks/{task}/evidence': {
    get: {
      summary: "The evidence an open task decides on: earlier steps' answers by label, the case's key values, the rules checked and the parameters its step names",
      tag: 'cases', access: 'user', path: { id: idParam, task: idParam }, ok: { schema: ref('Evidence') }, errors: [404, 409],
    },
  },
  '/cases/{id}/return': {
    post: {
      summary: "Send the case back from an open task to an earlier step its step allows (`returns:`), with a reason; recorded as a case.returned event",
      tag: 'cases', access: 'user', path: { id: idParam }, body: { schema: ref('ReturnCase') }, ok: { schema: ref('Case') }, errors: [404, 409, 422],
    },
  },
  '/cases/{id}/cancel': { post: { summary: 'Cancel a case (and its running child cases); the reason is required', tag: 'cases', access: 'user', path: { id: idParam }, body: { schema: ref('CancelCase') }, ok: { schema: ref('Case') }, errors: [404, 409, 422] } },
  '/cases/{id}/rebuild': { post: { summary: "Rebuild a case's projections from its events", tag: 'cases', access: 'admin', path: { id: idParam }, ok: { schema: ref('Case') }, errors: [404] } },
  '/cases/{id}/documents': {
    get: { summary: 'Documents of a case', tag: 'documents', access: 'user', path: { id: idParam }, ok: { schema: arrayOf(ref('Document')) }, errors: [404] },
    post: {
      summary: 'Attach a document (raw body; PDF, PNG, JPEG, TIFF or WebP by magic bytes; size-limited; sha256 recorded)', tag: 'documents', access: 'user',
      description:
        "Attaching is a write to the case: a `document.attached` event joins its timeline and the case's version moves on (the response's `caseVersion`). " +
        'Send `expectedVersion` to attach only to the version you saw (409 otherwise).',
      path: { id: idParam }, query: { name: { type: 'string', minLength: 1, maxLength: 200 }, task: idParam, expectedVersion: { type: 'integer', minimum: 0 } },
      body: { schema: binary, contentType: 'application/octet-stream' }, ok: { status: 201, schema: ref('AttachedDocument') }, errors: [404, 409],
    },
  },
  '/documents/staged': {
    post: {
      summary: "Upload a start form's file before the case exists (raw body; the same types and size limit as a case's documents)", tag: 'documents', access: 'user',
      description:
        'The answer\'s `id` goes in the start form\'s file field (`POST /cases` input). The start binds it to the new case — it becomes one of its ' +
        'documents, with a `document.attached` event — and refuses (422, a field error) a file that is not yours or has expired. An unused upload ' +
        'is deleted after 24 hours.',
      query: { name: { type: 'string', minLength: 1, maxLength: 200 } },
      body: { schema: binary, contentType: 'application/octet-stream' }, ok: { status: 201, schema: ref('StagedDocument') },
    },
  },
  '/documents/{id}': {
    get: { summary: 'Download a document (served with its recognised media type)', tag: 'documents', access: 'user', path: { id: idParam }, ok: { contentTypes: ACCEPTED_TYPES, schema: binary }, errors: [404] },
  },
  '/events': {
    get: {
      summary: 'Live updates for a signed-in page (server-sent events): `inbox` when a task for your roles opened or closed, `case` when a case you may see changed',
      tag: 'cases', access: 'user',
      description:
        'Read it with EventSource (Accept: text/event-stream; same origin, the session cookie). Each event is `event: inbox` with `data: {"caseId"}` ' +
        'or `event: case` with `data: {"caseId","version"}`; re-read what changed through the API. Comment lines (`: ping`) every 25 s keep proxies from ' +
        'cutting an idle stream; `retry:` sets the reconnection delay; the response carries `X-Accel-Buffering: no` for nginx. Signing out ends it. ' +
        'Without Accept: text/event-stream the answer is 406.',
      ok: { contentTypes: ['text/event-stream'], schema: { type: 'string' } }, errors: [406],
    },
  },
  '/inbox': {
    get: {
      summary: 'Open tasks for your roles (administrators: all; a party role: only the tasks of your own cases), filtered, sorted and paginated', tag: 'cases', access: 'user',
      query: {
        role: idParam, procedure: idParam, step: idParam, case: idParam, overdue: { type: 'boolean' }, sort: { enum: ['due', '-due', 'opened', '-opened'] }, ...paging,
      },
      ok: { schema: ref('Inbox') },
    },
  },
  '/reports/cases.csv': { get: { summary: 'Cases by procedure and status as CSV (Persian headers and labels, UTF-8 with a BOM)', tag: 'reports', access: 'user', ok: { contentTypes: ['text/csv'], schema: { type: 'string' } } } },
  '/reports/overdue.csv': { get: { summary: 'Overdue open tasks as CSV (case number, procedure, step, role, subject by their labels; Jalali due dates)', tag: 'reports', access: 'user', ok: { contentTypes: ['text/csv'], schema: { type: 'string' } } } },
  '/reports/durations.csv': { get: { summary: 'Durations of ended cases per procedure as CSV (days)', tag: 'reports', access: 'user', ok: { contentTypes: ['text/csv'], schema: { type: 'string' } } } },
  '/reports/cases': { get: { summary: 'Cases by procedure and status', tag: 'reports', access: 'user', ok: { schema: ref('CaseCounts') } } },
  '/reports/overdue': { get: { summary: 'Overdue open tasks', tag: 'reports', access: 'user', query: paging, ok: { schema: ref('Overdue') } } },
  '/reports/durations': { get: { summary: 'Durations of ended cases per procedure (days: mean, median, p90, max)', tag: 'reports', access: 'user', ok: { schema: ref('Durations') } } },
  '/audit': {
    get: { summary: 'Audit log: who did what, when, from where', tag: 'admin', access: 'admin', query: { user: idParam, action: { type: 'string', maxLength: 200 }, target: { type: 'string', maxLength: 300 }, ...paging }, ok: { schema: pageOf(ref('AuditEntry')) } },
  },
  '/jobs': { get: { summary: 'Scheduler jobs', tag: 'admin', access: 'admin', query: { status: { enum: ['pending', 'done', 'failed', 'cancelled'] }, kind: { type: 'string', maxLength: 50 }, ...paging }, ok: { schema: pageOf(ref('Job')) } } },
  '/outbox': { get: { summary: 'Notifications outbox', tag: 'admin', access: 'admin', query: { status: { enum: ['pending', 'sent', 'failed'] }, ...paging }, ok: { schema: pageOf(ref('OutboxMessage')) } } },
  '/scheduler/tick': { post: { summary: 'Run due jobs and deliver notifications now', tag: 'admin', access: 'admin', ok: { schema: ref('TickReport') } } },
  '/definitions': { get: { summary: 'Files of the current definitions version', tag: 'definitions', access: 'admin', ok: { schema: ref('DefinitionFiles') } } },
  '/definitions/file': {
    get: { summary: 'One definition file of the current version', tag: 'definitions', access: 'admin', query: { path: { type: 'string', minLength: 1, maxLength: 300, pattern: DEFINITION_PATH_PATTERN } }, ok: { schema: ref('FileContent') }, errors: [404] },
    put: {
      summary: 'Publish a file (edit or upload): validated, scenarios run, then written atomically and made current', tag: 'definitions', access: 'admin',
      description: '`baseVersion` (the version the change was made on) is required for a change to be written: 428 without it, 409 when the definitions moved on meanwhile.',
      body: { schema: ref('DefinitionFile') }, ok: { status: 201, also: [200], schema: ref('Version'), description: 'Published (201), or nothing changed (200)' }, errors: [409, 422, 428],
    },
    delete: {
      summary: 'Publish the deletion of a file', tag: 'definitions', access: 'admin',
      description: '`baseVersion` (the version the deletion was decided on) is required: 428 without it, 409 when the definitions moved on meanwhile.',
      query: { path: { type: 'string', minLength: 1, maxLength: 300, pattern: DEFINITION_PATH_PATTERN }, message: { type: 'string', maxLength: 2000 }, baseVersion: { type: 'string', maxLength: 100 } },
      ok: { schema: ref('Version') }, errors: [404, 409, 422, 428],
    },
  },
  '/definitions/check': {
    post: {
      summary: 'Check a change of one file or several without publishing it (errors with file:line:col in Persian and English, scenario report)', tag: 'definitions', access: 'admin',
      description: 'Send `{ path, content }` for one file, or `{ files: [{ path, content }] }` for a change set (`content: null` deletes a file). Nothing is written.',
      body: { schema: ref('DefinitionCheck') }, ok: { schema: ref('CheckResult') }, errors: [404],
    },
  },
  '/definitions/publish': {
    post: {
      summary: 'Publish a change set: several files checked together and published as one new version (all or nothing)', tag: 'definitions', access: 'admin',
      description: 'Every file of `files` is applied to the current version (`content: null` deletes it), the result loaded and its scenarios run; only a change '
        + 'that loads and passes is written, atomically, as ONE version naming every file. `baseVersion` is required: 428 without it, 409 when the definitions '
        + 'moved on meanwhile. Refusals are 422 `invalid-definition` (every error at file:line:col, `message_fa` beside `message`) or `scenarios-failed` '
        + '(each failed scenario with what it expected, what happened and why, in Persian and English).',
      body: { schema: ref('ChangeSet') }, ok: { status: 201, also: [200], schema: ref('Version'), description: 'Published (201), or nothing changed (200)' }, errors: [404, 409, 422, 428],
    },
  },
  '/admin/parameters/{id}/proposal': {
    post: {
      summary: "Draft a new value of a parameter as a dated resolution in the served province's resolutions file, check it and compare the scenarios (writes nothing)", tag: 'definitions', access: 'admin',
      description: 'The value is checked against the parameter (type, table columns, bounds) and the date and title against the form (`fieldErrors`, Persian and English). '
        + 'The resolution (its id chosen from the bundle, date and title) is appended to the resolutions file with the yaml Document API, every other byte of the file kept. '
        + 'The changed definitions are loaded (`errors` at file:line:col) and the scenarios run on them and on the current version: `changes` lists each scenario whose '
        + 'verdict turns, with `why` in Persian and English and, when it fails now, the `expect` that its new outcome satisfies. Name scenarios in `updateScenarios` '
        + "to rewrite their `expect` in the same draft. Publish `files` with POST /definitions/publish and `baseVersion`.",
      path: { id: idParam }, body: { schema: ref('ProposalRequest') }, ok: { schema: ref('ProposalReport') }, errors: [404, 422],
    },
  },
  '/definitions/versions': { get: { summary: 'History of published versions', tag: 'definitions', access: 'admin', query: paging, ok: { schema: ref('Versions') } } },
  '/definitions/versions/{hash}': { get: { summary: 'One version with its diff and file list', tag: 'definitions', access: 'admin', path: { hash: idParam }, ok: { schema: ref('VersionDetail') }, errors: [404] } },
  '/definitions/versions/{hash}/file': {
    get: { summary: 'A file as it was in a version', tag: 'definitions', access: 'admin', path: { hash: idParam }, query: { path: { type: 'string', minLength: 1, maxLength: 300, pattern: DEFINITION_PATH_PATTERN } }, ok: { schema: ref('FileContent') }, errors: [404] },
  },
};

// Parameters the validator must insist on (documented above as optional query parameters for brevity).
export const REQUIRED_QUERY: Record<string, string[]> = {
  'get /registry/{entity}/nearby': ['lat', 'lon'],
  'get /definitions/file': ['path'],
  'delete /definitions/file': ['path'],
  'get /definitions/versions/{hash}/file': ['path'],
};

/** What each tag groups, for readers of the document (every tag an operation uses must be here). */
const TAG_DESCRIPTIONS: Record<string, string> = {
  meta: 'Liveness, this document and the settings the web UI needs',
  auth: 'Signing in and out, the session, CSRF tokens and one\'s own password',
  users: 'Users and the roles the bundle declares',
  definitions: 'The published definitions: files, versions, checks, publishing and the editor',
  procedures: 'Procedures, their diagrams, forms and checklists',
  rules: 'Rules and what-if evaluation without starting a case',
  parameters: 'Parameters with the value in force on a date and their history',
  registry: 'Records of the registry by entity type',
  cases: 'Cases: starting, tasks, timelines and commands',
  documents: 'Documents attached to cases',
  reports: 'Reports and exports',
  admin: 'Administration: the audit log, scheduler jobs, the notifications outbox and parameter-change proposals',
};

/** The tags the operations use, in first-use order, each with its description. */
function usedTags(paths: Schema): Schema[] {
  const seen = new Set<string>();
  for (const item of Object.values(paths) as Schema[]) for (const op of Object.values(item) as Schema[]) for (const t of (op.tags as string[]) ?? []) seen.add(t);
  return [...seen].map((name) => {
    const description = TAG_DESCRIPTIONS[name];
    if (!description) throw new Error(`OpenAPI tag "${name}" has no description in TAG_DESCRIPTIONS`);
    return { name, description };
  });
}

function build(): Schema {
  const paths: Schema = {};
  for (const [path, methods] of Object.entries(ops)) {
    const item: Schema = {};
    for (const [method, spec] of Object.entries(methods)) {
      const op = operation(spec);
      const req = REQUIRED_QUERY[`${method} ${path}`] ?? [];
      for (const p of (op.parameters as Schema[] | undefined) ?? []) if (p.in === 'query' && req.includes(p.name as string)) p.required = true;
      if (method !== 'get') op.security = [{ ...((op.security as Schema[])[0] ?? {}), csrf: [] }];
      item[method] = { operationId: `${method}${path.replace(/[{}]/g, '').replace(/[/.-](\w)/g, (_, c: string) => c.toUpperCase())}`, ...op };
    }
    paths[path] = item;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Dabir API',
      version: '1',
      license: { name: 'MIT', identifier: 'MIT' },
      description:
        'Low-code workflow engine. Everything domain-specific (procedures, roles, entities, parameters) comes from the published definitions. ' +
        'Sign in with POST /auth/login (after GET /auth/csrf); the session is an httpOnly SameSite=Strict cookie; every write needs the ' +
        'x-csrf-token header. Errors are application/problem+json (see the Problem schema). Writes to a case carry expectedVersion; a stale one is 409.',
    },
    servers: [{ url: '/api' }],
    tags: usedTags(paths),
    components: {
      schemas,
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'dabir.sid' },
        csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
      },
    },
    paths,
  };
}

/** The OpenAPI document (built once). */
export const openApiDocument: Schema = build();

const served = new Map<string, Schema>();

/**
 * The document as served for one bundle: what the server enforces from the bundle is declared too, so a client
 * generated from it sends valid requests (the roles a user may be given are the bundle's roles and `admin`).
 */
export function openApiForBundle(hash: string, roleIds: readonly string[]): Schema {
  const hit = served.get(hash);
  if (hit) return hit;
  const doc = structuredClone(openApiDocument);
  const schemas = (doc.components as { schemas: Record<string, { properties: Record<string, { items: Schema }> }> }).schemas;
  const roles = [...new Set([...roleIds, ADMIN])].sort();
  for (const name of ['NewUser', 'UserPatch']) schemas[name].properties.roles.items.enum = roles;
  served.clear();
  served.set(hash, doc);
  return doc;
}
