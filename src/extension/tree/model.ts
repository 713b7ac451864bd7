/**
 * The tree store's seams and state, as types: the engine port it reads Kafka through, its options,
 * the change it announces, and what it keeps per cluster and per group. No vscode import.
 */
import type { GroupDescription, GroupLag, GroupListing } from '../../core/types';
import type { GroupLagEntry } from '../../core/lag';
import { statusText, type OffsetSample } from '../../core/catchUp';
import { catchUpOf } from './catchUpView';
import { wordsDuration } from '../../core/duration';
import { tpKey } from '../../core/tp';
import { changeKey, lagChange } from './changeMark';

/** How the view orders groups: by id, largest lag first, or longest behind in time first. */
export type GroupSort = 'name' | 'lag' | 'timeLag';

/** The engine functions the tree uses, per cluster id (every call has the engine's own deadline). */
export interface TreeEnginePort {
  /** Every group with its type and state: one ListGroups per broker on Kafka 4 (KIP-1043), describing on older brokers. */
  listGroups(clusterId: string): Promise<GroupListing[]>;
  describeGroup(clusterId: string, groupId: string, o: { signal?: AbortSignal }): Promise<GroupDescription>;
  groupLag(clusterId: string, groupId: string, o: { description: GroupDescription; signal?: AbortSignal }): Promise<GroupLag>;
  /** Lag of these listed groups, described on the way (one DescribeGroups per coordinator), in one batched round. */
  groupsLag(clusterId: string, o: { groups: GroupListing[]; signal: AbortSignal }): Promise<Array<GroupLagEntry & { description?: GroupDescription }>>;
}

export interface StoreOptions {
  engine: TreeEnginePort;
  log: { warn(message: string): void; error(message: string): void };
  /** The name to use in log lines. */
  clusterName(clusterId: string): string;
  /** The groupFilter setting, read when needed (it may change). */
  groupFilter(): string;
  /** The groupSort and onlyGroupsWithLag settings, read when needed (name order, all groups when absent). */
  groupSort?(): GroupSort;
  onlyGroupsWithLag?(): boolean;
  /** True while the implicit "Local" cluster stands in for an empty configuration. */
  implicit(): boolean;
  /** Called with every load the store starts (the view shows a progress bar while one runs). */
  track?(work: Promise<unknown>): void;
  /** Groups per allGroupsLag call: the first groups fill in while a large cluster is still being read. */
  lagBatch?: number;
  /** Whether the view was given this group's row (absent: every row is). */
  rowShown?(clusterId: string, groupId: string): boolean;
  /** The clock samples are dated with (tests pass their own). */
  now?(): number;
}

/** What changed: one group, one cluster's children, or (undefined) everything from the root. */
export type StoreChange = { clusterId: string; groupId?: string } | undefined;

export interface GroupModel {
  listing: GroupListing;
  description?: GroupDescription;
  lag?: GroupLag;
  error?: string;
  loading?: Promise<void>;
  /** What the group last showed; a load announces a change only when this differs. */
  shown?: string;
  /** Committed and log-end offsets at every lag read (refresh, auto-refresh), bounded: rates and status come from it. */
  history?: OffsetSample[];
}

export interface ClusterModel {
  loaded: boolean;
  listing?: Promise<void>;
  error?: string;
  unreachable?: boolean;
  /** Every group the cluster listed (the filter applies when showing). */
  groups: Map<string, GroupModel>;
  /** The ids the view was last told it shows, in order: a lag that reorders or hides groups announces the cluster. */
  shownIds?: string;
  /** Aborts the background lag reads of the previous load when a new one starts. */
  lagAbort?: AbortController;
}

/** Everything a group's row and children show, as one string to compare. */
export function shownState(g: GroupModel): string {
  const parts: string[] = [g.listing.state, String(g.description?.members.length ?? ''), g.error ?? '', String(g.lag?.lag ?? ''), catchUpText(g)];
  for (const m of g.description?.members ?? []) parts.push(`${m.clientId}@${m.host}`);
  // Time lag as the words show it: "42 min behind" grows while offsets stand still.
  const behind = (ms: number | null | undefined) => (typeof ms === 'number' ? wordsDuration(ms) : String(ms));
  parts.push(behind(g.lag?.timeLagMs));
  for (const tl of g.lag?.topics ?? [])
    for (const p of tl.partitions) parts.push(`${tl.topic}:${p.partition}:${p.committed}:${p.logStart}:${p.logEnd}:${p.owner?.memberId ?? ''}:${behind(p.timeLagMs)}:${p.note ?? ''}`);
  for (const h of g.lag?.hiddenTopics ?? []) parts.push(`${h.topic}:${h.reason}:${h.committed.map((c) => `${c.partition}=${c.offset}`).join(',')}`);
  // The change markers compare the two newest samples: one more read with the same offsets removes them.
  parts.push(changeKey(lagChange(g.history)));
  for (const tl of g.lag?.topics ?? []) parts.push(changeKey(lagChange(g.history, topicScope(tl.topic, tl.partitions))));
  return parts.join('|');
}

/** The group's catch-up status as shown (rates move at every sample; the row changes only with the words). */
function catchUpText(g: GroupModel): string {
  const c = catchUpOf(g.history);
  return c ? statusText(c.status) : '';
}

/** The tpKeys of a topic's partitions: the scope of its change marker. */
export function topicScope(topic: string, partitions: ReadonlyArray<{ partition: number }>): string[] {
  return partitions.map((p) => tpKey(topic, p.partition));
}
