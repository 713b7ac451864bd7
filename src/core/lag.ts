/**
 * Lag, strictly read-only: OffsetFetch from the coordinator, ListOffsets (log start and end) from the
 * leaders, DescribeGroups for who owns what. Never joins the group, never commits.
 */
import type { GroupDescription, GroupLag, GroupListing, HiddenTopic, PartitionLag, PartitionOffsets, TopicHiddenWhy, TopicLag, TopicPartitionRef } from './types';
import type { KafkaEngine, CallOptions } from './kafka/port';
import { KafkaOffsetsError, describeError } from './errors';
import { tpKey, topicsOf } from './tp';
import { shareGroupLag } from './shareLag';
import { totalLag } from './numbers';
import { mapLimit } from './deadline';
import { addTimeLag } from './timeLag';
import type { TimeLagCache } from './timeLagCache';

/**
 * Options of every lag read. `timeLag`: also read the next record of each lagging partition
 * (timeLag.ts); `timeLagCache`: keep those reads for the next call (the tree's refresh).
 */
export interface LagOptions extends CallOptions {
  timeLag?: boolean;
  timeLagCache?: TimeLagCache;
}

/** Log-start, log-end and committed offsets of the given partitions for one group. */
export async function readPartitionOffsets(
  client: KafkaEngine,
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

export { topicsOf };

/**
 * Lag of one group over every topic it has committed offsets for or is assigned. A topic the group
 * knows only partly is shown whole, so partitions without a commit are visible as "no commit".
 */
export async function groupLag(client: KafkaEngine, groupId: string, o: LagOptions & { description?: GroupDescription } = {}): Promise<GroupLag> {
  const lag = await offsetLag(client, groupId, o);
  if (o.timeLag) await addTimeLag(client, [lag], o);
  return lag;
}

async function offsetLag(client: KafkaEngine, groupId: string, o: CallOptions & { description?: GroupDescription }): Promise<GroupLag> {
  // A share group has start offsets, not committed offsets (shareLag.ts).
  if (o.description?.groupType === 'share') return shareGroupLag(client, groupId, o);
  const [description, committedOrError] = await Promise.all([
    o.description ? Promise.resolve(o.description) : client.describeGroup(groupId, o),
    client.committedOffsets(groupId, null, o).catch((e: unknown) => e as Error),
  ]);
  if (description.groupType === 'share') return shareGroupLag(client, groupId, { ...o, description });
  if (committedOrError instanceof Error) throw committedOrError;
  const committed = committedOrError;
  const topics = new Set<string>(description.members.flatMap((m) => m.assignment.map((a) => a.topic)));
  for (const key of committed.keys()) topics.add(key.slice(0, key.lastIndexOf(':')));
  if (topics.size === 0) return { groupId, lag: 0n, topics: [] };

  // A topic deleted since the group committed, one we may not describe, or one Kafka refuses to
  // describe at all (an assignment naming an invalid topic) is reported as hidden rather than failing
  // the whole group (or vanishing from it).
  const counts = new Map<string, number>();
  const hidden = new Map<string, TopicHiddenWhy>();
  splitVisibility(await client.topicVisibility([...topics], o), counts, hidden);
  const [starts, ends] = await logOffsets(client, counts, hidden, o);
  return buildGroupLag(description, committed, counts, starts, ends, hidden);
}

export interface GroupLagEntry {
  group: GroupListing;
  lag?: GroupLag;
  /** Set when this group's lag could not be read; the others still are. */
  error?: string;
}

/** What allGroupsLag and eachGroupLag take: which groups, and the reader of each entry. */
export interface AllGroupsLagOptions extends LagOptions {
  filter?: (g: GroupListing) => boolean;
  /** Sees each entry as soon as its chunk is read; a promise it returns is awaited before the next (a reader's back-pressure). */
  onGroup?: (e: GroupLagEntry) => unknown;
  /** Descriptions the caller just read (the tree, batch by batch): used instead of describing every group again. */
  descriptions?: GroupDescription[];
}

/**
 * Lag of every group (or of the `descriptions` given), all entries returned in the listing's order
 * as well as handed to `onGroup`. Costs: see eachGroupLag.
 */
export async function allGroupsLag(client: KafkaEngine, o: AllGroupsLagOptions = {}): Promise<GroupLagEntry[]> {
  const byId = new Map<string, GroupLagEntry>();
  const order = await eachGroupLag(client, {
    ...o,
    onGroup: (e) => {
      byId.set(e.group.groupId, e);
      return o.onGroup?.(e);
    },
  });
  return order.map((id) => byId.get(id)!);
}

/**
 * Lag of every group handed to `onGroup` chunk by chunk and kept nowhere else, so memory holds one
 * chunk's offsets at a time however many groups there are (the CLI's `lag --all-groups` output).
 * Share groups come first, then the others in the listing's order. Returns the selected group ids in
 * the listing's order. Costs: ListGroups + DescribeGroups (1,000 groups each) per broker unless
 * descriptions are given, then per 5,000 groups: OffsetFetch per coordinator for up to 100 groups
 * (per group on Kafka < 3.0), one Metadata for their topics, and one ListOffsets per leader per spec
 * for the union of their partitions — instead of per-group metadata and log offsets. One group's
 * failure does not hide the rest.
 */
export async function eachGroupLag(client: KafkaEngine, o: AllGroupsLagOptions = {}): Promise<string[]> {
  const described = o.descriptions ?? (await client.describeAllGroups(o));
  const selected = described.filter((d) => (o.filter ? o.filter({ groupId: d.groupId, state: d.state, protocolType: d.protocolType, ...(d.groupType ? { groupType: d.groupType } : {}) }) : true));
  const hand = async (entries: GroupLagEntry[]) => {
    for (const e of entries) {
      const wait = o.onGroup?.(e);
      if (wait instanceof Promise) await wait;
    }
  };
  // Share groups have start offsets instead of committed ones: their lag is read group by group.
  const shareEntries = await mapLimit(
    selected.filter((d) => d.groupType === 'share'),
    8,
    async (d): Promise<GroupLagEntry> => {
      const group: GroupListing = { groupId: d.groupId, state: d.state, protocolType: d.protocolType, groupType: 'share' };
      try {
        return { group, lag: await shareGroupLag(client, d.groupId, { ...o, description: d }) };
      } catch (e) {
        if (!(e instanceof KafkaOffsetsError) || e.kind === 'unreachable' || e.kind === 'cancelled' || e.kind === 'timeout') throw e;
        return { group, error: describeError(e) };
      }
    },
  );
  // A share group's start offset plays the committed offset's part: its next record is read the same way.
  if (o.timeLag) await addTimeLag(client, shareEntries.flatMap((e) => (e.lag ? [e.lag] : [])), o);
  await hand(shareEntries);
  // The other groups chunk by chunk: the first entries are ready (onGroup) while later chunks are
  // still being read. The next chunk is read while this one is handed out (the reader's work —
  // printing JSON — overlaps the brokers'), so memory holds at most two chunks' offsets.
  const groups = selected.filter((d) => d.groupType !== 'share');
  const read = async (i: number): Promise<GroupLagEntry[]> => {
    const entries = await offsetLagOfGroups(client, groups.slice(i, i + GROUPS_PER_LAG_CHUNK), o);
    if (o.timeLag) await addTimeLag(client, entries.flatMap((e) => (e.lag ? [e.lag] : [])), o);
    return entries;
  };
  let next = groups.length ? read(0) : undefined;
  for (let i = 0; next; i += GROUPS_PER_LAG_CHUNK) {
    const entries = await next;
    next = i + GROUPS_PER_LAG_CHUNK < groups.length ? read(i + GROUPS_PER_LAG_CHUNK) : undefined;
    // Awaited at the next turn; should the reader fail first, this read's failure is not "unhandled".
    next?.catch(() => undefined);
    await hand(entries);
  }
  return selected.map((d) => d.groupId);
}

/** Groups per round of allGroupsLag: OffsetFetch for them, then Metadata and ListOffsets for their topics. */
const GROUPS_PER_LAG_CHUNK = 5000;

/**
 * Lag of some classic/consumer groups from their descriptions: one OffsetFetch per coordinator for up
 * to 100 groups (per group on Kafka < 3.0), one Metadata for their topics, and one ListOffsets per
 * leader per spec for the union of all their partitions — instead of per-group metadata and log offsets.
 */
async function offsetLagOfGroups(client: KafkaEngine, groups: GroupDescription[], o: CallOptions): Promise<GroupLagEntry[]> {
  const committedByGroup: Map<string, Map<string, bigint | null> | Error> = await client.committedOffsetsOfGroups(
    groups.map((d) => d.groupId),
    o,
  );
  const topics = new Set<string>();
  for (const d of groups) {
    for (const m of d.members) for (const a of m.assignment) topics.add(a.topic);
    const c = committedByGroup.get(d.groupId);
    if (c instanceof Map) for (const key of c.keys()) topics.add(key.slice(0, key.lastIndexOf(':')));
  }
  // The groups' topics by name (not the whole cluster's listing): each known with its partition count,
  // or as deleted / unauthorized / Kafka's error for it. The answer also serves the ListOffsets below.
  const counts = new Map<string, number>();
  const hidden = new Map<string, TopicHiddenWhy>();
  if (topics.size) splitVisibility(await client.topicVisibility([...topics], o), counts, hidden);
  const [starts, ends] = await logOffsets(client, counts, hidden, o);
  return groups.map((d) => {
    const group: GroupListing = { groupId: d.groupId, state: d.state, protocolType: d.protocolType, ...(d.groupType ? { groupType: d.groupType } : {}) };
    const committed = committedByGroup.get(d.groupId)!;
    if (committed instanceof Error) return { group, error: describeError(committed) };
    return { group, lag: buildGroupLag(d, committed, counts, starts, ends, hidden) };
  });
}

/** topicVisibility's answer into partition counts (described topics) and hidden ones. */
function splitVisibility(v: Map<string, number | TopicHiddenWhy>, counts: Map<string, number>, hidden: Map<string, TopicHiddenWhy>): void {
  for (const [topic, x] of v) {
    if (typeof x === 'number') counts.set(topic, x);
    else hidden.set(topic, x);
  }
}

/**
 * Log-start and log-end offsets of every partition of the counted topics. A topic whose offsets
 * Kafka refuses (a per-topic error) moves from `counts` to `hidden`, so the others keep their lag.
 */
async function logOffsets(
  client: KafkaEngine,
  counts: Map<string, number>,
  hidden: Map<string, TopicHiddenWhy>,
  o: CallOptions,
): Promise<[Map<string, bigint | null>, Map<string, bigint | null>]> {
  const partitions: TopicPartitionRef[] = [];
  for (const [topic, count] of counts) for (let partition = 0; partition < count; partition++) partitions.push({ topic, partition });
  const { offsets, failed } = await client.logOffsetsOrWhy(partitions, [-2, -1], o);
  for (const [topic, why] of failed) {
    counts.delete(topic);
    hidden.set(topic, why);
  }
  return [offsets[0], offsets[1]];
}

/** Assemble one group's lag from offsets already read. */
export function buildGroupLag(
  d: GroupDescription,
  committed: Map<string, bigint | null>,
  partitionCounts: Map<string, number>,
  starts: Map<string, bigint | null>,
  ends: Map<string, bigint | null>,
  hidden: Map<string, TopicHiddenWhy> = new Map(),
): GroupLag {
  const owners = new Map<string, GroupDescription['members'][number]>();
  const topics = new Set<string>();
  for (const m of d.members)
    for (const a of m.assignment) {
      owners.set(tpKey(a.topic, a.partition), m);
      topics.add(a.topic);
    }
  for (const key of committed.keys()) topics.add(key.slice(0, key.lastIndexOf(':')));
  const topicLags: TopicLag[] = [];
  for (const topic of [...topics].sort()) {
    const count = partitionCounts.get(topic);
    if (count === undefined) continue; // hidden (below) or an assignment of a topic gone meanwhile
    // Per partition of every group of a large cluster (50,000 groups): no spread, no extra arrays.
    const rows: PartitionLag[] = [];
    let topicTotal: bigint | null = count === 0 ? 0n : null;
    for (let partition = 0; partition < count; partition++) {
      const key = tpKey(topic, partition);
      const c = committed.get(key) ?? null;
      const logEnd = ends.get(key) ?? 0n;
      const lag = c === null ? null : logEnd - c;
      const row: PartitionLag = { topic, partition, logStart: starts.get(key) ?? 0n, logEnd, committed: c, lag };
      const owner = owners.get(key);
      if (owner) row.owner = owner;
      rows.push(row);
      if (lag !== null) topicTotal = (topicTotal ?? 0n) + (lag > 0n ? lag : 0n);
    }
    topicLags.push({ topic, lag: topicTotal, partitions: rows });
  }
  const lag: GroupLag = { groupId: d.groupId, lag: totalLag(topicLags.map((t) => t.lag)), topics: topicLags };
  const hiddenTopics = hiddenOf(d, committed, hidden);
  if (hiddenTopics.length) lag.hiddenTopics = hiddenTopics;
  return lag;
}

/**
 * Topics of the group the cluster does not describe, with the offsets still committed for them. In
 * practice: a member's assignment names a topic we may not Describe (the broker already leaves such
 * topics out of OffsetFetch), or a topic deleted moments ago (Kafka drops its offsets within a second).
 */
function hiddenOf(d: GroupDescription, committed: Map<string, bigint | null>, hidden: Map<string, TopicHiddenWhy>): HiddenTopic[] {
  const out = new Map<string, HiddenTopic>();
  const entry = (topic: string, why: TopicHiddenWhy) => {
    let h = out.get(topic);
    if (!h) out.set(topic, (h = { topic, ...(typeof why === 'string' ? { reason: why } : { reason: 'error' as const, error: why.error }), committed: [], assignedTo: [] }));
    return h;
  };
  for (const m of d.members)
    for (const a of m.assignment) {
      const reason = hidden.get(a.topic);
      if (!reason) continue;
      const h = entry(a.topic, reason);
      if (!h.assignedTo.includes(m.clientId)) h.assignedTo.push(m.clientId);
    }
  for (const [key, offset] of committed) {
    const topic = key.slice(0, key.lastIndexOf(':'));
    const reason = hidden.get(topic);
    if (!reason || offset === null) continue;
    entry(topic, reason).committed.push({ partition: Number(key.slice(key.lastIndexOf(':') + 1)), offset });
  }
  for (const h of out.values()) h.committed.sort((a, b) => a.partition - b.partition);
  return [...out.values()].sort((a, b) => a.topic.localeCompare(b.topic));
}
