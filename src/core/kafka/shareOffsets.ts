/**
 * A share group's offsets through the KafkaClient's onGroupCoordinator (its deadline, cancellation and coordinator
 * retries): the share-partition start offsets (DescribeShareGroupOffsets), setting them
 * (AlterShareGroupOffsets) and forgetting a topic's (DeleteShareGroupOffsets). Share groups keep no
 * committed offsets: the start offset is the first record not yet acknowledged by every consumer
 * — what a reset moves.
 */
import type { CallOptions } from './connection';
import type { GroupCoordinatorRunner } from './coordinators';
import type { KjsBroker } from './internals';
import type { TopicPartitionRef } from '../types';
import { KafkaOffsetsError } from '../errors';
import { tpKey, topicsOf } from '../tp';
import { KafkaCode, codeInfo, isNotCoordinator } from './codes';
import { describeShareGroupOffsets, alterShareGroupOffsets, deleteShareGroupOffsets } from './groupTypesWire';

export interface ShareStartOffset {
  /** null: the group has no start offset for this partition (never consumed it). */
  startOffset: bigint | null;
  /** The broker's share-partition lag (DescribeShareGroupOffsets v1, Kafka 4.2+); null when it does not say. */
  lag: bigint | null;
}

const { GROUP_ID_NOT_FOUND, NON_EMPTY_GROUP, GROUP_AUTHORIZATION_FAILED, TOPIC_AUTHORIZATION_FAILED, UNKNOWN_TOPIC_OR_PARTITION } = KafkaCode;
const isStale = isNotCoordinator;

function unsupported(groupId: string, what: string): KafkaOffsetsError {
  return new KafkaOffsetsError('kafka', `This cluster does not support share groups (${what} needs Kafka 4.1 or newer), so group "${groupId}" has no share offsets here.`);
}

function groupError(groupId: string, code: number, message: string | null, doing: string): KafkaOffsetsError {
  if (code === GROUP_AUTHORIZATION_FAILED) return new KafkaOffsetsError('authorization', `Not authorized on group "${groupId}" (${doing} needs Describe/Read on the group).`);
  if (code === NON_EMPTY_GROUP) return new KafkaOffsetsError('group-not-empty', `The broker refused ${doing}: share group "${groupId}" has members. Nothing was changed.`, { source: 'broker', members: [] });
  const info = codeInfo(code);
  return new KafkaOffsetsError('kafka', `Could not ${doing} of share group "${groupId}": ${info.type}${message ? ` (${message})` : ''}.`);
}

/**
 * One share-offsets request to the group's coordinator (retried there when it moved); null from the
 * wire = the broker does not speak the API, said as a sentence.
 */
async function onShareCoordinator<R extends { errorCode: number }>(
  client: GroupCoordinatorRunner,
  groupId: string,
  doing: string,
  apiName: string,
  o: CallOptions,
  send: (coordinator: KjsBroker) => Promise<R | null>,
): Promise<R> {
  const res = await client.onGroupCoordinator(groupId, `${doing} of share group "${groupId}"`, o, send, (r) => !!r && isStale(r.errorCode));
  if (!res) throw unsupported(groupId, apiName);
  return res;
}

/**
 * Start offsets of a share group: `partitions` null = every partition the group has state for.
 * A group that does not exist has none (an empty map), as Kafka's tool shows it.
 */
export async function readShareStartOffsets(client: GroupCoordinatorRunner, groupId: string, partitions: TopicPartitionRef[] | null, o: CallOptions = {}): Promise<Map<string, ShareStartOffset>> {
  const topics = partitions === null ? null : topicsOf(partitions);
  const res = await onShareCoordinator(client, groupId, 'reading the start offsets', 'DescribeShareGroupOffsets', o, (b) => describeShareGroupOffsets(b, groupId, topics));
  const out = new Map<string, ShareStartOffset>();
  if (res.errorCode === GROUP_ID_NOT_FOUND) return out;
  if (res.errorCode !== 0) throw groupError(groupId, res.errorCode, res.errorMessage, 'reading the start offsets');
  for (const p of res.partitions) {
    if (p.errorCode === TOPIC_AUTHORIZATION_FAILED) throw new KafkaOffsetsError('authorization', `Not authorized on topic "${p.topic}" (needs Describe on the topic).`);
    if (p.errorCode !== 0 && p.errorCode !== UNKNOWN_TOPIC_OR_PARTITION)
      throw new KafkaOffsetsError('kafka', `Could not read the start offset of share group "${groupId}" on "${p.topic}" partition ${p.partition}: ${codeInfo(p.errorCode).type}.`);
    out.set(tpKey(p.topic, p.partition), { startOffset: p.errorCode !== 0 || p.startOffset < 0n ? null : p.startOffset, lag: p.errorCode !== 0 || p.lag < 0n ? null : p.lag });
  }
  return out;
}

/**
 * Set start offsets (the broker accepts it only for an empty share group). Returns each
 * partition's error code (0 = stored); a refusal of the whole request is thrown as a sentence.
 */
export async function alterShareStartOffsets(
  client: GroupCoordinatorRunner,
  groupId: string,
  offsets: Array<{ topic: string; partition: number; offset: bigint }>,
  o: CallOptions = {},
): Promise<Array<{ topic: string; partition: number; errorCode: number; errorMessage: string | null }>> {
  for (const x of offsets) if (x.offset < 0n) throw new KafkaOffsetsError('validation', `Refusing to set negative start offset ${x.offset} on "${x.topic}" partition ${x.partition}.`);
  const res = await onShareCoordinator(client, groupId, 'setting the start offsets', 'AlterShareGroupOffsets', o, (b) => alterShareGroupOffsets(b, groupId, offsets));
  if (res.errorCode !== 0) {
    // A request-level error may also be copied into every partition: the whole request failed.
    throw groupError(groupId, res.errorCode, res.errorMessage, 'setting the start offsets');
  }
  return res.partitions;
}

/** Forget the group's start offsets of whole topics (DeleteShareGroupOffsets works per topic). */
export async function deleteShareStartOffsets(client: GroupCoordinatorRunner, groupId: string, topics: string[], o: CallOptions = {}): Promise<Array<{ topic: string; errorCode: number }>> {
  const res = await onShareCoordinator(client, groupId, 'deleting the start offsets', 'DeleteShareGroupOffsets', o, (b) => deleteShareGroupOffsets(b, groupId, topics));
  if (res.errorCode !== 0) throw groupError(groupId, res.errorCode, res.errorMessage, 'deleting the start offsets');
  return res.topics.map((t) => ({ topic: t.topic, errorCode: t.errorCode }));
}

