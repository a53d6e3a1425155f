/**
 * Issue 11, item 4: parties to cases, through the real HTTP server over the Ardabil definitions as they are. The
 * applicant role is a party role (`party: { entity: person }`); issuance's party is its subject person. Two applicant
 * users, each linked to their own person, see only their own case and its task — in the inbox, the case list and
 * search, a case, its documents — and in the registry nothing but their own record; the secretariat sees both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stream } from './event-stream.js';
import { adminClient, testEnv, userWith, type Client, type TestEnv } from './helpers.js';

const NOW = '2026-05-10T04:30:00.000Z';
const firm = (name: string, nationalId: string) => ({
  type: 'legal', name, registration_no: '5544', articles_object_matches: true, ministry_consent: false, national_id: nationalId, mobile: '09127770011',
});
const SITE = { place: 'village-party', area: 60, location: { lat: 38.511, lon: 48.611 } };

describe('parties to cases over the API', () => {
  let env: TestEnv;
  let admin: Client;
  let sec: Client;
  let appA: Client;
  let appB: Client;
  let caseA: string;
  let caseB: string;

  /** Drives an issuance for `person` (a legal person) to the applicant's security-attendance task. */
  const toAttendance = async (person: string): Promise<string> => {
    const start = await sec.post('/api/cases', { procedure: 'issuance', subject: person, input: SITE });
    expect(start.status, start.text).toBe(201);
    const id = start.body.id as string;
    const v = async () => (await sec.get(`/api/cases/${id}`)).body.version as number;
    expect((await sec.post(`/api/cases/${id}/tasks/application/complete`, { expectedVersion: await v(), outcome: 'accept' })).status).toBe(200);
    for (const step of ['security-inquiry', 'tax-inquiry', 'insurance-inquiry', 'bank-inquiry', 'premises-inquiry']) {
      const r = await sec.post(`/api/cases/${id}/tasks/${step}/complete`, { expectedVersion: await v(), outcome: 'clear' });
      expect(r.status, r.text).toBe(200);
    }
    const c = await sec.get(`/api/cases/${id}`);
    expect(c.body.openTasks.map((t: { step: string }) => t.step)).toEqual(['security-attendance']);
    return id;
  };

  beforeAll(async () => {
    env = await testEnv({ config: { loginLimit: { windowMs: 60_000, limit: 1000 } } }, { definitionsDir: 'definitions/ardabil', now: NOW });
    admin = await adminClient(env);
    expect((await admin.put('/api/registry/person/firm-a', firm('شرکت الف (آزمون)', '1400000001'))).status).toBe(201);
    expect((await admin.put('/api/registry/person/firm-b', firm('شرکت ب (آزمون)', '1400000002'))).status).toBe(201);
    expect((await admin.put('/api/registry/place/village-party', { name: { fa: 'روستای طرفین' }, kind: 'village', county: 'county-namin', population: 4000, location: { lat: 38.51, lon: 48.61 } })).status).toBe(201);
    sec = await userWith(env, admin, 'party-sec', ['secretariat']);
    appA = await userWith(env, admin, 'party-a', ['applicant'], { party: 'firm-a' });
    appB = await userWith(env, admin, 'party-b', ['applicant'], { party: 'firm-b' });
    caseA = await toAttendance('firm-a');
    caseB = await toAttendance('firm-b');
  });
  afterAll(async () => env?.cleanup());

  describe('users', () => {
    it('links a party user to their record, and says so', async () => {
      const me = await appA.get('/api/auth/me');
      expect(me.body.user?.party ?? me.body.party).toBe('firm-a');
      const roles = (await admin.get('/api/roles')).body as { id: string; party?: { entity: string } }[];
      expect(roles.find((r) => r.id === 'applicant')?.party).toEqual({ entity: 'person' });
    });

    it('refuses external roles, a record that does not exist, and a link without a party role, in Persian', async () => {
      const ext = await admin.post('/api/users', { username: 'sec-office', password: 'long-password-123', roles: ['security'] });
      expect(ext.status).toBe(400);
      expect(ext.body.detail).toContain('نقش بیرونی');
      const missing = await admin.post('/api/users', { username: 'app-x', password: 'long-password-123', roles: ['applicant'], party: 'no-such-person' });
      expect(missing.status).toBe(400);
      expect(missing.body.detail).toContain('no-such-person');
      const noRole = await admin.post('/api/users', { username: 'sec-x', password: 'long-password-123', roles: ['secretariat'], party: 'firm-a' });
      expect(noRole.status).toBe(400);
      expect(noRole.body.detail).toMatch(/[\u0600-\u06FF]/);
      const users = (await admin.get('/api/users')).body as { username: string }[];
      expect(users.map((u) => u.username)).not.toEqual(expect.arrayContaining(['sec-office']));
    });
  });

  describe('cases', () => {
    it('gives each party only their own case\'s task in the inbox; the secretariat sees neither (not its role)', async () => {
      const a = await appA.get('/api/inbox');
      expect(a.body.items.map((t: { caseId: string; step: string }) => [t.caseId, t.step])).toEqual([[caseA, 'security-attendance']]);
      expect(a.body.total).toBe(1);
      const b = await appB.get('/api/inbox');
      expect(b.body.items.map((t: { caseId: string }) => t.caseId)).toEqual([caseB]);
    });

    it('lists and finds only their own cases; the secretariat lists both', async () => {
      const a = await appA.get('/api/cases');
      expect(a.body.items.map((c: { id: string }) => c.id)).toEqual([caseA]);
      expect(a.body.total).toBe(1);
      const numberB = (await sec.get(`/api/cases/${caseB}`)).body.number as string;
      const search = await appA.get(`/api/cases?number=${encodeURIComponent(numberB)}`);
      expect(search.body.items).toEqual([]);
      const s = await sec.get('/api/cases?procedure=issuance');
      expect(s.body.items.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([caseA, caseB]));
    });

    it('refuses another party\'s case, its events, documents, evidence and task', async () => {
      expect((await appA.get(`/api/cases/${caseA}`)).status).toBe(200);
      for (const path of [`/api/cases/${caseB}`, `/api/cases/${caseB}/events`, `/api/cases/${caseB}/documents`, `/api/cases/${caseB}/tasks/security-attendance/evidence`]) {
        const r = await appA.get(path);
        expect(r.status, path).toBe(403);
        expect(r.text).not.toContain('شرکت ب');
      }
      const v = (await sec.get(`/api/cases/${caseB}`)).body.version;
      const done = await appA.post(`/api/cases/${caseB}/tasks/security-attendance/complete`, { expectedVersion: v, outcome: 'attended' });
      expect(done.status).toBe(403);
      expect((await sec.get(`/api/cases/${caseB}`)).body.version).toBe(v);
    });

    it('tells a party live only of its own case: another party\'s task is not a signal to it', async () => {
      expect((await admin.put('/api/registry/person/firm-c', firm('شرکت ج (آزمون)', '1400000003'))).status).toBe(201);
      const appC = await userWith(env, admin, 'party-c', ['applicant'], { party: 'firm-c' });
      const a = await stream(env, appA);
      const b = await stream(env, appC);
      try {
        const caseB2 = await toAttendance('firm-c');
        await b.until(() => b.events.some((e) => e.event === 'inbox' && e.data.caseId === caseB2), "C's inbox signal");
        expect(b.events.some((e) => e.event === 'case' && e.data.caseId === caseB2)).toBe(true);
        // A's stream heard nothing of C's case: no inbox signal and no case id.
        expect(a.events.filter((e) => e.data.caseId === caseB2)).toEqual([]);
        expect(a.events.filter((e) => e.event === 'inbox')).toEqual([]);
      } finally {
        a.close();
        b.close();
      }
    });

    it('lets the party complete their own task', async () => {
      const v = (await appA.get(`/api/cases/${caseA}`)).body.version;
      const done = await appA.post(`/api/cases/${caseA}/tasks/security-attendance/complete`, { expectedVersion: v, outcome: 'attended' });
      expect(done.status, done.text).toBe(200);
      expect(done.body.steps['security-attendance'].outcome).toBe('attended');
      // The next task is the working group's: the applicant's inbox is empty, the case still theirs to see.
      expect((await appA.get('/api/inbox')).body.items).toEqual([]);
      expect((await appA.get(`/api/cases/${caseA}`)).status).toBe(200);
    });

    it('refuses a party starting a case for someone else', async () => {
      const r = await appA.post('/api/cases', { procedure: 'issuance', subject: 'firm-b', input: SITE });
      expect(r.status).toBe(403);
      expect(r.body.detail).toContain('برای خودتان');
      const b = await sec.get('/api/cases?procedure=issuance');
      expect(b.body.items.filter((c: { subject: string }) => c.subject === 'firm-b')).toHaveLength(1);
    });
  });

  describe('registry', () => {
    it('shows a party their own record only', async () => {
      const own = await appA.get('/api/registry/person/firm-a');
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ id: 'firm-a', type: 'legal' });
      const list = await appA.get('/api/registry/person');
      expect(list.body.items.map((p: { id: string }) => p.id)).toEqual(['firm-a']);
      expect(list.body.total).toBe(1);
      const types = (await appA.get('/api/registry')).body as { id: string; count: number }[];
      expect(types.find((t) => t.id === 'person')?.count).toBe(1);
      expect(types.find((t) => t.id === 'office')?.count).toBe(0);
    });

    it('answers another record as if it did not exist, and refuses the registry at large', async () => {
      const other = await appA.get('/api/registry/person/firm-b');
      const none = await appA.get('/api/registry/person/no-such-person');
      expect(other.status).toBe(404);
      expect(none.status).toBe(404);
      expect(other.text).not.toContain('شرکت ب');
      expect(Object.keys(other.body).sort()).toEqual(Object.keys(none.body).sort());
      expect((await appA.get('/api/registry/office')).status).toBe(403);
      expect((await appA.get('/api/registry/person/export.csv')).status).toBe(403);
      // A map's neighbours: where and how far, not whose.
      const near = await appA.get('/api/registry/office/nearby?lat=38.25&lon=48.29&limit=3');
      expect(near.status).toBe(200);
      expect(near.body.items.length).toBeGreaterThan(0);
      for (const o of near.body.items) expect(o.$title.fa).toBe('دفتر پیشخوان');
    });

    it('names the records their own case names by title, and nothing more', async () => {
      const place = await appA.get('/api/registry/place/village-party');
      expect(place.status).toBe(200);
      expect(place.body.$title.fa).toBe('روستای طرفین');
      expect(place.body.population).toBeUndefined();
      // appB's case names the same place: a record neither case names stays hidden.
      expect((await appA.get('/api/registry/place/county-namin')).status).toBe(404);
    });

    it('leaves the secretariat\'s registry as it was', async () => {
      const list = await sec.get('/api/registry/person?limit=1000');
      expect(list.body.items.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(['firm-a', 'firm-b']));
      expect((await sec.get('/api/registry/person/firm-b')).body.name).toBe('شرکت ب (آزمون)');
    });
  });
});
