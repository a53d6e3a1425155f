import { it } from 'vitest';
import pino from 'pino';
import { adminClient, testEnv, userWith } from '../server/helpers.js';

it('explore', async () => {
  const env = await testEnv({ log: pino({ level: 'error' }), config: { loginLimit: { windowMs: 60_000, limit: 1000 } } });
  const admin = await adminClient(env);
  const clerk = await userWith(env, admin, 'clerk1', ['clerk']);
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
  const raw = `{"procedure":"move","subject":"o1","input":{"area":50,"location":{"lat":38.4,"lon":48.5},"x":${deep(5000)}}}`;
  let r = await clerk.req('POST', '/api/cases', raw, { 'content-type': 'application/json' });
  r = await clerk.req('POST', '/api/cases', `{"procedure":"move","subject":"o1","input":{"area":50,"location":{"lat":38.4,"lon":48.5}}, "x": 1}`, { 'content-type': 'application/json' });
  console.log(r.status);
  for (const body of ['{"username":"admin","password":"hunter2-secret" x}', '{"username":"admin","password":"hunter2-secret"', "{'a':1}", '{"a":1}}']) {
    r = await clerk.req('POST', '/api/auth/password', body, { 'content-type': 'application/json' });
    console.log('malformed', r.status, r.body.detail_en);
  }
  const logic = (n: number): unknown => (n === 0 ? true : { '!': [logic(n - 1)] });
  for (const n of [60, 70, 100, 200]) {
    const rule = `kind: rules\nrules:\n  - id: deep.x\n    label: { fa: x, en: x }\n    check: ${JSON.stringify(logic(n))}\n    message: { fa: x, en: x }\n`;
    r = await admin.post('/api/definitions/check', { path: 'testprov/deep.yaml', content: rule });
    console.log('deep logic', n, r.status, JSON.stringify(r.body.errors).slice(0, 300));
  }
  const wide = `kind: rules\nrules:\n  - id: deep.x\n    label: { fa: x, en: x }\n    check: ${JSON.stringify({ and: Array(12000).fill({ '==': [1, 1] }) })}\n    message: { fa: x, en: x }\n`;
  r = await admin.post('/api/definitions/check', { path: 'testprov/deep.yaml', content: wide });
  console.log('wide logic', r.status, JSON.stringify(r.body.errors).slice(0, 300));
  await env.cleanup();
});
