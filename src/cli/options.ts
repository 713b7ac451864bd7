/**
 * The CLI's option rules in one home: the options every command takes, how a parsed option is read
 * (last value, or every value of a repeatable one), and the checks shared by several commands
 * (--group, --wait-empty, --snapshot-dir). The word-level parser itself is args.ts.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { KafkaOffsetsError } from '../core/errors';
import { groupIdWarning, validateGroupId } from '../core/names';
import type { OptionSpec } from './args';

/** Options every command (but serve, which has its own) accepts, before or after the command word. */
export const COMMON: Record<string, OptionSpec> = {
  bootstrap: { value: true },
  'client-id': { value: true },
  'request-timeout-ms': { value: true },
  ssl: { value: false },
  'ssl-ca': { value: true },
  'ssl-insecure': { value: false },
  'sasl-mechanism': { value: true },
  'sasl-username': { value: true },
  'sasl-password-env': { value: true },
  json: { value: false },
  help: { value: false },
  version: { value: false },
};

/** Each option's last value; `lists` has every value of a repeatable one (--topic, --group). */
export type Opts = Map<string, string | true> & { lists?: Map<string, string[]> };

/** The option's value, or undefined when it is absent or a flag. */
export const str = (o: Opts, k: string): string | undefined => (typeof o.get(k) === 'string' ? (o.get(k) as string) : undefined);

/** Every value of a repeatable option, in order (one value for a plain one, none when absent). */
export const all = (o: Opts, k: string): string[] => o.lists?.get(k) ?? (str(o, k) !== undefined ? [str(o, k)!] : []);

/** The group exactly as given (Kafka accepts spaces and control characters); a warning when it looks accidental. */
export function requireGroup(o: Opts): string {
  const g = str(o, 'group');
  const err = validateGroupId(g);
  if (err) throw new KafkaOffsetsError('validation', `--group: ${err}`);
  const warning = groupIdWarning(g!);
  if (warning) process.stderr.write(`Note: ${warning}\n`);
  return g!;
}

/** --wait-empty SECONDS, or undefined when not given. */
export function waitEmptySeconds(o: Opts): number | undefined {
  const w = str(o, 'wait-empty');
  if (w === undefined) return undefined;
  if (!/^\d+$/.test(w)) throw new KafkaOffsetsError('validation', `--wait-empty must be a number of seconds, got "${w}".`);
  return +w;
}

/**
 * Whether a reset or undo first watches the group's committed offsets for a few seconds (consumers
 * with manually assigned partitions commit without being members): on unless
 * --no-offsets-moving-check, for scripts that know nobody commits to the group outside it.
 */
export function offsetsMovingCheck(o: Opts): boolean {
  return !o.has('no-offsets-moving-check');
}

export function defaultSnapshotDir(): string {
  return process.env.KAFKA_OFFSETS_SNAPSHOT_DIR ?? path.join(os.homedir(), '.kafka-offsets', 'snapshots');
}

/** Where a reset or undo writes its snapshot: --snapshot-dir, else $KAFKA_OFFSETS_SNAPSHOT_DIR, else ~/.kafka-offsets/snapshots. */
export function snapshotDir(o: Opts): string {
  return str(o, 'snapshot-dir') ?? defaultSnapshotDir();
}

/** A reset or undo without --yes needs someone to ask; a script without a terminal must say so. */
export function requireTerminalOrYes(o: Opts, what: 'reset' | 'undo' | 'delete'): void {
  if (o.has('yes') || process.stdin.isTTY) return;
  throw new KafkaOffsetsError(
    'validation',
    what === 'undo'
      ? 'Refusing to undo without confirmation: there is no terminal to ask. Pass --yes.'
      : `Refusing to ${what} without confirmation: there is no terminal to ask. Pass --yes to ${what}, or --dry-run to only show the plan.`,
  );
}
