import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, testEnv, type TestEnv } from './helpers.js';

describe('smoke', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv();
  });
  afterAll(async () => env?.cleanup());

  it('serves health and logs the admin in', async () => {
    const c = env.client();
    const h = await c.get('/api/health');
    expect(h.status).toBe(200);
    expect(h.body.bundle.id).toBe('testprov');
    const admin = await adminClient(env);
    const me = await admin.get('/api/auth/me');
    expect(me.body.roles).toEqual(['admin']);
  });
});
