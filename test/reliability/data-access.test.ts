/**
 * Issue 11, item 5: the data-access matrix generated from the loaded definitions (Ardabil, as deployed). For every
 * role of the bundle (and admin) × every entity with `sensitive:` groups × every sensitive field × the own / another
 * party's case, a user of that role reads the record and the case through the real HTTP server, and exactly what the
 * definitions declare is readable: the value where a group gives the role the field, `{ $withheld: true }` elsewhere,
 * 404 / 403 where the record or case is not theirs. Then a fuzz pass (fast-check) over endpoints and ids looks for any
 * sensitive marker string in any answer to a user who may not read it.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fsSource } from '../../cli/fs-source.js';
import { loadBundle } from '../../engine/load/index.js';
import type { Bundle, EntityDef, ProcedureDef, Scenario } from '../../engine/model.js';
import { adminClient, testEnv, userWith, type Client, type TestEnv } from '../server/helpers.js';

type Obj = Record<string, unknown>;
const DEFS = 'definitions/ardabil';
const NOW = '2026-05-10T04:30:00.000Z';

const bundle: Bundle = (() => {
  const r = loadBundle(DEFS, fsSource);
  if (!r.bundle) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.bundle;
})();

const rolesOf = (p: ProcedureDef) => new Set([...p.start.roles, ...p.steps.flatMap((s) => ('role' in s && typeof s.role === 'string' ? [s.role] : []))]);
const at = (o: unknown, path: string[]) => path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Obj)[k] : undefined), o);

/** A unique string that the field's schema accepts (its pattern, when it has one). */
let serial = 0;
function marker(schema: Obj): string {
  serial++;
  const digits = (n: number) => String(7_000_000_000_000 + serial * 7919).slice(-n);
  const candidates = [`MX${serial}Q${digits(6)}`, digits(10), `09${digits(9)}`, digits(11), digits(8)];
  const re = typeof schema.pattern === 'string' ? new RegExp(schema.pattern) : undefined;
  const hit = candidates.find((c) => !re || re.test(c));
  if (!hit) throw new Error(`no marker fits ${String(schema.pattern)}`);
  return hit;
}

interface Subject {
  entity: EntityDef;
  procedure: ProcedureDef;
  scenario: Scenario;
  /** own → the party user's record, other → another party's. */
  ids: { own: string; other: string };
  records: { own: Obj; other: Obj };
  /** Sensitive field → its readers. */
  fields: Map<string, string[]>;
  cases: { own: string; other: string };
}

describe('data-access matrix from the definitions', { timeout: 300_000 }, () => {
  let env: TestEnv;
  let admin: Client;
  const users = new Map<string, Client>();
  const subjects: Subject[] = [];
  /** Marker string → the readers of the field it is in. */
  const markers = new Map<string, string[]>();

  const roles = [...bundle.roles.values()].filter((r) => !r.external).map((r) => r.id);
  const partyEntity = (role: string) => bundle.roles.get(role)?.party?.entity;

  beforeAll(async () => {
    env = await testEnv({ config: { loginLimit: { windowMs: 60_000, limit: 10_000 } } }, { definitionsDir: DEFS, now: NOW });
    admin = await adminClient(env);
    for (const e of bundle.entities.values()) {
      if (!e.sensitive?.length) continue;
      // A scenario of a procedure on this entity that the definitions expect to start: its input, its subject as the base.
      const scenario = bundle.scenarios.find((s) => bundle.procedures.get(s.procedure)?.subject?.entity === e.id && s.subject && !s.expect.refused
        && (bundle.registry[e.id] ?? []).some((r) => r[e.key] === s.subject));
      expect(scenario, `a scenario starting a case on ${e.id}`).toBeDefined();
      const base = bundle.registry[e.id].find((r) => r[e.key] === scenario!.subject)!;
      for (const [entity, recs] of Object.entries(scenario!.registry)) {
        for (const rec of recs) expect((await admin.put(`/api/registry/${entity}/${String(rec[bundle.entities.get(entity)!.key])}`, rec)).status).toBeLessThan(300);
      }
      const props = (e.schema.properties ?? {}) as Record<string, Obj>;
      const fields = new Map(e.sensitive.flatMap((g) => g.fields.map((f) => [f, g.roles] as [string, string[]])));
      const seed = (id: string) => {
        const rec: Obj = { ...base, [e.key]: id, sample: undefined };
        delete rec.sample;
        for (const f of fields.keys()) {
          if (props[f]?.type === 'string' && !props[f].enum) {
            rec[f] = marker(props[f]);
            markers.set(String(rec[f]), fields.get(f)!);
          }
        }
        return rec;
      };
      const records = { own: seed(`mx-${e.id}-own`), other: seed(`mx-${e.id}-other`) };
      for (const rec of Object.values(records)) expect((await admin.put(`/api/registry/${e.id}/${String(rec[e.key])}`, rec)).status).toBe(201);
      subjects.push({ entity: e, procedure: bundle.procedures.get(scenario!.procedure)!, scenario: scenario!, ids: { own: String(records.own[e.key]), other: String(records.other[e.key]) }, records, fields, cases: { own: '', other: '' } });
    }
    expect(subjects.length).toBeGreaterThan(0);
    // One user per role (and the administrator); a party role's user is the own record of its entity.
    for (const role of roles) {
      const own = subjects.find((s) => s.entity.id === partyEntity(role));
      users.set(role, await userWith(env, admin, `mx-${role}`, [role], own ? { party: own.ids.own } : {}));
    }
    users.set('admin', admin);
    for (const s of subjects) {
      const starter = s.procedure.start.roles.find((r) => !partyEntity(r) && users.has(r))!;
      for (const which of ['own', 'other'] as const) {
        const r = await users.get(starter)!.post('/api/cases', { procedure: s.procedure.id, subject: s.ids[which], input: s.scenario.input });
        expect(r.status, r.text).toBe(201);
        s.cases[which] = r.body.id;
      }
    }
  });
  afterAll(async () => env?.cleanup());

  const mayRead = (role: string, readers: string[]) => readers.includes(role);

  it('answers every role × entity × sensitive field × own / other case as the definitions declare', async () => {
    const wrong: string[] = [];
    let cells = 0;
    for (const role of [...roles, 'admin']) {
      const c = users.get(role)!;
      const party = partyEntity(role);
      for (const s of subjects) {
        for (const which of ['own', 'other'] as const) {
          const rec = await c.get(`/api/registry/${s.entity.id}/${s.ids[which]}`);
          // A party-only user reads its own record; any other is as if it did not exist.
          const recordVisible = !party || (party === s.entity.id && which === 'own');
          const kase = await c.get(`/api/cases/${s.cases[which]}`);
          const partyIds = s.procedure.party ? [at({ subjectRecord: s.records[which], input: s.scenario.input, steps: {} }, s.procedure.party.replace(/^subject\./, 'subjectRecord.').split('.'))].flat() : [];
          const caseVisible = role === 'admin' || (!party && rolesOf(s.procedure).has(role)) || (Boolean(party) && partyIds.includes(s.ids.own) && which === 'own');
          if (rec.status !== (recordVisible ? 200 : 404)) wrong.push(`${role} GET record ${which}: ${rec.status}`);
          if (kase.status !== (caseVisible ? 200 : 403)) wrong.push(`${role} GET case ${which}: ${kase.status}`);
          for (const [f, readers] of s.fields) {
            cells++;
            const want = s.records[which][f];
            if (want === undefined) continue;
            const check = (where: string, got: unknown) => {
              const ok = mayRead(role, readers) ? JSON.stringify(got) === JSON.stringify(want) : (got as Obj | undefined)?.$withheld === true;
              if (!ok) wrong.push(`${role} ${where} ${which} ${s.entity.id}.${f}: ${JSON.stringify(got)}`);
            };
            if (recordVisible) check('record', rec.body[f]);
            if (caseVisible) check('case subject', kase.body.subjectRecord?.[f]);
            if (!mayRead(role, readers) && typeof want === 'string') {
              if (rec.text.includes(want)) wrong.push(`${role} record ${which} leaks ${f}`);
              if (kase.text.includes(want)) wrong.push(`${role} case ${which} leaks ${f}`);
            }
          }
        }
      }
    }
    console.log(`data-access matrix: ${roles.length + 1} roles × ${subjects.length} entities × fields × 2 cases = ${cells} cells`);
    expect(wrong).toEqual([]);
  });

  it('leaks no sensitive marker to a user who may not read it, on any endpoint (fuzz)', async () => {
    const ids = subjects.flatMap((s) => [s.ids.own, s.ids.other]);
    const caseIds = subjects.flatMap((s) => [s.cases.own, s.cases.other]);
    const entityIds = [...bundle.entities.keys()];
    const ruleIds = [...bundle.rules.keys()];
    const id = fc.oneof(fc.constantFrom(...ids), fc.string({ maxLength: 12 }));
    const kase = fc.oneof(fc.constantFrom(...caseIds), fc.string({ maxLength: 12 }));
    const q = fc.oneof(fc.constantFrom(...[...markers.keys()].map((m) => m.slice(0, 5)), 'نمونه', ''), fc.string({ maxLength: 6 }));
    const request = fc.oneof(
      fc.record({ m: fc.constant('GET'), p: fc.tuple(fc.constantFrom(...entityIds), id).map(([e, x]) => `/api/registry/${e}/${encodeURIComponent(x)}`) }),
      fc.record({ m: fc.constant('GET'), p: fc.tuple(fc.constantFrom(...entityIds), q).map(([e, x]) => `/api/registry/${e}?q=${encodeURIComponent(x)}&limit=200`) }),
      fc.record({ m: fc.constant('GET'), p: fc.constantFrom(...entityIds).map((e) => `/api/registry/${e}/export.csv`) }),
      fc.record({ m: fc.constant('GET'), p: fc.tuple(kase, fc.constantFrom('', '/events', '/documents')).map(([c, x]) => `/api/cases/${encodeURIComponent(c)}${x}`) }),
      fc.record({ m: fc.constant('GET'), p: fc.constantFrom('/api/inbox', '/api/cases?limit=100', '/api/registry') }),
      fc.record({ m: fc.constant('POST'), p: fc.constantFrom(...ruleIds).map((r) => `/api/rules/${r}/what-if`), b: id.map((x) => ({ entity: subjects[0].entity.id, subject: x })) }),
      fc.record({ m: fc.constant('POST'), p: fc.constant(`/api/procedures/${subjects[0].procedure.id}/what-if`), b: id.map((x) => ({ subject: x, input: subjects[0].scenario.input })) }),
    );
    const principals = [...roles, 'admin'];
    const leaks: string[] = [];
    await fc.assert(fc.asyncProperty(fc.constantFrom(...principals), request, async (role, r) => {
      const c = users.get(role)!;
      const res = r.m === 'GET' ? await c.get(r.p) : await c.post(r.p, (r as { b?: unknown }).b ?? {});
      for (const [m, readers] of markers) {
        if (!readers.includes(role) && res.text.includes(m)) leaks.push(`${role} ${r.m} ${r.p} → ${res.status} holds ${m}`);
      }
      return true;
    }), { numRuns: 250, seed: 1104 });
    expect(leaks).toEqual([]);
  });
});
