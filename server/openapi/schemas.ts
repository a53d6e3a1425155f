/**
 * JSON Schemas (2020-12) of the API's bodies: the OpenAPI document's components. Response schemas name every field the
 * server sends (the tests check responses against them with undeclared fields refused); a schema that is open on
 * purpose — a registry record, a compiled definition — says `additionalProperties: true`.
 */

type Schema = Record<string, unknown>;

const text = { type: 'object', required: ['fa'], properties: { fa: { type: 'string' }, en: { type: 'string' } } } as const;
const id = { type: 'string', minLength: 1, maxLength: 200 } as const;
const json = { type: 'object', additionalProperties: true } as const;
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;
const strings = { type: 'array', items: str } as const;

/** The fields of a case as every case endpoint returns it (CaseDetail adds tasks, timeline and documents). */
const caseProperties = {
  id: { ...str, description: 'The internal id (in links and API paths; never shown to people: show `number`).' },
  number: { ...strOrNull, description: "The human case number from the bundle's `case_number` pattern (ASCII digits, e.g. 1405-0023), unique per bundle and Jalali year." },
  subjectTitle: { oneOf: [ref('Text'), { type: 'null' }], description: "The subject record's title (its entity's title template), or null without a subject." },
  procedure: str, bundleHash: str, status: { enum: ['active', 'ended', 'cancelled', 'failed'] },
  result: strOrNull, subject: strOrNull, parentId: { ...strOrNull, description: 'The parent case of a child case (sub-procedure).' },
  version: { type: 'integer', description: 'Number of events; send it back as expectedVersion.' },
  startedAt: str, startedBy: { ...str, description: 'A user id, or "system" (a trigger, a parent case).' }, endedAt: strOrNull, updatedAt: str,
  input: json, subjectRecord: { type: ['object', 'null'], additionalProperties: true, description: 'The subject record as of the start.' },
  judgedOn: { ...str, description: 'The Jalali date parameters are read on.' },
  path: { ...strings, description: 'Steps entered, in order.' },
  steps: { type: 'object', additionalProperties: ref('StepRecord'), description: 'Step id → its outcome, data and per-item answers.' },
  openTasks: { type: 'array', items: ref('TaskInfo') },
  timers: { type: 'object', additionalProperties: { type: 'object', properties: { step: str, fireAt: str } } },
  children: { type: 'object', additionalProperties: str, description: 'Running child case id → the step waiting for it.' },
  error: { type: ['object', 'null'], properties: { code: str, message: ref('Text') } },
} as const;

const documentProperties = {
  id: str, caseId: str, name: str, mediaType: str, size: int, sha256: str, taskId: strOrNull, uploadedBy: str, uploadedAt: str,
} as const;

const versionProperties = {
  hash: str, seq: int, bundleId: str, parentHash: strOrNull, author: str, createdAt: str, message: strOrNull,
  changed: { ...strings, description: 'Files changed from the parent version.' },
} as const;

/** Event types of a case's log: the interpreter's, plus `document.attached` which the server appends. */
export const EVENT_TYPES = [
  'case.started', 'step.entered', 'task.opened', 'task.completed', 'join.arrived', 'step.completed', 'timer.scheduled', 'timer.fired',
  'entity.updated', 'entity.created', 'notification.requested', 'subcase.requested', 'subcase.ended', 'case.ended', 'case.cancelled', 'case.failed',
  'case.returned', 'document.attached',
] as const;

export const schemas = {
  Text: text,
  Problem: {
    type: 'object',
    description:
      'RFC 9457 problem details. `type` is `urn:dabir:problem:<code>` and stable; `title` (Persian) and `title_en` (English) name the kind of problem; ' +
      '`detail` (Persian) and `detail_en` (English) say what happened this time. Rule refusals add `refusal` and `failures` (every failed rule with its ' +
      'values and the resolutions behind it); form problems add `fieldErrors`; request validation and definition problems add `errors` ' +
      '(definitions also `lines` as file:line:col: message).',
    required: ['type', 'code', 'status', 'title', 'title_en'],
    properties: {
      type: { type: 'string', examples: ['urn:dabir:problem:rule-refused'] },
      code: str,
      status: int,
      title: str,
      title_en: str,
      detail: str,
      detail_en: str,
      instance: str,
      refusal: { ...str, description: 'The interpreter refusal code (guard-failed, invalid-form, unknown-outcome, …).' },
      failures: { type: 'array', items: ref('RuleFailure') },
      fieldErrors: { type: 'array', items: { type: 'object', properties: { path: str, message: ref('Text') } } },
      errors: { type: 'array', items: json },
      lines: { ...strings, description: 'Definition errors as `file:line:col: message`.' },
      expectedVersion: { type: ['integer', 'string'] },
      currentVersion: { type: ['integer', 'string'] },
      requiredRoles: strings,
      unknownRoles: strings,
      accepted: { ...strings, description: 'Accepted media types (415 on upload).' },
      scenarios: { type: 'object', properties: { passed: int, failed: int, results: { type: 'array', items: json } } },
      definitionVersion: { ...str, description: 'The definition version a case runs on that no longer loads (definition-version-unavailable).' },
      rule: { ...str, description: 'The rule that could not be evaluated (cannot-evaluate).' },
      error: { ...str, description: "The evaluator's error code (cannot-evaluate)." },
      openCase: { ...ref('OpenCase'), description: 'case-already-open: the open case (link to it by id, name it by number).' },
      field: { ...str, description: 'last-admin: the field of the change that was refused (disabled or roles).' },
    },
  },
  RuleFailure: {
    type: 'object',
    required: ['rule', 'label', 'message', 'values', 'resolutions'],
    properties: {
      rule: str,
      label: ref('Text'),
      message: ref('Text'),
      values: json,
      resolutions: {
        type: 'array',
        items: { type: 'object', properties: { id: str, title: ref('Text'), date: str, reference: ref('Text'), parameter: str, value: {} } },
      },
    },
  },
  Health: {
    type: 'object', required: ['status'],
    properties: { status: { const: 'ok' }, time: str, bundle: { type: 'object', properties: { id: str, name: ref('Text'), hash: str } }, db: str },
  },
  CsrfToken: { type: 'object', required: ['csrfToken'], properties: { csrfToken: str } },
  Login: { type: 'object', required: ['user', 'csrfToken'], properties: { user: ref('User'), csrfToken: str } },
  User: {
    type: 'object',
    required: ['id', 'username', 'name', 'roles'],
    properties: {
      id: str, username: str, name: str, roles: strings,
      disabled: { type: 'boolean' }, createdAt: str, updatedAt: str,
      mustChangePassword: { type: 'boolean', description: 'Signed in with a one-time password (dabir users reset-admin): every request but /auth/* is refused (403 password-change-required) until a new password is set.' },
    },
  },
  Role: { type: 'object', required: ['id', 'label'], properties: { id: str, label: ref('Text'), external: { type: 'boolean' } } },
  LoginRequest: {
    type: 'object', additionalProperties: false, required: ['username', 'password'],
    properties: { username: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 500 } },
  },
  PasswordChange: {
    type: 'object', additionalProperties: false, required: ['current', 'next'],
    properties: { current: { type: 'string', minLength: 1, maxLength: 500 }, next: { type: 'string', minLength: 10, maxLength: 500 } },
  },
  NewUser: {
    type: 'object', additionalProperties: false, required: ['username', 'password', 'roles'],
    properties: {
      username: { type: 'string', pattern: '^[A-Za-z0-9_.@-]{2,64}$' }, name: { type: 'string', maxLength: 200 },
      password: { type: 'string', minLength: 10, maxLength: 500 }, roles: { type: 'array', items: id, maxItems: 50 },
    },
  },
  UserPatch: {
    type: 'object', additionalProperties: false,
    properties: {
      name: { type: 'string', maxLength: 200 }, roles: { type: 'array', items: id, maxItems: 50 }, disabled: { type: 'boolean' },
      password: { type: 'string', minLength: 10, maxLength: 500 },
    },
  },
  Bundle: {
    type: 'object',
    properties: {
      info: json, hash: str, calendar: json, roles: { type: 'array', items: json }, entities: strings, triggers: { type: 'array', items: json },
    },
  },
  ProcedureSummary: {
    type: 'object', required: ['id', 'title', 'startRoles', 'canStart'],
    properties: {
      id: str, title: ref('Text'), reference: ref('Text'), subject: { type: ['object', 'null'], properties: { entity: str } },
      startRoles: strings, canStart: { type: 'boolean', description: 'Whether you hold a role that starts it.' }, steps: { type: 'integer', description: 'Number of steps.' },
    },
  },
  Procedure: {
    type: 'object', additionalProperties: true, required: ['id', 'title', 'start', 'steps'],
    description: 'The compiled procedure definition (see docs/language.md) plus `startForm` (the start form with its JSON Schema, or null).',
    properties: { id: str, title: ref('Text'), start: json, steps: { type: 'array', items: json }, startForm: { type: ['object', 'null'], additionalProperties: true } },
  },
  StartCase: {
    type: 'object', additionalProperties: false, required: ['procedure'],
    properties: { procedure: id, subject: id, input: json },
  },
  CompleteTask: {
    type: 'object', additionalProperties: false, required: ['expectedVersion'],
    properties: { expectedVersion: { type: 'integer', minimum: 0 }, outcome: id, data: json },
  },
  CancelCase: {
    type: 'object', additionalProperties: false, required: ['expectedVersion'],
    description: 'The reason is required: a blank one is refused (422, a field error on /reason).',
    properties: { expectedVersion: { type: 'integer', minimum: 0 }, reason: { type: 'string', maxLength: 2000 } },
  },
  ReturnCase: {
    type: 'object', additionalProperties: false, required: ['expectedVersion', 'task', 'to'],
    description: "Sends the case back from an open task to an earlier step the task's step declares in `returns:` (by one of the roles named there). The reason is required (422, a field error on /reason).",
    properties: {
      expectedVersion: { type: 'integer', minimum: 0 }, task: { ...id, description: 'The open task (its id).' }, to: { ...id, description: 'The earlier step.' },
      reason: { type: 'string', maxLength: 2000 },
    },
  },
  PreviewTask: {
    type: 'object', additionalProperties: false,
    properties: { outcome: id, data: json },
  },
  Preview: {
    type: 'object', required: ['ok', 'next', 'ends', 'failures', 'fieldErrors'],
    description: 'What completing the task with this outcome and data would do; nothing is written.',
    properties: {
      ok: { type: 'boolean', description: 'Whether completing it would be accepted.' },
      outcome: { ...str, description: "The outcome it would be completed with (an inspection's is computed from its checklist)." },
      next: { type: 'array', items: { type: 'object', properties: { step: str, label: ref('Text'), kind: str } }, description: 'The steps the case would wait in next.' },
      ends: {
        oneOf: [{ type: 'object', properties: { result: str, label: ref('Text'), refused: { type: 'boolean' } } }, { type: 'null' }],
        description: 'The end it would reach (its result and label; `refused` when the result is "refused"), or null.',
      },
      failures: { type: 'array', items: ref('RuleFailure') },
      fieldErrors: { type: 'array', items: { type: 'object', properties: { path: str, message: ref('Text') } } },
      checklist: {
        type: 'object', description: 'Inspections: whether the checklist passes and the critical items that fail.',
        properties: { passed: { type: 'boolean' }, failed: { type: 'array', items: { type: 'object', properties: { id: str, label: ref('Text') } } } },
      },
      refusal: { type: 'object', properties: { code: str, message: ref('Text') }, description: 'Why it would be refused.' },
    },
  },
  ShownValue: {
    type: 'object', required: ['key', 'label', 'value'],
    properties: { key: str, label: ref('Text'), value: {}, display: ref('Text'), type: str },
  },
  Evidence: {
    type: 'object', required: ['task', 'shown', 'steps', 'input', 'rules', 'parameters'],
    description: "What an open task decides on. `shown`: whether the task shows it (every decision, and any step with `evidence:`).",
    properties: {
      task: str, shown: { type: 'boolean' },
      steps: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            step: str, label: ref('Text'), kind: str, outcome: str, outcomeLabel: ref('Text'), by: str, at: str,
            fields: { type: 'array', items: ref('ShownValue') },
            checklist: {
              type: 'object',
              properties: {
                title: ref('Text'), passed: { type: 'boolean' },
                items: { type: 'array', items: { type: 'object', properties: { key: str, label: ref('Text'), value: {}, display: ref('Text'), type: str, passed: { type: 'boolean' }, applicable: { type: 'boolean' }, critical: { type: 'boolean' } } } },
              },
            },
            items: { type: 'array', items: { type: 'object', properties: { item: str, outcome: str, outcomeLabel: ref('Text'), fields: { type: 'array', items: ref('ShownValue') } } } },
          },
        },
      },
      input: { type: 'array', items: ref('ShownValue'), description: "The case's key values (start form fields)." },
      rules: {
        type: 'array',
        items: { type: 'object', properties: { rule: str, label: ref('Text'), outcome: str, passed: { type: ['boolean', 'null'] }, message: ref('Text') } },
        description: "The guards of the task's outcomes (with `outcome`) and the start's guards, judged now; passed null: depends on the form.",
      },
      parameters: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            id: str, label: ref('Text'), type: str, unit: str, value: {}, resolution: { type: 'object', properties: { title: ref('Text'), date: str } },
            columns: { type: 'array', items: { type: 'object', properties: { key: str, label: ref('Text') } } },
            rows: { type: 'array', items: { type: 'object', additionalProperties: { type: 'object', properties: { value: {}, display: ref('Text') } } } },
          },
        },
      },
    },
  },
  OpenCase: { type: 'object', required: ['id'], properties: { id: str, number: str } },
  StepRecord: {
    type: 'object',
    properties: {
      outcome: str, data: json, by: str, at: str, visits: int,
      previous: { type: 'object', additionalProperties: true, description: "The step's answers of its previous visit (outcome, data, items), once it is entered again." },
      items: { type: 'object', additionalProperties: { type: 'object', properties: { outcome: str, data: json } }, description: 'inquiry-each: item → answer.' },
    },
  },
  TaskInfo: {
    type: 'object',
    properties: {
      id: str, step: str, kind: str, role: str, item: str,
      due: str, clockStopped: { type: 'boolean' }, overdue: { type: 'boolean' },
    },
  },
  Task: {
    type: 'object',
    properties: {
      caseId: str, taskId: str, step: str, kind: str, role: str,
      item: strOrNull, procedure: str, subject: strOrNull, due: strOrNull,
      clockStopped: { type: 'boolean' }, status: { enum: ['open', 'done', 'closed'] }, openedAt: str, closedAt: strOrNull,
      closedBy: strOrNull, outcome: strOrNull, overdue: { type: 'boolean' }, caseVersion: { type: ['integer', 'null'] },
      caseNumber: { ...strOrNull, description: "The case's human number (inbox items)." },
      subjectTitle: { oneOf: [ref('Text'), { type: 'null' }], description: "The title of the case's subject record (inbox items)." },
    },
  },
  Inbox: {
    type: 'object', required: ['items', 'total', 'now'],
    properties: {
      items: { type: 'array', items: ref('Task') },
      total: { ...int, description: 'Open tasks matching the filter, counted up to 1,000.' },
      totalCapped: { type: 'boolean', description: 'True when there are more than `total` (show "1,000+").' },
      now: str,
    },
  },
  Case: { type: 'object', required: ['id', 'procedure', 'bundleHash', 'status', 'version'], properties: caseProperties },
  CaseDetail: {
    type: 'object',
    required: ['id', 'procedure', 'bundleHash', 'status', 'version', 'tasks', 'timeline', 'documents'],
    properties: {
      ...caseProperties,
      tasks: { type: 'array', items: ref('Task'), description: 'Every task the case has had, open or not.' },
      timeline: { type: 'array', items: ref('Event') },
      documents: { type: 'array', items: ref('Document') },
    },
  },
  Event: {
    type: 'object', additionalProperties: true, required: ['seq', 'type', 'at'],
    description: "One event of a case's log, in order (`seq` from 1). The other fields depend on `type`.",
    properties: { seq: int, type: { enum: EVENT_TYPES }, at: str },
  },
  Document: { type: 'object', properties: documentProperties },
  AttachedDocument: {
    type: 'object',
    properties: { ...documentProperties, caseVersion: { type: 'integer', description: "The case's version after the attachment (it is an event of the case)." } },
  },
  WhatIf: {
    type: 'object', additionalProperties: false,
    properties: {
      subject: id, entity: id, input: json,
      asOf: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Jalali date parameters are read on' },
      now: { type: 'string', format: 'date-time' },
    },
  },
  WhatIfResult: {
    type: 'object', required: ['ok', 'failures'],
    properties: {
      ok: { type: 'boolean' }, failures: { type: 'array', items: ref('RuleFailure') }, asOf: str, procedure: str, rule: str,
      openCase: { ...ref('OpenCase'), description: 'An exclusive procedure whose subject already has an open case: that case (a start would be refused with 409).' },
    },
  },
  Rule: {
    type: 'object', required: ['id', 'label'],
    properties: { id: str, label: ref('Text'), message: ref('Text'), params: strings, when: {}, check: {}, source: json },
  },
  Checklist: {
    type: 'object', required: ['id', 'title', 'items'],
    properties: {
      id: str, title: ref('Text'),
      items: {
        type: 'array',
        items: {
          type: 'object', required: ['id', 'label', 'type', 'critical'],
          properties: {
            id: str, label: ref('Text'), type: { enum: ['boolean', 'number', 'string'] },
            critical: { type: 'boolean', description: 'A failed critical item fails the inspection.' },
            applies_when: { description: 'JSON-Logic over the answers (`form.<item>`): the item is asked only when it holds.' },
          },
        },
      },
    },
  },
  Form: { type: 'object', additionalProperties: true, required: ['id', 'fields', 'schema'], properties: { id: str, title: ref('Text'), fields: { type: 'array', items: json }, schema: json } },
  Parameter: {
    type: 'object',
    properties: {
      id: str, type: str, unit: str, label: ref('Text'), bounds: json, columns: json, value: {},
      provenance: { type: ['object', 'null'], properties: { value: {}, resolution: json, source: json } }, history: { type: 'array', items: json }, source: json,
    },
  },
  Parameters: { type: 'object', properties: { on: str, bundle: str, parameters: { type: 'array', items: ref('Parameter') } } },
  EntityType: {
    type: 'object', required: ['id', 'label', 'key'],
    properties: {
      id: str, label: ref('Text'), key: str, title: str, location: str, schema: json,
      computed: { ...strings, description: 'Names of the computed fields each record carries.' }, count: int,
    },
  },
  Record: {
    type: 'object', additionalProperties: true,
    description: 'A registry record; its shape is the entity schema of the bundle. Read back, it also carries `$title`, `$subtitle` and `$display` (how it reads to a person; ignored when written).',
  },
  Import: { type: 'object', properties: { entity: str, imported: int } },
  CaseCounts: {
    type: 'object',
    properties: {
      rows: { type: 'array', items: { type: 'object', properties: { procedure: str, status: str, count: int } } },
      byProcedure: { type: 'object', additionalProperties: { type: 'object', additionalProperties: int }, description: 'procedure → status → count' },
      total: int,
    },
  },
  Overdue: { type: 'object', properties: { now: str, items: { type: 'array', items: ref('Task') }, total: int } },
  Durations: {
    type: 'array',
    items: { type: 'object', properties: { procedure: str, count: int, meanDays: { type: 'number' }, medianDays: { type: 'number' }, p90Days: { type: 'number' }, maxDays: { type: 'number' } } },
  },
  DefinitionFile: {
    type: 'object', additionalProperties: false, required: ['path', 'content'],
    properties: {
      path: { type: 'string', minLength: 1, maxLength: 300, description: 'Relative to the definitions root, e.g. "<bundle>/rules/x.yaml"' },
      content: { type: 'string', maxLength: 2_000_000 },
      message: { type: 'string', maxLength: 2000 },
      baseVersion: { type: 'string', description: 'Hash of the version the edit started from: required to publish a change (428 without it; 409 if another was published since)' },
    },
  },
  DefinitionCheck: {
    type: 'object', additionalProperties: false, required: ['path', 'content'],
    properties: { path: { type: 'string', minLength: 1, maxLength: 300 }, content: { type: ['string', 'null'], maxLength: 2_000_000 } },
  },
  DefinitionFiles: {
    type: 'object',
    properties: {
      version: { type: 'object', properties: { ...versionProperties, diff: str } }, entry: { ...str, description: 'The served bundle folder.' },
      files: { type: 'array', items: { type: 'object', properties: { path: str, size: int } } },
    },
  },
  FileContent: { type: 'object', properties: { path: str, content: str, version: str } },
  CheckResult: {
    type: 'object',
    properties: {
      ok: { type: 'boolean' }, errors: { type: 'array', items: json }, lines: strings, warnings: { type: 'array', items: json },
      scenarios: { type: ['object', 'null'], additionalProperties: true }, hash: strOrNull,
    },
  },
  Version: { type: 'object', properties: { ...versionProperties, diff: { ...str, description: 'Unified diff from the parent version.' } } },
  Versions: {
    type: 'object',
    properties: { items: { type: 'array', items: { type: 'object', properties: versionProperties } }, total: int, current: { ...str, description: 'Hash of the current version.' } },
  },
  VersionDetail: {
    type: 'object',
    properties: { ...versionProperties, diff: str, files: strings, current: { type: 'boolean', description: 'Whether this is the current version.' } },
  },
  Job: {
    type: 'object',
    properties: {
      key: str, kind: str, dueAt: str, payload: json, status: { enum: ['pending', 'done', 'failed', 'cancelled'] }, attempts: int,
      createdAt: str, doneAt: strOrNull, result: {},
    },
  },
  OutboxMessage: {
    type: 'object',
    properties: {
      id: int, createdAt: str, recipient: { ...str, description: 'A role id.' }, message: ref('Text'), caseId: strOrNull, source: strOrNull,
      status: { enum: ['pending', 'sent', 'failed'] }, attempts: int, sentAt: strOrNull, lastError: strOrNull,
    },
  },
  TickReport: {
    type: 'object',
    properties: {
      fired: int, failed: int, delivered: int,
      postponed: { ...int, description: "Jobs left pending for later: their case's definition version does not load (retried with backoff, and at every start)." },
    },
  },
  AuditEntry: {
    type: 'object',
    properties: {
      id: int, at: str, userId: strOrNull, username: strOrNull, action: str,
      target: strOrNull, ip: strOrNull, status: { type: ['integer', 'null'] }, detail: {},
    },
  },
  Json: json,
} as const satisfies Record<string, Schema>;
