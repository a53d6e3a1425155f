/**
 * Replays a bundle's YAML scenarios against a running server through its HTTP API — the same scenarios `dabir test`
 * runs through the interpreter over an in-memory registry — so the server (SQLite facts, the spatial index, child
 * cases, the scheduler's timers and triggers, the routes) is held to the same answers. Each scenario starts from the
 * bundle's sample registry (reset through the store) plus its own records (written by the administrator, PUT), on the
 * server's clock set to the scenario's date. Returns one line per disagreement.
 */
import { addDays, addDuration, jalaliToInstant, toJalaliDate } from '../../engine/calendar/index.js';
import type { Bundle, Scenario } from '../../engine/model.js';
import { pointOf } from '../../server/registry/records.js';
import { triggerKeyPrefix } from '../../server/scheduler/triggers.js';
import type { Client, TestEnv } from './helpers.js';

interface Task {
  caseId: string;
  taskId: string;
  step: string;
  item: string | null;
  role: string;
  caseVersion: number;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
function isSubsequence(seq: string[], of: string[]): boolean {
  let i = 0;
  for (const x of of) if (x === seq[i]) i++;
  return i === seq.length;
}

function matches(got: unknown, want: unknown): boolean {
  if (want === null || typeof want !== 'object') return got === want || (typeof got === 'number' && typeof want === 'number' && Math.abs(got - want) < 1e-9);
  if (got === null || typeof got !== 'object') return false;
  if (Array.isArray(want)) return Array.isArray(got) && got.length === want.length && want.every((w, i) => matches(got[i], w));
  return Object.entries(want).every(([k, v]) => matches((got as Record<string, unknown>)[k], v));
}

/** The refusal's rules, or its code when it names no rule. */
const refusedBy = (body: { failures?: { rule: string }[]; refusal?: string; code?: string }) =>
  body.failures?.length ? body.failures.map((f) => f.rule) : [body.refusal ?? body.code ?? '?'];

/** What a step is done on: the case of a task, or the subject of a start (a party role acts for its own record). */
export interface ActingOn {
  caseId?: string;
  subject?: string;
}

/**
 * Runs every scenario of `bundle` against `env`'s server; `as(role, on)` is a signed-in client holding that role (for a
 * party role, the party of `on`).
 */
export async function replayScenarios(env: TestEnv, bundle: Bundle, admin: Client, as: (role: string, on: ActingOn) => Client | Promise<Client>, scenarios: readonly Scenario[] = bundle.scenarios): Promise<string[]> {
  const problems: string[] = [];
  const { store } = env.server.deps;
  const tz = bundle.info.timeZone;
  const latest = [...bundle.resolutions.values()].reduce((a, r) => (r.date > a ? r.date : a), '1400-01-01');
  const keyOf = (entity: string) => bundle.entities.get(entity)?.key ?? 'id';

  /** Makes the server's registry the bundle's sample registry again (as `dabir test` starts every scenario from it). */
  const resetRegistry = (at: string) =>
    store.tx(() => {
      for (const [entity, def] of bundle.entities) {
        const sample = new Map((bundle.registry[entity] ?? []).map((r) => [String(r[def.key]), r]));
        for (const rec of store.entities.all(entity)) if (!sample.has(String(rec[def.key]))) store.entities.delete(entity, String(rec[def.key]));
        for (const [id, rec] of sample) if (JSON.stringify(store.entities.get(entity, id)) !== JSON.stringify(rec)) store.entities.put(entity, id, rec, at, pointOf(def, rec));
      }
    });

  for (const sc of scenarios) {
    // A what-if (`assume:`) changes parameters the served bundle does not: only the interpreter can run it.
    if (sc.assume && Object.keys(sc.assume).length) continue;
    const say = (what: string) => problems.push(`${sc.id} (${sc.source.file}:${sc.source.line}): ${what}`);
    let now = sc.now ? (sc.now.includes('T') ? sc.now : jalaliToInstant(sc.now, tz)) : jalaliToInstant(addDays(latest, 1), tz);
    env.clock.set(now);
    resetRegistry(now);
    try {
      for (const [entity, records] of Object.entries(sc.registry)) {
        for (const rec of records) {
          const r = await admin.put(`/api/registry/${entity}/${encodeURIComponent(String(rec[keyOf(entity)]))}`, rec);
          if (r.status >= 300) say(`registry record ${entity}/${String(rec[keyOf(entity)])} refused: ${r.status} ${r.text.slice(0, 300)}`);
        }
      }
      if (sc.trigger) await trigger(sc, say);
      else await procedure(sc, say, (t) => (now = t));
      // Each scenario stands alone (as in `dabir test`): its cases still open are cancelled, so that one subject's open
      // case does not refuse the next scenario's start of the same procedure (one open case per subject).
      for (const c of (await admin.get('/api/cases?status=active&limit=1000')).body.items as { id: string; version: number; parentId: string | null }[]) {
        if (c.parentId !== null) continue;
        const r = await admin.post(`/api/cases/${c.id}/cancel`, { expectedVersion: c.version, reason: 'پایان سناریو' });
        if (r.status !== 200) say(`cancelling the scenario's case: ${r.status} ${r.text.slice(0, 200)}`);
      }
    } catch (err) {
      say(`unexpected: ${String((err as Error)?.stack ?? err)}`);
    }
  }
  resetRegistry(env.clock.now().toISOString());
  return problems;

  async function trigger(sc: Scenario, say: (w: string) => void) {
    const def = bundle.triggers.get(sc.trigger!)!;
    // Re-planned at the scenario's date (a PUT plans a record's triggers), then read from the job queue. Earlier jobs
    // of the record go first: one may have fired already in another scenario (a job fires once, and keeps its key).
    const rec = store.entities.get(def.entity, sc.subject!);
    if (!rec) return say(`no ${def.entity} "${sc.subject}"`);
    store.db.prepare('DELETE FROM jobs WHERE substr(key, 1, ?) = ?').run(...((k: string) => [k.length, k] as const)(triggerKeyPrefix(def.id, def.entity, sc.subject!)));
    await admin.put(`/api/registry/${def.entity}/${encodeURIComponent(sc.subject!)}`, rec);
    const jobs = (await admin.get('/api/jobs?kind=trigger&status=pending&limit=1000')).body.items as { dueAt: string; payload: { trigger: string; id: string } }[];
    const job = jobs.find((j) => j.payload.trigger === def.id && j.payload.id === sc.subject);
    const on = job && toJalaliDate(job.dueAt, tz);
    if (sc.expect.fires === false && on) say(`expected no ${def.id} job, got one on ${on}`);
    if (sc.expect.fires_on !== undefined && on !== sc.expect.fires_on) say(`expected a ${def.id} job on ${sc.expect.fires_on}, got ${on ?? 'none'}`);
  }

  async function procedure(sc: Scenario, say: (w: string) => void, setNow: (t: string) => string) {
    const proc = bundle.procedures.get(sc.procedure);
    const starter = await as(sc.actor ?? proc?.start.roles[0] ?? '', { subject: sc.subject === undefined ? undefined : String(sc.subject) });
    const s = await starter.post('/api/cases', { procedure: sc.procedure, ...(sc.subject !== undefined ? { subject: sc.subject } : {}), input: sc.input ?? {} });
    if (sc.expect.refused) {
      if (s.status !== 422) return say(`expected the start to be refused by [${sc.expect.refused}], got ${s.status}`);
      if (!sameSet(refusedBy(s.body), sc.expect.refused)) say(`expected refusal by [${sc.expect.refused}], got [${refusedBy(s.body)}]`);
      return;
    }
    if (s.status !== 201) return say(`start: ${s.status} ${s.text.slice(0, 400)}`);
    const main = s.body.id as string;

    /** Open tasks of the case and of its child cases, as the administrator sees them. */
    const openTasks = async (): Promise<Task[]> => {
      const family = [main];
      for (let i = 0; i < family.length; i++) family.push(...((await admin.get(`/api/cases?parent=${family[i]}`)).body.items as { id: string }[]).map((c) => c.id));
      const lists = await Promise.all(family.map(async (id) => (await admin.get(`/api/inbox?case=${id}&limit=1000`)).body.items as Task[]));
      return lists.flat();
    };

    for (const st of sc.steps) {
      const where = `step at line ${st.source.line}`;
      if (st.advance) {
        env.clock.set(setNow(addDuration(env.clock.now().toISOString(), st.advance, bundle.calendar, tz)));
        const tick = await admin.post('/api/scheduler/tick');
        if (tick.body.failed) say(`${where}: ${tick.body.failed} jobs failed`);
        continue;
      }
      let r: { status: number; body: any; text: string };
      const ref = st.complete ?? st.return;
      if (st.start) {
        const role = st.as ?? bundle.procedures.get(st.start)?.start.roles[0] ?? '';
        r = await (await as(role, { subject: st.subject === undefined ? undefined : String(st.subject) })).post('/api/cases', { procedure: st.start, ...(st.subject !== undefined ? { subject: st.subject } : {}), input: st.input ?? {} });
      } else if (ref) {
        const open = await openTasks();
        const task = open.find((t) => (t.taskId === ref || t.step === ref) && (st.item === undefined || t.item === st.item));
        if (!task) return say(`${where}: no open task "${ref}"${st.item ? ` for "${st.item}"` : ''}; open: [${open.map((t) => t.taskId)}]`);
        if (st.return !== undefined) {
          const step = bundle.procedures.get((await admin.get(`/api/cases/${task.caseId}`)).body.procedure)?.stepIndex.get(task.step);
          const role = st.as ?? (step && 'returns' in step ? step.returns.find((x) => x.to === st.to)?.roles[0] : undefined) ?? task.role;
          r = await (await as(role, { caseId: task.caseId })).post(`/api/cases/${task.caseId}/return`, { expectedVersion: task.caseVersion, task: task.taskId, to: st.to, reason: st.reason ?? '' });
        } else {
          r = await (await as(st.as ?? task.role, { caseId: task.caseId })).post(`/api/cases/${task.caseId}/tasks/${encodeURIComponent(task.taskId)}/complete`, {
            expectedVersion: task.caseVersion, ...(st.outcome !== undefined ? { outcome: st.outcome } : {}), data: st.data ?? {},
          });
        }
      } else continue;
      const what = st.start ? `starting "${st.start}"` : `${st.return !== undefined ? 'returning' : 'completing'} "${ref}"`;
      // A refusal is a 4xx problem naming the interpreter's refusal (422 rules and forms, 403 roles, 409 an open case).
      if (st.expect_refused) {
        if (r.status < 400 || r.status >= 500) say(`${where}: expected ${what} to be refused by [${st.expect_refused}], got ${r.status}`);
        else if (!sameSet(refusedBy(r.body), st.expect_refused)) say(`${where}: expected refusal by [${st.expect_refused}], got [${refusedBy(r.body)}]`);
      } else if (r.status >= 300) return say(`${where}: ${what}: ${r.status} ${r.text.slice(0, 400)}`);
    }

    const c = (await admin.get(`/api/cases/${main}`)).body as { status: string; result: string | null; path: string[]; openTasks: { step: string }[]; number: string | null };
    const ex = sc.expect;
    // The server's numbers run on across the scenarios replayed here: the number must have the expected form and year.
    const shape = (n: string) => n.replace(/\d/g, '9');
    if (ex.number !== undefined && !(c.number && shape(c.number) === shape(ex.number) && c.number.slice(0, 4) === ex.number.slice(0, 4))) {
      say(`expected a case number like "${ex.number}", got "${c.number}"`);
    }
    if (ex.result !== undefined && (c.status !== 'ended' || c.result !== ex.result)) say(`expected result "${ex.result}", the case is ${c.status} (${c.result})`);
    if (ex.path && !isSubsequence(ex.path, c.path)) say(`expected path [${ex.path}] within [${c.path}]`);
    if (ex.active) {
      const active = [...new Set(c.openTasks.map((t) => t.step))];
      if (!sameSet(active, ex.active)) say(`expected open tasks [${ex.active}], got [${active}]`);
    }
    for (const [written, want] of Object.entries(ex.registry ?? {})) {
      // a key made from the case's id (`<scenario>-case` in `dabir test`) names the served case's id here
      const ref = written.replace(`${sc.id}-case`, main);
      const [entity, id] = ref.includes('/') ? ref.split('/', 2) : [[...bundle.entities.keys()].find((e) => store.entities.get(e, ref)), ref];
      const rec = entity ? (await admin.get(`/api/registry/${entity}/${encodeURIComponent(id)}`)).body : undefined;
      if (!rec || !matches(rec, want)) say(`registry record "${ref}" is ${JSON.stringify(rec)}; expected ${JSON.stringify(want)}`);
    }
  }
}
