/**
 * Child cases (sub-procedure steps) and triggers that start cases, over HTTP, on the `testsub` fixture: `inspect` runs
 * the child procedure `survey` (guarded by site.active) and ends by the child's result; `survey-due` starts a survey
 * for every office on its `survey_on` date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, testEnv, userWith, type Client, type TestEnv } from './helpers.js';

const DAY = 86_400_000;

interface Case {
  id: string;
  status: string;
  result: string | null;
  version: number;
  parentId: string | null;
  startedBy: string;
  subject: string | null;
  procedure: string;
  children: Record<string, string>;
}

describe('child cases and triggers that start cases', () => {
  let env: TestEnv;
  let admin: Client;
  let clerk: Client;
  let board: Client;

  beforeAll(async () => {
    env = await testEnv({}, { bundle: 'testsub' });
    admin = await adminClient(env);
    clerk = await userWith(env, admin, 'clerk1', ['clerk']);
    board = await userWith(env, admin, 'board1', ['board']);
  });
  afterAll(async () => env?.cleanup());

  const children = async (parent: string) => (await clerk.get(`/api/cases?parent=${parent}`)).body.items as Case[];
  const get = async (id: string) => (await clerk.get(`/api/cases/${id}`)).body as Case & { timeline: { type: string; result?: string; childCaseId?: string }[] };
  const visit = async (child: Case, outcome: string) => board.post(`/api/cases/${child.id}/tasks/visit/complete`, { expectedVersion: child.version, outcome });

  it("starts a child case for a sub-procedure step and resumes the parent with the child's result", async () => {
    const p = await clerk.post('/api/cases', { procedure: 'inspect', subject: 'o1' });
    expect(p.status).toBe(201);
    expect(p.body.status).toBe('active');
    const [child] = await children(p.body.id);
    expect(child).toMatchObject({ procedure: 'survey', subject: 'o1', parentId: p.body.id, startedBy: 'system', status: 'active' });
    expect(p.body.children).toEqual({ [child.id]: 'run-survey' });
    // The child's task is in the board's inbox, like any other.
    const inbox = (await board.get(`/api/inbox?case=${child.id}`)).body.items;
    expect(inbox.map((t: { step: string }) => t.step)).toEqual(['visit']);

    expect((await visit(child, 'good')).body).toMatchObject({ status: 'ended', result: 'passed' });
    const parent = await get(p.body.id);
    expect(parent).toMatchObject({ status: 'ended', result: 'approved', children: {} });
    expect(parent.timeline.find((e) => e.type === 'subcase.ended')).toMatchObject({ childCaseId: child.id, result: 'passed' });
    // The parent's end effect ran.
    expect((await clerk.get('/api/registry/office/o1')).body.area).toBe(99);
  });

  it('reports a refused child start to the parent as result "refused"', async () => {
    // o3 is closed: the survey's site.active guard refuses it, and the parent takes its "refused" branch at once.
    const p = await clerk.post('/api/cases', { procedure: 'inspect', subject: 'o3' });
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({ status: 'ended', result: 'not-possible', children: {} });
    const parent = await get(p.body.id);
    const requested = parent.timeline.find((e) => e.type === 'subcase.requested')!;
    expect(parent.timeline.find((e) => e.type === 'subcase.ended')).toMatchObject({ childCaseId: requested.childCaseId, result: 'refused' });
    // No child case was written.
    expect(await children(p.body.id)).toEqual([]);
    expect((await clerk.get(`/api/cases/${requested.childCaseId}`)).status).toBe(404);
  });

  it('tells the parent when its child fails or is cancelled, and cancels running children with their parent', async () => {
    // A child that fails (its timer computes no date) ends the parent's wait with "failed".
    const a = await clerk.post('/api/cases', { procedure: 'inspect', subject: 'o2' });
    const [failing] = await children(a.body.id);
    expect((await visit(failing, 'stall')).body.status).toBe('failed');
    expect(await get(a.body.id)).toMatchObject({ status: 'ended', result: 'rejected' });
    expect((await get(a.body.id)).timeline.find((e) => e.type === 'subcase.ended')).toMatchObject({ result: 'failed' });

    // A cancelled child: the parent goes on with "cancelled".
    const b = await clerk.post('/api/cases', { procedure: 'inspect', subject: 'o2' });
    const [cancelled] = await children(b.body.id);
    expect((await clerk.post(`/api/cases/${cancelled.id}/cancel`, { expectedVersion: cancelled.version, reason: 'not needed' })).body.status).toBe('cancelled');
    expect(await get(b.body.id)).toMatchObject({ status: 'ended', result: 'rejected' });

    // A cancelled parent takes its running child with it.
    const c = await clerk.post('/api/cases', { procedure: 'inspect', subject: 'o2' });
    const [orphan] = await children(c.body.id);
    expect((await clerk.post(`/api/cases/${c.body.id}/cancel`, { expectedVersion: c.body.version, reason: "not needed any more" })).body.status).toBe('cancelled');
    expect(await get(orphan.id)).toMatchObject({ status: 'cancelled' });
    expect((await board.get(`/api/inbox?case=${orphan.id}`)).body.total).toBe(0);
  });

  it('starts a case from a trigger on its date (as the system); a refused start is recorded on the job', async () => {
    const put = async (id: string, extra: Record<string, unknown>) => {
      const rec = (await admin.get(`/api/registry/office/${id}`)).body;
      expect((await admin.put(`/api/registry/office/${id}`, { ...rec, ...extra })).status).toBe(200);
    };
    // T0 is 1404-06-01: both surveys are due in nine days; o3 is closed, so its survey will be refused.
    await put('o2', { survey_on: '1404-06-10' });
    await put('o3', { survey_on: '1404-06-10' });
    const jobs = async (status: string) =>
      (await admin.get(`/api/jobs?kind=trigger&status=${status}&limit=1000`)).body.items.filter((j: { payload: { trigger: string } }) => j.payload.trigger === 'survey-due');
    expect((await jobs('pending')).map((j: { payload: { id: string } }) => j.payload.id).sort()).toEqual(['o2', 'o3']);
    const surveys = async () => (await clerk.get('/api/cases?procedure=survey&status=active&subject=o2')).body.items.filter((c: Case) => c.parentId === null) as Case[];
    expect(await surveys()).toEqual([]);

    expect((await admin.post('/api/scheduler/tick')).body.fired).toBe(0);
    env.clock.advance(10 * DAY);
    expect((await admin.post('/api/scheduler/tick')).body).toMatchObject({ fired: 2, failed: 0 });

    const [started] = await surveys();
    expect(started).toMatchObject({ procedure: 'survey', subject: 'o2', startedBy: 'system', parentId: null });
    expect((await board.get(`/api/inbox?case=${started.id}`)).body.items.map((t: { step: string }) => t.step)).toEqual(['visit']);
    const done = await jobs('done');
    expect(done.find((j: { payload: { id: string } }) => j.payload.id === 'o2').result).toEqual({ caseId: started.id });
    expect(done.find((j: { payload: { id: string } }) => j.payload.id === 'o3').result).toMatchObject({
      refused: { code: 'guard-failed', failures: [expect.objectContaining({ rule: 'site.active' })] },
    });
    // Fired once: another tick (or a restart) starts nothing more.
    expect((await admin.post('/api/scheduler/tick')).body.fired).toBe(0);
    expect(await surveys()).toHaveLength(1);
  });
});
