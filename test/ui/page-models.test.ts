/**
 * The pure parts of the pages issue 10 reworked: the registry's columns and cells (labels, never codes or ids, from
 * the one page the API answered), and the timeline's one line per thing that happened.
 */
import { describe, expect, it } from 'vitest';
import type { EntityType, TimelineEvent } from '../../ui/src/api/types.js';
import { shownEvents } from '../../ui/src/components/dabir-timeline.js';
import { cellText, recordHeading, tableColumns } from '../../ui/src/components/registry-model.js';

const office: EntityType = {
  id: 'office', label: { fa: 'دفتر' }, key: 'id', title: '{licence_no}', subtitle: '{place}', computed: ['score'], computedLabels: { score: { fa: 'امتیاز' } }, count: 1,
  schema: {
    type: 'object',
    properties: {
      id: { type: 'string', title: 'شناسه' },
      licence_no: { type: 'string', title: 'شماره پروانه' },
      place: { type: 'string', title: 'شهر', 'x-entity': 'place' },
      holder: { type: 'string', title: 'صاحب پروانه', 'x-entity': 'person' },
      kind: { enum: ['urban', 'rural'], title: 'نوع', 'x-options': [{ value: 'urban', label: { fa: 'شهری' } }, { value: 'rural', label: { fa: 'روستایی' } }] },
      issued_on: { type: 'string', title: 'صدور', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
      note: { type: 'string' },
      sample: { type: 'boolean', title: 'نمونه' },
    },
  },
};

const rec = {
  id: 'office-1', licence_no: 'ard-1', place: 'ardabil-city', holder: 'person-gone', kind: 'urban', issued_on: '1399-05-12', note: 'x', score: 3,
  $title: { fa: 'ard-1' }, $subtitle: { fa: 'اردبیل' }, $display: { place: { fa: 'اردبیل' }, holder: { fa: 'person-gone' }, kind: { fa: 'شهری' } },
};

describe('registry columns and cells', () => {
  it('has a labelled column for each field the title does not already say, then the computed fields', () => {
    expect(tableColumns(office).map((c) => [c.key, c.label])).toEqual([['holder', 'صاحب پروانه'], ['kind', 'نوع'], ['issued_on', 'صدور'], ['score', 'امتیاز']]);
  });

  it('reads a cell by its label: options, references, dates; a missing record says so instead of its id', () => {
    expect(cellText(office, rec, 'kind', '—', 'fa')).toBe('شهری');
    expect(cellText(office, rec, 'place', '—', 'fa')).toBe('اردبیل');
    expect(cellText(office, rec, 'holder', '(نیست)', 'fa')).toBe('(نیست)');
    expect(cellText(office, rec, 'issued_on', '—', 'fa')).toBe('۱۳۹۹/۰۵/۱۲');
    expect(recordHeading(office, rec, 'fa')).toEqual({ title: 'ard-1', subtitle: 'اردبیل' });
  });
});

describe('the timeline', () => {
  const ev = (seq: number, type: string, more: Partial<TimelineEvent> = {}): TimelineEvent => ({ seq, type, at: `2026-01-01T08:00:0${Math.floor(seq / 3)}Z`, ...more });
  it('says each thing that happened once: a step entered for its task, completed by its task', () => {
    const events = [
      ev(0, 'case.started'),
      ev(1, 'step.entered', { step: 'review' }),
      ev(2, 'task.opened', { task: { id: 't1', step: 'review', role: 'clerk' } }),
      ev(3, 'task.completed', { step: 'review', outcome: 'accept' }),
      ev(4, 'step.completed', { step: 'review' }),
      ev(5, 'step.entered', { step: 'route-1' }),
    ];
    // The route's entry (at the same moment as the completion, with nothing else about it) stays: it is what happened.
    expect(shownEvents(events).map((e) => e.type)).toEqual(['case.started', 'task.opened', 'task.completed', 'step.entered']);
  });
});
