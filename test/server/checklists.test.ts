/** GET /api/checklists/{id}: what an inspection asks, as in the current definitions or in a case's own version. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, testEnv, userWith, type Client, type TestEnv } from './helpers.js';

const checklists = (title: string) => `kind: checklists
checklists:
  - id: site-visit
    title: { fa: بازدید محل, en: "${title}" }
    items:
      - { id: area, type: number, unit: m2, label: { fa: مساحت, en: Area }, pass: { ">=": [{ var: value }, { param: site.min_area }] } }
      - { id: zone, type: enum, label: { fa: موقعیت, en: Setting }, options: [{ value: urban, label: { fa: شهری, en: Urban } }, { value: rural, label: { fa: روستایی, en: Rural } }] }
      - { id: sign, label: { fa: تابلو, en: Sign } }
      - { id: in_complex, label: { fa: در مجتمع, en: In a complex }, critical: false, pass: true }
      - { id: restroom, label: { fa: سرویس بهداشتی, en: Restroom }, applies_when: { "!": [{ var: form.in_complex }] } }
`;

describe('checklists', () => {
  let env: TestEnv;
  let admin: Client;
  let clerk: Client;

  const publish = async (content: string) => {
    const base = (await admin.get('/api/definitions')).body.version.hash;
    const r = await admin.put('/api/definitions/file', { path: 'testprov/checklists.yaml', content, baseVersion: base });
    expect(r.status, r.text).toBe(201);
    return r.body.hash as string;
  };

  beforeAll(async () => {
    env = await testEnv();
    admin = await adminClient(env);
    clerk = await userWith(env, admin, 'clerk1', ['clerk']);
  });
  afterAll(async () => env?.cleanup());

  it('answers a checklist’s items with their labels, types, options, units, critical flags and conditions — not their pass logic', async () => {
    await publish(checklists('Site visit'));
    const r = await clerk.get('/api/checklists/site-visit');
    expect(r.status).toBe(200);
    const { schema, ...rest } = r.body;
    expect(rest).toEqual({
      id: 'site-visit',
      title: { fa: 'بازدید محل', en: 'Site visit' },
      items: [
        { id: 'area', label: { fa: 'مساحت', en: 'Area' }, type: 'number', unit: 'm2', critical: true },
        { id: 'zone', label: { fa: 'موقعیت', en: 'Setting' }, type: 'enum', critical: true, options: [{ value: 'urban', label: { fa: 'شهری', en: 'Urban' } }, { value: 'rural', label: { fa: 'روستایی', en: 'Rural' } }] },
        { id: 'sign', label: { fa: 'تابلو', en: 'Sign' }, type: 'boolean', critical: true },
        { id: 'in_complex', label: { fa: 'در مجتمع', en: 'In a complex' }, type: 'boolean', critical: false },
        { id: 'restroom', label: { fa: 'سرویس بهداشتی', en: 'Restroom' }, type: 'boolean', critical: true, applies_when: { '!': [{ var: 'form.in_complex' }] } },
      ],
    });
    // The items compiled like form fields: the widgets the UI draws them with, the unit by its label.
    expect(schema['x-order']).toEqual(['area', 'zone', 'sign', 'in_complex', 'restroom']);
    expect(schema.properties.area).toMatchObject({ type: 'number', 'x-unit-label': { fa: 'متر مربع' }, 'x-critical': true });
    expect(schema.properties.zone).toMatchObject({ enum: ['urban', 'rural'], 'x-options': [{ value: 'urban' }, { value: 'rural' }] });
    expect(schema.properties.sign).toMatchObject({ type: 'boolean', 'x-widget': 'yesno' });
    expect(schema.properties.restroom['x-applies-when']).toEqual({ '!': [{ var: 'form.in_complex' }] });
    expect(JSON.stringify(r.body)).not.toContain('site.min_area');
  });

  it('answers a case’s checklist as in the definition version the case runs on', async () => {
    const c = await clerk.post('/api/cases', { procedure: 'move', subject: 'o1', input: { area: 50, location: { lat: 38.4, lon: 48.5 } } });
    expect(c.status).toBe(201);
    await publish(checklists('Site visit, revised'));
    expect((await clerk.get('/api/checklists/site-visit')).body.title.en).toBe('Site visit, revised');
    expect((await clerk.get(`/api/checklists/site-visit?case=${c.body.id}`)).body.title.en).toBe('Site visit');
  });

  it('is for signed-in users, answers 404 for an unknown checklist or case, and 403 for a case the user’s roles do not involve', async () => {
    expect((await env.client().get('/api/checklists/site-visit')).status).toBe(401);
    expect((await clerk.get('/api/checklists/no-such')).status).toBe(404);
    expect((await clerk.get('/api/checklists/site-visit?case=no-such-case')).status).toBe(404);
    const c = await clerk.post('/api/cases', { procedure: 'move', subject: 'o2', input: { area: 50, location: { lat: 38.7, lon: 48.9 } } });
    const viewer = await userWith(env, admin, 'viewer1', ['viewer']);
    expect((await viewer.get('/api/checklists/site-visit')).status).toBe(200);
    expect((await viewer.get(`/api/checklists/site-visit?case=${c.body.id}`)).status).toBe(403);
    expect((await admin.get(`/api/checklists/site-visit?case=${c.body.id}`)).status).toBe(200);
  });
});
