/**
 * Command lines we print for a person to paste: the plan as the equivalent Apache
 * kafka-consumer-groups command, and the undo of a reset. Built from fields, never by editing a
 * printed line, and every value is quoted: a group id, a broker list or a file path is data, and a
 * `$(…)`, a backtick, a `*` or a space in it must reach the program as typed when the line is pasted.
 */
import type { Plan } from './types';
import { hasInvisible, visible } from './display';

/**
 * One shell word that is exactly `s` in bash, zsh and POSIX sh. Always quoted (single quotes: nothing
 * inside is special). A string holding controls or invisible characters (a newline, ESC, a bidi
 * override) is written as $'…' with escapes instead, so the printed line stays one visible line that
 * acts on no terminal (bash, zsh and ksh read $'…'; so does POSIX sh since 2024).
 */
export function shellQuote(s: string): string {
  if (!hasInvisible(s)) return `'${s.replace(/'/g, `'\\''`)}'`;
  return `$'${visible(s.replace(/[\\']/g, '\\$&'))}'`;
}

export interface EquivalentOptions {
  /** A subset of the plan topic's partitions (the form's choice): `--topic T:0,2,5`. */
  partitions?: number[];
}

/** `--topic` of kafka-consumer-groups: all partitions, one, or a list. */
function topicArg(topic: string, partition: number, subset: number[] | undefined): string {
  if (subset && subset.length) return `${topic}:${[...subset].sort((a, b) => a - b).join(',')}`;
  return partition === -1 ? topic : `${topic}:${partition}`;
}

function isoWithOffset(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

export function kafkaConsumerGroupsCommand(brokers: string[], plan: Plan, options: EquivalentOptions = {}): string {
  const r = plan.request;
  const s = r.spec;
  const args: string[] = ['--bootstrap-server', shellQuote(brokers.join(',')), '--group', shellQuote(r.group), '--reset-offsets'];
  // Targets edited by hand, and a copy from another group, have no kafka-consumer-groups flag: the plan
  // is then only expressible as a file of its rows (`kafka-offsets reset --export` writes one).
  if (r.overrides?.length || s.kind === 'fromGroup') return ['kafka-consumer-groups.sh', ...args, '--from-file', shellQuote('PLAN.csv'), '--dry-run'].join(' ');
  if (s.kind !== 'csv') {
    if (r.allTopics) args.push('--all-topics');
    else if (r.topics) for (const t of r.topics) args.push('--topic', shellQuote(t.partitions ? `${t.topic}:${t.partitions.join(',')}` : t.topic));
    else args.push('--topic', shellQuote(topicArg(r.topic, r.partition, options.partitions)));
  }
  switch (s.kind) {
    case 'offset':
      args.push('--to-offset', shellQuote(s.offset.toString()));
      break;
    case 'earliest':
      args.push('--to-earliest');
      break;
    case 'latest':
      args.push('--to-latest');
      break;
    case 'shiftBy':
      args.push('--shift-by', shellQuote(s.by.toString()));
      break;
    case 'timestamp':
    case 'datetime':
      args.push('--to-datetime', shellQuote(isoWithOffset(s.timestamp)));
      break;
    case 'duration':
      args.push('--by-duration', shellQuote(s.iso));
      break;
    case 'csv':
      args.push('--from-file', shellQuote('PLAN.csv'));
      break;
    case 'current':
      args.push('--to-current');
      break;
  }
  return ['kafka-consumer-groups.sh', ...args, '--dry-run'].join(' ');
}

/** The CLI line that undoes a reset from its snapshot file (on the given brokers, when known). */
export function undoCommand(snapshotFile: string, brokers?: string[]): string {
  return `kafka-offsets undo ${brokers?.length ? `--bootstrap ${shellQuote(brokers.join(','))} ` : ''}--snapshot ${shellQuote(snapshotFile)}`;
}
