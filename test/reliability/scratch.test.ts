import { it } from 'vitest';
import pino from 'pino';
import { adminClient, testEnv, userWith } from '../server/helpers.js';

it('explore', async () => {
  const env = await testEnv({ log: pino({ level: 'error' }) });
  const admin = await adminClient(env);
  const clerk = await userWith(env, admin, 'clerk1', ['clerk']);
  const c = await clerk.post('/api/cases', { procedure: 'move', subject: 'o1', input: { area: 50, location: { lat: 38.4, lon: 48.5 } } });
  console.log('rebuild no doc', (await admin.post(`/api/cases/${c.body.id}/rebuild`)).status);
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  await clerk.req('POST', `/api/cases/${c.body.id}/documents?name=a.png`, png, { 'content-type': 'image/png' });
  console.log('rebuild with doc', (await admin.post(`/api/cases/${c.body.id}/rebuild`)).status);
  for (const p of ['/api/audit?offset=1e309', '/api/cases?offset=1e309', '/api/jobs?offset=1e20', '/api/cases?limit=1e309', '/api/inbox?offset=99999999999999999999']) console.log(p, (await admin.get(p)).status);
  await env.cleanup();
});
