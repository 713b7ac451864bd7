/**
 * Copy offsets from another group: the targets are the source group's committed offsets, read when
 * planning (and read again on every re-plan, like log offsets), each clamped to its partition's log
 * like any target. Which partitions: those named (topics, partition lists) or, with all topics, every
 * partition the *source* committed — copying a whole group. A named partition the source never
 * committed is not planned: it is listed in the plan's `notCopied` and keeps its committed offset.
 * Nothing here is in Kafka's kafka-consumer-groups; its equivalent is the export of the source group
 * imported into the target (`--from-file`).
 */
import type { KafkaEngine, CallOptions } from './kafka/port';
import type { TopicPartitionRef } from './types';
import { byTopicThenPartition } from './tp';

/** The source group's committed offsets by "topic:partition", and those partitions sorted. */
export async function readSourceOffsets(client: KafkaEngine, group: string, o: CallOptions = {}): Promise<{ offsets: Map<string, bigint>; partitions: TopicPartitionRef[] }> {
  const all = await client.committedOffsets(group, null, o);
  const offsets = new Map<string, bigint>();
  const partitions: TopicPartitionRef[] = [];
  for (const [key, offset] of all) {
    if (offset === null) continue;
    offsets.set(key, offset);
    const colon = key.lastIndexOf(':');
    partitions.push({ topic: key.slice(0, colon), partition: Number(key.slice(colon + 1)) });
  }
  return { offsets, partitions: partitions.sort(byTopicThenPartition) };
}
