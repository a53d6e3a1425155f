/**
 * The Dabir server as the bench runs it: server/main.ts's `main()` in its own process on 127.0.0.1 (a free port),
 * reporting its port over IPC. Environment: BENCH_DB, BENCH_BUNDLE_DIR; LOG_LEVEL as in production (info).
 * BENCH_SYNCHRONOUS (diagnostic runs only) changes the connection's synchronous pragma after start.
 */
import pino from 'pino';
import { main } from '../../server/main.js';

const db = process.env.BENCH_DB;
const definitionsDir = process.env.BENCH_BUNDLE_DIR;
if (!db || !definitionsDir) throw new Error('BENCH_DB and BENCH_BUNDLE_DIR are required');
const handle = await main({
  port: 0, host: '127.0.0.1', dbFile: db, definitionsDir, log: pino({ level: process.env.LOG_LEVEL ?? 'info' }), print: () => undefined,
});
const sync = process.env.BENCH_SYNCHRONOUS;
if (sync) handle.deps.store.db.pragma(`synchronous = ${sync === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
process.send?.({ type: 'listening', port: handle.port });
