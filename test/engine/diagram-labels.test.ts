/**
 * Issue 10, item 12: every diagram label is Persian, from the definitions — never «مسیر ۱», `revoked` or
 * `otherwise`. Outcomes by their labels, routes by their `label`, a sub-procedure's results by the child's end steps,
 * «در غیر این صورت» for otherwise; the server's drawing (engine/diagram) and the UI's fallback drawing
 * (ui/src/components/diagram-layout.ts) label alike.
 */
import { describe, expect, it } from 'vitest';
import { fsSource } from '../../cli/fs-source.js';
import { procedureEdges, toMermaid, toSvg } from '../../engine/diagram/index.js';
import { loadBundle } from '../../engine/load/index.js';
import type { Step } from '../../ui/src/api/types.js';
import { layout as uiLayout } from '../../ui/src/components/diagram-layout.js';

const bundle = loadBundle('definitions/ardabil', fsSource).bundle!;
const lookup = (id: string) => bundle.procedures.get(id);
const procs = [...bundle.procedures.values()];

describe('diagram labels', () => {
  it.each(procs.map((p) => [p.id, p] as const))('labels every arrow of %s in Persian words, not ids', (_id, p) => {
    for (const e of procedureEdges(p, lookup)) {
      if (!e.label) continue;
      expect(e.label.fa, `${p.id}: ${e.from} → ${e.to}`).not.toMatch(/[A-Za-z]|مسیر/);
      expect(e.label.en, `${p.id}: ${e.from} → ${e.to}`).toBeTruthy();
    }
  });

  it('names a sub-procedure’s results by the child’s end steps, and routes by their labels', () => {
    const v = bundle.procedures.get('violations')!;
    const edges = procedureEdges(v, lookup);
    expect(edges.find((e) => e.from === 'revoke' && e.to === 'revoked')?.label).toEqual({ fa: 'پروانه لغو شد', en: 'Licence revoked' });
    expect(edges.find((e) => e.from === 'revoke' && e.to === 'not-revoked')?.label?.fa).toBe('در غیر این صورت');
    expect(edges.filter((e) => e.to === 'revoke').map((e) => e.label?.fa)).toEqual(['لغو پروانه']);
    const svg = toSvg(v, { lookup });
    expect(svg).toContain('پروانه لغو شد');
    expect(svg).not.toMatch(/>(revoked|otherwise|مسیر [۰-۹]+)</);
    expect(toMermaid(v, { lookup, lang: 'en' })).toContain('|"Licence revoked"|');
  });

  it('draws the same labels in the UI’s fallback layout', () => {
    for (const p of procs) {
      const steps = JSON.parse(JSON.stringify(p.steps)) as Step[];
      const childSteps = (id: string) => JSON.parse(JSON.stringify(bundle.procedures.get(id)?.steps ?? [])) as Step[];
      // The UI draws from the API's JSON of the steps; its arrows carry exactly the engine's labels, in order.
      const ui = uiLayout(steps, 'fa', childSteps).edges.map((e) => e.text ?? '');
      const engine = procedureEdges(p, lookup).map((e) => e.label?.fa ?? '');
      expect(ui, p.id).toEqual(engine);
      expect(uiLayout(steps, 'en', childSteps).edges.map((e) => e.text ?? ''), p.id).toEqual(procedureEdges(p, lookup).map((e) => (e.label ? (e.label.en ?? e.label.fa) : '')));
      // Step numbers in Persian digits in Persian, as the server draws them.
      const numbered = uiLayout(steps, 'fa', childSteps).nodes.find((n) => n.step.step_no !== undefined);
      if (numbered) expect(numbered.text).toMatch(/^[۰-۹]+\. /);
    }
  });
});
