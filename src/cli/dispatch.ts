/**
 * From argv to a command: find the command word (options may come before it), parse its options
 * with the common ones, answer --help / --version, load the command, connect, run, close.
 * Everything up to load() works from the registry alone: --help and argument errors never load
 * kafkajs or the engine (a Node start is most of what they cost).
 */
import { visible } from '../core/display';
import { parseArgs, splitCommand, UsageError, type OptionSpec } from './args';
import type { Command } from './command';
import { COMMANDS } from './commands';
import { COMMON, type Opts } from './options';
import { clusterConfig } from './connection';
import { markEngineLoaded } from './codeCache';

// Set by the bundler (scripts/build.js); the transpiled test build has none.
declare const KAFKA_OFFSETS_VERSION: string | undefined;
const VERSION = typeof KAFKA_OFFSETS_VERSION === 'string' ? KAFKA_OFFSETS_VERSION : 'development build';

export function usage(commands: readonly Command[] = COMMANDS): string {
  return `kafka-offsets — consumer-group lag and safe offset resets

Usage:
  kafka-offsets [options] COMMAND [options]      (options may come before or after the command)
${commands.map((c) => c.usage).join('')}  kafka-offsets --version

Several groups: each is planned and shown; a group with members is refused and left untouched while
the others proceed; exit 1 if any group was refused or failed. --all-topics: every partition the group
has committed. --to-datetime without a zone is read as UTC, as kafka-consumer-groups does.
--export: print the plan as a CSV plan for --from-file (group,topic,partition,offset with several
groups) and change nothing. A CSV plan with a group column resets each of its groups, or with --group
only that group's rows.
delete-offsets / delete-group: only an Empty group; the plan shows what goes, a snapshot is written
first, and undo --snapshot puts the offsets back (recreating a deleted group).

Common options:
  --bootstrap host:port[,host:port]   default localhost:9092 (or $KAFKA_BOOTSTRAP)
  --json                              machine-readable output
  --client-id ID  --request-timeout-ms MS
  --ssl  --ssl-ca FILE  --ssl-insecure
  --sasl-mechanism plain|scram-sha-256|scram-sha-512  --sasl-username USER
  --sasl-password-env NAME            env variable holding the password (default KAFKA_OFFSETS_PASSWORD)

Exit codes: 0 done, 1 Kafka refused or failed, 2 bad input, 3 outcome unknown (the commit was sent but
its answer was lost: check the offsets; the snapshot and the undo command are printed).
`;
}

/** Runs one command line; returns the exit code (errors are thrown, main.ts words them). */
export async function run(argv: string[], signal: AbortSignal, commands: readonly Command[] = COMMANDS): Promise<number> {
  // Options may come before the command (kafka-offsets --bootstrap B lag …): split with every option
  // any cluster command knows, so a value (--group reset) is never taken for the command word.
  const known: Record<string, OptionSpec> = Object.assign({}, COMMON, ...commands.map((c) => (c.raw ? {} : c.options)));
  const { command: name, rest } = splitCommand(argv, known);
  if (!name && rest.length === 1 && rest[0] === '--version') {
    process.stdout.write(`kafka-offsets ${VERSION}\n`);
    return 0;
  }
  if (!name || name === 'help' || name === '-h') {
    const asked = rest.includes('--help') || name !== undefined;
    process.stdout.write(usage(commands));
    return asked ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) throw new UsageError(`Unknown command "${name}". Commands: ${commands.map((c) => c.name).join(', ')}.`);
  if (command.raw) return (await command.load()).raw(rest, signal);
  const parsed = parseArgs(rest, { ...COMMON, ...command.options });
  const options: Opts = Object.assign(parsed.options, { lists: parsed.lists });
  if (options.has('version')) {
    process.stdout.write(`kafka-offsets ${VERSION}\n`);
    return 0;
  }
  if (options.has('help')) {
    process.stdout.write(usage(commands));
    return 0;
  }
  if (parsed.positional.length) throw new UsageError(`Unexpected argument "${parsed.positional[0]}".`);
  const cfg = clusterConfig(options);
  const loaded = await command.load();
  const { KafkaClient } = require('../core') as typeof import('../core');
  const { Output } = require('./output') as typeof import('./output');
  markEngineLoaded();
  const out = new Output(options.has('json'));
  const client = new KafkaClient(cfg, { log: process.env.KAFKA_OFFSETS_DEBUG ? (l, m) => process.stderr.write(`[${l}] ${visible(m)}\n`) : undefined });
  try {
    return await loaded.run({ options, out, client, cfg, signal });
  } finally {
    await client.close();
  }
}
