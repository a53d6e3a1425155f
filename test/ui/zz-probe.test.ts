import { afterAll, beforeAll, it } from 'vitest';
import { ADMIN_PASSWORD, login, startUi, type UiEnv } from './harness.js';
let env: UiEnv;
beforeAll(async () => { env = await startUi(); });
afterAll(async () => env?.close());
it('probe', { timeout: 60000 }, async () => {
  const { page, base } = env;
  await login(page, base, 'admin', ADMIN_PASSWORD);
  await page.goto(`${base}/#/admin/definitions/ardabil/resolutions.yaml`);
  await page.locator('dabir-editor .cm-content').waitFor();
  await page.locator('dabir-editor .cm-content').click();
  await page.keyboard.press('Control+Shift+m');
  await page.waitForTimeout(300);
  console.log('panel after ctrl+shift+m', await page.locator('dabir-editor .cm-panel-lint').count());
  await page.keyboard.press('Control+Shift+M');
  await page.waitForTimeout(300);
  console.log('panel after ctrl+shift+M', await page.locator('dabir-editor .cm-panel-lint').count());
  console.log(await page.locator('dabir-editor .cm-panels').count(), env.logs.join('\n'));
});
