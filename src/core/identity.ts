/**
 * Which cluster a client talks to, in a form that does not depend on how the bootstrap list was
 * typed: Kafka's cluster id. Snapshots record it, undo compares it (so a snapshot is never restored
 * onto another cluster by accident), and the per-group reset lock is keyed by it (so `localhost:9092`
 * and `127.0.0.1:9092` exclude each other).
 */
import type { KafkaEngine, CallOptions } from './kafka/port';
import type { Snapshot } from './snapshot';
import { withGroupLock } from './lock';

export interface ClusterIdentity {
  /** Kafka's cluster id; null only on brokers older than 0.10.1. */
  clusterId: string | null;
  /** host:port of every broker the cluster advertises, sorted. */
  brokers: string[];
  /** The bootstrap list as given. */
  bootstrap: string[];
}

export async function clusterIdentity(client: KafkaEngine, o: CallOptions = {}): Promise<ClusterIdentity> {
  const id = await client.clusterIdentity(o);
  return { ...id, bootstrap: [...client.brokers] };
}

/** One string per cluster: its id, or (old brokers) the advertised broker list. */
export function clusterKey(id: ClusterIdentity): string {
  return id.clusterId ? `cluster-id:${id.clusterId}` : `brokers:${id.brokers.map(norm).join(',')}`;
}

/** "cluster AbC… (localhost:9092)": how prompts and messages name a cluster. */
export function describeCluster(id: ClusterIdentity): string {
  return `${id.clusterId ? `cluster ${id.clusterId}` : 'the cluster'} at ${id.bootstrap.join(',')}`;
}

const norm = (hostPort: string) => hostPort.trim().toLowerCase();

/**
 * Was the snapshot taken on this cluster? By cluster id when the snapshot has one; snapshots written
 * before ids were recorded are compared by brokers: any broker in common between the snapshot's
 * bootstrap list and this cluster's bootstrap or advertised brokers.
 */
export function snapshotMatchesCluster(snap: Snapshot, id: ClusterIdentity): { same: true } | { same: false; why: string } {
  if (snap.clusterId && id.clusterId) {
    if (snap.clusterId === id.clusterId) return { same: true };
    return { same: false, why: `the snapshot was taken on cluster ${snap.clusterId} (${snap.brokers.join(',') || 'brokers not recorded'}), but ${describeCluster(id)} is another cluster` };
  }
  const here = new Set([...id.bootstrap, ...id.brokers].map(norm));
  if (snap.brokers.some((b) => here.has(norm(b)))) return { same: true };
  return {
    same: false,
    why: snap.brokers.length
      ? `the snapshot was taken through ${snap.brokers.join(',')}, none of which is a broker of ${describeCluster(id)}`
      : `the snapshot records neither a cluster id nor brokers, so it cannot be matched to ${describeCluster(id)}`,
  };
}

/** The per-group reset lock of this client's cluster (keyed by its id), with the identity for the snapshot. */
export async function withClusterGroupLock<T>(client: KafkaEngine, group: string, o: CallOptions, fn: (id: ClusterIdentity) => Promise<T>): Promise<T> {
  const id = await clusterIdentity(client, o);
  return withGroupLock(clusterKey(id), group, () => fn(id));
}
