/** Keys and grouping for topic-partitions. Topic names cannot contain ':' (Kafka allows [a-zA-Z0-9._-]). */
import type { TopicPartitionRef } from './types';

export function tpKey(topic: string, partition: number): string {
  return `${topic}:${partition}`;
}

export function groupByTopic<T extends TopicPartitionRef>(items: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const list = out.get(it.topic);
    if (list) list.push(it);
    else out.set(it.topic, [it]);
  }
  return out;
}

/** Partitions as the per-topic lists Kafka's requests take, topics in order of first appearance. */
export function topicsOf(partitions: TopicPartitionRef[]): Array<{ topic: string; partitions: number[] }> {
  return [...groupByTopic(partitions)].map(([topic, ps]) => ({ topic, partitions: ps.map((p) => p.partition) }));
}

export function byTopicThenPartition(a: TopicPartitionRef, b: TopicPartitionRef): number {
  return a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition;
}
