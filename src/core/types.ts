/**
 * Plain data shared by the engine, the CLI and the extension. Offsets are bigint inside the engine:
 * Kafka offsets are int64 and a user may type one above 2^53, which a JS number would silently round.
 */

export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

export interface TlsConfig {
  /** PEM text of the CA bundle to trust (not a path: the caller reads the file). */
  ca?: string;
  /** Only for local test clusters with self-signed certificates. */
  rejectUnauthorized?: boolean;
}

export interface ClusterConfig {
  /** Display name (settings); not sent to Kafka. */
  name?: string;
  /** host:port list. */
  brokers: string[];
  clientId?: string;
  /** true = TLS with the system CAs; an object to configure it; absent/false = plaintext. */
  ssl?: boolean | TlsConfig;
  sasl?: { mechanism: SaslMechanism; username: string; password: string };
  /** Deadline for one Kafka request (ms). Default 10 000. */
  requestTimeoutMs?: number;
  /** Deadline for opening a TCP/TLS connection and the first answer (ms). Default 3 000. */
  connectionTimeoutMs?: number;
}

/**
 * Group states as the broker reports them (DescribeGroups / ListGroups), in each type's own words:
 * classic groups use Empty … CompletingRebalance; consumer (KIP-848) and streams groups Assigning and
 * Reconciling; streams groups also NotReady (internal topics missing); share groups only Empty, Stable, Dead.
 */
export type GroupState =
  | 'Empty'
  | 'Stable'
  | 'PreparingRebalance'
  | 'CompletingRebalance'
  | 'Dead'
  | 'Assigning'
  | 'Reconciling'
  | 'NotReady'
  | 'Unknown';

/** KIP-1043 group types: classic, consumer (KIP-848), share (KIP-932), streams (KIP-1071). */
export type GroupType = 'classic' | 'consumer' | 'share' | 'streams';

export interface GroupListing {
  groupId: string;
  state: GroupState;
  /** 'consumer' for consumer groups, '' for groups that only hold offsets (e.g. created by a reset). */
  protocolType: string;
  /** The group's type, when known (ListGroups v5, or the API that described it). */
  groupType?: GroupType;
}

export interface TopicPartitionRef {
  topic: string;
  partition: number;
}

export interface GroupMember {
  memberId: string;
  clientId: string;
  host: string;
  /** Decoded from the member's assignment; empty when the group is not a consumer group. */
  assignment: TopicPartitionRef[];
  /** Streams groups: the member's active tasks as "subtopology_partition" (e.g. "0_1"). */
  activeTasks?: string[];
}

/** A streams group's topology as the broker knows it (StreamsGroupDescribe). */
export interface StreamsSubtopology {
  id: string;
  /** User input topics and the repartition topics this subtopology reads. */
  sourceTopics: string[];
  repartitionSourceTopics: string[];
  repartitionSinkTopics: string[];
  stateChangelogTopics: string[];
}

export interface BrokerRef {
  nodeId: number;
  host: string;
  port: number;
}

export interface GroupDescription {
  groupId: string;
  state: GroupState;
  protocolType: string;
  /** Assignor name for consumer groups, e.g. 'range'. */
  protocol: string;
  members: GroupMember[];
  coordinator: BrokerRef;
  /**
   * 'consumer' = a KIP-848 group (Kafka 4.x group.protocol=consumer), described with ConsumerGroupDescribe;
   * 'share' with ShareGroupDescribe (assignment = the partitions a member is fetching from);
   * 'streams' with StreamsGroupDescribe (assignment = the partitions of its active tasks' source topics).
   */
  groupType?: GroupType;
  /** Streams groups: the subtopologies, when the group has a topology. */
  subtopologies?: StreamsSubtopology[];
}

export interface TopicDescription {
  topic: string;
  partitions: number;
}

/** Log offsets and the group's committed offset of one partition, read at one moment. */
export interface PartitionOffsets {
  topic: string;
  partition: number;
  /** S: first offset still in the log. */
  logStart: bigint;
  /** E: high watermark (READ_UNCOMMITTED, as Kafka's own tool uses). */
  logEnd: bigint;
  /** null = the group has no committed offset for this partition. */
  committed: bigint | null;
}

export interface PartitionLag extends PartitionOffsets {
  /** logEnd - committed; null when there is no committed offset ("no commit"). */
  lag: bigint | null;
  /** clientId of the member assigned this partition, when the group has one. */
  owner?: GroupMember;
  // The fields below are set only when lag is read with `timeLag: true` (timeLag.ts).
  /** Timestamp (ms) of the next data record the group will read; null when caught up or without a commit. */
  nextTimestamp?: number | null;
  /** now − nextTimestamp; 0 when caught up; null without a commit. */
  timeLagMs?: number | null;
  /** Data records (not transaction markers, not aborted) between the committed offset and the log end; only when that gap is at most 500 offsets. */
  pendingRecords?: number;
  /** Transaction markers and aborted records in that gap (with pendingRecords). */
  transactionMarkers?: number;
  abortedRecords?: number;
  /** High watermark − last stable offset: records in transactions still open; only when above 0. */
  openTransactionRecords?: number;
  /** What the transaction counts mean, e.g. "caught up: 1 transaction marker" (transactionNote). */
  note?: string;
  /** Why the next record could not be read (the lag numbers above stay valid). */
  timeLagError?: string;
}

export interface TopicLag {
  topic: string;
  /** Sum over partitions with a committed offset; null when none has one ("no commit", not 0). */
  lag: bigint | null;
  partitions: PartitionLag[];
  /** With timeLag: the largest timeLagMs of its partitions; null when none has a commit. */
  timeLagMs?: number | null;
}

export interface GroupLag {
  groupId: string;
  /** Sum over all topics; null when no partition of any topic has a committed offset (0 with no topics). */
  lag: bigint | null;
  topics: TopicLag[];
  /** With timeLag: the largest timeLagMs of its topics; null when none has a commit. */
  timeLagMs?: number | null;
  /**
   * Topics the group is assigned or has offsets for that the cluster does not describe to us: not in
   * `topics` (no log offsets, so no lag), but listed so they do not silently disappear.
   */
  hiddenTopics?: HiddenTopic[];
}

/** A topic the group consumes (assigned or committed) that the cluster does not describe to us. */
export interface HiddenTopic {
  topic: string;
  /**
   * 'deleted': it does not exist; 'unauthorized': no Describe permission (Kafka does not say whether it
   * exists); 'error': Kafka answered with another per-topic error (see `error`) — e.g. a member's
   * assignment names an invalid topic, which must not blank the lag of everything else.
   */
  reason: 'deleted' | 'unauthorized' | 'error';
  /** Kafka's error name when reason is 'error', e.g. INVALID_TOPIC_EXCEPTION. */
  error?: string;
  /** The committed offsets still stored for it, by partition (often none: see lag.ts hiddenOf). */
  committed: Array<{ partition: number; offset: bigint }>;
  /** clientIds of the members assigned partitions of it. */
  assignedTo: string[];
}

/** Why the cluster does not describe a topic: HiddenTopic's reason, or Kafka's error name for any other per-topic error. */
export type TopicHiddenWhy = 'deleted' | 'unauthorized' | { error: string };

/** How the target offset of each selected partition is chosen. */
export type ResetSpec =
  | { kind: 'offset'; offset: bigint }
  | { kind: 'timestamp'; timestamp: number }
  | { kind: 'earliest' }
  | { kind: 'latest' }
  | { kind: 'shiftBy'; by: bigint }
  /**
   * ISO-8601; `timestamp` is the resolved instant in ms. `zone` says how a date-time typed without a
   * zone was read (e.g. "UTC"), so the preview can state it; absent when the input carried its zone.
   */
  | { kind: 'datetime'; iso: string; timestamp: number; zone?: string }
  /** ISO-8601 duration back from now; `ms` is its length. Resolved to an instant at planning time. */
  | { kind: 'duration'; iso: string; ms: number }
  | { kind: 'csv'; rows: CsvPlanRow[] }
  /** Each partition's committed offset as it is (log end when none), as Kafka's `--to-current`. */
  | { kind: 'current' }
  /** Another group's committed offsets (a copy), clamped to each partition's log; see copy.ts. */
  | { kind: 'fromGroup'; group: string };

export interface CsvPlanRow {
  group?: string;
  topic: string;
  partition: number;
  offset: bigint;
}

/** One topic of a request: every partition of it when `partitions` is absent, else those. */
export interface TopicSelection {
  topic: string;
  partitions?: number[];
}

/**
 * A validated reset request: the seed's {group, topic, partition} plus how to pick targets. Several
 * topics (`topics`) or every partition the group has committed (`allTopics`) make one plan, one
 * snapshot and one commit, exactly as one topic does.
 */
export interface ResetRequest {
  group: string;
  /** Ignored for a CSV plan, whose rows carry their own topics, and when `topics` or `allTopics` is set. */
  topic: string;
  /** -1 = every partition of the topic. */
  partition: number;
  spec: ResetSpec;
  /** Several topics, each whole or with a partition list (`--topic a --topic b:0,2`). */
  topics?: TopicSelection[];
  /** Every partition the group has a committed offset for, in every topic (Kafka's `--all-topics`). */
  allTopics?: boolean;
  /** Targets set by hand for some planned partitions (the form's preview table): see overrides.ts. */
  overrides?: PartitionOverride[];
}

/** One partition's target typed by hand: it replaces the mode's target, clamped like any target. */
export interface PartitionOverride {
  topic: string;
  partition: number;
  offset: bigint;
}

/** What planning needs to know about the cluster, read just before planning. */
export interface OffsetsSnapshot {
  /** Every planned-for partition with its log and committed offsets. */
  partitions: PartitionOffsets[];
  /** For timestamp-like specs: per "topic:partition", the first offset with timestamp ≥ t, or null if none. */
  offsetsForTimestamp?: Map<string, bigint | null>;
  /** Partition count per topic (to report "partition 7 not found, topic has 6"). */
  partitionCounts: Map<string, number>;
  /** Instant (ms) the snapshot was taken; durations are resolved against it. */
  takenAt: number;
  /** For an all-topics request: the partitions the group had committed offsets for when read. */
  committedPartitions?: TopicPartitionRef[];
  /** For a copy (spec fromGroup): the source group's committed offsets by "topic:partition". */
  sourceCommitted?: Map<string, bigint>;
}

export type Clamp = 'earliest' | 'latest' | null;

export interface PlanRow {
  topic: string;
  partition: number;
  committed: bigint | null;
  logStart: bigint;
  logEnd: bigint;
  target: bigint;
  clamped: Clamp;
  lagBefore: bigint | null;
  lagAfter: bigint;
  /** With planFromCluster's targetTimestamps: the time of the record at the target (ms); null at the log end. */
  targetTimestamp?: number | null;
  /** Set when this partition cannot be planned (e.g. shift-by without a committed offset). */
  error?: string;
  /** The target was set by hand (request.overrides), not by the mode. */
  overridden?: true;
}

export interface Plan {
  request: ResetRequest;
  rows: PlanRow[];
  /** Instant the plan's offsets were read (ms). */
  plannedAt: number;
  /** For timestamp-like specs, the instant that was searched for (ms). */
  resolvedTimestamp?: number;
  /** For a copy: selected partitions the source group never committed — left out of the rows, untouched. */
  notCopied?: TopicPartitionRef[];
  /**
   * The type of the group planned, when it is not a plain consumer group: 'share' plans move
   * share-partition start offsets (the "committed" column holds them) and are applied with
   * AlterShareGroupOffsets; 'streams' plans commit like a consumer group's.
   */
  groupType?: GroupType;
}

export type PartitionOutcome = 'applied' | 'failed' | 'unknown';

export interface ResultRow extends PlanRow {
  outcome: PartitionOutcome;
  /** The committed offset read back after the commit (null = none / could not be read). */
  readBack: bigint | null;
  /** Broker error for this partition, as a sentence. */
  reason?: string;
}

export interface ResetResult {
  group: string;
  rows: ResultRow[];
  /** Absolute path of the snapshot file written before the commit. */
  snapshotFile: string;
  durationMs: number;
}
