import { it } from 'vitest';
import { login, startUi } from '/work/main/test/ui/harness.js';
it('debug', async () => {
  const env = await startUi();
  try {
    const pw = await env.createUser('dabirkhane', ['secretariat']);
    await login(env.page, env.base, 'dabirkhane', pw);
    await env.page.goto(`${env.base}/#/start?procedure=transfer&subject=office-ard-1024`);
    await env.page.waitForTimeout(4000);
    await env.page.screenshot({ path: '/tmp/start.png', fullPage: true });
    console.log(env.logs.join('\n'));
  } finally { await env.close(); }
}, 60000);
