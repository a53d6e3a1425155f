/**
 * Accessibility without axe. The colours: WCAG contrast ratios computed from the CSS custom properties of
 * ui/src/styles/global.css — at least 4.5:1 for text, 3:1 for focus rings and control borders. The pages: each main
 * page walked by the Tab key in a real browser — focus reaches every interactive element and is visible where it
 * lands — every control has an accessible name (Chromium's own computation), every input a label (aria or <label>),
 * every image and SVG a title.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contrast, customProperties, namelessControls, unlabelledInputs, untitledImages, walkByTab } from './a11y.js';
import { ADMIN_PASSWORD, ROOT, login, logout, startUi, type UiEnv } from './harness.js';

describe('the colours', () => {
  const vars = customProperties(readFileSync(join(ROOT, 'ui/src/styles/global.css'), 'utf8'));
  const v = (name: string) => {
    const value = vars[`--d-${name}`];
    if (!value) throw new Error(`--d-${name} is not defined in global.css`);
    return value;
  };

  // [foreground, background, where it is used]
  const TEXT: [string, string, string][] = [
    ['text', 'bg', 'body text on the page'],
    ['text', 'surface', 'text on cards and tables'],
    ['text', 'table-head', 'table headings'],
    ['text', 'primary-soft', 'text of a highlighted row'],
    ['muted', 'bg', 'secondary text on the page'],
    ['muted', 'surface', 'secondary text on cards'],
    ['muted', 'table-head', 'secondary text in table headings'],
    ['primary', 'surface', 'links and secondary buttons'],
    ['primary', 'bg', 'links on the page'],
    ['primary-text', 'primary', 'buttons, the header, selected tabs'],
    ['primary-text', 'danger', 'danger buttons'],
    ['danger', 'surface', 'error text'],
    ['danger', 'danger-soft', 'danger badges'],
    ['ok', 'ok-soft', 'success badges'],
    ['warn', 'warn-soft', 'warning badges'],
    ['primary', 'primary-soft', 'information badges'],
    ['danger-text', 'danger-soft', 'error alerts'],
    ['ok-text', 'ok-soft', 'success alerts'],
    ['warn-text', 'warn-soft', 'warning alerts'],
  ];
  const NON_TEXT: [string, string, string][] = [
    ['focus', 'bg', 'focus ring on the page'],
    ['focus', 'surface', 'focus ring on cards'],
    ['header-focus', 'primary', 'focus ring in the header'],
    ['control-border', 'surface', 'the border of inputs on cards'],
    ['control-border', 'bg', 'the border of inputs on the page'],
  ];

  it.each(TEXT)('text: %s on %s (%s) is at least 4.5:1', (fg, bg) => {
    expect(contrast(v(fg), v(bg))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(NON_TEXT)('non-text: %s on %s (%s) is at least 3:1', (fg, bg) => {
    expect(contrast(v(fg), v(bg))).toBeGreaterThanOrEqual(3);
  });

  it('computes contrast as WCAG defines it', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrast('#fff', '#fff')).toBe(1);
  });
});

describe('the pages by keyboard', { timeout: 120_000 }, () => {
  let env: UiEnv;
  let secretariat: string;
  let caseId = '';

  beforeAll(async () => {
    env = await startUi();
    secretariat = await env.createUser('a11y-sec', ['secretariat']);
    const api = await env.apiAs('a11y-sec', secretariat);
    const c = await api('POST', '/cases', {
      procedure: 'relocation', subject: 'office-ard-1001',
      input: { place: 'ardabil-city', kind: 'urban', area: 70, location: { lat: 38.3, lon: 48.4 }, address: 'اردبیل' },
    });
    if (c.status !== 201) throw new Error(`${c.status} ${JSON.stringify(c.body)}`);
    caseId = c.body.id;
  });
  afterAll(async () => env?.close());

  /** Opens a page, waits for what shows it is ready, then runs every check on it. */
  const check = async (hash: string, ready: string) => {
    const { page, base } = env;
    await page.goto(`${base}/${hash}`);
    await page.locator(ready).first().waitFor({ timeout: 20_000 });
    await page.evaluate(() => document.fonts.ready);
    const walk = await walkByTab(page);
    const where = `${hash}: ${walk.expected.length} interactive elements, ${walk.presses} presses`;
    console.log(where);
    expect(walk.expected.length, where).toBeGreaterThan(3);
    expect(walk.unreached.map((x) => x.what), `${where}; never reached by Tab`).toEqual([]);
    expect(walk.invisibleFocus.map((x) => x.what), `${where}; focus not visible`).toEqual([]);
    expect(await unlabelledInputs(page), `${hash}: inputs without a label`).toEqual([]);
    expect(await namelessControls(page), `${hash}: controls without an accessible name`).toEqual([]);
    expect(await untitledImages(page), `${hash}: images and SVGs without a title`).toEqual([]);
  };

  it('the sign-in page', async () => {
    await check('#/login', 'dabir-login #username');
  });

  it('the secretariat\'s pages: inbox, starting a case, a case with its task, the account, keeping the registry', async () => {
    const { page, base } = env;
    await login(page, base, 'a11y-sec', secretariat);
    await check('#/inbox', 'dabir-inbox tbody tr a');
    // Another office than the open case's (that one may not start a second relocation: the page says so instead).
    await check('#/start?procedure=relocation&subject=office-ard-1002', 'dabir-start-case #start-area');
    await check(`#/cases/${caseId}`, 'dabir-case dabir-task button[data-outcome]');
    await check('#/account', 'dabir-account #pw-current');
    // Keeping the registry: a new record's form, a record's page with its cases, the import box.
    await check('#/registry/person?new=1', 'dabir-registry form[data-record-editor="new"] dabir-form');
    await check('#/registry/office/office-ard-1001', 'dabir-record-page [data-record-cases]');
    await logout(page);
  });

  it('the administrator\'s pages: registry with a record open for editing, reports, definitions in the editor, users', async () => {
    const { page, base } = env;
    await login(page, base, 'admin', ADMIN_PASSWORD);
    await check('#/registry/county?edit=county-ardabil', 'dabir-registry form[data-edit-form] dabir-form');
    await check('#/reports', 'dabir-reports dabir-bar-chart svg');
    await check('#/admin/definitions/ardabil/bundle.yaml', 'dabir-editor .cm-content');
    await check('#/admin/users', 'dabir-users tbody tr');
    await check('#/admin/parameters', 'dabir-params article[data-param]');
  });
});
