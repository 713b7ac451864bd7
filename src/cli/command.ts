/**
 * What a CLI command is: its name, its lines in the usage text, its own options (the common ones are
 * added by the dispatcher) and what it does. A new command is a file under commands/ exporting one of
 * these, plus one line in commands/index.ts.
 */
import type { ClusterConfig, KafkaClient } from '../core';
import type { OptionSpec } from './args';
import type { Opts } from './options';
import type { Output } from './output';

/** What a command runs with: parsed options, the output, a connected client and the cancel signal. */
export interface CommandContext {
  options: Opts;
  out: Output;
  client: KafkaClient;
  cfg: ClusterConfig;
  signal: AbortSignal;
}

interface CommandBase {
  name: string;
  /** Its lines under "Usage:" in --help, each starting with two spaces and ending with a newline. */
  usage: string;
}

/** A command over one cluster: the dispatcher parses its options and opens (and closes) the client. */
export interface ClusterCommand extends CommandBase {
  options: Record<string, OptionSpec>;
  run(ctx: CommandContext): Promise<number>;
  raw?: undefined;
}

/** A command that parses its own words (serve: several clusters, its own --help). */
export interface RawCommand extends CommandBase {
  raw: (argv: string[], signal: AbortSignal) => Promise<number>;
}

export type Command = ClusterCommand | RawCommand;
