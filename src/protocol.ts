/**
 * The messages between the extension host (src/extension/resetPanel.ts) and the reset form webview
 * (src/webview/main.ts). Types only: imported by both sides, erased at build time.
 *
 * Rules of the protocol
 * - The webview starts every exchange with `ready` (sent on each load: a hidden webview is unloaded
 *   and reloaded when shown again, since the panel does not retain its context). The host answers with
 *   `init`, then `group` once the topics and lag are read.
 * - Each request carries a `requestId` chosen by the webview; every answer to it repeats that id. The
 *   webview ignores answers to requests it no longer waits for (e.g. an older preview).
 * - Offsets, lag and counts that may exceed 2^53 travel as decimal strings (bigint is not JSON).
 * - The webview is untrusted: the host validates every message on arrival
 *   (src/extension/protocolGuard.ts). It never sends a file path, a plan or offsets to apply — only
 *   the form's input and "apply the preview I was shown" (by its id); the host keeps the plan itself.
 */

/** A decimal integer as a string, e.g. "1234" or "-5": an int64 offset, a lag or a message count. */
export type Decimal = string;

/** Chosen by the webview: 1–64 characters of [A-Za-z0-9_-]. */
export type RequestId = string;

/**
 * How the form picks targets. `seed` = the seed API's JSON body pasted as is:
 * {"topic":"test","partition":0,"message_offset":10} or {"topic":"test","timestamp":1700000000000}.
 * `datetime` values are ISO-8601 with a zone offset (the webview converts its local date-time picker).
 */
export type FormMode = 'offset' | 'timestamp' | 'datetime' | 'duration' | 'earliest' | 'latest' | 'shiftBy' | 'seed';

/** A target typed by hand in the preview table for one partition. */
export interface OverrideView {
  topic: string;
  partition: number;
  /** A decimal int64, clamped by the host to the partition's log range like any target. */
  offset: Decimal;
}

/** The form as submitted for a preview. */
export interface FormInput {
  /** One topic; '' with `allTopics` or `topics`. Ignored in `seed` mode (the JSON names the topic). */
  topic: string;
  /** 'all' or the chosen partitions of `topic` (1 or more, each ≥ 0). Ignored in `seed` mode. */
  partitions: 'all' | number[];
  /** Every partition the group has a committed offset for, in all its topics (Kafka's --all-topics). */
  allTopics?: boolean;
  /** Several whole topics (instead of `topic`). */
  topics?: string[];
  mode: FormMode;
  /** The value as typed ('' for earliest / latest); the seed JSON text in `seed` mode. */
  value: string;
  /** The user confirmed that a timestamp below 1e11 really is milliseconds (before 1973). */
  allowOldTimestamp: boolean;
  /** Targets edited in the preview table: each replaces that partition's target, clamped like any target. */
  overrides?: OverrideView[];
}

// ---------------------------------------------------------------------------------------------
// Webview → host

export type WebviewToHost =
  /** The script loaded (first load, or the panel was shown again): send `init`. */
  | { type: 'ready' }
  /** Validate the input, read fresh offsets and plan. Answer: `preview` or `invalid` or `error`. */
  | { type: 'preview'; requestId: RequestId; input: FormInput }
  /** Apply the plan of preview `planId` (after VS Code's modal confirmation). Answer: `result`, `cancelled` or `error`. */
  | { type: 'reset'; requestId: RequestId; planId: RequestId }
  /** Restore the offsets saved before the last reset made from this panel. Answer: `result`, `cancelled` or `error`. */
  | { type: 'undo'; requestId: RequestId }
  /** Read the group's topics, lag and members again. Answer: `group`. */
  | { type: 'reloadGroup'; requestId: RequestId }
  /** Copy the equivalent kafka-consumer-groups command of preview `planId` to the clipboard. */
  | { type: 'copyCommand'; requestId: RequestId; planId: RequestId }
  /** Show the "Kafka Offsets" output channel. */
  | { type: 'showOutput' };

export type WebviewMessageType = WebviewToHost['type'];

// ---------------------------------------------------------------------------------------------
// Host → webview

export interface ClusterInfo {
  id: string;
  name: string;
  brokers: string[];
  /** Resets ask to type the group id. */
  protected: boolean;
}

export interface PartitionInfo {
  partition: number;
  /** null = the group has no committed offset here. */
  committed: Decimal | null;
  logEnd: Decimal;
  lag: Decimal | null;
  /** Client id of the member assigned this partition. */
  owner?: string;
}

export interface TopicInfo {
  topic: string;
  /** Partition count. */
  partitions: number;
  /** The group has committed offsets (or members) on this topic. */
  ofGroup: boolean;
  /** Total lag of the group on this topic (partitions with a commit); null when not ofGroup, or when no partition has a commit. */
  lag: Decimal | null;
  /** Per partition, for topics of the group; empty otherwise. */
  partitionLag: PartitionInfo[];
}

export interface GroupInfo {
  state: string;
  members: Array<{ clientId: string; host: string }>;
  /** Topics of the group first, then the other topics (internal topics left out). */
  topics: TopicInfo[];
  /** Modes this group's type cannot take (share groups: shift-by), each with the sentence why. */
  notOffered?: Array<{ mode: FormMode; why: string }>;
}

export interface PlanRowView {
  topic: string;
  partition: number;
  committed: Decimal | null;
  logStart: Decimal;
  logEnd: Decimal;
  target: Decimal;
  clamped: 'earliest' | 'latest' | null;
  lagBefore: Decimal | null;
  lagAfter: Decimal;
  /** This partition cannot be reset (e.g. shift-by without a committed offset). */
  error?: string;
  /** The target was edited by hand in the preview table. */
  overridden?: boolean;
  /** Time (ms) of the message at the target, where consumption restarts; null at the log end; absent when it could not be read. */
  targetTimestamp?: number | null;
}

export interface PlanTotalsView {
  partitions: number;
  lagBefore: Decimal;
  lagAfter: Decimal;
  /** Messages read again (targets before the committed offsets). */
  replayed: Decimal;
  /** Messages skipped (targets after the committed offsets). */
  skipped: Decimal;
  noCommit: number;
  errors: number;
}

export interface ResultRowView extends PlanRowView {
  outcome: 'applied' | 'failed' | 'unknown';
  readBack: Decimal | null;
  reason?: string;
  /** Undo of a partition that had no committed offset: the offset was deleted (target is meaningless). */
  deleted?: boolean;
}

export interface ValidationIssueView {
  /** 'group' issues are shown above the form (the group is fixed by the panel). */
  field: 'group' | 'topic' | 'partitions' | 'mode' | 'value';
  message: string;
  /** 'looks-like-seconds' may be overridden with allowOldTimestamp; 'invalid' may not. */
  code: 'looks-like-seconds' | 'invalid';
}

export type HostToWebview =
  | {
      type: 'init';
      cluster: ClusterInfo;
      group: string;
      /** What the panel was opened on (tree node or command argument); preselect it. */
      initial: { topic?: string; partition?: number };
      /** What the host still holds, so a reloaded webview knows whether its saved preview is still applicable. */
      session: { planId: RequestId | null; canUndo: boolean; busy: boolean };
    }
  /** The panel was revealed for another topic / partition of the same group. */
  | { type: 'target'; topic?: string; partition?: number }
  /** requestId is absent when the host loaded it on its own (after `ready`, after a reset). */
  | { type: 'group'; requestId?: RequestId; info: GroupInfo }
  | { type: 'groupError'; requestId?: RequestId; message: string }
  | {
      type: 'preview';
      requestId: RequestId;
      /** = requestId: what `reset` and `copyCommand` name. */
      planId: RequestId;
      /** One line, e.g. "3 partitions of orders · lag 10 → 300 · replays 290 messages". */
      summary: string;
      /** What the reset does, e.g. "reset to earliest on orders". */
      description: string;
      rows: PlanRowView[];
      totals: PlanTotalsView;
      /** Things to read before resetting (clamps, members, partitions without commits…). */
      warnings: string[];
      /** The equivalent kafka-consumer-groups command (dry run). */
      command: string;
      /** For timestamp-like modes: the instant searched for, ISO-8601 UTC. */
      resolvedTimestamp?: string;
      /** false when some rows have errors: the plan cannot be applied. */
      canReset: boolean;
      /** Re-sent after `ready` (the webview was reloaded): show it even though no request is pending. */
      replay?: boolean;
    }
  /** The input was refused before reading anything from Kafka. */
  | { type: 'invalid'; requestId: RequestId; issues: ValidationIssueView[] }
  /** A request failed: one sentence (never a stack trace). Nothing was changed. */
  | { type: 'error'; requestId: RequestId; message: string }
  /** Progress of a long request, e.g. "Waiting for your confirmation…". */
  | { type: 'status'; requestId: RequestId; message: string }
  | {
      type: 'result';
      requestId: RequestId;
      kind: 'reset' | 'undo';
      rows: ResultRowView[];
      applied: number;
      failed: number;
      unknown: number;
      durationMs: number;
      /** Name (not path) of the snapshot of the previous offsets. */
      snapshotName: string;
      /** An Undo of this result is possible from the panel. */
      canUndo: boolean;
      /** Re-sent after `ready` (the webview was reloaded). */
      replay?: boolean;
    }
  /** The user dismissed a confirmation: nothing changed. */
  | { type: 'cancelled'; requestId: RequestId; message: string }
  /** The clipboard now holds the command. */
  | { type: 'copied'; requestId: RequestId };

export type HostMessageType = HostToWebview['type'];

/**
 * The part of the webview's saved state (getState/setState) the host reads when VS Code restores a
 * form after a reload: which cluster and group it was for. Untrusted like a message: checked by
 * resetPanelModel.savedTarget.
 */
export interface SavedPanelTarget {
  clusterId: string;
  group: string;
}

// ---------------------------------------------------------------------------------------------
// The "Group Details" panel (src/extension/groupDetailsPanel.ts ↔ src/webview/details/main.ts):
// a read-only view of one group's lag over time and catch-up status. The webview says `ready` on
// each load and may ask for a `refresh` (a new sample); the host answers both with `details`, and
// sends `details` again at every sample the tree takes of the group. Nothing it sends changes Kafka.

/** One sample of the chart: wall-clock ms and the group's lag then (null = no commit). */
export interface DetailsPoint {
  at: number;
  lag: number | null;
}

export interface DetailsTopic {
  topic: string;
  lag: Decimal | null;
  /** The topic's own catch-up status, in words. */
  status: string;
}

export interface GroupDetails {
  clusterName: string;
  group: string;
  state: string;
  /** Lag in the newest sample; null = no commit (or not read yet, then `series` is empty). */
  lag: Decimal | null;
  /** "catching up (~3 min)", "stalled", …, and the kind for styling. */
  status: string;
  statusKind: 'catching-up' | 'keeping-up' | 'falling-behind' | 'stalled' | 'idle' | 'measuring' | 'no-commit';
  /** Records per second as shown, e.g. "120/s"; "—" before two samples. */
  consumeRate: string;
  produceRate: string;
  /** Oldest first, at most the store's history bound. */
  series: DetailsPoint[];
  topics: DetailsTopic[];
  /** The last read of the group failed: one sentence. */
  error?: string;
}

export type DetailsToHost =
  /** The script loaded: send `details`. */
  | { type: 'ready' }
  /** Read the group's lag again now (one more sample). Answer: `details` with this requestId. */
  | { type: 'refresh'; requestId: RequestId };

export type DetailsToWebview = { type: 'details'; details: GroupDetails; /** Set when answering a `refresh`. */ requestId?: RequestId };
