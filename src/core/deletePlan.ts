/**
 * What a delete would remove, and what it did: the pure part of delete-offsets (OffsetDelete) and
 * delete-group (DeleteGroups). A plan lists each partition with its committed offset and lag now; a
 * result says per partition whether the offset is gone (read back), still there, or unknown (the
 * answer was lost). No I/O here, so every rule is unit-tested without a broker.
 */
import type { GroupDescription, PartitionOutcome, TopicPartitionRef, TopicSelection } from './types';
import type { OffsetMap } from './kafka/port';
import { KafkaOffsetsError, describeError, groupNotEmpty, stalePlan } from './errors';
import { selectPartitions } from './plan';
import { tpKey } from './tp';
import { isResettable } from './groupState';
import { shellQuote } from './equivalent';
import { partitionRefusal } from './kafka/deleteErrors';
import { formatCount } from './numbers';

export interface DeleteRow {
  topic: string;
  partition: number;
  /** null = no committed offset: nothing to delete there. */
  committed: bigint | null;
  /** null when the topic's log cannot be read (e.g. the topic was deleted but the group kept its offsets). */
  logEnd: bigint | null;
  /** logEnd − committed; null without a commit or without a log end. */
  lag: bigint | null;
}

export interface DeletePlan {
  /** 'offsets': some partitions' committed offsets (OffsetDelete); 'group': the whole group (DeleteGroups). */
  kind: 'offsets' | 'group';
  group: string;
  /** delete-offsets: the topics as asked (whole, or with partition lists). */
  topics?: TopicSelection[];
  rows: DeleteRow[];
  /** The group as described when planned: its state and members, shown in the preview. */
  description: GroupDescription;
  plannedAt: number;
}

export interface DeleteResultRow extends DeleteRow {
  outcome: PartitionOutcome;
  /** The committed offset read back after the delete (null = gone, or could not be read: see reason). */
  readBack: bigint | null;
  reason?: string;
}

export interface DeleteResult {
  kind: DeletePlan['kind'];
  group: string;
  rows: DeleteResultRow[];
  /** The snapshot written before the delete (undo recommits it); null when there was no offset to save. */
  snapshotFile: string | null;
  /** delete-group: the group is gone (DeleteGroups answered NONE and it reads back as Dead). */
  groupDeleted?: boolean;
  durationMs: number;
}

/** The partitions a delete-offsets request names, each checked against its topic (not-found otherwise). */
export function deletePartitions(group: string, topics: TopicSelection[], partitionCounts: Map<string, number>): TopicPartitionRef[] {
  if (topics.length === 0) throw new KafkaOffsetsError('validation', 'Say which topic: --topic T (every partition) or --topic T:0,2.');
  return selectPartitions({ group, topic: '', partition: -1, spec: { kind: 'earliest' }, topics }, partitionCounts);
}

/** One row per partition: committed offset and lag now. */
export function deleteRows(partitions: TopicPartitionRef[], committed: OffsetMap, logEnds: OffsetMap | undefined): DeleteRow[] {
  return partitions.map((p) => {
    const key = tpKey(p.topic, p.partition);
    const c = committed.get(key) ?? null;
    const end = logEnds?.get(key) ?? null;
    return { topic: p.topic, partition: p.partition, committed: c, logEnd: end, lag: c !== null && end !== null ? (end > c ? end - c : 0n) : null };
  });
}

/** Partitions, those with a committed offset, and their total lag (null when none has both). */
export function deleteTotals(rows: DeleteRow[]): { partitions: number; withCommit: number; lag: bigint | null } {
  let lag: bigint | null = null;
  for (const r of rows) if (r.lag !== null) lag = (lag ?? 0n) + r.lag;
  return { partitions: rows.length, withCommit: rows.filter((r) => r.committed !== null).length, lag };
}

/** "2 partitions with committed offsets (lag 1,234)". */
export function deleteSummary(rows: DeleteRow[]): string {
  const t = deleteTotals(rows);
  return `${t.withCommit} partition${t.withCommit === 1 ? '' : 's'} with committed offsets${t.lag !== null ? ` (lag ${formatCount(t.lag)})` : ''}${t.partitions > t.withCommit ? `, ${t.partitions - t.withCommit} without (nothing to delete there)` : ''}`;
}

/** Empty (or no group yet, Dead) with no members, and a consumer group: anything else is refused, naming who is in it. */
export function deleteRefusal(d: GroupDescription, kind: DeletePlan['kind']): KafkaOffsetsError | undefined {
  const g = JSON.stringify(d.groupId);
  if (d.groupType === 'share')
    return new KafkaOffsetsError('validation', `Group ${g} is a share group: it has share start offsets, not committed offsets (${kind === 'group' ? 'kafka-share-groups --delete deletes it' : 'Delete Share Offsets, or kafka-share-groups --delete-offsets'}). Nothing was deleted.`);
  if (d.groupType === 'streams' && kind === 'group')
    return new KafkaOffsetsError('validation', `Group ${g} is a streams group: delete it with kafka-streams-groups --delete, which also removes its internal topics. Nothing was deleted.`);
  if (isResettable(d)) return undefined;
  const who = d.members.map((m) => `${m.clientId || '?'} (${m.host || '?'})`).join(', ');
  return groupNotEmpty(
    `Group ${g} is ${d.state} with ${d.members.length} member${d.members.length === 1 ? '' : 's'}${who ? `: ${who}` : ''}. ` +
      `Stop its consumers first (a killed consumer stays a member until its session timeout): ${kind === 'group' ? 'a group is deleted' : 'offsets are deleted'} only when it is Empty, so that the snapshot can be put back. Nothing was deleted.`,
    { source: 'precheck', state: d.state, members: d.members },
  );
}

/** The planned partitions whose committed offset is not what the preview showed. */
export function movedSincePlan(rows: DeleteRow[], now: OffsetMap): DeleteRow[] {
  return rows.filter((r) => (now.get(tpKey(r.topic, r.partition)) ?? null) !== r.committed);
}

export function staleError(group: string, moved: DeleteRow[], now: OffsetMap): KafkaOffsetsError {
  const list = moved.slice(0, 5).map((r) => `${r.topic}/${r.partition}: ${r.committed ?? 'none'} → ${now.get(tpKey(r.topic, r.partition)) ?? 'none'}`);
  return stalePlan(
    `Committed offsets of group ${JSON.stringify(group)} changed since the preview (${list.join(', ')}${moved.length > 5 ? ', …' : ''}): someone is consuming or resetting it. Nothing was deleted; preview again.`,
    { moved: moved.map((r) => ({ topic: r.topic, partition: r.partition })) },
  );
}

/**
 * Each row's outcome from the broker's per-partition answer (codes; undefined when the answer was
 * lost) and the read-back (undefined when it failed). Gone on read-back = applied; a partition error
 * = failed with the sentence; no answer and still there = unknown (the delete may still land).
 */
export function deleteOutcomes(
  group: string,
  rows: DeleteRow[],
  codes: Map<string, number> | undefined,
  back: OffsetMap | undefined,
  errors: { write?: unknown; read?: unknown } = {},
): DeleteResultRow[] {
  return rows.map((row): DeleteResultRow => {
    const key = tpKey(row.topic, row.partition);
    const code = codes?.get(key);
    const now = back ? back.get(key) ?? null : null;
    if (code !== undefined && code !== 0) return { ...row, outcome: 'failed', readBack: now, reason: partitionRefusal(group, row.topic, row.partition, code) };
    if (!back) return { ...row, outcome: 'unknown', readBack: null, reason: `could not read back the offset (${describeError(errors.write ?? errors.read)})` };
    if (now === null) return { ...row, outcome: 'applied', readBack: null };
    if (codes === undefined) return { ...row, outcome: 'unknown', readBack: now, reason: `the delete's answer was lost (${describeError(errors.write)}); read back ${now}, but the delete may still land` };
    return { ...row, outcome: 'failed', readBack: now, reason: `the committed offset is still ${now} (committed again meanwhile?)` };
  });
}

/** Apache's tool for the same delete, to run or review elsewhere. */
export function kafkaDeleteCommand(brokers: string[], plan: Pick<DeletePlan, 'kind' | 'group' | 'topics'>): string {
  const args = ['kafka-consumer-groups.sh', '--bootstrap-server', shellQuote(brokers.join(','))];
  if (plan.kind === 'group') return [...args, '--delete', '--group', shellQuote(plan.group)].join(' ');
  args.push('--delete-offsets', '--group', shellQuote(plan.group));
  for (const t of plan.topics ?? []) args.push('--topic', shellQuote(t.partitions ? `${t.topic}:${t.partitions.join(',')}` : t.topic));
  return args.join(' ');
}

/** "orders", "orders partitions 0, 2": what a delete-offsets covers, for messages and the snapshot's reason. */
export function describeTopics(topics: TopicSelection[]): string {
  return topics.map((t) => (t.partitions ? `${t.topic} partition${t.partitions.length > 1 ? 's' : ''} ${t.partitions.join(', ')}` : t.topic)).join(', ');
}
