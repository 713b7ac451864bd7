/**
 * What a CLI command is: its name, its lines in the usage text, its own options (the common ones are
 * added by the dispatcher), and how to load what it does. The registry (commands/index.ts) holds the
 * first three for every command, so --help and argument errors need no command module; load() brings
 * in the one command that runs (and with it kafkajs and the engine). A new command is a file under
 * commands/ exporting its run, plus one entry in commands/index.ts.
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

/** The part of a cluster command that needs the engine: in its own module, loaded only to run it. */
export interface ClusterRun {
  run(ctx: CommandContext): Promise<number>;
}

/** A command that parses its own words (serve: several clusters, its own --help). */
export interface RawRun {
  raw(argv: string[], signal: AbortSignal): Promise<number>;
}

interface CommandBase {
  name: string;
  /** Its lines under "Usage:" in --help, each starting with two spaces and ending with a newline. */
  usage: string;
}

/** A command over one cluster: the dispatcher parses its options and opens (and closes) the client. */
export interface ClusterCommand extends CommandBase {
  options: Record<string, OptionSpec>;
  load(): Promise<ClusterRun>;
  raw?: undefined;
}

export interface RawCommand extends CommandBase {
  raw: true;
  load(): Promise<RawRun>;
}

export type Command = ClusterCommand | RawCommand;
