/**
 * delete-group: remove a consumer group and every committed offset it holds (DeleteGroups, what
 * `kafka-consumer-groups --delete` sends). Same rules as a reset: a preview of what goes, only an
 * Empty group, the preview must still be true, a snapshot of all its committed offsets first — undo
 * recommits them, which creates the group again — and read-back after (no offsets left, group Dead).
 */
import type { KafkaEngine, CallOptions } from './kafka/port';
import type { ApplyOptions } from './reset';
import { KafkaOffsetsError } from './errors';
import { saveSnapshot } from './snapshot';
import { deleteReason } from './snapshotReason';
import { throwIfAborted } from './deadline';
import { tpKey, byTopicThenPartition } from './tp';
import { withClusterGroupLock } from './identity';
import { validateGroupId } from './names';
import { KafkaCode } from './kafka/codes';
import { groupRefusal } from './kafka/deleteErrors';
import { deleteRefusal, deleteRows, deleteOutcomes, movedSincePlan, staleError, type DeletePlan, type DeleteResult } from './deletePlan';

/** The preview: the group, its state and members, every committed offset it holds and the lag now. */
export async function planDeleteGroup(client: KafkaEngine, group: string, o: CallOptions = {}): Promise<DeletePlan> {
  const bad = validateGroupId(group);
  if (bad) throw new KafkaOffsetsError('validation', `Group: ${bad}`);
  const description = await client.describeGroup(group, o);
  // A share group has start offsets, not committed ones: its plan is empty and deleteRefusal says why.
  const committed = description.groupType === 'share' ? new Map<string, bigint | null>() : await client.committedOffsets(group, null, o);
  const partitions = [...committed]
    .filter(([, v]) => v !== null)
    .map(([k]) => ({ topic: k.slice(0, k.lastIndexOf(':')), partition: Number(k.slice(k.lastIndexOf(':') + 1)) }))
    .sort(byTopicThenPartition);
  if (description.state === 'Dead' && partitions.length === 0) throw new KafkaOffsetsError('not-found', `Group ${JSON.stringify(group)} does not exist: nothing to delete.`);
  // A topic deleted since (its offsets are still in the group) has no log end: its lag is unknown, its offset is still deleted.
  const ends = partitions.length ? (await client.logOffsetsOrWhy(partitions, [-1], o)).offsets[0] : undefined;
  return { kind: 'group', group, rows: deleteRows(partitions, committed, ends), description, plannedAt: Date.now() };
}

export async function applyDeleteGroup(client: KafkaEngine, plan: DeletePlan, opts: ApplyOptions): Promise<DeleteResult> {
  const { group } = plan;
  return withClusterGroupLock(client, group, opts, async (id) => {
    const started = Date.now();
    const refusal = deleteRefusal(await client.describeGroup(group, opts), 'group');
    if (refusal) throw refusal;
    throwIfAborted(opts.signal, `deleting group "${group}"`);
    // Every committed offset now must be one the preview showed, and the same: the snapshot must hold all of them.
    const now = await client.committedOffsets(group, null, opts);
    const planned = new Set(plan.rows.map((r) => tpKey(r.topic, r.partition)));
    const added = [...now].filter(([k, v]) => v !== null && !planned.has(k));
    const moved = movedSincePlan(plan.rows, now);
    if (moved.length || added.length) {
      const extra = added.map(([k]) => ({ topic: k.slice(0, k.lastIndexOf(':')), partition: Number(k.slice(k.lastIndexOf(':') + 1)), committed: null, logEnd: null, lag: null }));
      throw staleError(group, [...moved, ...extra], now);
    }

    const snapshotFile = plan.rows.length
      ? saveSnapshot(opts.snapshotDir, {
          group,
          brokers: client.brokers,
          ...(id.clusterId ? { clusterId: id.clusterId } : {}),
          takenAt: Date.now(),
          reason: opts.reason ?? deleteReason('the group'),
          entries: plan.rows.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.committed })),
        })
      : null;
    if (snapshotFile) opts.onSnapshot?.(snapshotFile);
    throwIfAborted(opts.signal, `deleting group "${group}"`);

    let code: number | undefined;
    let writeError: unknown;
    try {
      code = await client.deleteGroup(group, opts);
    } catch (e) {
      if (e instanceof KafkaOffsetsError && e.kind === 'authorization') throw e;
      writeError = e;
    }
    if (code !== undefined && code !== KafkaCode.NONE) throw groupRefusal(group, code, 'delete it');
    let back: Map<string, bigint | null> | undefined;
    let readError: unknown;
    let state: string | undefined;
    try {
      const o = { ...opts, signal: undefined };
      [back, state] = await Promise.all([client.committedOffsets(group, null, o), client.describeGroup(group, o).then((d) => d.state)]);
    } catch (e) {
      readError = e;
    }
    // The group is deleted as a whole: every partition shares its one answer.
    const codes = code === undefined ? undefined : new Map(plan.rows.map((r) => [tpKey(r.topic, r.partition), code!]));
    const rows = deleteOutcomes(group, plan.rows, codes, back, { write: writeError, read: readError });
    return { kind: 'group', group, rows, snapshotFile, groupDeleted: code === KafkaCode.NONE && state === 'Dead', durationMs: Date.now() - started };
  });
}
