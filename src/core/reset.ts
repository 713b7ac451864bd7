/**
 * The reset engine: plan from the cluster, apply with every safety check, undo, wait until empty.
 *
 * Order of an apply (nothing is written before step 4):
 *   1. refuse a plan with per-partition errors;
 *   2. describe the group: only Empty or Dead (no group yet) may proceed;
 *   3. re-read the committed offsets (sent with 2): if they moved since the preview, refuse
 *      (someone consumes or resets concurrently — the preview the user confirmed is no longer true);
 *   4. save the snapshot (undo), then one OffsetCommit (generation -1, no member id) to the coordinator,
 *      which itself refuses if a member joined meanwhile;
 *   5. read back and report each partition as applied or failed.
 */
import type { GroupDescription, OffsetsSnapshot, Plan, ResetRequest, ResetResult, ResultRow, TopicPartitionRef } from './types';
import type { KafkaEngine, CallOptions } from './kafka/port';
import { KafkaOffsetsError, describeError, groupNotEmpty, stalePlan } from './errors';
import { planReset, planRow, searchedTimestamp, selectPartitions, topicSelections } from './plan';
import { readPartitionOffsets, topicsOf } from './lag';
import { saveSnapshot, saveUndoSnapshot, Snapshot } from './snapshot';
import { sleep, throwIfAborted } from './deadline';
import { tpKey, byTopicThenPartition } from './tp';
import { codeInfo } from './kafka/codes';
import { withGroupLock } from './lock';
import { readSourceOffsets } from './copy';
import { isResettable } from './groupState';
import { applyShareReset, undoShareSnapshot } from './shareReset';
import { clusterIdentity, clusterKey, describeCluster, snapshotMatchesCluster, ClusterIdentity } from './identity';
import { addTargetTimestamps } from './targetTime';

export { RESETTABLE_STATES } from './groupState';

/** Read what planning needs (partition counts, log and committed offsets, offsets for a timestamp). */
export async function readSnapshotFor(client: KafkaEngine, request: ResetRequest, o: CallOptions & { now?: number } = {}): Promise<OffsetsSnapshot> {
  // A copy reads the source group's offsets first: with all topics, its partitions are the ones copied.
  const source = request.spec.kind === 'fromGroup' ? await readSourceOffsets(client, request.spec.group, o) : undefined;
  // All topics = the partitions the group has committed offsets for, read first (as Kafka's tool does).
  const committedPartitions = request.allTopics ? source?.partitions ?? (await committedPartitionsOf(client, request.group, o)) : undefined;
  const topics =
    request.spec.kind === 'csv'
      ? request.spec.rows.map((r) => r.topic)
      : committedPartitions
        ? committedPartitions.map((p) => p.topic)
        : topicSelections(request).map((t) => t.topic);
  const partitionCounts = await client.partitionCounts([...new Set(topics)], o);
  const selected = selectPartitions(request, partitionCounts, committedPartitions);
  const takenAt = o.now ?? Date.now();
  const extra = { ...(committedPartitions ? { committedPartitions } : {}), ...(source ? { sourceCommitted: source.offsets } : {}) };
  if (selected.length === 0) return { partitions: [], partitionCounts, takenAt, ...extra };
  const ts = searchedTimestamp(request, takenAt);
  // One ListOffsets per leader per spec (earliest, latest, and the timestamp when there is one).
  const specs = ts === undefined ? [-2, -1] : [-2, -1, ts];
  const [[starts, ends, forTs], committed] = await Promise.all([
    client.listOffsetsMulti(selected, specs, o),
    client.committedOffsets(request.group, topicsOf(selected), o),
  ]);
  const partitions = selected.map((p) => {
    const key = tpKey(p.topic, p.partition);
    return { topic: p.topic, partition: p.partition, logStart: starts.get(key) ?? 0n, logEnd: ends.get(key) ?? 0n, committed: committed.get(key) ?? null };
  });
  return { partitions, partitionCounts, takenAt, ...extra, ...(forTs ? { offsetsForTimestamp: forTs } : {}) };
}

/** Every partition the group has a committed offset for, by topic then partition. */
export async function committedPartitionsOf(client: KafkaEngine, group: string, o: CallOptions = {}): Promise<TopicPartitionRef[]> {
  const all = await client.committedOffsets(group, null, o);
  return [...all]
    .filter(([, offset]) => offset !== null)
    .map(([key]) => ({ topic: key.slice(0, key.lastIndexOf(':')), partition: Number(key.slice(key.lastIndexOf(':') + 1)) }))
    .sort(byTopicThenPartition);
}

/** Validated request → plan, from fresh offsets. Commits nothing (this is the dry run). */
export async function planFromCluster(client: KafkaEngine, request: ResetRequest, o: CallOptions & { now?: number; targetTimestamps?: boolean } = {}): Promise<Plan> {
  const plan = planReset(request, await readSnapshotFor(client, request, o));
  // Where consumption restarts, in time (one Fetch per leader); only for callers that show it.
  return o.targetTimestamps ? addTargetTimestamps(client, plan, o) : plan;
}

export function notEmptyError(d: GroupDescription): KafkaOffsetsError {
  const who = d.members.map((m) => `${m.clientId || '?'} (${m.host || '?'})`).join(', ');
  return groupNotEmpty(
    `Group "${d.groupId}" is ${d.state} with ${d.members.length} member${d.members.length === 1 ? '' : 's'}: ${who}. ` +
      'Stop its consumers first; a consumer that was killed rather than closed stays a member until its session timeout. Nothing was changed.',
    { source: 'precheck', state: d.state, members: d.members },
  );
}

/** Pre-check: the group must have no members. Returns the description that proved it. */
export async function assertResettable(client: KafkaEngine, group: string, o: CallOptions = {}): Promise<GroupDescription> {
  const d = await client.describeGroup(group, o);
  if (!isResettable(d)) throw notEmptyError(d);
  return d;
}

export interface ApplyOptions extends CallOptions {
  /** Directory for the undo snapshot (required: there is no reset without one). */
  snapshotDir: string;
  /** Recorded in the snapshot, e.g. "reset to earliest". */
  reason?: string;
  /** Called with the snapshot path as soon as it is safely on disk. */
  onSnapshot?: (file: string) => void;
}

const MEMBER_ERRORS = new Set(['UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS', 'FENCED_INSTANCE_ID', 'STALE_MEMBER_EPOCH', 'FENCED_MEMBER_EPOCH']);

/** A plan the engine would refuse as a whole: partitions with errors, or nothing to reset. */
export function assertPlanApplicable(plan: Plan): void {
  const failed = plan.rows.filter((r) => r.error);
  if (failed.length) throw new KafkaOffsetsError('validation', `The plan has ${failed.length} partition${failed.length > 1 ? 's' : ''} that cannot be reset: ${failed.map((r) => r.error).join(' ')} Nothing was committed.`);
  if (plan.rows.length === 0) throw new KafkaOffsetsError('validation', 'The plan is empty: nothing to reset.');
}

export async function applyPlan(client: KafkaEngine, plan: Plan, opts: ApplyOptions): Promise<ResetResult> {
  // A share group's plan moves start offsets, not committed ones (shareReset.ts, same rules).
  if (plan.groupType === 'share') return applyShareReset(client, plan, opts);
  const id = await clusterIdentity(client, opts);
  return withGroupLock(clusterKey(id), plan.request.group, () => applyPlanLocked(client, plan, opts, id));
}

async function applyPlanLocked(client: KafkaEngine, plan: Plan, opts: ApplyOptions, id: ClusterIdentity): Promise<ResetResult> {
  const started = Date.now();
  const group = plan.request.group;
  assertPlanApplicable(plan);

  // The two reads before any write, sent together (one round trip less; at 10,000 partitions the
  // OffsetFetch is the long one). Members are reported first: that is what the user must act on.
  const partitions: TopicPartitionRef[] = plan.rows.map((r) => ({ topic: r.topic, partition: r.partition }));
  const [describedRead, currentRead] = await Promise.allSettled([assertResettable(client, group, opts), client.committedOffsets(group, topicsOf(partitions), opts)]);
  if (describedRead.status === 'rejected') throw describedRead.reason;
  const described = describedRead.value;
  if (described.groupType === 'share') throw new KafkaOffsetsError('validation', `Group "${group}" is a share group: it has share-partition start offsets, not committed offsets, and is reset with the share-group reset (kafka-offsets reset does it). Nothing was changed.`);
  throwIfAborted(opts.signal, `resetting group "${group}"`);
  if (currentRead.status === 'rejected') throw currentRead.reason;
  const current = currentRead.value;
  const moved = plan.rows.filter((r) => (current.get(tpKey(r.topic, r.partition)) ?? null) !== r.committed);
  if (moved.length > 0) {
    const list = moved.slice(0, 5).map((r) => `${r.topic}/${r.partition}: ${r.committed ?? 'none'} → ${current.get(tpKey(r.topic, r.partition)) ?? 'none'}`);
    throw stalePlan(
      `Committed offsets of group "${group}" changed since the preview (${list.join(', ')}${moved.length > 5 ? ', …' : ''}): ` +
        'someone is consuming or resetting it. Nothing was committed; preview again.',
      { moved: moved.map((r) => ({ topic: r.topic, partition: r.partition })) },
    );
  }

  const snapshot: Snapshot = {
    group,
    brokers: client.brokers,
    ...(id.clusterId ? { clusterId: id.clusterId } : {}),
    takenAt: Date.now(),
    reason: opts.reason ?? describeSpec(plan),
    entries: plan.rows.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.committed })),
  };
  const snapshotFile = saveSnapshot(opts.snapshotDir, snapshot);
  opts.onSnapshot?.(snapshotFile);
  throwIfAborted(opts.signal, `resetting group "${group}"`);

  const rows = await commitAndVerify(client, group, plan.rows.map((r) => ({ row: r, target: r.target })), { ...opts, preCheckState: described.state });
  return { group, rows, snapshotFile, durationMs: Date.now() - started };
}

/**
 * Commit, then read back. A lost answer (timeout, broker died) does not mean nothing happened: each
 * partition is then reported from what the read-back shows, or 'unknown' if that fails too.
 */
async function commitAndVerify(
  client: KafkaEngine,
  group: string,
  items: Array<{ row: Plan['rows'][number]; target: bigint }>,
  o: CallOptions & { preCheckState?: string },
): Promise<ResultRow[]> {
  let codes: Map<string, number> | undefined;
  let commitError: unknown;
  try {
    const res = await client.commitOffsets(group, items.map((i) => ({ topic: i.row.topic, partition: i.row.partition, offset: i.target })), o);
    codes = new Map(res.map((r) => [tpKey(r.topic, r.partition), r.errorCode]));
  } catch (e) {
    // A refusal that certainly stored nothing (no permission) is reported as such. Anything else
    // (timeout, cancel, broker gone) may have landed: the read-back below says what happened.
    if (e instanceof KafkaOffsetsError && e.kind === 'authorization') throw e;
    commitError = e;
  }
  if (codes && [...codes.values()].every((c) => c !== 0 && MEMBER_ERRORS.has(codeInfo(c).type))) {
    const type = codeInfo([...codes.values()][0]).type;
    const why = o.preCheckState === 'Dead'
      ? `group "${group}" has active members that DescribeGroups does not show — a KIP-848 (group.protocol=consumer) group, or a consumer that joined just now`
      : `a consumer joined group "${group}" just before the reset`;
    throw groupNotEmpty(`The broker refused the commit (${type}): ${why}. Nothing was changed.`, { source: 'broker', members: [] });
  }

  let readBack: Map<string, bigint | null> | undefined;
  let readError: unknown;
  try {
    readBack = await client.committedOffsets(group, topicsOf(items.map((i) => i.row)), { ...o, signal: undefined });
  } catch (e) {
    readError = e;
  }

  return items.map(({ row, target }): ResultRow => {
    const key = tpKey(row.topic, row.partition);
    const code = codes?.get(key);
    const back = readBack ? readBack.get(key) ?? null : null;
    if (code !== undefined && code !== 0) return resultRow(row, 'failed', back, `${codeInfo(code).type}: ${codeInfo(code).message}`);
    if (!readBack) return resultRow(row, 'unknown', null, `could not read back the offset (${describeError(commitError ?? readError)})`);
    if (back === target) return resultRow(row, 'applied', back);
    // No answer to the commit: the read-back may have overtaken a commit still on its way (another
    // connection), so an old value proves nothing either.
    if (codes === undefined) return resultRow(row, 'unknown', back, `the commit's answer was lost (${describeError(commitError)}); read back ${back ?? 'none'}, but the commit may still land`);
    return resultRow(row, 'failed', back, `read back ${back ?? 'none'} instead of ${target} (another commit meanwhile?)`);
  });
}

/**
 * A plan row with its outcome. Object.assign, not `{ ...row, outcome }`: V8 builds a spread followed
 * by more properties on a slow path, about 10 µs a row, a tenth of a second at 10,000 partitions.
 */
export function resultRow(row: Plan['rows'][number], outcome: ResultRow['outcome'], readBack: bigint | null, reason?: string): ResultRow {
  const r: ResultRow = Object.assign({}, row, { outcome, readBack });
  if (reason !== undefined) r.reason = reason;
  return r;
}

export function describeSpec(plan: Plan): string {
  const o = plan.request.overrides;
  const edited = o?.length ? `; edited by hand: ${o.slice(0, 5).map((x) => `${x.topic}/${x.partition} → ${x.offset}`).join(', ')}${o.length > 5 ? `, … (${o.length})` : ''}` : '';
  return describeModeOf(plan) + edited;
}

function describeModeOf(plan: Plan): string {
  const s = plan.request.spec;
  const where = s.kind === 'csv' ? 'from a CSV plan' : `on ${describeScope(plan.request)}`;
  switch (s.kind) {
    case 'offset':
      return `reset to offset ${s.offset} ${where}`;
    case 'timestamp':
      return `reset to timestamp ${s.timestamp} (${new Date(s.timestamp).toISOString()}) ${where}`;
    case 'datetime':
      return `reset to ${s.iso}${s.zone ? ` (${s.zone}: ${new Date(s.timestamp).toISOString()})` : ''} ${where}`;
    case 'duration':
      return `reset to ${s.iso} ago ${where}`;
    case 'shiftBy':
      return `shift by ${s.by} ${where}`;
    case 'csv':
      return `reset ${where}`;
    case 'current':
      return `reset to the current offsets ${where}`;
    case 'fromGroup':
      return `copy the committed offsets of group "${s.group}" ${plan.request.allTopics ? 'on every partition it committed' : where}`;
    default:
      return `reset to ${s.kind} ${where}`;
  }
}

/** "orders", "orders partition 2", "all topics", "orders, payments partitions 0, 2". */
export function describeScope(request: ResetRequest): string {
  if (request.allTopics) return 'all topics';
  return topicSelections(request)
    .map((t) => (t.partitions ? `${t.topic} partition${t.partitions.length > 1 ? 's' : ''} ${t.partitions.join(', ')}` : t.topic))
    .join(', ');
}

/**
 * Undo: put back the offsets a snapshot recorded, under the same rules as a reset (empty group,
 * its own snapshot first, so an undo can itself be undone). Partitions that had no committed offset
 * get it deleted again (OffsetDelete).
 */
export interface UndoOptions extends ApplyOptions {
  /**
   * Restore even when the snapshot was taken on another cluster (see identity.ts). Only when the user
   * said so explicitly: the CLI's --allow-other-cluster, or the extension's confirmation that warned.
   */
  allowOtherCluster?: boolean;
}

export async function undoSnapshot(client: KafkaEngine, snap: Snapshot, opts: UndoOptions): Promise<ResetResult> {
  const id = await clusterIdentity(client, opts);
  const match = snapshotMatchesCluster(snap, id);
  if (!match.same && !opts.allowOtherCluster)
    throw new KafkaOffsetsError('validation', `Refusing to restore group "${snap.group}": ${match.why}. Nothing was changed. If you really mean to copy these offsets to ${describeCluster(id)}, say so explicitly (CLI: --allow-other-cluster).`);
  if (snap.groupType === 'share') return undoShareSnapshot(client, snap, opts);
  return withGroupLock(clusterKey(id), snap.group, () => undoSnapshotLocked(client, snap, opts, id));
}

async function undoSnapshotLocked(client: KafkaEngine, snap: Snapshot, opts: ApplyOptions, id: ClusterIdentity): Promise<ResetResult> {
  const started = Date.now();
  const group = snap.group;
  const described = await assertResettable(client, group, opts);
  const partitions = snap.entries.map((e) => ({ topic: e.topic, partition: e.partition }));
  const offsets = await readPartitionOffsets(client, group, partitions, opts);
  const byKey = new Map(offsets.map((p) => [tpKey(p.topic, p.partition), p]));
  const snapshotFile = saveUndoSnapshot(opts.snapshotDir, snap, {
    brokers: client.brokers,
    clusterId: id.clusterId,
    entries: offsets.map((p) => ({ topic: p.topic, partition: p.partition, offset: p.committed })),
  });
  opts.onSnapshot?.(snapshotFile);

  // Undo restores exactly, even outside today's log range (no clamp): that is what was there before.
  const rowFor = (e: Snapshot['entries'][number], target: bigint) => planRow(byKey.get(tpKey(e.topic, e.partition))!, target);
  const toCommit = snap.entries.filter((e) => e.offset !== null).map((e) => ({ row: rowFor(e, e.offset!), target: e.offset! }));
  const toDelete = snap.entries.filter((e) => e.offset === null);
  const rows = toCommit.length ? await commitAndVerify(client, group, toCommit, { ...opts, preCheckState: described.state }) : [];
  if (toDelete.length) {
    const res = await client.deleteOffsets(group, toDelete, opts);
    const codes = new Map(res.map((r) => [tpKey(r.topic, r.partition), r.errorCode]));
    const after = await client.committedOffsets(group, topicsOf(toDelete), opts);
    for (const e of toDelete) {
      const key = tpKey(e.topic, e.partition);
      const code = codes.get(key) ?? 0;
      const back = after.get(key) ?? null;
      rows.push({
        ...rowFor(e, -1n),
        lagAfter: 0n,
        outcome: code === 0 && back === null ? 'applied' : 'failed',
        readBack: back,
        ...(code !== 0 ? { reason: codeInfo(code).type } : back !== null ? { reason: `offset is still ${back}` } : {}),
      });
    }
  }
  return { group, rows, snapshotFile, durationMs: Date.now() - started };
}

export interface WaitOptions extends CallOptions {
  /** Give up after this long (ms). The caller decides: Java consumers stay up to 45 s, kafkajs 30 s. */
  timeoutMs: number;
  pollMs?: number;
  /** Each poll: the group as seen now and how long is left. */
  onPoll?: (d: GroupDescription, remainingMs: number) => void;
}

/** Poll until the group has no members; resolves with the empty description, rejects on timeout. */
export async function waitUntilEmpty(client: Pick<KafkaEngine, 'describeGroup'>, group: string, o: WaitOptions): Promise<GroupDescription> {
  const deadline = Date.now() + o.timeoutMs;
  for (;;) {
    const d = await client.describeGroup(group, { signal: o.signal });
    const remaining = Math.max(0, deadline - Date.now());
    o.onPoll?.(d, remaining);
    if (isResettable(d)) return d;
    if (remaining <= 0) {
      const e = notEmptyError(d);
      throw groupNotEmpty(`Group "${group}" still has members after waiting ${Math.round(o.timeoutMs / 1000)} s. ${e.message}`, { source: 'precheck', state: d.state, members: d.members });
    }
    await sleep(Math.min(o.pollMs ?? 1000, remaining), o.signal, `waiting for group "${group}" to become empty`);
  }
}
