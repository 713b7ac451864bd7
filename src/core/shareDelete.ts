/**
 * Deleting a share group's start offsets of one topic (DeleteShareGroupOffsets, which works per
 * topic): the group forgets where it stands on that topic, and its consumers start again from
 * share.auto.offset.reset. Same rules as a reset (docs/reset-contract.md): a preview of what is
 * forgotten, only an Empty share group, a snapshot first (its undo puts the start offsets back with
 * AlterShareGroupOffsets), read-back after.
 */
import type { PlanRow, ResetResult, ResultRow } from './types';
import type { KafkaEngine, CallOptions } from './kafka/port';
import { KafkaOffsetsError, describeError } from './errors';
import { planRow } from './plan';
import { saveSnapshot } from './snapshot';
import { deleteReason } from './snapshotReason';
import { throwIfAborted } from './deadline';
import { tpKey } from './tp';
import { withClusterGroupLock } from './identity';
import { assertShareResettable, assertStartOffsetsUnchanged, writeThenReadBack, type ShareApplyOptions } from './shareReset';
import { codeInfo } from './kafka/codes';

/** What a delete would forget: one row per partition of the topic, target -1 (= none). */
export interface ShareDeletePlan {
  group: string;
  topic: string;
  rows: PlanRow[];
  plannedAt: number;
}

export async function planShareDelete(client: KafkaEngine, group: string, topic: string, o: CallOptions = {}): Promise<ShareDeletePlan> {
  const count = (await client.partitionCounts([topic], o)).get(topic);
  if (count === undefined) throw new KafkaOffsetsError('not-found', `Topic "${topic}" does not exist.`);
  const partitions = Array.from({ length: count }, (_, partition) => ({ topic, partition }));
  const [[starts, ends], shareStarts] = await Promise.all([client.listOffsetsMulti(partitions, [-2, -1], o), client.shareStartOffsets(group, partitions, o)]);
  const rows = partitions.map((p) => {
    const key = tpKey(topic, p.partition);
    // After the delete the partition has no start offset: like an undo's deleted offset, lag 0 is shown.
    return { ...planRow({ ...p, logStart: starts.get(key) ?? 0n, logEnd: ends.get(key) ?? 0n, committed: shareStarts.get(key)?.startOffset ?? null }, -1n), lagAfter: 0n };
  });
  if (rows.every((r) => r.committed === null)) throw new KafkaOffsetsError('not-found', `Share group "${group}" has no start offsets on topic "${topic}": nothing to delete.`);
  return { group, topic, rows, plannedAt: Date.now() };
}

export async function applyShareDelete(client: KafkaEngine, plan: ShareDeletePlan, opts: ShareApplyOptions): Promise<ResetResult> {
  const { group, topic } = plan;
  return withClusterGroupLock(client, group, opts, async (id) => {
    const started = Date.now();
    await assertShareResettable(client, group, opts);
    throwIfAborted(opts.signal, `deleting the share offsets of group "${group}"`);
    await assertStartOffsetsUnchanged(client, group, plan.rows, opts);
    const partitions = plan.rows.map((r) => ({ topic, partition: r.partition }));
    const snapshotFile = saveSnapshot(opts.snapshotDir, {
      group,
      brokers: client.brokers,
      ...(id.clusterId ? { clusterId: id.clusterId } : {}),
      takenAt: Date.now(),
      reason: opts.reason ?? deleteReason(`the share start offsets on ${topic}`),
      entries: plan.rows.map((r) => ({ topic, partition: r.partition, offset: r.committed })),
      groupType: 'share',
    });
    opts.onSnapshot?.(snapshotFile);
    throwIfAborted(opts.signal, `deleting the share offsets of group "${group}"`);
    const { answer, writeError, back, readError } = await writeThenReadBack(client, group, partitions, opts, () => client.deleteShareStartOffsets(group, [topic], opts));
    const code = answer && (answer.find((t) => t.topic === topic)?.errorCode ?? 0);
    const rows = plan.rows.map((row): ResultRow => {
      const now = back?.get(tpKey(topic, row.partition))?.startOffset ?? null;
      if (code !== undefined && code !== 0) return { ...row, outcome: 'failed', readBack: now, reason: `${codeInfo(code).type}: ${codeInfo(code).message}` };
      if (!back) return { ...row, outcome: 'unknown', readBack: null, reason: `could not read back the start offset (${describeError(writeError ?? readError)})` };
      if (now === null) return { ...row, outcome: 'applied', readBack: null };
      if (code === undefined) return { ...row, outcome: 'unknown', readBack: now, reason: `the delete's answer was lost (${describeError(writeError)}); read back ${now}, but the delete may still land` };
      return { ...row, outcome: 'failed', readBack: now, reason: `start offset is still ${now}` };
    });
    return { group, rows, snapshotFile, durationMs: Date.now() - started };
  });
}
