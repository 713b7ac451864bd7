/**
 * The seams between the parts of the extension (tree, commands, reset flow, webview panel).
 * Types only; implementations live in their own modules.
 */
import type { ClusterConfig, KafkaClient, Plan, ResetRequest, ResetResult } from '../core';

/** A configured cluster as the extension sees it (password never stored here: fetched from SecretStorage when connecting). */
export interface ClusterEntry {
  /** Stable id stored with the entry in settings (never recomputed from the name): SecretStorage keys `cluster/<id>/password` and snapshot folders. */
  id: string;
  name: string;
  brokers: string[];
  clientId?: string;
  ssl?: boolean;
  caFile?: string;
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string };
  /** Require typing the group id to confirm a reset. */
  protected?: boolean;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  show(): void;
}

export interface Services {
  log: Logger;
  /** The configured clusters (or the implicit Local one). */
  clusters(): ClusterEntry[];
  /** A connected-on-demand client for the cluster, cached; password resolved from SecretStorage. */
  client(clusterId: string): Promise<KafkaClient>;
  /** Resolved ClusterConfig including the secret (never log it). */
  clusterConfig(clusterId: string): Promise<ClusterConfig>;
  /** Folder for this cluster's undo snapshots (global storage). */
  snapshotDir(clusterId: string): string;
  /** Say that one group (or everything) changed: the tree, listening, reloads it. */
  refresh(clusterId?: string, group?: string): void;
}

/**
 * The confirm-and-apply flow shared by the palette, the context menus and the webview form:
 * modal confirmation (typed group id on protected clusters), members → explain + "Wait until empty"
 * with a cancellable countdown → re-plan and re-confirm if the plan changed, "still consumed" warning,
 * apply with progress, log before/after per partition, refresh the tree.
 * Returns undefined when the user cancelled (nothing changed).
 */
export type ConfirmAndApply = (services: Services, cluster: ClusterEntry, request: ResetRequest, plan: Plan) => Promise<ResetResult | undefined>;
