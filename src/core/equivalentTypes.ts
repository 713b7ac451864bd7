/**
 * The plan of a share or streams group as the equivalent Apache command line, for a person to run or
 * review: kafka-share-groups (--topic; earliest, latest, date-time only) and kafka-streams-groups
 * (--input-topic; the consumer-group modes). Built from fields with every value quoted, as
 * equivalent.ts does for kafka-consumer-groups.
 */
import type { Plan } from './types';
import { shellQuote, kafkaConsumerGroupsCommand, type EquivalentOptions } from './equivalent';

function modeArgs(plan: Plan): string[] {
  const s = plan.request.spec;
  switch (s.kind) {
    case 'earliest':
      return ['--to-earliest'];
    case 'latest':
      return ['--to-latest'];
    case 'offset':
      return ['--to-offset', shellQuote(s.offset.toString())];
    case 'shiftBy':
      return ['--shift-by', shellQuote(s.by.toString())];
    case 'duration':
      return ['--by-duration', shellQuote(s.iso)];
    case 'csv':
    case 'fromGroup':
      return ['--from-file', shellQuote('PLAN.csv')];
    case 'current':
      return ['--to-current'];
    default:
      return ['--to-datetime', shellQuote(new Date(s.timestamp).toISOString().replace('Z', '+00:00'))];
  }
}

function scope(flag: string, plan: Plan, subset?: number[]): string[] {
  const r = plan.request;
  if (subset && subset.length && !r.topics && !r.allTopics && r.spec.kind !== 'csv' && r.spec.kind !== 'fromGroup') return [flag, shellQuote(`${r.topic}:${[...subset].sort((a, b) => a - b).join(',')}`)];
  if (r.spec.kind === 'csv' || r.spec.kind === 'fromGroup') return [];
  if (r.allTopics) return [flag === '--input-topic' ? '--all-input-topics' : '--all-topics'];
  if (r.topics) return r.topics.flatMap((t) => [flag, shellQuote(t.partitions ? `${t.topic}:${t.partitions.join(',')}` : t.topic)]);
  return [flag, shellQuote(r.partition === -1 ? r.topic : `${r.topic}:${r.partition}`)];
}

function command(tool: string, topicFlag: string, brokers: string[], plan: Plan, mode: string[], o: EquivalentOptions): string {
  return [tool, '--bootstrap-server', shellQuote(brokers.join(',')), '--group', shellQuote(plan.request.group), '--reset-offsets', ...scope(topicFlag, plan, o.partitions), ...mode, '--dry-run'].join(' ');
}

/**
 * kafka-share-groups --reset-offsets. Its tool knows earliest, latest and a date-time; a timestamp or
 * a duration is written as the date-time it resolved to, an offset as --to-offset (newer tools).
 */
export function kafkaShareGroupsCommand(brokers: string[], plan: Plan, o: EquivalentOptions = {}): string {
  const s = plan.request.spec;
  const mode =
    (s.kind === 'timestamp' || s.kind === 'duration') && plan.resolvedTimestamp !== undefined
      ? ['--to-datetime', shellQuote(new Date(plan.resolvedTimestamp).toISOString().replace('Z', '+00:00'))]
      : modeArgs(plan);
  return command('kafka-share-groups.sh', '--topic', brokers, plan, mode, o);
}

/** kafka-streams-groups --reset-offsets (its --execute also deletes the group's internal topics; ours never does). */
export function kafkaStreamsGroupsCommand(brokers: string[], plan: Plan, o: EquivalentOptions = {}): string {
  return command('kafka-streams-groups.sh', '--input-topic', brokers, plan, modeArgs(plan), o);
}

/** The Apache tool for the plan's group type: kafka-share-groups, kafka-streams-groups or kafka-consumer-groups. */
export function equivalentCommand(brokers: string[], plan: Plan, o: EquivalentOptions = {}): string {
  if (plan.groupType === 'share') return kafkaShareGroupsCommand(brokers, plan, o);
  if (plan.groupType === 'streams') return kafkaStreamsGroupsCommand(brokers, plan, o);
  return kafkaConsumerGroupsCommand(brokers, plan, o);
}
