/**
 * delete-offsets: remove a group's committed offsets of some topics or partitions (OffsetDelete, what
 * `kafka-consumer-groups --delete-offsets` sends). The group's consumers then start those partitions
 * from auto.offset.reset. Same rules as a reset (docs/reset-contract.md): a preview of what goes, only
 * an Empty group (the broker would also refuse topics the group is subscribed to, and an undo could
 * not recommit onto a live group), the preview must still be true, a snapshot first (undo recommits
 * it), read-back after.
 */
import type { TopicSelection } from './types';
import type { KafkaEngine, CallOptions } from './kafka/port';
import type { ApplyOptions } from './reset';
import { KafkaOffsetsError } from './errors';
import { saveSnapshot } from './snapshot';
import { deleteReason } from './snapshotReason';
import { throwIfAborted } from './deadline';
import { tpKey } from './tp';
import { topicsOf } from './lag';
import { withClusterGroupLock } from './identity';
import { validateGroupId } from './names';
import { KafkaCode } from './kafka/codes';
import { partitionRefusal } from './kafka/deleteErrors';
import { deletePartitions, deleteRefusal, deleteRows, describeTopics, deleteOutcomes, movedSincePlan, staleError, type DeletePlan, type DeleteResult } from './deletePlan';

export interface DeleteOffsetsRequest {
  group: string;
  /** Each topic whole, or with a partition list (Kafka's `--topic T:0,2`). */
  topics: TopicSelection[];
}

/** The preview: every named partition with its committed offset and lag now. Deletes nothing. */
export async function planDeleteOffsets(client: KafkaEngine, request: DeleteOffsetsRequest, o: CallOptions = {}): Promise<DeletePlan> {
  const { group, topics } = request;
  const bad = validateGroupId(group);
  if (bad) throw new KafkaOffsetsError('validation', `Group: ${bad}`);
  const counts = await client.partitionCounts([...new Set(topics.map((t) => t.topic))], o);
  const partitions = deletePartitions(group, topics, counts);
  const [description, committed, [ends]] = await Promise.all([
    client.describeGroup(group, o),
    client.committedOffsets(group, topicsOf(partitions), o),
    client.listOffsetsMulti(partitions, [-1], o),
  ]);
  const rows = deleteRows(partitions, committed, ends);
  if (rows.every((r) => r.committed === null)) {
    if (description.state === 'Dead') throw new KafkaOffsetsError('not-found', `Group ${JSON.stringify(group)} does not exist (it has no committed offsets): nothing to delete.`);
    throw new KafkaOffsetsError('not-found', `Group ${JSON.stringify(group)} has no committed offsets on ${describeTopics(topics)}: nothing to delete.`);
  }
  return { kind: 'offsets', group, topics, rows, description, plannedAt: Date.now() };
}

export async function applyDeleteOffsets(client: KafkaEngine, plan: DeletePlan, opts: ApplyOptions): Promise<DeleteResult> {
  const { group } = plan;
  return withClusterGroupLock(client, group, opts, async (id) => {
    const started = Date.now();
    const refusal = deleteRefusal(await client.describeGroup(group, opts), 'offsets');
    if (refusal) throw refusal;
    throwIfAborted(opts.signal, `deleting the offsets of group "${group}"`);
    // Only partitions with a committed offset are sent; the others have nothing to delete.
    const rows = plan.rows.filter((r) => r.committed !== null);
    const now = await client.committedOffsets(group, topicsOf(plan.rows), opts);
    const moved = movedSincePlan(plan.rows, now);
    if (moved.length) throw staleError(group, moved, now);

    const snapshotFile = saveSnapshot(opts.snapshotDir, {
      group,
      brokers: client.brokers,
      ...(id.clusterId ? { clusterId: id.clusterId } : {}),
      takenAt: Date.now(),
      reason: opts.reason ?? deleteReason(`the committed offsets on ${describeTopics(plan.topics ?? [])}`),
      entries: rows.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.committed })),
    });
    opts.onSnapshot?.(snapshotFile);
    throwIfAborted(opts.signal, `deleting the offsets of group "${group}"`);

    let codes: Map<string, number> | undefined;
    let writeError: unknown;
    try {
      const res = await client.deleteOffsets(group, rows, opts);
      codes = new Map(res.map((r) => [tpKey(r.topic, r.partition), r.errorCode]));
    } catch (e) {
      // Refusals of the whole request deleted nothing; anything else (timeout, broker gone) may have landed.
      if (e instanceof KafkaOffsetsError && ['authorization', 'group-not-empty', 'not-found'].includes(e.kind)) throw e;
      writeError = e;
    }
    // The broker's own "a consumer of this group reads this topic" for every partition: nothing was deleted.
    if (codes && codes.size > 0 && [...codes.values()].every((c) => c === KafkaCode.GROUP_SUBSCRIBED_TO_TOPIC)) {
      const first = rows[0];
      throw new KafkaOffsetsError('group-not-empty', `The broker refused: ${partitionRefusal(group, first.topic, first.partition, KafkaCode.GROUP_SUBSCRIBED_TO_TOPIC)}. Nothing was deleted.`, { source: 'broker', members: [] });
    }
    let back: Map<string, bigint | null> | undefined;
    let readError: unknown;
    try {
      back = await client.committedOffsets(group, topicsOf(rows), { ...opts, signal: undefined });
    } catch (e) {
      readError = e;
    }
    return { kind: 'offsets', group, rows: deleteOutcomes(group, rows, codes, back, { write: writeError, read: readError }), snapshotFile, durationMs: Date.now() - started };
  });
}
