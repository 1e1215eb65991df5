/**
 * readiness-audit: the readiness engine run offline in CI.
 *
 * @packageDocumentation
 */
import { main } from './cli';

// `readiness-audit ... | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', error => {
  if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
}).then(
  code => {
    // exitCode, not exit(): a large report piped to a file must be flushed first.
    process.exitCode = code;
  },
  error => {
    process.stderr.write(`readiness-audit: unexpected error: ${(error as Error).stack ?? error}\n`);
    process.exitCode = 2;
  },
);
