/**
 * Issue 10, items 1–3 over the HTTP API on the Ardabil bundle: a field that names a record takes only an existing
 * record of its entity (start forms, task forms, checklists, registry writes and CSV imports); derived values are the
 * server's (what-if answers them); open tasks carry their prefill; parameters and form fields carry their units'
 * labels; refusals carry only labelled values; options come from the table in force; notices read labels; the
 * registry search matches what people read.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, testEnv, userWith, type Client, type TestEnv } from './helpers.js';

/** 1405-02-20 08:00 in Tehran. */
const NOW = '2026-05-10T04:30:00.000Z';
const SITE = { lat: 38.2801997, lon: 48.2933 };
const PASSING = {
  land_use: true, client_space: true, sign: true, accessibility: true, in_complex: true, counter_signs: true, tariff_board: true,
  client_furniture: true, computers: true, data_lines: true, card_reader: true, fire_extinguisher: true, burglar_alarm: true,
};

describe('records, labels, prefill and derive over the API', () => {
  let env: TestEnv;
  let admin: Client;
  let secretariat: Client;
  let inspector: Client;
  let sub: Client;
  let committee: Client;

  beforeAll(async () => {
    env = await testEnv({ config: { loginLimit: { windowMs: 60_000, limit: 1000 } } }, { definitionsDir: 'definitions/ardabil', now: NOW });
    admin = await adminClient(env);
    secretariat = await userWith(env, admin, 'rec-secretariat', ['secretariat']);
    inspector = await userWith(env, admin, 'rec-inspector', ['inspectors']);
    sub = await userWith(env, admin, 'rec-subcommittee', ['expert-subcommittee']);
    committee = await userWith(env, admin, 'rec-committee', ['committee']);
  });
  afterEach(() => {
    expect(env.openapi.take()).toEqual([]);
  });
  afterAll(async () => env?.cleanup());

  const start = (subject: string, input: Record<string, unknown>) => secretariat.post('/api/cases', { procedure: 'relocation', subject, input });

  it('refuses a place that is not a place record at its field, in Persian, naming the field and the entity by their labels', async () => {
    for (const place of ['no-such-place', 'اردبیل', 'office-ard-1002']) {
      const r = await start('office-ard-1001', { place, area: 60, location: SITE });
      expect(r.status, place).toBe(422);
      expect(r.body.refusal).toBe('invalid-form');
      expect(r.body.fieldErrors).toEqual([{
        path: '/place',
        message: { fa: `شهر / روستای محل جدید: شهر / روستا «${place}» در ثبت‌ها نیست؛ از فهرست برگزینید.`, en: expect.stringContaining('City / village of the new site') },
      }]);
    }
    // Nothing started: the office has no case.
    expect((await secretariat.get('/api/cases?subject=office-ard-1001')).body.total).toBe(0);
  });

  it('takes a list of choices from a table only with the table\'s options', async () => {
    const bad = await secretariat.post('/api/cases', { procedure: 'service-assignment', subject: 'agency-passport-police', input: { services: ['passport', 'no-such-service'] } });
    expect(bad.status).toBe(422);
    expect(bad.body.fieldErrors.map((f: { path: string }) => f.path)).toEqual(['/services']);
    expect(bad.body.fieldErrors[0].message.fa).toBe('خدمات قابل واگذاری: «no-such-service» در «فهرست خدمات دفاتر پیشخوان» نیست؛ از فهرست برگزینید.');
    const ok = await secretariat.post('/api/cases', { procedure: 'service-assignment', subject: 'agency-passport-police', input: { services: ['passport'] } });
    expect(ok.status, ok.text).toBe(201);
  });

  it('derives urban or rural from the place: the what-if answers it, a value sent is ignored, and the case records it', async () => {
    const w = await secretariat.post('/api/procedures/relocation/what-if', { subject: 'office-ard-1001', input: { place: 'ardabil-city', kind: 'rural', area: 30, location: SITE } });
    expect(w.status).toBe(200);
    expect(w.body.derived).toEqual({ kind: 'urban' });
    // A 30 m² site inside the city is judged as urban: refused by the 50 m² minimum, with only labelled values shown.
    expect(w.body.ok).toBe(false);
    const area = w.body.failures.find((f: { rule: string }) => f.rule === 'office.min-area');
    expect(area.shown).toEqual([
      { key: 'kind', label: { fa: 'نوع محل', en: 'Kind of site' }, value: 'urban', display: { fa: 'شهری', en: 'Urban' } },
      { key: 'type', label: { fa: 'نوع دفتر', en: 'Type of office' }, value: 'pishkhan', display: { fa: 'پیشخوان خدمات دولت', en: 'Government service counter' } },
      { key: 'found', label: { fa: 'مساحت محل', en: 'Site area' }, value: 30, display: { fa: '۳۰', en: '30' }, unit: { fa: 'متر مربع', en: 'm²' } },
      { key: 'required', label: { fa: 'حداقل مصوب', en: 'Minimum in force' }, value: 50, display: { fa: '۵۰', en: '50' }, unit: { fa: 'متر مربع', en: 'm²' } },
    ]);
    expect(JSON.stringify(area.shown)).not.toContain('kind_fa');
    const village = await secretariat.post('/api/procedures/relocation/what-if', { subject: 'office-ard-1042', input: { place: 'village-sample-1', area: 30, location: { lat: 38.335, lon: 48.22 } } });
    expect(village.body).toMatchObject({ ok: true, derived: { kind: 'rural' } });
    const started = await start('office-ard-1042', { place: 'village-sample-1', kind: 'urban', area: 30, location: { lat: 38.335, lon: 48.22 } });
    expect(started.status, started.text).toBe(201);
    expect(started.body.input.kind).toBe('rural');
  });

  it('opens the inspection with its kind and area prefilled from the start form, and takes Persian-labelled answers', async () => {
    const started = await start('office-ard-1001', { place: 'ardabil-city', area: 70, location: SITE, address: 'اردبیل (نمونه)' });
    expect(started.status, started.text).toBe(201);
    const id = started.body.id;
    expect(started.body.openTasks[0].prefill).toEqual({});
    let c = await secretariat.post(`/api/cases/${id}/tasks/request/complete`, { outcome: 'accept', expectedVersion: started.body.version });
    const task = c.body.openTasks[0];
    expect(task.step).toBe('site-inspection');
    expect(task.prefill).toEqual({ kind: 'urban', area: 70 });
    expect((await inspector.get(`/api/cases/${id}`)).body.openTasks[0].prefill).toEqual({ kind: 'urban', area: 70 });
    // A free-text answer to the setting is no answer: the item takes one of its options.
    const wrong = await inspector.post(`/api/cases/${id}/tasks/site-inspection/complete`, { expectedVersion: c.body.version, data: { ...PASSING, kind: 'شهری', area: 70 } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.fieldErrors.map((f: { path: string }) => f.path)).toEqual(['/kind']);
    expect(wrong.body.fieldErrors[0].message.fa).toContain('موقعیت دفتر');
    c = await inspector.post(`/api/cases/${id}/tasks/site-inspection/complete`, { expectedVersion: c.body.version, data: { ...PASSING, ...task.prefill } });
    expect(c.status, c.text).toBe(200);
    expect(c.body.steps['site-inspection'].outcome).toBe('pass');
  });

  it('gives the units their labels: parameters carry unitLabel, form fields x-unit-label', async () => {
    const params = (await secretariat.get('/api/parameters')).body.parameters as { id: string; unitLabel: unknown }[];
    expect(params.find((p) => p.id === 'office.min_area.urban')?.unitLabel).toEqual({ fa: 'متر مربع', en: 'm²' });
    expect(params.find((p) => p.id === 'capacity.population_per_office')?.unitLabel).toEqual({ fa: 'نفر', en: 'people' });
    expect(params.find((p) => p.id === 'renewal.agency_no_objection_required')?.unitLabel).toBeNull();
    const form = (await secretariat.get('/api/forms/relocation-request')).body;
    expect(form.schema.properties.area['x-unit-label']).toEqual({ fa: 'متر مربع', en: 'm²' });
    expect(form.schema.properties.kind).toMatchObject({ readOnly: true, 'x-derived': true });
    expect(form.schema.required).not.toContain('kind');
    expect(form.schema.properties.place).toMatchObject({ 'x-widget': 'ref', 'x-entity': 'place' });
  });

  it('offers the violation and the penalty from the table in force, by name, and the notice reads them so', async () => {
    const form = (await sub.get('/api/forms/penalty-proposal')).body;
    const violation = form.schema.properties.violation;
    expect(violation.enum).toContain('overcharge');
    expect(violation['x-options'].find((o: { value: string }) => o.value === 'overcharge').label.fa).toContain('دریافت وجه مازاد بر تعرفه');
    const penalty = form.schema.properties.penalty['x-options'].find((o: { value: string }) => o.value === 'written-warning');
    expect(penalty.label).toEqual({ fa: 'اخطار کتبی', en: 'Written warning' });

    const started = await secretariat.post('/api/cases', { procedure: 'violations', input: { reporter: 'client', offender_kind: 'office', office: 'office-ard-1003', description: 'دریافت وجه مازاد (نمونه)' } });
    expect(started.status, started.text).toBe(201);
    let c = await secretariat.post(`/api/cases/${started.body.id}/tasks/report/complete`, { outcome: 'accept', expectedVersion: started.body.version });
    const typed = await sub.post(`/api/cases/${c.body.id}/tasks/subcommittee/complete`, { outcome: 'propose', expectedVersion: c.body.version, data: { violation: 'over-charge', occurrence: 1, penalty: 'written-warning' } });
    expect(typed.status).toBe(422);
    expect(typed.body.fieldErrors.map((f: { path: string }) => f.path)).toEqual(['/violation']);
    c = await sub.post(`/api/cases/${c.body.id}/tasks/subcommittee/complete`, { outcome: 'propose', expectedVersion: c.body.version, data: { violation: 'overcharge', occurrence: 1, penalty: 'written-warning' } });
    expect(c.status, c.text).toBe(200);
    c = await committee.post(`/api/cases/${c.body.id}/tasks/committee/complete`, { outcome: 'approve', data: { meeting_no: '12', meeting_date: '1405-02-20' }, expectedVersion: c.body.version });
    expect(c.body.status).toBe('ended');
    const notice = (await admin.get(`/api/cases/${c.body.id}`)).body.timeline.find((e: { type: string }) => e.type === 'notification.requested');
    expect(notice.message.fa).toContain('«اخطار کتبی»');
    expect(notice.message.fa).toContain('دریافت وجه مازاد بر تعرفه');
    expect(notice.message.fa).not.toMatch(/written-warning|overcharge/);
    expect(notice.message.en).toContain('Written warning');
  });

  it('refuses a registry write or a CSV import that names a missing record, at the field', async () => {
    const office = (await admin.get('/api/registry/office/office-ard-1001')).body;
    const { $title: _t, $subtitle: _s, $display: _d, ...plain } = office;
    const typed = await admin.put('/api/registry/office/office-ard-1001', { ...plain, place: 'اردبیل' });
    expect(typed.status).toBe(422);
    expect(typed.body.fieldErrors).toEqual([{ path: '/place', message: { fa: 'شهر / روستا: شهر / روستا «اردبیل» در ثبت‌ها نیست؛ از فهرست برگزینید.', en: expect.any(String) } }]);
    const agencies = await admin.put('/api/registry/office/office-ard-1001', { ...plain, contracted_agencies: ['agency-post-bank', 'agency-nowhere'] });
    expect(agencies.status).toBe(422);
    expect(agencies.body.fieldErrors.map((f: { path: string }) => f.path)).toEqual(['/contracted_agencies/1']);
    expect((await admin.get('/api/registry/office/office-ard-1001')).body.place).toBe('ardabil-city');
    expect((await admin.put('/api/registry/office/office-ard-1001', plain)).status).toBe(200);

    const csv = 'id,name.fa,kind,county,population\nvillage-new-1,روستای تازه,village,county-ardabil,900\nvillage-new-2,روستای دیگر,village,county-nowhere,800\n';
    const imported = await admin.req('POST', '/api/registry/place/import', csv, { 'content-type': 'text/csv' });
    expect(imported.status).toBe(422);
    expect(imported.body.errors).toEqual([{ row: 3, column: 'county', message: { fa: expect.stringContaining('«county-nowhere» در ثبت‌ها نیست'), en: expect.stringContaining('county-nowhere') } }]);
    expect((await admin.get('/api/registry/place/village-new-1')).status).toBe(404);
  });

  it('searches records by their titles and subtitles, whatever the forms of ی/ک, the digits and the spaces', async () => {
    const places = async (q: string) => (await secretariat.get(`/api/registry/place?q=${encodeURIComponent(q)}&limit=20`)).body.items.map((r: { id: string }) => r.id);
    expect(await places('اردبیل')).toContain('ardabil-city');
    // Arabic yeh and kaf, as some keyboards type them, find the same records.
    expect(await places('اردبيل')).toContain('ardabil-city');
    expect(await places('پارس آباد')).toContain('parsabad-city');
    // A village by its number in Latin or Persian digits.
    expect(await places('نمونه ۳')).toEqual(['village-sample-3']);
    expect(await places('نمونه 3')).toEqual(['village-sample-3']);
    // A place is not found by a word of its census note (which is neither its title nor its subtitle).
    expect(await places('ویکی‌پدیای')).toEqual([]);
    expect(await places('تهران')).toEqual([]);
    const r = (await secretariat.get(`/api/registry/office?q=${encodeURIComponent('۱۰۴۲')}&limit=20`)).body;
    expect(r.items.map((x: { id: string }) => x.id)).toEqual(['office-ard-1042']);
    expect(r.total).toBe(1);
    expect(r.items[0].$title.fa).toContain('ard-1042');
  });
});
