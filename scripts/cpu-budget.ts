/**
 * Where a server's CPU goes, layer by layer: reads a V8 CPU profile (from `BENCH_CPU_PROF=<dir> npm run bench -- --only
 * http`) and prints the share of sampled time in each layer, by the file each sample's function lives in (self time),
 * and the hottest functions. Used for the CPU budget in docs/performance.md.
 *
 *   node --import tsx scripts/cpu-budget.ts <file.cpuprofile> [--requests N]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [file, ...rest] = process.argv.slice(2);
if (!file) throw new Error('usage: cpu-budget <file.cpuprofile> [--requests N]');
const requests = rest.includes('--requests') ? Number(rest[rest.indexOf('--requests') + 1]) : undefined;
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));

/** The layer a function belongs to, by its file. */
function layer(url: string, fn: string): string {
  if (fn === '(idle)') return 'idle';
  if (fn === '(garbage collector)') return 'garbage collection';
  if (fn === '(program)' || url === '') return 'V8 / native (program)';
  const u = url.replace(/^file:\/\//, '');
  const m = u.match(/\/(engine|server|ui)\/([^/]+)/);
  if (m && !u.includes('node_modules')) return m[1] === 'server' ? `server/${m[2]}` : `${m[1]}/${m[2]}`;
  const pkg = u.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return `package ${pkg[1]}`;
  if (u.startsWith('node:')) return `node ${u.slice(5).split('/')[0]}`;
  return 'other';
}

const self = new Map<number, number>();
for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0));
const layers = new Map<string, number>();
const fns = new Map<string, number>();
let total = 0;
let idle = 0;
for (const [id, us] of self) {
  const n = byId.get(id)!;
  const l = layer(n.callFrame.url, n.callFrame.functionName);
  if (l === 'idle') {
    idle += us;
    continue;
  }
  total += us;
  layers.set(l, (layers.get(l) ?? 0) + us);
  const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules\/|engine\/|server\/)/, '$1')}:${n.callFrame.lineNumber + 1}`;
  fns.set(key, (fns.get(key) ?? 0) + us);
}
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
const perReq = (us: number) => (requests ? `  ${(us / requests / 1000).toFixed(3)} ms/request` : '');
console.log(`busy ${(total / 1e6).toFixed(2)} s, idle ${(idle / 1e6).toFixed(2)} s${requests ? `, ${requests} requests: ${(total / requests / 1000).toFixed(2)} ms of CPU each` : ''}`);
console.log('\nby layer (self time)');
for (const [l, us] of [...layers].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${pct(us)}  ${l}${perReq(us)}`);
console.log('\nhottest functions (self time)');
for (const [f, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${pct(us)}  ${f}`);
