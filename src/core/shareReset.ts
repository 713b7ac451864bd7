/**
 * Resetting a share group (KIP-932): moving its share-partition start offsets with
 * AlterShareGroupOffsets, under the same rules as a consumer-group reset (docs/reset-contract.md):
 * only an Empty (or not yet existing) share group, a snapshot before the write, read-back after,
 * undo. The targets are planReset's, with the start offset in the "committed" column. The modes are
 * those of Kafka's kafka-share-groups --reset-offsets (earliest, latest, date-time) plus the ones
 * that resolve the same way (offset, timestamp, duration); shift-by and CSV plans are refused.
 */
import type { GroupDescription, Plan, PlanRow, ResetRequest, ResetResult, ResultRow, TopicPartitionRef } from './types';
import type { KafkaEngine, CallOptions } from './kafka/port';
import { KafkaOffsetsError, describeError, groupNotEmpty, stalePlan } from './errors';
import { planReset, planRow, searchedTimestamp, selectPartitions, topicSelections } from './plan';
import { saveSnapshot, saveUndoSnapshot, Snapshot } from './snapshot';
import { throwIfAborted } from './deadline';
import { tpKey, byTopicThenPartition } from './tp';
import { withClusterGroupLock } from './identity';
import { codeInfo } from './kafka/codes';
import { shareModeUnsupported } from './validate';

export { shareModeUnsupported };


/** Start offsets as "committed", log offsets and offsets for the instant, for planReset. */
export async function planShareReset(client: KafkaEngine, request: ResetRequest, o: CallOptions & { now?: number } = {}): Promise<Plan> {
  const why = shareModeUnsupported(request.spec.kind);
  if (why) throw new KafkaOffsetsError('validation', why);
  // All topics = every partition the group has a start offset for (as "committed" for consumer groups).
  const withStart = request.allTopics ? await client.shareStartOffsets(request.group, null, o) : undefined;
  const startPartitions = withStart
    ? [...withStart].filter(([, v]) => v.startOffset !== null).map(([key]) => ({ topic: key.slice(0, key.lastIndexOf(':')), partition: Number(key.slice(key.lastIndexOf(':') + 1)) })).sort(byTopicThenPartition)
    : undefined;
  const topics = startPartitions ? startPartitions.map((p) => p.topic) : topicSelections(request).map((t) => t.topic);
  const partitionCounts = await client.partitionCounts([...new Set(topics)], o);
  const selected = selectPartitions(request, partitionCounts, startPartitions);
  const takenAt = o.now ?? Date.now();
  const ts = searchedTimestamp(request, takenAt);
  const [[starts, ends, forTs], shareStarts] = await Promise.all([
    client.listOffsetsMulti(selected, ts === undefined ? [-2, -1] : [-2, -1, ts], o),
    client.shareStartOffsets(request.group, selected, o),
  ]);
  const partitions = selected.map((p) => {
    const key = tpKey(p.topic, p.partition);
    return { topic: p.topic, partition: p.partition, logStart: starts.get(key) ?? 0n, logEnd: ends.get(key) ?? 0n, committed: shareStarts.get(key)?.startOffset ?? null };
  });
  const extra = startPartitions ? { committedPartitions: startPartitions } : {};
  return { ...planReset(request, { partitions, partitionCounts, takenAt, ...extra, ...(forTs ? { offsetsForTimestamp: forTs } : {}) }), groupType: 'share' };
}

export function shareNotEmpty(d: GroupDescription): KafkaOffsetsError {
  const who = d.members.map((m) => `${m.clientId || '?'} (${m.host || '?'})`).join(', ');
  return groupNotEmpty(
    `Share group "${d.groupId}" is ${d.state} with ${d.members.length} member${d.members.length === 1 ? '' : 's'}: ${who}. Stop its share consumers first. Nothing was changed.`,
    { source: 'precheck', state: d.state, members: d.members },
  );
}

/** Only an Empty share group, or no group yet (Dead); a group of another type is not this one. */
export async function assertShareResettable(client: KafkaEngine, group: string, o: CallOptions = {}): Promise<GroupDescription> {
  const d = await client.describeGroup(group, o);
  if (d.state === 'Dead' && d.members.length === 0) return d;
  if (d.groupType !== 'share') throw new KafkaOffsetsError('validation', `Group "${group}" is a ${d.groupType ?? 'classic'} group, not a share group.`);
  if (d.state !== 'Empty' || d.members.length > 0) throw shareNotEmpty(d);
  return d;
}

/** The start offsets the preview showed must still be there: otherwise someone moved them meanwhile. */
export async function assertStartOffsetsUnchanged(client: KafkaEngine, group: string, rows: PlanRow[], o: CallOptions): Promise<void> {
  const current = await client.shareStartOffsets(group, rows.map((r) => ({ topic: r.topic, partition: r.partition })), o);
  const moved = rows.filter((r) => (current.get(tpKey(r.topic, r.partition))?.startOffset ?? null) !== r.committed);
  if (moved.length)
    throw stalePlan(`Start offsets of share group "${group}" changed since the preview (${moved.slice(0, 5).map((r) => `${r.topic}/${r.partition}`).join(', ')}). Nothing was changed; preview again.`, {
      moved: moved.map((r) => ({ topic: r.topic, partition: r.partition })),
    });
}

export interface ShareApplyOptions extends CallOptions {
  snapshotDir: string;
  reason?: string;
  onSnapshot?: (file: string) => void;
}

export async function applyShareReset(client: KafkaEngine, plan: Plan, opts: ShareApplyOptions): Promise<ResetResult> {
  return withClusterGroupLock(client, plan.request.group, opts, async (id) => {
    const started = Date.now();
    const group = plan.request.group;
    if (plan.rows.some((r) => r.error)) throw new KafkaOffsetsError('validation', `The plan has partitions that cannot be reset: ${plan.rows.filter((r) => r.error).map((r) => r.error).join(' ')} Nothing was changed.`);
    if (plan.rows.length === 0) throw new KafkaOffsetsError('validation', 'The plan is empty: nothing to reset.');
    await assertShareResettable(client, group, opts);
    throwIfAborted(opts.signal, `resetting share group "${group}"`);
    await assertStartOffsetsUnchanged(client, group, plan.rows, opts);
    const snapshot: Snapshot = {
      group,
      brokers: client.brokers,
      ...(id.clusterId ? { clusterId: id.clusterId } : {}),
      takenAt: Date.now(),
      reason: opts.reason ?? `share group reset on ${plan.request.topic}`,
      entries: plan.rows.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.committed })),
      groupType: 'share',
    };
    const snapshotFile = saveSnapshot(opts.snapshotDir, snapshot);
    opts.onSnapshot?.(snapshotFile);
    throwIfAborted(opts.signal, `resetting share group "${group}"`);
    const rows = await alterAndVerify(client, group, plan.rows.map((r) => ({ row: r, target: r.target })), opts);
    return { group, rows, snapshotFile, durationMs: Date.now() - started };
  });
}

/** What a share write left: the broker's answer (undefined when lost), and the start offsets read back after. */
export interface ShareWriteOutcome<T> {
  answer?: T;
  writeError?: unknown;
  back?: Map<string, { startOffset: bigint | null }>;
  readError?: unknown;
}

/**
 * The one shape of every share write (alter, delete): send it, then read the start offsets back. A
 * refusal that certainly changed nothing (authorization, group not empty) is thrown; any other failure
 * may have landed, so it is kept and the read-back says what happened.
 */
export async function writeThenReadBack<T>(client: KafkaEngine, group: string, partitions: TopicPartitionRef[], o: CallOptions, write: () => Promise<T>): Promise<ShareWriteOutcome<T>> {
  const out: ShareWriteOutcome<T> = {};
  try {
    out.answer = await write();
  } catch (e) {
    if (e instanceof KafkaOffsetsError && (e.kind === 'authorization' || e.kind === 'group-not-empty')) throw e;
    out.writeError = e;
  }
  try {
    out.back = await client.shareStartOffsets(group, partitions, { ...o, signal: undefined });
  } catch (e) {
    out.readError = e;
  }
  return out;
}

async function alterAndVerify(client: KafkaEngine, group: string, items: Array<{ row: Plan['rows'][number]; target: bigint }>, o: CallOptions): Promise<ResultRow[]> {
  const partitions = items.map((i) => ({ topic: i.row.topic, partition: i.row.partition }));
  const { answer, writeError, back, readError } = await writeThenReadBack(client, group, partitions, o, () =>
    client.alterShareStartOffsets(group, items.map((i) => ({ topic: i.row.topic, partition: i.row.partition, offset: i.target })), o),
  );
  const codes = answer && new Map(answer.map((r) => [tpKey(r.topic, r.partition), r.errorCode]));
  return items.map(({ row, target }): ResultRow => {
    const key = tpKey(row.topic, row.partition);
    const code = codes?.get(key);
    const now = back ? back.get(key)?.startOffset ?? null : null;
    if (code !== undefined && code !== 0) return { ...row, outcome: 'failed', readBack: now, reason: `${codeInfo(code).type}: ${codeInfo(code).message}` };
    if (!back) return { ...row, outcome: 'unknown', readBack: null, reason: `could not read back the start offset (${describeError(writeError ?? readError)})` };
    if (now === target) return { ...row, outcome: 'applied', readBack: now };
    // No answer to the write: an old value read back may have overtaken it (see reset.ts).
    if (codes === undefined) return { ...row, outcome: 'unknown', readBack: now, reason: `the write's answer was lost (${describeError(writeError)}); read back ${now ?? 'none'}, but the write may still land` };
    return { ...row, outcome: 'failed', readBack: now, reason: `read back ${now ?? 'none'} instead of ${target}` };
  });
}

/**
 * Undo a share reset from its snapshot: start offsets back with AlterShareGroupOffsets; partitions
 * that had none get the topic's share state deleted (DeleteShareGroupOffsets works per topic), which
 * is only done when every partition of that topic in the snapshot had none — otherwise that row fails
 * with the reason.
 */
export async function undoShareSnapshot(client: KafkaEngine, snap: Snapshot, opts: ShareApplyOptions): Promise<ResetResult> {
  return withClusterGroupLock(client, snap.group, opts, async (id) => {
    const started = Date.now();
    const group = snap.group;
    await assertShareResettable(client, group, opts);
    const partitions = snap.entries.map((e) => ({ topic: e.topic, partition: e.partition }));
    const [[starts, ends], current] = await Promise.all([client.listOffsetsMulti(partitions, [-2, -1], opts), client.shareStartOffsets(group, partitions, opts)]);
    // Undo restores exactly, even outside today's log range (no clamp): that is what was there before.
    const rowFor = (e: Snapshot['entries'][number], target: bigint) => {
      const key = tpKey(e.topic, e.partition);
      return planRow({ topic: e.topic, partition: e.partition, committed: current.get(key)?.startOffset ?? null, logStart: starts.get(key) ?? 0n, logEnd: ends.get(key) ?? 0n }, target);
    };
    const snapshotFile = saveUndoSnapshot(opts.snapshotDir, snap, {
      brokers: client.brokers,
      clusterId: id.clusterId,
      entries: snap.entries.map((e) => ({ topic: e.topic, partition: e.partition, offset: current.get(tpKey(e.topic, e.partition))?.startOffset ?? null })),
    });
    opts.onSnapshot?.(snapshotFile);
    const toAlter = snap.entries.filter((e) => e.offset !== null).map((e) => ({ row: rowFor(e, e.offset!), target: e.offset! }));
    const rows = toAlter.length ? await alterAndVerify(client, group, toAlter, opts) : [];
    const none = snap.entries.filter((e) => e.offset === null);
    const wholeTopics = [...new Set(none.map((e) => e.topic))].filter((t) => snap.entries.every((e) => e.topic !== t || e.offset === null));
    const deleted = wholeTopics.length ? new Map((await client.deleteShareStartOffsets(group, wholeTopics, opts)).map((r) => [r.topic, r.errorCode])) : new Map<string, number>();
    const after = none.length ? await client.shareStartOffsets(group, none, opts) : new Map();
    for (const e of none) {
      const row = { ...rowFor(e, -1n), lagAfter: 0n };
      const back = after.get(tpKey(e.topic, e.partition))?.startOffset ?? null;
      const code = deleted.get(e.topic);
      // Kafka deletes per topic only; a partition that has none already (e.g. after a topic's delete) is restored as it is.
      if (code === undefined) rows.push(back === null ? { ...row, outcome: 'applied', readBack: null } : { ...row, outcome: 'failed', readBack: back, reason: `Kafka deletes share start offsets per topic only, and other partitions of "${e.topic}" had one: this partition keeps ${back}` });
      else if (code !== 0) rows.push({ ...row, outcome: 'failed', readBack: back, reason: codeInfo(code).type });
      else rows.push({ ...row, outcome: back === null ? 'applied' : 'failed', readBack: back, ...(back !== null ? { reason: `start offset is still ${back}` } : {}) });
    }
    return { group, rows, snapshotFile, durationMs: Date.now() - started };
  });
}
