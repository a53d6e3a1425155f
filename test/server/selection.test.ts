/**
 * A sub-procedure over a list (`each:`), over HTTP on the `testsub` fixture: `survey-each` ranks o3 (90), o1 (70) and
 * o2 (50), skips the closed o3 by site.item-active, selects as many as p1's active offices (2) and starts one survey
 * per selected office; the parent goes on only when the last survey has ended.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, T0, testEnv, userWith, type Client, type TestEnv } from './helpers.js';

interface Case { id: string; status: string; result: string | null; version: number; subject: string | null; procedure: string; parentId: string | null }
type Event = { type: string; step?: string; selected?: { key: string; rank: number; score?: number; childCaseId?: string }[]; skipped?: { key: string; rules: string[]; messages: { fa: string }[] }[]; beyond?: unknown[]; limit?: number };

describe('a sub-procedure over a list: ranked, judged and one child case per selected item', () => {
  let env: TestEnv;
  let clerk: Client;
  let board: Client;

  beforeAll(async () => {
    env = await testEnv({}, { bundle: 'testsub' });
    const admin = await adminClient(env);
    clerk = await userWith(env, admin, 'clerk1', ['clerk']);
    board = await userWith(env, admin, 'board1', ['board']);
  });
  afterAll(async () => env?.cleanup());

  const get = async (id: string) => (await clerk.get(`/api/cases/${id}`)).body as Case & { timeline: Event[] };
  const children = async (parent: string) => (await clerk.get(`/api/cases?parent=${parent}`)).body.items as Case[];

  it('selects the best eligible up to the limit, starts a child for each, and goes on when the last one ends', async () => {
    const p = await clerk.post('/api/cases', { procedure: 'survey-each' });
    expect(p.status).toBe(201);
    expect(p.body.status).toBe('active');
    const parent = await get(p.body.id);
    const sel = parent.timeline.find((e) => e.type === 'selection.made')!;
    expect(sel.selected!.map((x) => [x.key, x.rank, x.score])).toEqual([['o1', 2, 70], ['o2', 3, 50]]);
    expect(sel.skipped!.map((x) => [x.key, x.rules])).toEqual([['o3', ['site.item-active']]]);
    expect(sel.skipped![0]!.messages[0]!.fa).toContain('closed');
    expect(sel.limit).toBe(2);

    const kids = await children(p.body.id);
    expect(kids.map((k) => [k.procedure, k.subject, k.status]).sort()).toEqual([['survey', 'o1', 'active'], ['survey', 'o2', 'active']]);
    // each selected item's child case is the one the selection names
    expect(new Set(kids.map((k) => k.id))).toEqual(new Set(sel.selected!.map((x) => x.childCaseId)));

    const o2 = kids.find((k) => k.subject === 'o2')!;
    const o1 = kids.find((k) => k.subject === 'o1')!;
    expect((await board.post(`/api/cases/${o2.id}/tasks/visit/complete`, { expectedVersion: o2.version, outcome: 'bad' })).body).toMatchObject({ status: 'ended', result: 'rejected' });
    // one survey still runs: the parent waits
    expect(await get(p.body.id)).toMatchObject({ status: 'active' });
    expect((await board.post(`/api/cases/${o1.id}/tasks/visit/complete`, { expectedVersion: o1.version, outcome: 'good' })).body).toMatchObject({ status: 'ended', result: 'passed' });
    // the first `next` entry some child ended with: one passed, so the parent is approved
    const done = await get(p.body.id);
    expect(done).toMatchObject({ status: 'ended', result: 'approved' });
    expect(done.timeline.filter((e) => e.type === 'subcase.ended')).toHaveLength(2);
  });

  it("labels naming a parameter read the case's own judging date, not today's", async () => {
    // started on 1404-06-01 (T0): site.min_area is 20; from 1405-01-01 it is 35
    env.clock.set(T0);
    const p = await clerk.post('/api/cases', { procedure: 'survey-each' });
    expect(p.status).toBe(201);
    env.clock.set('2026-04-10T06:00:00.000Z'); // 1405-01-21
    const label = (body: { steps: { id: string; label: { fa: string; en: string } }[] }) => body.steps.find((s) => s.id === 'run-surveys')!.label;
    const today = await clerk.get('/api/procedures/survey-each');
    expect(label(today.body)).toEqual({ fa: 'بازدید از دفاتر برگزیده (حداقل ۳۵ متر مربع)', en: 'Surveys of the selected offices (at least 35 m²)' });
    const own = await clerk.get(`/api/procedures/survey-each?case=${p.body.id}`);
    expect(own.status).toBe(200);
    expect(label(own.body)).toEqual({ fa: 'بازدید از دفاتر برگزیده (حداقل ۲۰ متر مربع)', en: 'Surveys of the selected offices (at least 20 m²)' });
    // the case's diagram too
    const svg = await clerk.get(`/api/procedures/survey-each/diagram?case=${p.body.id}&lang=en`);
    expect(svg.text).toContain('at least 20 m²');
    expect(svg.text).not.toContain('at least 35');
    // a case of another procedure, or one that does not exist, is not found
    expect((await clerk.get(`/api/procedures/inspect?case=${p.body.id}`)).status).toBe(404);
    expect((await clerk.get('/api/procedures/survey-each?case=nope')).status).toBe(404);
    // the board acts on none of survey-each's steps: the case's procedure is not theirs to read
    expect((await board.get(`/api/procedures/survey-each?case=${p.body.id}`)).status).toBe(403);
  });
});
