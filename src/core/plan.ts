/**
 * Planning: (request, offsets snapshot) → plan rows. Pure: no I/O, no clock (the snapshot carries the
 * instant it was read), so every clamp edge is unit-tested without a broker.
 * The targets follow docs/reset-contract.md (the contract), itself Apache Kafka's
 * kafka-consumer-groups behaviour wherever the seed API is silent.
 */
import type { Clamp, OffsetsSnapshot, PartitionOffsets, Plan, PlanRow, ResetRequest, TopicPartitionRef, TopicSelection } from './types';
import { KafkaOffsetsError } from './errors';
import { tpKey, byTopicThenPartition } from './tp';
import { applyOverrides } from './overrides';
import { clamp } from './clamp';

/**
 * The partitions a request touches, each checked against its topic's partition count: a CSV plan's
 * rows, every partition the group committed (all topics, as read into `committedPartitions`), or the
 * named topics — whole or with partition lists. A partition named twice is planned once.
 */
export function selectPartitions(request: ResetRequest, partitionCounts: Map<string, number>, committedPartitions?: TopicPartitionRef[]): TopicPartitionRef[] {
  const { spec } = request;
  if (spec.kind === 'csv') {
    return spec.rows.map((r) => {
      checkPartition(r.topic, r.partition, partitionCounts);
      return { topic: r.topic, partition: r.partition };
    });
  }
  if (request.allTopics) {
    if (!committedPartitions) throw new KafkaOffsetsError('kafka', `The committed offsets of group "${request.group}" were not read.`);
    return [...committedPartitions].sort(byTopicThenPartition);
  }
  // Partitions already selected, by topic (numbers, not string keys: 10,000 partitions are common).
  const seen = new Map<string, Set<number>>();
  const out: TopicPartitionRef[] = [];
  for (const sel of topicSelections(request)) {
    const count = partitionCounts.get(sel.topic);
    if (count === undefined) throw new KafkaOffsetsError('not-found', `Topic "${sel.topic}" does not exist.`);
    let taken = seen.get(sel.topic);
    if (!taken) seen.set(sel.topic, (taken = new Set()));
    if (!sel.partitions && taken.size === 0) {
      // The whole topic, named for the first time: every partition, nothing to check or skip.
      for (let partition = 0; partition < count; partition++) out.push({ topic: sel.topic, partition });
      for (let partition = 0; partition < count; partition++) taken.add(partition);
      continue;
    }
    for (const partition of sel.partitions ?? Array.from({ length: count }, (_, p) => p)) {
      checkPartition(sel.topic, partition, partitionCounts);
      if (taken.has(partition)) continue;
      taken.add(partition);
      out.push({ topic: sel.topic, partition });
    }
  }
  return out;
}

/** The topics a (non-CSV, not all-topics) request names: `topics`, or the seed's one topic and partition. */
export function topicSelections(request: ResetRequest): TopicSelection[] {
  if (request.topics) return request.topics;
  return [{ topic: request.topic, ...(request.partition === -1 ? {} : { partitions: [request.partition] }) }];
}

function checkPartition(topic: string, partition: number, counts: Map<string, number>): void {
  const count = counts.get(topic);
  if (count === undefined) throw new KafkaOffsetsError('not-found', `Topic "${topic}" does not exist.`);
  if (partition < 0 || partition >= count)
    throw new KafkaOffsetsError(
      'not-found',
      `Partition ${partition} of topic "${topic}" does not exist: the topic has ${count} partition${count === 1 ? '' : 's'} (0–${count - 1}).`,
    );
}

/** The instant a timestamp-like spec searches for, resolved against the snapshot's clock. */
export function searchedTimestamp(request: ResetRequest, now: number): number | undefined {
  const s = request.spec;
  if (s.kind === 'timestamp' || s.kind === 'datetime') return s.timestamp;
  if (s.kind === 'duration') return now - s.ms;
  return undefined;
}

export { clamp };

export function planReset(request: ResetRequest, snapshot: OffsetsSnapshot): Plan {
  const selected = selectPartitions(request, snapshot.partitionCounts, snapshot.committedPartitions);
  const offsets = new Map(snapshot.partitions.map((p) => [tpKey(p.topic, p.partition), p]));
  const csvTargets = request.spec.kind === 'csv' ? new Map(request.spec.rows.map((r) => [tpKey(r.topic, r.partition), r.offset])) : undefined;
  const ts = searchedTimestamp(request, snapshot.takenAt);
  // A copy plans only the partitions the source group committed; the others are listed, not reset.
  const source = request.spec.kind === 'fromGroup' ? snapshot.sourceCommitted ?? new Map<string, bigint>() : undefined;
  const notCopied = source ? selected.filter((tp) => !source.has(tpKey(tp.topic, tp.partition))) : [];
  const planned = source ? selected.filter((tp) => source.has(tpKey(tp.topic, tp.partition))) : selected;

  const rows: PlanRow[] = planned.map((tp): PlanRow => {
    const key = tpKey(tp.topic, tp.partition);
    const p = offsets.get(key);
    if (!p) throw new KafkaOffsetsError('kafka', `No log offsets were read for "${tp.topic}" partition ${tp.partition}.`);
    const { target, clamped, error } = targetFor(request, p, snapshot, key, csvTargets ?? source);
    return planRow(p, target, clamped, error);
  });
  rows.sort(byTopicThenPartition);
  return {
    request,
    rows: applyOverrides(rows, request.overrides),
    plannedAt: snapshot.takenAt,
    ...(ts !== undefined ? { resolvedTimestamp: ts } : {}),
    ...(source ? { notCopied } : {}),
  };
}

/**
 * One row: a partition's offsets and where it goes. The lag rule lives here: before = log end minus
 * the committed (or share start) offset, null without one; after = log end minus the target.
 */
export function planRow(p: PartitionOffsets, target: bigint, clamped: Clamp = null, error?: string): PlanRow {
  const row: PlanRow = {
    topic: p.topic,
    partition: p.partition,
    committed: p.committed,
    logStart: p.logStart,
    logEnd: p.logEnd,
    target,
    clamped,
    lagBefore: p.committed === null ? null : p.logEnd - p.committed,
    lagAfter: p.logEnd - target,
  };
  // Set, not spread in: a spread in an object literal takes V8's slow path, per row (see resultRow).
  if (error) row.error = error;
  return row;
}

function targetFor(
  request: ResetRequest,
  p: PartitionOffsets,
  snapshot: OffsetsSnapshot,
  key: string,
  /** The CSV plan's offsets, or for a copy the source group's committed offsets. */
  givenTargets: Map<string, bigint> | undefined,
): { target: bigint; clamped: Clamp; error?: string } {
  const S = p.logStart;
  const E = p.logEnd;
  const spec = request.spec;
  switch (spec.kind) {
    case 'earliest':
      return { target: S, clamped: null };
    case 'latest':
      return { target: E, clamped: null };
    case 'offset':
      return clamp(spec.offset, S, E);
    case 'csv':
    case 'fromGroup':
      return clamp(givenTargets!.get(key)!, S, E);
    case 'current':
      // Kafka's --to-current: the committed offset as it is (not clamped: it is where the group
      // already stands), and the log end for a partition that has none.
      return p.committed === null ? { target: E, clamped: null } : { target: p.committed, clamped: null };
    case 'shiftBy':
      if (p.committed === null)
        return {
          target: p.committed ?? E,
          clamped: null,
          error: `"${p.topic}" partition ${p.partition} has no committed offset to shift from.`,
        };
      return clamp(p.committed + spec.by, S, E);
    case 'timestamp':
    case 'datetime':
    case 'duration': {
      const found = snapshot.offsetsForTimestamp?.get(key);
      if (found === undefined) throw new KafkaOffsetsError('kafka', `No offset-for-timestamp was read for "${p.topic}" partition ${p.partition}.`);
      // No record at or after the instant: the log end, as the seed and Kafka's tool do.
      if (found === null) return { target: E, clamped: 'latest' };
      return clamp(found, S, E);
    }
  }
}

/** Totals a user cares about before confirming. */
export function planTotals(plan: Plan): { partitions: number; lagBefore: bigint; lagAfter: bigint; replayed: bigint; skipped: bigint; noCommit: number; errors: number } {
  let lagBefore = 0n, lagAfter = 0n, replayed = 0n, skipped = 0n, noCommit = 0, errors = 0;
  for (const r of plan.rows) {
    if (r.error) errors++;
    lagAfter += r.lagAfter;
    if (r.committed === null) {
      noCommit++;
      continue;
    }
    lagBefore += r.lagBefore!;
    if (r.target < r.committed) replayed += r.committed - r.target;
    else skipped += r.target - r.committed;
  }
  return { partitions: plan.rows.length, lagBefore, lagAfter, replayed, skipped, noCommit, errors };
}

/**
 * Did re-planning (after waiting for the group to empty, or after offsets moved) change what would be
 * committed? Then the user confirms again: they agreed to the old numbers, not the new ones.
 */
export function sameTargets(a: Plan, b: Plan): boolean {
  if (a.rows.length !== b.rows.length) return false;
  return a.rows.every((r, i) => {
    const o = b.rows[i];
    return o.topic === r.topic && o.partition === r.partition && o.target === r.target && o.committed === r.committed && (o.error ?? '') === (r.error ?? '');
  });
}
