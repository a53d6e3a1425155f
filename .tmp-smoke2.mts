import { loadBundle, formatError } from './engine/load/index.ts';
import { fsSource } from './cli/fs-source.ts';
const t = performance.now();
const r = loadBundle(process.argv[2], fsSource);
console.log('ms', performance.now() - t);
for (const e of r.errors) console.log('E', e.code, formatError(e));
const byCode: Record<string, number> = {};
for (const e of r.warnings) byCode[e.code] = (byCode[e.code] ?? 0) + 1;
console.log('warnings', byCode);
for (const e of r.warnings.filter(w => w.code !== 'missing-en').slice(0, 20)) console.log('W', e.code, formatError(e));
console.log(!!r.bundle);
for (let i = 0; i < 3; i++) { const t2 = performance.now(); loadBundle(process.argv[2], fsSource); console.log('again ms', performance.now() - t2); }
