/**
 * The process entry of `dabir`: run the command line, exit with its code. Shared by bin/dabir.js (through tsx)
 * and the bundled dist/dabir.mjs that `npm start` runs.
 */
import { main } from './main.js';

// A reader that closes early (`dabir describe … | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
process.exitCode = await main(process.argv.slice(2));
