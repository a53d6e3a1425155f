/**
 * JSON Schemas (2020-12) of the API's bodies: the OpenAPI document's components. Response schemas name every field the
 * server sends (the tests check responses against them with undeclared fields refused); a schema that is open on
 * purpose — a registry record, a compiled definition — says `additionalProperties: true`.
 */

import { REFUSAL_CODES } from '../../engine/index.js';
import { DEFINITION_PATH_PATTERN } from '../bundles/files.js';

type Schema = Record<string, unknown>;

const text = { type: 'object', required: ['fa'], properties: { fa: { type: 'string' }, en: { type: 'string' } } } as const;
/** A `{ fa, en }` text in a request body, each language labelled (errors name them). */
const requestText = (fa: string, en: string): Schema => ({
  type: 'object', required: ['fa'], additionalProperties: false, 'x-label': { fa, en },
  properties: { fa: { type: 'string', 'x-label': { fa: `${fa} (فارسی)`, en: `${en} (Persian)` } }, en: { type: 'string', 'x-label': { fa: `${fa} (انگلیسی)`, en: `${en} (English)` } } },
});
const id = { type: 'string', minLength: 1, maxLength: 200 } as const;
const json = { type: 'object', additionalProperties: true } as const;
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;
const strings = { type: 'array', items: str } as const;
/** A request field's schema with its label (`x-label`), which request-validation messages name it by (messages.ts). */
const lbl = (schema: Schema, fa: string, en: string): Schema => ({ ...schema, 'x-label': { fa, en } });

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
  id: str, caseId: str, name: { anyOf: [str, { $ref: '#/components/schemas/Withheld' }], description: "The file's name; withheld for a confidential step's document the user may not read." },
  withheld: { type: 'boolean', description: "A confidential step's document the user may not read (its download is refused)." },
  mediaType: str, size: int, sha256: str, taskId: strOrNull, uploadedBy: str, uploadedAt: str,
} as const;

const versionProperties = {
  hash: str, seq: int, bundleId: str, parentHash: strOrNull, author: str, createdAt: str, message: strOrNull,
  changed: { ...strings, description: 'Files changed from the parent version.' },
} as const;

/** Event types of a case's log: the interpreter's, plus `document.attached` which the server appends. */
export const EVENT_TYPES = [
  'case.started', 'step.entered', 'task.opened', 'task.completed', 'join.arrived', 'step.completed', 'timer.scheduled', 'timer.fired',
  'entity.updated', 'entity.created', 'notification.requested', 'subcase.requested', 'subcase.ended', 'selection.made', 'case.ended', 'case.cancelled', 'case.failed',
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
      '(definitions: `DefinitionError`s with `message` and `message_fa`, also `lines` as file:line:col: message); `scenarios-failed` adds ' +
      '`scenarios` (each failed scenario with `expected`, `happened` and `problems`, each in Persian and English).',
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
      refusal: { type: 'string', enum: [...REFUSAL_CODES], description: 'The interpreter refusal code.' },
      failures: { type: 'array', items: ref('RuleFailure') },
      fieldErrors: { type: 'array', items: { type: 'object', properties: { path: str, message: ref('Text') } } },
      errors: { type: 'array', items: json },
      lines: { ...strings, description: 'Definition errors as `file:line:col: message`.' },
      expectedVersion: { type: ['integer', 'string'] },
      currentVersion: { type: ['integer', 'string'] },
      requiredRoles: strings,
      unknownRoles: strings,
      externalRoles: { ...strings, description: 'External roles (outside authorities) a user cannot hold.' },
      accepted: { ...strings, description: 'Accepted media types (415 on upload).' },
      scenarios: { type: 'object', properties: { passed: int, failed: int, results: { type: 'array', items: json } } },
      definitionVersion: { ...str, description: 'The definition version a case runs on that no longer loads (definition-version-unavailable).' },
      rule: { ...str, description: 'The rule that could not be evaluated (cannot-evaluate).' },
      error: { ...str, description: "The evaluator's error code (cannot-evaluate)." },
      openCase: { ...ref('OpenCase'), description: 'case-already-open: the open case (link to it by id, name it by number).' },
      field: { ...str, description: 'last-admin: the field of the change that was refused (disabled or roles).' },
      cases: { type: 'array', items: { type: 'object', properties: { id: str, number: { type: ['string', 'null'] } } }, description: 'A registry record that cannot be deleted: (some of) the cases that name it.' },
      report: { ...ref('Import'), description: 'A CSV import refused (mode=all): what it would have added and changed, and every problem by row and column.' },
    },
  },
  RuleFailure: {
    type: 'object',
    required: ['rule', 'label', 'message', 'values', 'shown', 'resolutions'],
    properties: {
      rule: str,
      label: ref('Text'),
      message: ref('Text'),
      values: { ...json, description: 'Every value the rule computed (for programs and the message). A person is shown `shown` only.' },
      shown: {
        type: 'array',
        description: "The values the rule's `show:` labels, in its order: what a refusal panel shows (label: display unit).",
        items: {
          type: 'object', required: ['key', 'label', 'value'],
          properties: {
            key: str, label: ref('Text'), value: {},
            display: { ...ref('Text'), description: "The value's words: an option's label, a record's title, a Jalali date, a number in the language's digits." },
            unit: { ...ref('Text'), description: "The unit's label." },
          },
        },
      },
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
  Session: { type: 'object', required: ['user'], properties: { user: { oneOf: [ref('User'), { type: 'null' }] } } },
  Login: { type: 'object', required: ['user', 'csrfToken'], properties: { user: ref('User'), csrfToken: str } },
  User: {
    type: 'object',
    required: ['id', 'username', 'name', 'roles'],
    properties: {
      id: str, username: str, name: str, roles: strings,
      disabled: { type: 'boolean' }, createdAt: str, updatedAt: str,
      party: { ...strOrNull, description: "The registry record the user is (the key of a record of the party role's entity), for a user of a party role; null otherwise." },
      mustChangePassword: { type: 'boolean', description: 'Signed in with a one-time password (dabir users reset-admin): every request but /auth/* is refused (403 password-change-required) until a new password is set.' },
    },
  },
  Role: {
    type: 'object', required: ['id', 'label'],
    properties: {
      id: str, label: ref('Text'), external: { type: 'boolean' }, keepsRegistry: { type: 'boolean', description: 'Users in this role keep the registry (keeps_registry).' },
      party: { type: 'object', properties: { entity: str }, description: 'A party role: each user of it is one record of `entity` (chosen on the users page) and sees only their own cases.' },
    },
  },
  LoginRequest: {
    type: 'object', additionalProperties: false, required: ['username', 'password'],
    properties: {
      username: lbl({ type: 'string', minLength: 1, maxLength: 100 }, 'نام کاربری', 'Username'),
      password: lbl({ type: 'string', minLength: 1, maxLength: 500 }, 'گذرواژه', 'Password'),
    },
  },
  PasswordChange: {
    type: 'object', additionalProperties: false, required: ['current', 'next'],
    properties: {
      current: lbl({ type: 'string', minLength: 1, maxLength: 500 }, 'گذرواژهٔ فعلی', 'Current password'),
      next: lbl({ type: 'string', minLength: 10, maxLength: 500 }, 'گذرواژهٔ جدید', 'New password'),
    },
  },
  NewUser: {
    type: 'object', additionalProperties: false, required: ['username', 'password', 'roles'],
    properties: {
      username: lbl({ type: 'string', pattern: '^[A-Za-z0-9_.@-]{2,64}$' }, 'نام کاربری', 'Username'), name: lbl({ type: 'string', maxLength: 200 }, 'نام', 'Name'),
      password: lbl({ type: 'string', minLength: 10, maxLength: 500 }, 'گذرواژه', 'Password'),
      roles: lbl({ type: 'array', items: lbl(id, 'نقش', 'Role'), maxItems: 50 }, 'نقش‌ها', 'Roles'),
      party: lbl({ ...id, description: "For a party role: the key of the user's own record of the role's entity." }, 'طرف پرونده (رکورد)', 'Party (record)'),
    },
  },
  UserPatch: {
    type: 'object', additionalProperties: false,
    properties: {
      name: lbl({ type: 'string', maxLength: 200 }, 'نام', 'Name'), roles: lbl({ type: 'array', items: lbl(id, 'نقش', 'Role'), maxItems: 50 }, 'نقش‌ها', 'Roles'),
      disabled: lbl({ type: 'boolean' }, 'غیرفعال', 'Disabled'), password: lbl({ type: 'string', minLength: 10, maxLength: 500 }, 'گذرواژه', 'Password'),
      party: lbl({ type: ['string', 'null'], minLength: 1, maxLength: 200, description: "For a party role: the key of the user's own record (null: none)." }, 'طرف پرونده (رکورد)', 'Party (record)'),
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
    properties: { procedure: lbl(id, 'فرایند', 'Procedure'), subject: lbl(id, 'موضوع پرونده', 'Subject'), input: lbl(json, 'اطلاعات شروع', 'Start data') },
  },
  CompleteTask: {
    type: 'object', additionalProperties: false, required: ['expectedVersion'],
    properties: {
      expectedVersion: lbl({ type: 'integer', minimum: 0 }, 'نسخهٔ پرونده', 'Case version'), outcome: lbl(id, 'نتیجه', 'Outcome'), data: lbl(json, 'داده‌های فرم', 'Form data'),
    },
  },
  CancelCase: {
    type: 'object', additionalProperties: false, required: ['expectedVersion'],
    description: 'The reason is required: a blank one is refused (422, a field error on /reason).',
    properties: {
      expectedVersion: lbl({ type: 'integer', minimum: 0 }, 'نسخهٔ پرونده', 'Case version'), reason: lbl({ type: 'string', maxLength: 2000 }, 'دلیل ابطال', 'Reason for cancelling'),
    },
  },
  ReturnCase: {
    type: 'object', additionalProperties: false, required: ['expectedVersion', 'task', 'to'],
    description: "Sends the case back from an open task to an earlier step the task's step declares in `returns:` (by one of the roles named there). The reason is required (422, a field error on /reason).",
    properties: {
      expectedVersion: lbl({ type: 'integer', minimum: 0 }, 'نسخهٔ پرونده', 'Case version'),
      task: lbl({ ...id, description: 'The open task (its id).' }, 'کار', 'Task'),
      to: lbl({ ...id, description: 'The earlier step.' }, 'مرحلهٔ بازگشت', 'Step to return to'),
      reason: lbl({ type: 'string', maxLength: 2000 }, 'دلیل بازگرداندن', 'Reason for returning'),
    },
  },
  PreviewTask: {
    type: 'object', additionalProperties: false,
    properties: { outcome: lbl({ ...id }, 'نتیجه', 'Outcome'), data: lbl({ ...json }, 'دادهٔ فرم', 'Form data') },
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
      refusal: { type: 'object', properties: { code: { type: 'string', enum: [...REFUSAL_CODES] }, message: ref('Text') }, description: 'Why it would be refused.' },
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
  Withheld: {
    type: 'object', required: ['$withheld'],
    description: "In place of a value the user may not read (a sensitive field, a confidential step's answer): the UI shows «محرمانه». `label`: the sensitive group's name.",
    properties: { $withheld: { const: true }, label: ref('Text') },
  },
  StepRecord: {
    type: 'object',
    properties: {
      outcome: { anyOf: [str, ref('Withheld')] }, data: { anyOf: [json, ref('Withheld')] }, by: str, at: str, visits: int,
      withheld: { type: 'boolean', description: 'A confidential step the user may not read: that it happened and when, not its answers.' },
      previous: { type: 'object', additionalProperties: true, description: "The step's answers of its previous visit (outcome, data, items), once it is entered again (or withheld)." },
      items: { type: 'object', additionalProperties: { type: 'object', properties: { outcome: str, data: json } }, description: 'inquiry-each: item → answer (or withheld).' },
      children: { type: 'object', additionalProperties: str, description: "subprocedure: child case id → its result ('' while it runs)." },
    },
  },
  TaskInfo: {
    type: 'object',
    properties: {
      id: str, step: str, kind: str, role: str, item: str,
      due: str, clockStopped: { type: 'boolean' }, overdue: { type: 'boolean' },
      prefill: { ...json, description: "Field (or checklist item) id → the value the task's form starts with, computed from the case's data (its `prefill` logic); the user may change it." },
    },
  },
  Task: {
    type: 'object',
    properties: {
      caseId: str, taskId: str, step: str, kind: str, role: str,
      item: strOrNull, procedure: str, subject: strOrNull, due: strOrNull,
      clockStopped: { type: 'boolean' }, status: { enum: ['open', 'done', 'closed'] }, openedAt: str, closedAt: strOrNull,
      closedBy: strOrNull, outcome: { anyOf: [str, { type: 'null' }, ref('Withheld')] }, overdue: { type: 'boolean' }, caseVersion: { type: ['integer', 'null'] },
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
  StagedDocument: {
    type: 'object', required: ['id', 'name', 'mediaType', 'size', 'sha256', 'uploadedAt', 'expiresAt'],
    properties: {
      id: str, name: str, mediaType: str, size: int, sha256: str, uploadedAt: str,
      expiresAt: { ...str, description: 'When the upload is deleted if no start has used it.' },
    },
  },
  AttachedDocument: {
    type: 'object',
    properties: { ...documentProperties, caseVersion: { type: 'integer', description: "The case's version after the attachment (it is an event of the case)." } },
  },
  WhatIf: {
    type: 'object', additionalProperties: false,
    properties: {
      subject: lbl(id, 'موضوع', 'Subject'), entity: lbl(id, 'نوع ثبت', 'Record type'), input: lbl(json, 'اطلاعات', 'Input'),
      asOf: lbl({ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Jalali date parameters are read on' }, 'تاریخ داوری', 'Judging date'),
      now: lbl({ type: 'string', format: 'date-time' }, 'زمان', 'Instant'),
    },
  },
  WhatIfResult: {
    type: 'object', required: ['ok', 'failures'],
    properties: {
      ok: { type: 'boolean' }, failures: { type: 'array', items: ref('RuleFailure') }, asOf: str, procedure: str, rule: str,
      derived: { ...json, description: "A procedure's what-if: the start form's derived fields as a start would compute them (field → value); values sent for them are ignored." },
      openCase: { ...ref('OpenCase'), description: 'An exclusive procedure whose subject already has an open case: that case (a start would be refused with 409).' },
    },
  },
  Rule: {
    type: 'object', required: ['id', 'label'],
    properties: { id: str, label: ref('Text'), message: ref('Text'), params: strings, when: {}, check: {}, source: json },
  },
  Checklist: {
    type: 'object', required: ['id', 'title', 'items', 'schema'],
    properties: {
      id: str, title: ref('Text'),
      items: {
        type: 'array',
        items: {
          type: 'object', additionalProperties: true, required: ['id', 'label', 'type', 'critical'],
          description: 'An item is a form field (type, options, options_from, unit, entity, min, max…) with its critical flag and condition.',
          properties: {
            id: str, label: ref('Text'), type: { enum: ['string', 'text', 'number', 'integer', 'boolean', 'date', 'enum', 'location', 'ref', 'file', 'list'] },
            critical: { type: 'boolean', description: 'A failed critical item fails the inspection.' },
            applies_when: { description: 'JSON-Logic over the answers (`form.<item>`): the item is asked only when it holds.' },
          },
        },
      },
      schema: { ...json, description: "The items compiled like a form's fields (JSON Schema with x- annotations: x-widget, x-options, x-unit-label, x-critical, x-applies-when); options of tables as in force." },
    },
  },
  Form: {
    type: 'object', additionalProperties: true, required: ['id', 'fields', 'schema'],
    description: 'A form: its fields and their compiled JSON Schema (x- annotations: x-label, x-widget, x-entity, x-options, x-unit-label, x-derived…); options from a table are those in force.',
    properties: { id: str, title: ref('Text'), fields: { type: 'array', items: json }, schema: json, source: json },
  },
  Parameter: {
    type: 'object',
    properties: {
      id: str, type: str, unit: { ...str, description: "The unit's id (see unitLabel)." }, unitLabel: { type: ['object', 'null'], required: ['fa'], properties: { fa: str, en: str }, description: "The unit's label (e.g. متر مربع / m²), or null." },
      label: ref('Text'), bounds: json, columns: json, value: {},
      provenance: { type: ['object', 'null'], properties: { value: {}, resolution: json, source: json, inForce: { type: 'boolean' }, scheduled: { type: 'boolean' } } },
      history: { type: 'array', items: json, description: 'Every value over time with its resolution (`inForce` marks the one in force on `on`, `scheduled` those dated after it).' },
      source: json,
    },
  },
  Parameters: { type: 'object', properties: { on: str, bundle: str, parameters: { type: 'array', items: ref('Parameter') } } },
  EntityType: {
    type: 'object', required: ['id', 'label', 'key'],
    properties: {
      id: str, label: ref('Text'), key: str, title: str, subtitle: str, location: str, schema: json,
      computed: { ...strings, description: 'Names of the computed fields each record carries.' },
      computedLabels: { type: 'object', additionalProperties: ref('Text'), description: 'Computed field name → its label (from `computed_labels`).' }, count: int,
      keep: { type: 'boolean', description: 'Whether you may keep this registry (add, edit, retire, import): a role with keeps_registry, or an administrator.' },
    },
  },
  RetireBody: {
    type: 'object', required: ['reason'],
    properties: { reason: lbl({ type: 'string', minLength: 1, maxLength: 2000 }, 'دلیل بایگانی', 'Reason for retiring'), $version: lbl({ type: 'integer', minimum: 1 }, 'نسخهٔ خوانده‌شدهٔ رکورد', 'Record version read') },
  },
  RestoreBody: { type: 'object', properties: { $version: lbl({ type: 'integer', minimum: 1 }, 'نسخهٔ خوانده‌شدهٔ رکورد', 'Record version read') } },
  RecordState: {
    type: 'object', required: ['$version', '$retired'],
    properties: { $version: int, $retired: { type: ['object', 'null'], properties: { at: str, by: str, reason: str } } },
  },
  RecordCases: {
    type: 'object', required: ['items', 'total', 'history'],
    properties: {
      items: {
        type: 'array',
        items: {
          type: 'object',
          properties: { id: str, number: { type: ['string', 'null'] }, procedure: str, procedureLabel: ref('Text'), status: str, subject: { type: 'boolean' }, startedOn: str },
        },
      },
      total: int,
      history: {
        type: 'array',
        items: {
          type: 'object',
          properties: { caseId: str, number: { type: ['string', 'null'] }, procedureLabel: ref('Text'), result: { type: ['string', 'null'] }, resultLabel: ref('Text'), on: str },
        },
      },
    },
  },
  Record: {
    type: 'object', additionalProperties: true,
    description: 'A registry record; its shape is the entity schema of the bundle. Read back, it also carries `$title`, `$subtitle` and `$display` (how it reads to a person; ignored when written).',
  },
  Import: {
    type: 'object',
    properties: {
      entity: str, mode: { enum: ['preview', 'all', 'valid-only'] }, rows: int, unchanged: int, invalidRows: int, written: int, imported: int,
      adds: { type: 'array', items: { type: 'object', properties: { row: int, id: str, title: str } } },
      changes: {
        type: 'array',
        items: {
          type: 'object',
          properties: { row: int, id: str, title: str, fields: { type: 'array', items: { type: 'object', properties: { path: str, label: str, before: str, after: str } } } },
        },
      },
      errors: { type: 'array', items: { type: 'object', properties: { row: int, column: { type: ['string', 'null'] }, message: ref('Text') } } },
    },
  },
  Nearby: {
    type: 'object', required: ['point', 'items'],
    properties: {
      point: ref('Point'),
      items: {
        type: 'array',
        items: {
          type: 'object', required: ['id', '$title', '$subtitle', 'location', 'distance_m'],
          properties: {
            id: { ...str, description: "The record's key." }, $title: ref('Text'), $subtitle: { oneOf: [ref('Text'), { type: 'null' }] },
            location: ref('Point'), distance_m: { ...int, description: 'Metres from the point, rounded down.' },
          },
        },
      },
    },
  },
  Point: { type: 'object', required: ['lat', 'lon'], properties: { lat: { type: 'number' }, lon: { type: 'number' } } },
  Config: {
    type: 'object', required: ['tilesUrl', 'tilesAttribution'],
    properties: {
      tilesUrl: { ...strOrNull, description: 'A tile URL template ({z}/{x}/{y}); null: maps draw the registry on a plain background.' },
      tilesAttribution: { ...strOrNull, description: "Plain text crediting the tile server (shown in the map's corner)." },
    },
  },
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
      path: lbl({ type: 'string', minLength: 1, maxLength: 300, pattern: DEFINITION_PATH_PATTERN, description: 'Relative to the definitions root, e.g. "<bundle>/rules/x.yaml"' }, 'مسیر فایل', 'File path'),
      content: lbl({ type: 'string', maxLength: 2_000_000 }, 'متن فایل', 'File content'),
      message: lbl({ type: 'string', maxLength: 2000 }, 'شرح تغییر', 'Change description'),
      baseVersion: lbl({ type: 'string', description: 'Hash of the version the edit started from: required to publish a change (428 without it; 409 if another was published since)' }, 'نسخهٔ پایه', 'Base version'),
    },
  },
  DefinitionCheck: {
    type: 'object', additionalProperties: false,
    description: 'One file (`path`, `content`) or a change set (`files`).',
    oneOf: [{ required: ['path', 'content'] }, { required: ['files'] }],
    properties: {
      path: lbl({ type: 'string', minLength: 1, maxLength: 300, pattern: DEFINITION_PATH_PATTERN }, 'مسیر فایل', 'File path'),
      content: lbl({ type: ['string', 'null'], maxLength: 2_000_000 }, 'متن فایل', 'File content'),
      files: lbl({ type: 'array', minItems: 1, maxItems: 200, items: ref('FileChange') }, 'فایل‌ها', 'Files'),
    },
  },
  FileChange: {
    type: 'object', additionalProperties: false, required: ['path', 'content'],
    properties: { path: lbl({ type: 'string', minLength: 1, maxLength: 300, pattern: DEFINITION_PATH_PATTERN }, 'مسیر فایل', 'File path'), content: lbl({ type: ['string', 'null'], maxLength: 2_000_000 }, 'متن فایل', 'File content') },
  },
  ChangeSet: {
    type: 'object', additionalProperties: false, required: ['files'],
    properties: {
      files: lbl({ type: 'array', minItems: 1, maxItems: 200, items: ref('FileChange') }, 'فایل‌ها', 'Files'),
      message: lbl({ type: 'string', maxLength: 2000 }, 'شرح تغییر', 'Change description'),
      baseVersion: lbl({ type: 'string', maxLength: 100, description: 'Hash of the version the change set was made on (428 without it; 409 if another was published since)' }, 'نسخهٔ پایه', 'Base version'),
    },
  },
  ProposalRequest: {
    type: 'object', additionalProperties: false, required: ['value', 'date', 'title'],
    properties: {
      value: lbl({ description: "The new value, of the parameter's type (a table: a list of rows of its columns)." }, 'مقدار جدید', 'New value'),
      date: lbl({ type: 'string', maxLength: 10, description: 'Jalali effective date YYYY-MM-DD (ASCII digits).' }, 'تاریخ اجرا', 'Effective date'),
      title: requestText('عنوان مصوبه', 'Resolution title'),
      number: lbl({ type: 'string', maxLength: 60, description: "The resolution's number as its issuer gave it." }, 'شمارهٔ مصوبه', 'Resolution number'),
      reference: requestText('مستند (ماده / پیوست)', 'Reference'),
      updateScenarios: lbl({ type: 'array', maxItems: 500, items: { type: 'string', maxLength: 200 }, description: 'Ids of turned scenarios whose `expect` to rewrite to their new outcome.' }, 'سناریوهای به‌روزشونده', 'Scenarios to update'),
    },
  },
  ProposalReport: {
    type: 'object',
    required: ['ok', 'baseVersion', 'parameter', 'resolution', 'inForce', 'files', 'fieldErrors', 'errors', 'scenarios', 'changes'],
    properties: {
      ok: { type: 'boolean', description: 'The drafted files load and every scenario passes with them: ready to publish.' },
      baseVersion: { ...str, description: 'The version the draft was made on.' },
      parameter: str,
      resolution: { type: ['object', 'null'], additionalProperties: true, description: 'The drafted resolution: id, title, date, number, reference, sets.' },
      inForce: { type: 'boolean', description: 'The date is today or earlier (else the value is scheduled).' },
      files: { type: 'array', items: { type: 'object', properties: { path: str, content: str, previous: strOrNull, diff: str } } },
      fieldErrors: { type: 'array', items: { type: 'object', properties: { path: str, message: ref('Text') } } },
      errors: { type: 'array', items: ref('DefinitionError') },
      scenarios: {
        type: ['object', 'null'],
        properties: { before: { type: 'object', properties: { passed: int, failed: int } }, after: { type: 'object', properties: { passed: int, failed: int } } },
      },
      changes: { type: 'array', items: ref('VerdictChange') },
    },
  },
  DefinitionError: {
    type: 'object', required: ['code', 'message', 'message_fa', 'file', 'line', 'col'],
    description: 'A definition problem at file:line:col: `message` in English, `message_fa` in Persian.',
    properties: { code: str, message: str, message_fa: str, file: str, pointer: str, line: int, col: int },
  },
  VerdictChange: {
    type: 'object',
    description: 'A scenario whose verdict a change turns: before and after (passed, outcome, what happened), why (Persian and English), and the expectation its new outcome satisfies.',
    properties: {
      id: str, title: ref('Text'), source: json, expected: ref('Text'),
      before: ref('VerdictSide'), after: ref('VerdictSide'), why: ref('Text'),
      expect: { type: 'object', additionalProperties: true }, updated: { type: 'boolean', description: 'Its `expect` was rewritten in this draft.' },
    },
  },
  VerdictSide: {
    type: 'object',
    properties: { passed: { type: 'boolean' }, outcome: json, happened: ref('Text'), problems: { type: 'array', items: ref('Text') } },
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
      ok: { type: 'boolean' }, errors: { type: 'array', items: ref('DefinitionError') }, lines: strings, warnings: { type: 'array', items: json },
      scenarios: { type: ['object', 'null'], additionalProperties: true }, hash: strOrNull,
      registry: {
        type: ['object', 'null'],
        description: 'What publishing would do to the live registry: records the registry files add, change (field by field, live value → new) and remove (retired); `problems` make the publish refused.',
        properties: {
          adds: { type: 'array', items: ref('RegistrySyncItem') }, changes: { type: 'array', items: ref('RegistrySyncItem') }, removals: { type: 'array', items: ref('RegistrySyncItem') },
          problems: { type: 'array', items: { type: 'object', properties: { entity: str, id: str, title: str, message: ref('Text') } } },
        },
      },
    },
  },
  RegistrySyncItem: {
    type: 'object',
    properties: {
      entity: str, entityLabel: ref('Text'), id: str, title: str,
      fields: { type: 'array', items: { type: 'object', properties: { path: str, label: str, before: str, after: str } } },
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
