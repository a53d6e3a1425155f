/**
 * Issue 11, items 1–3: sensitive fields and confidential steps, through the real HTTP server over the Ardabil
 * definitions as they are. The person's `sensitive:` groups give criminal record, addiction, religion and debts to the
 * committee and the expert subcommittee, national id and mobile to the secretariat as well; the issuance's security
 * inquiry is confidential to the committee (and the secretariat that records it). Each record carries unique marker
 * strings, so an answer that leaks one is caught by a text search.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, testEnv, userWith, type Client, type TestEnv } from './helpers.js';

const NOW = '2026-05-10T04:30:00.000Z';
const NATIONAL_ID = '7771234567';
const MOBILE = '09127770001';
const SCAN = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('confidential-reply-scan-marker'), Buffer.from('\n%%EOF\n')]);

const clean = {
  type: 'natural', sex: 'female', citizenship: 'IR', religion: 'islam', criminal_record: false, addiction: false, government_employee: false,
  bank_debt: false, tax_debt: false, insurance_debt: false, degree: 'bachelor', degree_recognised: true, expert_experience_years: 3, fit: true,
};
const WITHHELD = expect.objectContaining({ $withheld: true });

describe('sensitive fields and confidential steps over the API', () => {
  let env: TestEnv;
  let admin: Client;
  let sec: Client;
  let com: Client;
  let insp: Client;
  let applicant: Client;

  beforeAll(async () => {
    env = await testEnv({ config: { loginLimit: { windowMs: 60_000, limit: 1000 } } }, { definitionsDir: 'definitions/ardabil', now: NOW });
    admin = await adminClient(env);
    sec = await userWith(env, admin, 'sens-sec', ['secretariat']);
    com = await userWith(env, admin, 'sens-com', ['committee']);
    insp = await userWith(env, admin, 'sens-insp', ['inspectors']);
    // The administrator may write sensitive fields (it holds no reading role): a record with a criminal record, one clean.
    expect((await admin.put('/api/registry/person/person-marked', { ...clean, name: 'شخص نشان‌دار (آزمون)', national_id: NATIONAL_ID, mobile: MOBILE, criminal_record: true, religion: 'other' })).status).toBe(201);
    expect((await admin.put('/api/registry/person/person-clean', { ...clean, name: 'شخص پاک (آزمون)', national_id: '7779990001', mobile: '09127770002' })).status).toBe(201);
    expect((await admin.put('/api/registry/place/village-sens', { name: { fa: 'روستای آزمون' }, kind: 'village', county: 'county-namin', population: 4000, location: { lat: 38.5, lon: 48.6 } })).status).toBe(201);
    // The applicant is the clean person (the party of the case below): it sees its case, not the confidential step.
    applicant = await userWith(env, admin, 'sens-app', ['applicant'], { party: 'person-clean' });
  });
  afterAll(async () => env?.cleanup());

  it('gives the committee every field and the secretariat only the identity ones', async () => {
    const c = (await com.get('/api/registry/person/person-marked')).body;
    expect(c).toMatchObject({ criminal_record: true, religion: 'other', national_id: NATIONAL_ID, mobile: MOBILE });
    const s = await sec.get('/api/registry/person/person-marked');
    expect(s.body).toMatchObject({ national_id: NATIONAL_ID, mobile: MOBILE, criminal_record: WITHHELD, religion: WITHHELD, addiction: WITHHELD });
    expect(s.body.criminal_record.label.fa).toBe('سوابق و استعلام‌های محرمانه');
    // Not even the option's words of the religion are left in `$display`.
    expect(s.body.$display.religion).toBeUndefined();
    const i = await insp.get('/api/registry/person/person-marked');
    expect(i.body).toMatchObject({ national_id: WITHHELD, mobile: WITHHELD, criminal_record: WITHHELD });
    expect(i.text).not.toContain(NATIONAL_ID);
    expect(i.text).not.toContain(MOBILE);
    // The administrator holds no role the groups name: withheld too.
    expect((await admin.get('/api/registry/person/person-marked')).body.criminal_record).toEqual(WITHHELD);
  });

  it('withholds them in lists, searches and CSV exports', async () => {
    const list = await insp.get('/api/registry/person?limit=1000');
    expect(list.text).not.toContain(NATIONAL_ID);
    expect(list.body.items.find((p: { id: string }) => p.id === 'person-marked').national_id).toEqual(WITHHELD);
    const search = await sec.get(`/api/registry/person?q=${encodeURIComponent('نشان‌دار')}`);
    expect(search.body.items).toHaveLength(1);
    expect(search.body.items[0]).toMatchObject({ national_id: NATIONAL_ID, criminal_record: WITHHELD });
    const secCsv = await sec.get('/api/registry/person/export.csv');
    expect(secCsv.status).toBe(200);
    const header = secCsv.text.split('\n')[0];
    expect(header).toContain('کد ملی / شناسه ملی');
    expect(header).not.toContain('سوء پیشینه کیفری');
    expect(header).not.toContain('دین');
    expect(secCsv.text).toContain(NATIONAL_ID);
    const comCsv = await com.get('/api/registry/person/export.csv');
    expect(comCsv.text.split('\n')[0]).toContain('سوء پیشینه کیفری');
    const inspCsv = await insp.get('/api/registry/person/export.csv');
    expect(inspCsv.text).not.toContain(NATIONAL_ID);
    expect(inspCsv.text.split('\n')[0]).not.toContain('کد ملی');
  });

  it('audits every read of sensitive fields by a user who may read them, and none by one who may not', async () => {
    await com.get('/api/registry/person/person-marked');
    const audit = await admin.get(`/api/audit?action=${encodeURIComponent('READ sensitive')}&user=${(await com.get('/api/auth/me')).body.id}&limit=50`);
    expect(audit.status).toBe(200);
    const one = audit.body.items.find((e: { target: string }) => e.target === 'person/person-marked');
    expect(one, JSON.stringify(audit.body.items)).toBeDefined();
    expect(one.username).toBe('sens-com');
    expect(one.detail.reads[0].fields).toEqual(expect.arrayContaining(['criminal_record', 'religion', 'national_id', 'mobile']));
    const inspId = (await insp.get('/api/auth/me')).body.id;
    const none = await admin.get(`/api/audit?action=${encodeURIComponent('READ sensitive')}&user=${inspId}&limit=50`);
    expect(none.body.items).toEqual([]);
  });

  it('keeps a withheld value when a user who cannot read it writes the record', async () => {
    const before = (await admin.get('/api/registry/person/person-marked')).body;
    // The record as the administrator read it (markers and all), renamed, goes back.
    expect((await admin.put('/api/registry/person/person-marked', { ...before, name: 'شخص نشان‌دار (آزمون، ویرایش)' })).status).toBe(200);
    // A write without the fields at all keeps them too (from the record as read again: the edit carries its version).
    const again = (await admin.get('/api/registry/person/person-marked')).body;
    const { criminal_record: _c, religion: _r, ...rest } = again;
    expect((await admin.put('/api/registry/person/person-marked', { ...rest, name: 'شخص نشان‌دار (آزمون)' })).status).toBe(200);
    expect((await com.get('/api/registry/person/person-marked')).body).toMatchObject({ criminal_record: true, religion: 'other', name: 'شخص نشان‌دار (آزمون)' });
  });

  it('lets a registry keeper who cannot read them edit a record: the withheld values stay, the answer withholds them', async () => {
    // The secretariat keeps the registry (keeps_registry) but reads no criminal record: it edits the record as it read it.
    const read = (await sec.get('/api/registry/person/person-marked')).body;
    expect(read.criminal_record).toEqual(WITHHELD);
    const w = await sec.put('/api/registry/person/person-marked', { ...read, expert_experience_years: 4 });
    expect(w.status, w.text).toBe(200);
    expect(w.body.criminal_record).toEqual(WITHHELD);
    expect(w.text).not.toMatch(/"religion":"other"/);
    expect((await com.get('/api/registry/person/person-marked')).body).toMatchObject({ criminal_record: true, religion: 'other', expert_experience_years: 4 });
  });

  it('previews an import without the stored values the keeper may not read', async () => {
    const r = await sec.req('POST', '/api/registry/person/import?mode=preview', 'id,criminal_record,expert_experience_years\nperson-marked,false,5\n', { 'content-type': 'text/csv' });
    expect(r.status, r.text).toBe(200);
    const fields = r.body.changes[0].fields as { path: string; before: string; after: string }[];
    expect(fields.find((f) => f.path === 'criminal_record')?.before).toBe('محرمانه');
    expect(fields.find((f) => f.path === 'expert_experience_years')?.before).not.toBe('محرمانه');
  });

  it('does not list the cases that name a record to a party', async () => {
    expect((await applicant.get('/api/registry/person/person-clean/cases')).status).toBe(403);
    expect((await sec.get('/api/registry/person/person-clean/cases')).status).toBe(200);
  });

  it('says a refusal over sensitive fields failed without its values, to the secretariat; the committee reads them', async () => {
    const start = await sec.post('/api/cases', { procedure: 'issuance', subject: 'person-marked', input: { place: 'village-sens', area: 60, location: { lat: 38.501, lon: 48.601 } } });
    expect(start.status).toBe(422);
    const f = start.body.failures.find((x: { rule: string }) => x.rule === 'eligibility.criminal-record');
    expect(f, start.text).toBeDefined();
    expect(f.values.found).toEqual(WITHHELD);
    expect(f.message.fa).toContain('محرمانه');
    expect(f.message.fa).not.toContain('دارد');
    expect(start.body.failures.find((x: { rule: string }) => x.rule === 'eligibility.religion').message.fa).not.toContain('سایر');
    expect(start.body.detail).not.toContain('سایر ادیان');
    const whatIf = await sec.post('/api/rules/eligibility.criminal-record/what-if', { entity: 'person', subject: 'person-marked' });
    expect(whatIf.body.failures[0].values.found).toEqual(WITHHELD);
    const comWhatIf = await com.post('/api/rules/eligibility.criminal-record/what-if', { entity: 'person', subject: 'person-marked' });
    expect(comWhatIf.body.failures[0].values.found).toBe('دارد');
    const procWhatIf = await sec.post('/api/procedures/issuance/what-if', { subject: 'person-marked', input: { place: 'village-sens', area: 60, location: { lat: 38.501, lon: 48.601 } } });
    expect(procWhatIf.text).not.toContain('سایر ادیان');
    expect(procWhatIf.body.failures.find((x: { rule: string }) => x.rule === 'eligibility.religion').values.found).toEqual(WITHHELD);
  });

  describe('a confidential step', () => {
    let caseId: string;
    let docId: string;

    beforeAll(async () => {
      const start = await sec.post('/api/cases', { procedure: 'issuance', subject: 'person-clean', input: { place: 'village-sens', area: 60, location: { lat: 38.501, lon: 48.601 } } });
      expect(start.status, start.text).toBe(201);
      caseId = start.body.id;
      const v = async () => (await sec.get(`/api/cases/${caseId}`)).body.version as number;
      expect((await sec.post(`/api/cases/${caseId}/tasks/application/complete`, { expectedVersion: await v(), outcome: 'accept' })).status).toBe(200);
      const up = await sec.req('POST', `/api/cases/${caseId}/documents?task=security-inquiry&name=${encodeURIComponent('پاسخ حراست.pdf')}`, SCAN, { 'content-type': 'application/pdf' });
      expect(up.status, up.text).toBe(201);
      docId = up.body.id;
      const done = await sec.post(`/api/cases/${caseId}/tasks/security-inquiry/complete`, {
        expectedVersion: await v(), outcome: 'objection', data: { letter_no: 'SEC-LETTER-4411', notes: 'مانع حفاظتی-نشان', reply: docId },
      });
      expect(done.status, done.text).toBe(200);
    });

    it('is shown to the committee in full, and to the secretariat that recorded it', async () => {
      for (const c of [com, sec]) {
        const r = await c.get(`/api/cases/${caseId}`);
        expect(r.body.steps['security-inquiry']).toMatchObject({ outcome: 'objection', data: { letter_no: 'SEC-LETTER-4411' } });
        expect(r.body.documents.find((d: { id: string }) => d.id === docId).name).toBe('پاسخ حراست.pdf');
        expect((await c.get(`/api/documents/${docId}`)).status).toBe(200);
      }
    });

    it('shows others that it happened and when, not what it said, nor its document', async () => {
      const r = await applicant.get(`/api/cases/${caseId}`);
      expect(r.status).toBe(200);
      const step = r.body.steps['security-inquiry'];
      expect(step).toMatchObject({ outcome: WITHHELD, data: WITHHELD, withheld: true });
      expect(step.at).toBeTruthy();
      expect(r.text).not.toContain('SEC-LETTER-4411');
      expect(r.text).not.toContain('مانع حفاظتی-نشان');
      expect(r.text).not.toContain('objection');
      expect(r.text).not.toContain('پاسخ حراست');
      const completed = r.body.timeline.find((e: { type: string; step?: string }) => e.type === 'task.completed' && e.step === 'security-inquiry');
      expect(completed).toMatchObject({ outcome: WITHHELD, data: WITHHELD });
      expect(r.body.tasks.find((t: { step: string }) => t.step === 'security-inquiry').outcome).toEqual(WITHHELD);
      const events = await applicant.get(`/api/cases/${caseId}/events`);
      expect(events.text).not.toContain('SEC-LETTER-4411');
      const docs = await applicant.get(`/api/cases/${caseId}/documents`);
      expect(docs.body.find((d: { id: string }) => d.id === docId)).toMatchObject({ name: WITHHELD, withheld: true });
      const dl = await applicant.get(`/api/documents/${docId}`);
      expect(dl.status).toBe(403);
      expect(dl.headers.get('content-type')).toContain('application/problem+json');
      expect(dl.body.detail).toContain('محرمانه');
      expect(dl.text).not.toContain('confidential-reply-scan-marker');
    });

    it('withholds the subject person\'s sensitive fields inside the case', async () => {
      const s = await sec.get(`/api/cases/${caseId}`);
      expect(s.body.subjectRecord).toMatchObject({ national_id: '7779990001', criminal_record: WITHHELD });
      const started = s.body.timeline.find((e: { type: string }) => e.type === 'case.started');
      expect(started.subjectRecord.criminal_record).toEqual(WITHHELD);
      const a = await applicant.get(`/api/cases/${caseId}`);
      expect(a.text).not.toContain('7779990001');
      expect((await com.get(`/api/cases/${caseId}`)).body.subjectRecord.criminal_record).toBe(false);
    });
  });
});
