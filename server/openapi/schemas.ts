/** JSON Schemas (2020-12) of the API's bodies: the OpenAPI document's components. */

const text = { type: 'object', required: ['fa'], properties: { fa: { type: 'string' }, en: { type: 'string' } } } as const;
const id = { type: 'string', minLength: 1, maxLength: 200 } as const;
const json = { type: 'object', additionalProperties: true } as const;

export const schemas = {
  Text: text,
  Problem: {
    type: 'object',
    description:
      'RFC 9457 problem details. `type` is `urn:dabir:problem:<code>` and stable; `title` (Persian) and `title_en` (English) name the kind of problem; ' +
      '`detail` (Persian) and `detail_en` (English) say what happened this time. Rule refusals add `refusal` and `failures` (every failed rule with its ' +
      'values and the resolutions behind it); form problems add `fieldErrors`; request validation and definition problems add `errors`.',
    required: ['type', 'code', 'status', 'title', 'title_en'],
    properties: {
      type: { type: 'string', examples: ['urn:dabir:problem:rule-refused'] },
      code: { type: 'string' },
      status: { type: 'integer' },
      title: { type: 'string' },
      title_en: { type: 'string' },
      detail: { type: 'string' },
      detail_en: { type: 'string' },
      instance: { type: 'string' },
      refusal: { type: 'string' },
      failures: { type: 'array', items: { $ref: '#/components/schemas/RuleFailure' } },
      fieldErrors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { $ref: '#/components/schemas/Text' } } } },
      errors: { type: 'array', items: json },
      expectedVersion: {},
      currentVersion: {},
      requiredRoles: { type: 'array', items: { type: 'string' } },
    },
  },
  RuleFailure: {
    type: 'object',
    required: ['rule', 'label', 'message', 'values', 'resolutions'],
    properties: {
      rule: { type: 'string' },
      label: { $ref: '#/components/schemas/Text' },
      message: { $ref: '#/components/schemas/Text' },
      values: json,
      resolutions: { type: 'array', items: json },
    },
  },
  User: {
    type: 'object',
    required: ['id', 'username', 'name', 'roles'],
    properties: {
      id: { type: 'string' }, username: { type: 'string' }, name: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } },
      disabled: { type: 'boolean' }, createdAt: { type: 'string' }, updatedAt: { type: 'string' },
    },
  },
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
    properties: { expectedVersion: { type: 'integer', minimum: 0 }, reason: { type: 'string', maxLength: 2000 } },
  },
  TaskInfo: {
    type: 'object',
    properties: {
      id: { type: 'string' }, step: { type: 'string' }, kind: { type: 'string' }, role: { type: 'string' }, item: { type: 'string' },
      due: { type: 'string' }, clockStopped: { type: 'boolean' }, overdue: { type: 'boolean' },
    },
  },
  Task: {
    type: 'object',
    properties: {
      caseId: { type: 'string' }, taskId: { type: 'string' }, step: { type: 'string' }, kind: { type: 'string' }, role: { type: 'string' },
      item: { type: ['string', 'null'] }, procedure: { type: 'string' }, subject: { type: ['string', 'null'] }, due: { type: ['string', 'null'] },
      clockStopped: { type: 'boolean' }, status: { enum: ['open', 'done', 'closed'] }, openedAt: { type: 'string' }, closedAt: { type: ['string', 'null'] },
      closedBy: { type: ['string', 'null'] }, outcome: { type: ['string', 'null'] }, overdue: { type: 'boolean' }, caseVersion: { type: ['integer', 'null'] },
    },
  },
  Case: {
    type: 'object',
    required: ['id', 'procedure', 'bundleHash', 'status', 'version'],
    properties: {
      id: { type: 'string' }, procedure: { type: 'string' }, bundleHash: { type: 'string' }, status: { enum: ['active', 'ended', 'cancelled', 'failed'] },
      result: { type: ['string', 'null'] }, subject: { type: ['string', 'null'] }, parentId: { type: ['string', 'null'] },
      version: { type: 'integer', description: 'Number of events; send it back as expectedVersion.' },
      startedAt: { type: 'string' }, startedBy: { type: 'string' }, endedAt: { type: ['string', 'null'] }, updatedAt: { type: 'string' },
      input: json, subjectRecord: {}, judgedOn: { type: 'string' }, path: { type: 'array', items: { type: 'string' } }, steps: json,
      openTasks: { type: 'array', items: { $ref: '#/components/schemas/TaskInfo' } }, timers: json, children: json, error: {},
    },
  },
  CaseDetail: {
    allOf: [
      { $ref: '#/components/schemas/Case' },
      {
        type: 'object',
        properties: {
          tasks: { type: 'array', items: { $ref: '#/components/schemas/Task' } },
          timeline: { type: 'array', items: { type: 'object', required: ['seq', 'type', 'at'], properties: { seq: { type: 'integer' }, type: { type: 'string' }, at: { type: 'string' } } } },
          documents: { type: 'array', items: { $ref: '#/components/schemas/Document' } },
        },
      },
    ],
  },
  Document: {
    type: 'object',
    properties: {
      id: { type: 'string' }, caseId: { type: 'string' }, name: { type: 'string' }, mediaType: { type: 'string' }, size: { type: 'integer' },
      sha256: { type: 'string' }, taskId: { type: ['string', 'null'] }, uploadedBy: { type: 'string' }, uploadedAt: { type: 'string' },
    },
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
    properties: { ok: { type: 'boolean' }, failures: { type: 'array', items: { $ref: '#/components/schemas/RuleFailure' } }, asOf: { type: 'string' }, procedure: { type: 'string' }, rule: { type: 'string' } },
  },
  Parameter: {
    type: 'object',
    properties: {
      id: { type: 'string' }, type: { type: 'string' }, unit: { type: 'string' }, label: { $ref: '#/components/schemas/Text' }, value: {},
      provenance: { type: ['object', 'null'], properties: { value: {}, resolution: json, source: json } }, history: { type: 'array', items: json }, source: json,
    },
  },
  Record: { type: 'object', additionalProperties: true, description: 'A registry record; its shape is the entity schema of the bundle.' },
  DefinitionFile: {
    type: 'object', additionalProperties: false, required: ['path', 'content'],
    properties: {
      path: { type: 'string', minLength: 1, maxLength: 300, description: 'Relative to the definitions root, e.g. "<bundle>/rules/x.yaml"' },
      content: { type: 'string', maxLength: 2_000_000 },
      message: { type: 'string', maxLength: 2000 },
      baseVersion: { type: 'string', description: 'Hash of the version the edit started from (409 if another was published since)' },
    },
  },
  DefinitionCheck: {
    type: 'object', additionalProperties: false, required: ['path', 'content'],
    properties: { path: { type: 'string', minLength: 1, maxLength: 300 }, content: { type: ['string', 'null'], maxLength: 2_000_000 } },
  },
  Version: {
    type: 'object',
    properties: {
      hash: { type: 'string' }, seq: { type: 'integer' }, bundleId: { type: 'string' }, parentHash: { type: ['string', 'null'] }, author: { type: 'string' },
      createdAt: { type: 'string' }, message: { type: ['string', 'null'] }, changed: { type: 'array', items: { type: 'string' } }, diff: { type: 'string' },
    },
  },
  Job: json,
  OutboxMessage: json,
  AuditEntry: {
    type: 'object',
    properties: {
      id: { type: 'integer' }, at: { type: 'string' }, userId: { type: ['string', 'null'] }, username: { type: ['string', 'null'] }, action: { type: 'string' },
      target: { type: ['string', 'null'] }, ip: { type: ['string', 'null'] }, status: { type: ['integer', 'null'] }, detail: {},
    },
  },
  Json: json,
} as const;
