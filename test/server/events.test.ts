/**
 * Issue 10, item 12: `GET /api/events` tells a signed-in user's page that work arrived or a case changed — a task for
 * their roles opened or closed (`inbox`), a case they may see changed (`case`) — and nothing about cases they may not
 * see; it is nginx-friendly, ends on sign-out, and is a plain 406 for a client that does not ask for a stream.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { stream } from './event-stream.js';
import { suiteEnv, userWith, type Client, type TestEnv } from './helpers.js';

const FAR = { lat: 38.4, lon: 48.5 };


describe('live updates (server-sent events)', () => {
  const suite = suiteEnv({ clerk1: ['clerk'], board1: ['board'], viewer1: ['viewer'] });
  let env: TestEnv, admin: Client, clerk: Client, board: Client, viewer: Client;
  beforeAll(() => void ({ env, admin, users: { clerk1: clerk, board1: board, viewer1: viewer } } = suite));

  it('answers a client that does not ask for a stream with 406, and anonymous callers with 401', async () => {
    const plain = await clerk.get('/api/events');
    expect(plain.status).toBe(406);
    expect(plain.body.code).toBe('not-acceptable');
    expect((await env.client().get('/api/events')).status).toBe(401);
  });

  it('streams with proxy-friendly headers', async () => {
    const s = await stream(env, clerk);
    expect(s.res.status).toBe(200);
    expect(s.res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(s.res.headers.get('x-accel-buffering')).toBe('no');
    expect(s.res.headers.get('cache-control')).toBe('no-cache, no-transform');
    s.close();
  });

  it('tells the roles whose task opened or closed, and whoever may see the case, once it is committed', async () => {
    const boardStream = await stream(env, board);
    const viewerStream = await stream(env, viewer);
    const started = await clerk.post('/api/cases', { procedure: 'move', subject: 'o1', input: { area: 50, location: FAR } });
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    // The clerk's review task opened: the board sees the case (it has a step in it), but its inbox did not change.
    await boardStream.until(() => boardStream.events.some((e) => e.event === 'case' && e.data.caseId === id), 'the case event');
    expect(boardStream.events.filter((e) => e.event === 'inbox')).toEqual([]);
    const review = started.body.openTasks[0].id as string;
    const done = await clerk.post(`/api/cases/${id}/tasks/${review}/complete`, { expectedVersion: started.body.version, outcome: 'accept' });
    expect(done.status).toBe(200);
    // Now the board's decision task opened: its inbox is told, with the case's new version.
    await boardStream.until(() => boardStream.events.some((e) => e.event === 'inbox' && e.data.caseId === id), 'the inbox event');
    expect(boardStream.events.some((e) => e.event === 'case' && e.data.version === done.body.version)).toBe(true);
    // A refused write tells nobody anything.
    const before = boardStream.events.length;
    expect((await clerk.post(`/api/cases/${id}/tasks/${review}/complete`, { expectedVersion: 1, outcome: 'accept' })).status).toBe(409);
    // A role the procedure does not involve hears nothing of this case.
    await new Promise((ok) => setTimeout(ok, 300));
    expect(boardStream.events.length).toBe(before);
    expect(viewerStream.events).toEqual([]);
    boardStream.close();
    viewerStream.close();
  });

  it('ends the stream when its session signs out', async () => {
    const c = await userWith(env, admin, 'clerk2', ['clerk']);
    const s = await stream(env, c);
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    await s.until(() => s.ended, 'the stream to end');
    expect(env.server.services.events.size).toBe(0);
  });
});
