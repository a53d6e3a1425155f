/**
 * The language's label keys added for issue 10: `computed_labels` on an entity (each must name a computed field),
 * `waits_for` on a stopped-clock step (a known role), `label` on a route. Each mistake is one error at its position.
 */
import { describe, expect, it } from 'vitest';
import { header, loadWith } from './helpers.js';

const entities = (labels: string) => `${header('entities')}kind: entities
entities:
  - id: unit
    label: { fa: واحد, en: Unit }
    schema: { type: object, properties: { id: { type: string }, place: { type: string } }, required: [id] }
    computed:
      size: { "+": [1, 1] }
    computed_labels:
${labels}`;

const proc = (step: string) => `${header('procedure')}kind: procedure
id: p
title: { fa: روال, en: Procedure }
start: { roles: [clerk] }
steps:
${step}
  - { id: end, kind: end, label: { fa: پایان, en: End }, result: done }
`;

describe('label keys', () => {
  it('accepts computed labels, a route label and whom a stopped clock waits for', () => {
    const r = loadWith({
      'entities.yaml': entities('      size: { fa: اندازه, en: Size }\n'),
      'procedure.yaml': proc(`  - { id: wait, kind: task, role: clerk, clock: stopped, waits_for: board, next: pick }
  - { id: pick, kind: route, routes: [{ when: true, next: end, label: { fa: همیشه, en: Always } }], otherwise: end }`),
    });
    expect(r.errors).toEqual([]);
    expect(r.bundle!.entities.get('unit')!.computedLabels).toEqual({ size: { fa: 'اندازه', en: 'Size' } });
    const steps = r.bundle!.procedures.get('p')!.stepIndex;
    expect(steps.get('wait')).toMatchObject({ waits_for: 'board' });
    expect(steps.get('pick')).toMatchObject({ routes: [{ label: { fa: 'همیشه', en: 'Always' } }] });
  });

  it('refuses a label for a computed field that does not exist, with a suggestion', () => {
    const r = loadWith({ 'entities.yaml': entities('      sise: { fa: اندازه, en: Size }\n') });
    expect(r.errors.map((e) => [e.code, e.file, e.line, e.col])).toEqual([['unknown-computed', 'defs/b/entities.yaml', 10, 7]]);
    expect(r.errors[0].message).toMatch(/"sise" is not a computed field of entity "unit" — did you mean "size"\?/);
  });

  it('refuses an unknown role to wait for', () => {
    const r = loadWith({ 'procedure.yaml': proc('  - { id: wait, kind: task, role: clerk, clock: stopped, waits_for: bord, next: end }') });
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['unknown-role', 7]]);
    expect(r.errors[0].message).toMatch(/did you mean "board"/);
  });
});
