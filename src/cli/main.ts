/**
 * kafka-offsets: the command line over the same engine as the extension. This file is the process:
 * Ctrl-C cancels, errors become one sentence on stderr (and {error} with --json), and the exit code.
 * Commands are in commands/, dispatched by dispatch.ts.
 * Exit codes: 0 done, 1 Kafka refused or failed, 2 bad input, 3 outcome unknown.
 */
import { setMaxListeners } from 'node:events';
import { visible, terminalSafeJson } from '../core/display';
import { UsageError } from './args';
import { run } from './dispatch';
import { cliError, errorJson, reportedInJson } from './failure';

async function main(): Promise<void> {
  const controller = new AbortController();
  // Many concurrent Kafka calls (lag of hundreds of groups) listen on the same signal.
  setMaxListeners(10_000, controller.signal);
  let interrupted = false;
  process.on('SIGINT', () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write('\nCancelling… (Ctrl-C again to quit at once)\n');
    controller.abort();
  });
  // A reader that stops early (`lag --all-groups --ndjson | head`) is not an error to report.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const json = process.argv.includes('--json');
  let code: number;
  try {
    code = await run(process.argv.slice(2), controller.signal);
  } catch (e) {
    const err = cliError(e);
    process.stderr.write(`kafka-offsets: ${visible(err.message)}\n`);
    if (e instanceof UsageError) process.stderr.write('Run "kafka-offsets --help" for usage.\n');
    if (json && !reportedInJson(e)) process.stdout.write(terminalSafeJson(JSON.stringify(errorJson(err), null, 2)) + '\n');
    code = err.exitCode;
  }
  process.exitCode = code;
}

void main();
