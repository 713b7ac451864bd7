/** Keys and grouping for topic-partitions. Topic names cannot contain ':' (Kafka allows [a-zA-Z0-9._-]). */
import type { TopicPartitionRef } from './types';

/**
 * The same string for the same partition each time: a reset of 10,000 partitions looks keys up in
 * about ten maps, and a key built afresh must be allocated, flattened and hashed at every lookup,
 * where a kept one carries its hash. Kept for at most KEPT_KEYS partitions, then started again.
 */
const kept = new Map<string, string[]>();
let keptCount = 0;
const KEPT_KEYS = 200_000;

export function tpKey(topic: string, partition: number): string {
  // Only small non-negative integers index the arrays (a hostile partition number is just not kept).
  if (!(Number.isInteger(partition) && partition >= 0 && partition < 1_000_000)) return `${topic}:${partition}`;
  let keys = kept.get(topic);
  let key = keys?.[partition];
  if (key !== undefined) return key;
  key = `${topic}:${partition}`;
  if (keptCount >= KEPT_KEYS) {
    kept.clear();
    keptCount = 0;
    keys = undefined;
  }
  if (!keys) {
    keys = [];
    kept.set(topic, keys);
    keptCount++;
  }
  keys[partition] = key;
  keptCount++;
  return key;
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
