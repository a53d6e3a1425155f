import { readFileSync } from 'node:fs';
import { Session } from './lib/http.js';
const ds = JSON.parse(readFileSync('/tmp/bt/scale/dataset.json', 'utf8'));
const s = new Session(process.argv[2]);
await s.login(ds.bench.username, ds.bench.password);
const ids = ds.pool.ids.slice(-400);
const timings: Record<string, number[]> = { complete: [], get: [], inbox: [], health: [] };
for (let i = 0; i < 150; i++) {
  const id = ids[i];
  let t = performance.now();
  const r = await s.req('POST', `/api/cases/${id}/tasks/${ds.pool.task}/complete`, { expectedVersion: ds.pool.version, outcome: 'accept', data: {} });
  timings.complete.push(performance.now() - t);
  if (r.status !== 200) console.log(r.status, JSON.stringify(r.body).slice(0, 300));
  t = performance.now(); await s.req('GET', `/api/cases/${id}`); timings.get.push(performance.now() - t);
  t = performance.now(); await s.req('GET', `/api/health`); timings.health.push(performance.now() - t);
  if (i % 10 === 0) { t = performance.now(); await s.req('GET', `/api/inbox`); timings.inbox.push(performance.now() - t); }
}
for (const [k, v] of Object.entries(timings)) { v.sort((a, b) => a - b); console.log(k, 'median', v[v.length >> 1].toFixed(1), 'max', v[v.length - 1].toFixed(1)); }
