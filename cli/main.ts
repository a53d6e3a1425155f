/**
 * `dabir` — validate, test, describe and draw definition bundles; serve, back up and restore.
 */
import { describeCommand } from './describe.js';
import { diagramCommand } from './diagram.js';
import { diffCommand } from './diff.js';
import { describeParametersCommand } from './parameters.js';
import { newProvinceCommand } from './new-province.js';
import { schemaCommand } from './schema.js';
import { testCommand } from './test.js';
import { validateCommand } from './validate.js';

const USAGE = `dabir — Dabir workflow engine (دبیر)

usage:
  dabir validate <dir>                          check a bundle; one line per problem: file:LINE:COL: message
  dabir test <dir> [--filter text] [--lang en]   run the bundle's scenarios (failures in Persian, English beneath); last line: N passed, N failed
  dabir describe <dir> [--as-of YYYY-MM-DD]     the compiled bundle as JSON (procedures, parameters with provenance)
  dabir describe <dir> --parameters             every parameter with its timeline: value, unit, date, resolution, file:line
  dabir diff <base> <province>                  what a province changes: parameter values, elements overridden or added
  dabir new-province <id> [--name-fa …] [--name-en …] [--extends national] [--dir definitions]
                                                a new province's folder: bundle, resolutions (every parameter), registry, scenarios
  dabir schema <dir>                            write <dir>/resolutions.schema.json and scenarios.schema.json: the bundle's ids as enums for the editor
  dabir diagram <dir> <procedure> [--format mermaid|svg] [--lang fa|en]
  dabir serve [--definitions <dir>]             run the server (PORT, DABIR_DB, DABIR_DEFINITIONS override)
  dabir backup <file> [--db <file>]             online, consistent, verified copy of the database (DABIR_DB), server running or not
  dabir restore <file> [--db <file>]            verify a backup and put it in place of the database; refused while a server runs
  dabir users reset-admin [--db <file>] [--username <name>] [--force]
                                                re-enable (or create) an administrator with a one-time password, printed once;
                                                refused while a server has the database open, unless --force
`;

/** Splits argv into positionals and --flags (each flag takes one value). */
export function parseArgs(argv: string[]): { positional: string[]; flags: Record<string, string> } {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=', 2);
      flags[k] = v ?? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'true');
    } else positional.push(a);
  }
  return { positional, flags };
}

/** Runs one CLI invocation and returns its exit code. */
export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const { positional, flags } = parseArgs(rest);
  switch (cmd) {
    case 'validate':
      return validateCommand(positional, flags);
    case 'test':
      return testCommand(positional, flags);
    case 'describe':
      return flags.parameters ? describeParametersCommand(positional) : describeCommand(positional, flags);
    case 'diff':
      return diffCommand(positional);
    case 'schema':
      return schemaCommand(positional);
    case 'new-province':
      return newProvinceCommand(positional, flags);
    case 'diagram':
      return diagramCommand(positional, flags);
    case 'serve': {
      // The environment wins over the flags, so `npm start` can be pointed elsewhere with DABIR_DEFINITIONS.
      const server = await import('../server/main.js');
      const definitionsDir = process.env.DABIR_DEFINITIONS || flags.definitions;
      const { StartupError } = await import('../server/publish/startup.js');
      try {
        await server.main(definitionsDir ? { definitionsDir } : {});
      } catch (e) {
        if (!(e instanceof StartupError)) throw e;
        process.stderr.write(`${e.message}\n`);
        return 1;
      }
      return 0;
    }
    case 'backup':
    case 'restore': {
      const { backupDatabase, restoreDatabase, BackupError } = await import('../server/backup.js');
      const { resolve } = await import('node:path');
      const file = positional[0];
      // The database the server would open: --db, else DABIR_DB, else the default data/dabir.db.
      const db = resolve(flags.db ?? process.env.DABIR_DB ?? resolve(import.meta.dirname, '..', 'data/dabir.db'));
      if (!file) {
        process.stderr.write(`dabir ${cmd}: which file?\n\n${USAGE}`);
        return 2;
      }
      try {
        const counts = (c: Record<string, number>) => `${c.cases ?? 0} cases, ${c.events ?? 0} events, ${c.documents ?? 0} documents`;
        if (cmd === 'backup') {
          const r = await backupDatabase(db, file);
          process.stdout.write(`backed up ${db} to ${r.file}: ${counts(r.verification.counts)}, ${r.bytes} bytes in ${r.ms} ms; integrity ok\n`);
        } else {
          const r = restoreDatabase(file, db);
          process.stdout.write(`restored ${r.file} from ${resolve(file)}: ${counts(r.verification.counts)}; integrity ok${r.previous ? `; the database it replaced is at ${r.previous}` : ''}\n`);
        }
        return 0;
      } catch (err) {
        process.stderr.write(`dabir ${cmd}: ${err instanceof BackupError ? err.message : String((err as Error)?.message ?? err)}\n`);
        return 1;
      }
    }
    case 'users': {
      const { usersCommand } = await import('./users.js');
      const { resolve } = await import('node:path');
      return usersCommand(positional, flags, resolve(import.meta.dirname, '..', 'data/dabir.db'));
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return cmd ? 0 : 2;
    default:
      process.stderr.write(`dabir: unknown command "${cmd}"\n\n${USAGE}`);
      return 2;
  }
}
