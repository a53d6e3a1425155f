/**
 * Issue 12 (brief C, item 4): `steps.<step>.…` paths are checked against the procedure's steps, a step record's parts
 * and the step's form; so are the `{…}` placeholders of notify messages — at file:line:col, with did-you-mean.
 */
import { describe, expect, it } from 'vitest';
import { formatError } from '../../engine/load/index.js';
import { expectPersianBeside, header, loadWith } from './helpers.js';

/** The minimal procedure with a formed review task and a route that reads `path`, and a notify with `message`. */
const proc = (path: string, message = 'مساحت {steps.review.data.area}') => `${header('procedure')}kind: procedure
id: p
title: { fa: روال, en: Procedure }
start: { roles: [clerk], form: request, guards: [area.ok] }
steps:
  - id: review
    kind: task
    label: { fa: بررسی, en: Review }
    role: clerk
    form: request
    outcomes:
      - { id: approve, next: which }
      - { id: refuse, next: done-no }
  - id: which
    kind: route
    label: { fa: مسیر, en: Route }
    routes: [{ when: { ">": [{ var: ${path} }, 10] }, next: tell }]
    otherwise: done-no
  - { id: tell, kind: notify, label: { fa: ابلاغ, en: Tell }, to: clerk, message: { fa: "${message}", en: "Area" }, next: done-ok }
  - { id: done-ok, kind: end, label: { fa: تایید, en: OK }, result: approved }
  - { id: done-no, kind: end, label: { fa: رد, en: No }, result: refused }
`;

describe('step data paths', () => {
  it("accepts a field of the step's form, its outcome and its record's parts", () => {
    for (const path of ['steps.review.data.area', 'steps.review.outcome', 'steps.review.visits', 'steps.review.previous.data.area']) {
      const r = loadWith({ 'procedure.yaml': proc(path) });
      expect(r.errors.map(formatError), path).toEqual([]);
    }
  });

  it('refuses a field the step\'s form lacks, with did-you-mean, at the path', () => {
    const r = loadWith({ 'procedure.yaml': proc('steps.review.data.aera') });
    const hit = r.errors.find((e) => e.code === 'unknown-path');
    expect(hit, r.errors.map(formatError).join('\n')).toMatchObject({ file: 'defs/b/procedure.yaml', line: 18, col: 37 });
    expect(hit!.message).toBe('unknown data path "steps.review.data.aera": step "review" of procedure "p" records no field "aera" (its form\'s fields: area) — did you mean "area"?');
    expectPersianBeside(hit!);
  });

  it('refuses an unknown step and an unknown part of a step record', () => {
    const step = loadWith({ 'procedure.yaml': proc('steps.reveiw.outcome') });
    expect(step.errors.map(formatError).join('\n')).toMatch(/procedure\.yaml:18:37: .*procedure "p" has no step "reveiw" — did you mean "review"\?/);
    const part = loadWith({ 'procedure.yaml': proc('steps.review.outcom') });
    expect(part.errors.map(formatError).join('\n')).toMatch(/procedure\.yaml:18:37: .*a step's record has no part "outcom" .* — did you mean "outcome"\?/);
  });

  it('warns, and does not refuse, a data path of a step that has no form (its data cannot be typed)', () => {
    const r = loadWith({ 'procedure.yaml': proc('steps.review.data.area').replace('    form: request\n    outcomes:', '    outcomes:') });
    expect(r.errors.map(formatError)).toEqual([]);
    expect(r.warnings.map(formatError).join('\n')).toMatch(/procedure\.yaml:17:37: step "review" of procedure "p" has no form, so "steps.review.data.area" cannot be checked/);
  });

  it("refuses a notify message's placeholder that names no field, at the message", () => {
    const r = loadWith({ 'procedure.yaml': proc('steps.review.data.area', 'مساحت {steps.review.data.arae}') });
    const hit = r.errors.find((e) => e.code === 'unknown-path');
    expect(hit, r.errors.map(formatError).join('\n')).toMatchObject({ file: 'defs/b/procedure.yaml', line: 20, col: 89 });
    expect(hit!.message).toMatch(/unknown data path "steps.review.data.arae".*did you mean "area"\?/);
  });

  it('in a shared rule, a fallback to a step only some procedure has is accepted; a step none has is refused', () => {
    const rules = (check: string) => `${header('rules')}kind: rules
rules:
  - id: area.ok
    label: { fa: مساحت, en: Area }
    check: ${check}
    message: { fa: کم است, en: Too small }
`;
    const ok = loadWith({ 'procedure.yaml': proc('steps.review.outcome'), 'rules.yaml': rules('{ ">=": [{ var: [steps.review.data.area, { var: input.area }] }, { param: area.min }] }') });
    expect(ok.errors.map(formatError)).toEqual([]);
    const bad = loadWith({ 'procedure.yaml': proc('steps.review.outcome'), 'rules.yaml': rules('{ ">=": [{ var: [steps.site.data.area, { var: input.area }] }, { param: area.min }] }') });
    expect(bad.errors.map(formatError).join('\n')).toMatch(/rules\.yaml:6:.*unknown data path "steps.site.data.area": no procedure that reads it \(p\) has a field "site" there/);
  });
});

describe("fields read of a fact's result", () => {
  const facts = `${header('facts')}kind: facts
facts:
  - id: unit-count
    type: integer
    params: [place]
    count: { entity: unit, where: { "==": [{ var: place }, { var: $args.place }] } }
  - id: unit
    type: object
    params: [id]
    lookup: { entity: unit }
`;
  const rules = (field: string) => `${header('rules')}kind: rules
rules:
  - id: area.ok
    label: { fa: مساحت, en: Area }
    check: { "==": [{ get: [{ fact: [unit, u1] }, ${field}] }, x] }
    message: { fa: کم است, en: Too small }
`;
  it("accepts a field of a lookup's entity and refuses one it lacks, with did-you-mean, at the field", () => {
    expect(loadWith({ 'facts.yaml': facts, 'rules.yaml': rules('place') }).errors.map(formatError)).toEqual([]);
    const r = loadWith({ 'facts.yaml': facts, 'rules.yaml': rules('plase') });
    const hit = r.errors.find((e) => e.code === 'unknown-path');
    expect(hit, r.errors.map(formatError).join('\n')).toMatchObject({ file: 'defs/b/rules.yaml', line: 6, col: 51 });
    expect(hit!.message).toBe('fact "unit" gives a record of entity "unit", which has no field "plase" — did you mean "place"?');
    expectPersianBeside(hit!);
  });
});
