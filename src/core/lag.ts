/**
 * Lag, strictly read-only: OffsetFetch from the coordinator, ListOffsets (log start and end) from the
 * leaders, DescribeGroups for who owns what. Never joins the group, never commits.
 */
import type { GroupDescription, GroupLag, GroupListing, PartitionLag, PartitionOffsets, TopicLag, TopicPartitionRef } from './types';
import type { KafkaClient, CallOptions } from './kafka/client';
import { KafkaOffsetsError, describeError } from './errors';
import { tpKey, groupByTopic, byTopicThenPartition } from './tp';
import { mapLimit } from './deadline';

/** Log-start, log-end and committed offsets of the given partitions for one group. */
export async function readPartitionOffsets(
  client: KafkaClient,
  groupId: string,
  partitions: TopicPartitionRef[],
  o: CallOptions = {},
): Promise<PartitionOffsets[]> {
  if (partitions.length === 0) return [];
  const [[starts, ends], committed] = await Promise.all([
    client.listOffsetsMulti(partitions, [-2, -1], o),
    client.committedOffsets(groupId, topicsOf(partitions), o),
  ]);
  return partitions.map((p) => {
    const key = tpKey(p.topic, p.partition);
    return { topic: p.topic, partition: p.partition, logStart: starts.get(key) ?? 0n, logEnd: ends.get(key) ?? 0n, committed: committed.get(key) ?? null };
  });
}

export function topicsOf(partitions: TopicPartitionRef[]): Array<{ topic: string; partitions: number[] }> {
  return [...groupByTopic(partitions)].map(([topic, ps]) => ({ topic, partitions: ps.map((p) => p.partition) }));
}

/**
 * Lag of one group over every topic it has committed offsets for or is assigned. A topic the group
 * knows only partly is shown whole, so partitions without a commit are visible as "no commit".
 */
export async function groupLag(client: KafkaClient, groupId: string, o: CallOptions & { description?: GroupDescription } = {}): Promise<GroupLag> {
  const [description, committed] = await Promise.all([
    o.description ? Promise.resolve(o.description) : client.describeGroup(groupId, o),
    client.committedOffsets(groupId, null, o),
  ]);
  const owners = new Map<string, GroupDescription['members'][number]>();
  const topics = new Set<string>();
  for (const m of description.members)
    for (const a of m.assignment) {
      owners.set(tpKey(a.topic, a.partition), m);
      topics.add(a.topic);
    }
  for (const key of committed.keys()) topics.add(key.slice(0, key.lastIndexOf(':')));
  if (topics.size === 0) return { groupId, lag: 0n, topics: [] };

  // Topics deleted since the group committed are skipped rather than failing the whole group.
  let counts: Map<string, number>;
  try {
    counts = await client.partitionCounts([...topics], o);
  } catch (e) {
    if (!(e instanceof KafkaOffsetsError && e.kind === 'not-found')) throw e;
    const listed = new Map((await client.listTopics(o)).map((t) => [t.topic, t.partitions]));
    counts = new Map([...topics].filter((t) => listed.has(t)).map((t) => [t, listed.get(t)!]));
  }
  const partitions: TopicPartitionRef[] = [];
  for (const [topic, count] of counts) for (let partition = 0; partition < count; partition++) partitions.push({ topic, partition });
  const [starts, ends] = await client.listOffsetsMulti(partitions, [-2, -1], o);

  const byTopic = new Map<string, PartitionLag[]>();
  for (const p of partitions.sort(byTopicThenPartition)) {
    const key = tpKey(p.topic, p.partition);
    const c = committed.get(key) ?? null;
    const logEnd = ends.get(key) ?? 0n;
    const row: PartitionLag = {
      topic: p.topic,
      partition: p.partition,
      logStart: starts.get(key) ?? 0n,
      logEnd,
      committed: c,
      lag: c === null ? null : logEnd - c,
      ...(owners.has(key) ? { owner: owners.get(key) } : {}),
    };
    const list = byTopic.get(p.topic) ?? [];
    list.push(row);
    byTopic.set(p.topic, list);
  }
  const topicLags: TopicLag[] = [...byTopic].map(([topic, rows]) => ({
    topic,
    lag: rows.reduce((s, r) => s + (r.lag !== null && r.lag > 0n ? r.lag : 0n), 0n),
    partitions: rows,
  }));
  return { groupId, lag: topicLags.reduce((s, t) => s + t.lag, 0n), topics: topicLags };
}

export interface GroupLagEntry {
  group: GroupListing;
  lag?: GroupLag;
  /** Set when this group's lag could not be read; the others still are. */
  error?: string;
}

/** Lag of every group, with bounded concurrency; one group's failure does not hide the rest. */
export async function allGroupsLag(
  client: KafkaClient,
  o: CallOptions & { concurrency?: number; filter?: (g: GroupListing) => boolean; onGroup?: (e: GroupLagEntry) => void } = {},
): Promise<GroupLagEntry[]> {
  const groups = (await client.listGroups(o)).filter(o.filter ?? (() => true));
  return mapLimit(groups, o.concurrency ?? 8, async (group) => {
    let entry: GroupLagEntry;
    try {
      entry = { group, lag: await groupLag(client, group.groupId, o) };
    } catch (e) {
      if (e instanceof KafkaOffsetsError && (e.kind === 'cancelled' || e.kind === 'unreachable')) throw e;
      entry = { group, error: describeError(e) };
    }
    o.onGroup?.(entry);
    return entry;
  });
}
