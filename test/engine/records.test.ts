/**
 * The interpreter on the Ardabil bundle (issue 10, items 1–3): a reference names an existing record of its entity, in
 * start forms, task forms, lists and checklists; derived values are the engine's; open tasks are prefilled from the
 * case; options come from the table in force; notices read labels; failures carry only labelled values.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fsSource } from '../../cli/fs-source.js';
import { deriveStartInput, explainGuards, prefillFor } from '../../engine/interpret/index.js';
import type { CaseEvent } from '../../engine/interpret/types.js';
import { loadBundle } from '../../engine/load/index.js';
import type { Bundle } from '../../engine/model.js';
import { at, ctxFor, Driver } from './toy.js';

const NOW = at('1405-02-20');
const SITE = { lat: 38.2801997, lon: 48.2933 };
const secretariat = { id: 's', roles: ['secretariat'] };
const inspector = { id: 'i', roles: ['inspectors'] };
const expert = { id: 'e', roles: ['expert-subcommittee'] };
const committee = { id: 'c', roles: ['committee'] };
const PASSING = {
  land_use: true, client_space: true, sign: true, accessibility: true, in_complex: true, counter_signs: true, tariff_board: true,
  client_furniture: true, computers: true, data_lines: true, card_reader: true, fire_extinguisher: true, burglar_alarm: true,
};

describe('records, derive, prefill and labels in the interpreter', () => {
  let bundle: Bundle;
  beforeAll(() => {
    const r = loadBundle('definitions/ardabil', fsSource);
    if (!r.bundle) throw new Error(r.errors.map((e) => e.message).join('\n'));
    bundle = r.bundle;
  });
  const relocation = (input: Record<string, unknown>, subject = 'office-ard-1001') => {
    const d = new Driver(bundle, NOW);
    return { d, decision: d.send({ type: 'start', procedure: 'relocation', subject, input, actor: secretariat, caseId: 'c1' }) };
  };

  it.each([
    ['no-such-place', 'a key no record has'],
    ['اردبیل', 'a typed name'],
    ['office-ard-1002', 'a record of another entity'],
  ])('refuses %s (%s) as the place, at its field, naming the field and the entity by their labels', (place) => {
    const { decision } = relocation({ place, area: 60, location: SITE });
    expect(decision.ok).toBe(false);
    if (decision.ok) return;
    expect(decision.refusal.code).toBe('invalid-form');
    expect(decision.refusal.fieldErrors).toEqual([{
      path: '/place',
      message: {
        fa: `شهر / روستای محل جدید: شهر / روستا «${place}» در ثبت‌ها نیست؛ از فهرست برگزینید.`,
        en: `City / village of the new site: there is no City / village "${place}" in the registry; choose one from the list.`,
      },
    }]);
  });

  it('derives urban or rural from the place record, whatever is sent', () => {
    const city = relocation({ place: 'ardabil-city', kind: 'rural', area: 60, location: SITE });
    expect(city.decision.ok).toBe(true);
    expect(city.d.state?.input.kind).toBe('urban');
    const village = relocation({ place: 'village-sample-1', area: 30, location: { lat: 38.335, lon: 48.22 } }, 'office-ard-1042');
    expect(village.decision.ok).toBe(true);
    expect(village.d.state?.input.kind).toBe('rural');
    // The what-if sees the same: a 30 m² site in the city is urban, and refused by the urban minimum.
    const ctx = ctxFor(bundle, NOW);
    const w = deriveStartInput(bundle, 'relocation', { subject: 'office-ard-1001', input: { place: 'ardabil-city', kind: 'rural', area: 30 } }, ctx);
    expect(w).toEqual({ input: { place: 'ardabil-city', area: 30, kind: 'urban' }, derived: { kind: 'urban' } });
    const failures = explainGuards(bundle, 'relocation', { subject: 'office-ard-1001', input: { ...w.input, location: SITE } }, ctx);
    const area = failures.find((f) => f.rule === 'office.min-area')!;
    expect(area.shown.map((s) => [s.key, s.display?.fa, s.unit?.fa])).toEqual([['kind', 'شهری', undefined], ['type', 'پیشخوان خدمات دولت', undefined], ['found', '۳۰', 'متر مربع'], ['required', '۵۰', 'متر مربع']]);
    // Values the rule does not label fill its message only.
    expect(area.values).toHaveProperty('kind_fa');
    expect(area.shown.some((s) => s.key === 'kind_fa')).toBe(false);
  });

  it('prefills the inspection from the start form, and takes only the options of an item as its answer', () => {
    const { d } = relocation({ place: 'ardabil-city', area: 70, location: SITE });
    d.ok({ type: 'complete', task: 'request', outcome: 'accept', actor: secretariat });
    expect(prefillFor(bundle, d.state!, 'site-inspection', ctxFor(bundle, NOW))).toEqual({ kind: 'urban', area: 70 });
    expect(prefillFor(bundle, d.state!, 'no-such-task', ctxFor(bundle, NOW))).toEqual({});
    const typed = d.send({ type: 'complete', task: 'site-inspection', data: { ...PASSING, kind: 'شهری', area: 70 }, actor: inspector });
    expect(typed.ok).toBe(false);
    if (!typed.ok) expect(typed.refusal.fieldErrors?.map((f) => [f.path, f.message.fa])).toEqual([['/kind', 'مقدار «موقعیت دفتر (شهری / روستایی)» مجاز نیست؛ از فهرست برگزینید.']]);
    d.ok({ type: 'complete', task: 'site-inspection', data: { ...PASSING, kind: 'urban', area: 70 }, actor: inspector });
    expect(d.state?.steps['site-inspection'].outcome).toBe('pass');
  });

  it('checks every reference of a list, and a list names each record once', () => {
    const d = new Driver(bundle, NOW);
    d.ok({ type: 'start', procedure: 'service-assignment', subject: 'agency-passport-police', input: { services: ['passport'] }, actor: secretariat, caseId: 'c2' });
    d.ok({ type: 'complete', task: 'memorandum', outcome: 'signed', data: { guild_signed: true }, actor: secretariat });
    const unknown = d.send({ type: 'complete', task: 'agency-request', outcome: 'requested', data: { places: ['village-sample-1', 'village-nowhere'] }, actor: secretariat });
    expect(!unknown.ok && unknown.refusal.fieldErrors?.map((f) => f.path)).toEqual(['/places/1']);
    const twice = d.send({ type: 'complete', task: 'agency-request', outcome: 'requested', data: { places: ['village-sample-1', 'village-sample-1'] }, actor: secretariat });
    expect(!twice.ok && twice.refusal.fieldErrors?.map((f) => f.message.fa)).toEqual(['در «مناطق مورد نظر» یک مورد دو بار آمده است.']);
    d.ok({ type: 'complete', task: 'agency-request', outcome: 'requested', data: { places: ['village-sample-1'] }, actor: secretariat });
  });

  it('takes the violation from the table in force and writes the notice with the labels, not the codes', () => {
    const d = new Driver(bundle, NOW);
    d.ok({ type: 'start', procedure: 'violations', input: { reporter: 'client', offender_kind: 'office', office: 'office-ard-1003', description: 'نمونه' }, actor: secretariat, caseId: 'c3' });
    d.ok({ type: 'complete', task: 'report', outcome: 'accept', actor: secretariat });
    const unknown = d.send({ type: 'complete', task: 'subcommittee', outcome: 'propose', data: { violation: 'over-charge', occurrence: 1, penalty: 'written-warning' }, actor: expert });
    expect(!unknown.ok && unknown.refusal.fieldErrors?.map((f) => f.message.fa)).toEqual(['تخلف (جدول پیوست شماره چهار): «over-charge» در «جدول تخلفات و مجازات‌ها (پیوست شماره چهار)» نیست؛ از فهرست برگزینید.']);
    // The table's penalty for the violation and its occurrence; another one is refused with labelled values.
    const wrong = d.send({ type: 'complete', task: 'subcommittee', outcome: 'propose', data: { violation: 'overcharge', occurrence: 1, penalty: 'suspension' }, actor: expert });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.refusal.failures[0].shown.map((s) => [s.label.fa, s.display?.fa])).toEqual([
        ['تخلف', 'دریافت وجه مازاد بر تعرفه (نمونه)'], ['مرتبه', '۱'], ['مجازات پیشنهادی', 'تعلیق موقت پروانه'], ['مجازات طبق جدول', 'اخطار کتبی'],
      ]);
    }
    d.ok({ type: 'complete', task: 'subcommittee', outcome: 'propose', data: { violation: 'overcharge', occurrence: 1, penalty: 'written-warning' }, actor: expert });
    d.ok({ type: 'complete', task: 'committee', outcome: 'approve', data: { meeting_no: '12', meeting_date: '1405-02-20' }, actor: committee });
    const notice = d.events.find((e): e is Extract<CaseEvent, { type: 'notification.requested' }> => e.type === 'notification.requested')!;
    expect(notice.message.fa).toBe('مجازات «اخطار کتبی» برای تخلف «دریافت وجه مازاد بر تعرفه (نمونه)» (مرتبه ۱) در کارگروه استانی تصویب و به دفتر ابلاغ شد.');
    expect(notice.message.en).toBe("The penalty 'Written warning' for 'Charging above the tariff (sample)' (occurrence 1) was approved and notified.");
  });

  it('derives a name from the record a field names (the transferee\'s)', () => {
    const d = new Driver(bundle, NOW);
    const r = d.send({ type: 'start', procedure: 'transfer', subject: 'office-ard-1001', input: { transferee: 'person-ali', transferee_name: 'someone else' }, actor: secretariat, caseId: 'c4' });
    expect(r.ok).toBe(true);
    expect(d.state?.input.transferee_name).toBe('علی رضایی (نمونه)');
  });
});
