/**
 * Lag of a share group (KIP-932), read-only. A share group has no committed offsets: each partition
 * has a share-partition start offset (the first record not yet acknowledged by every consumer), and
 * from Kafka 4.2 the broker reports the share-partition lag itself. Rows use the same PartitionLag
 * shape as consumer groups, with `committed` holding the start offset.
 */
import type { GroupDescription, GroupLag, HiddenTopic, PartitionLag, TopicLag, TopicPartitionRef } from './types';
import type { KafkaEngine, CallOptions } from './kafka/port';
import { tpKey } from './tp';
import { totalLag } from './numbers';

/**
 * Lag of one share group over every topic it has start offsets for or is assigned. The lag of a
 * partition is the broker's when it reports one (it knows what was acknowledged past the start
 * offset), else log end − start offset; none when there is no start offset.
 */
export async function shareGroupLag(client: KafkaEngine, groupId: string, o: CallOptions & { description?: GroupDescription } = {}): Promise<GroupLag> {
  const [description, starts] = await Promise.all([o.description ? Promise.resolve(o.description) : client.describeGroup(groupId, o), client.shareStartOffsets(groupId, null, o)]);
  const topics = new Set<string>(description.members.flatMap((m) => m.assignment.map((a) => a.topic)));
  for (const key of starts.keys()) topics.add(key.slice(0, key.lastIndexOf(':')));
  if (topics.size === 0) return { groupId, lag: 0n, topics: [] };
  const visible = await client.topicVisibility([...topics], o);
  const hiddenTopics: HiddenTopic[] = [];
  for (const [topic, v] of visible) {
    if (typeof v === 'number') continue;
    hiddenTopics.push(typeof v === 'string' ? { topic, reason: v, committed: [], assignedTo: [] } : { topic, reason: 'error', error: v.error, committed: [], assignedTo: [] });
  }
  const described: TopicPartitionRef[] = [];
  for (const [topic, count] of visible) if (typeof count === 'number') for (let partition = 0; partition < count; partition++) described.push({ topic, partition });
  // A topic whose log offsets Kafka refuses is hidden with the reason, not a failure of the whole group.
  const { offsets: [logStarts, logEnds], failed } = await client.logOffsetsOrWhy(described, [-2, -1], o);
  for (const [topic, v] of failed) hiddenTopics.push(typeof v === 'string' ? { topic, reason: v, committed: [], assignedTo: [] } : { topic, reason: 'error', error: v.error, committed: [], assignedTo: [] });
  const partitions = described.filter((p) => !failed.has(p.topic));
  const owners = new Map<string, GroupDescription['members'][number]>();
  for (const m of description.members) for (const a of m.assignment) owners.set(tpKey(a.topic, a.partition), m);

  const byTopic = new Map<string, PartitionLag[]>();
  for (const p of partitions) {
    const key = tpKey(p.topic, p.partition);
    const s = starts.get(key);
    const logEnd = logEnds.get(key) ?? 0n;
    const start = s?.startOffset ?? null;
    const lag = s?.lag ?? (start === null ? null : logEnd - start);
    const row: PartitionLag = { topic: p.topic, partition: p.partition, logStart: logStarts.get(key) ?? 0n, logEnd, committed: start, lag, ...(owners.has(key) ? { owner: owners.get(key) } : {}) };
    byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), row]);
  }
  const topicLags: TopicLag[] = [...byTopic]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([topic, rows]) => ({ topic, partitions: rows, lag: totalLag(rows.map((r) => r.lag)) }));
  const lag: GroupLag = { groupId, lag: totalLag(topicLags.map((t) => t.lag)), topics: topicLags };
  if (hiddenTopics.length) lag.hiddenTopics = hiddenTopics;
  return lag;
}
