/**
 * Routing of group requests: which broker coordinates each group (cached per connection, filled by
 * group listings and FindCoordinator), and the retry when a coordinator moved or is still loading.
 */
import { KafkaOffsetsError } from '../errors';
import type { KjsBroker, KjsCluster } from './internals';
import type { Connection } from './connection';
import * as wire from './wire';
import { findCoordinators } from './findCoordinators';
import { mapLimit } from '../deadline';
import { KafkaCode, codeInfo, isCoordinatorLoading } from './codes';

/** What a protocol module beside the client needs to run a request on a group's coordinator (KafkaClient.onGroupCoordinator). */
export interface GroupCoordinatorRunner {
  onGroupCoordinator<T>(groupId: string, action: string, o: { signal?: AbortSignal }, fn: (coordinator: KjsBroker) => Promise<T>, isStale?: (r: T) => boolean): Promise<T>;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Groups per batched FindCoordinator: one answer stays small (about 40 bytes a group). */
const KEYS_PER_LOOKUP = 1000;
/** Single-group lookups in flight at once, on brokers without the batched version. */
const LOOKUPS_AT_ONCE = 16;

export class Coordinators {
  private readonly nodeOf = new Map<string, number>();

  constructor(private readonly conn: Connection) {
    conn.onReset(() => this.nodeOf.clear());
  }

  /** The coordinator a group listing or an earlier lookup found, if any. */
  known(groupId: string): number | undefined {
    return this.nodeOf.get(groupId);
  }

  /** A broker's ListGroups names the groups it coordinates. */
  remember(groupId: string, nodeId: number): void {
    this.nodeOf.set(groupId, nodeId);
  }

  async brokerFor(c: KjsCluster, groupId: string): Promise<KjsBroker> {
    const cached = this.nodeOf.get(groupId);
    if (cached !== undefined) return this.conn.broker(c, cached);
    let res = await wire.findCoordinator(await this.conn.anyBroker(c), groupId);
    // Right after a broker starts, __consumer_offsets may still be loading: retry briefly (the
    // caller's deadline still bounds the whole call).
    for (let attempt = 0; attempt < 20 && isCoordinatorLoading(res.errorCode); attempt++) {
      await pause(250);
      res = await wire.findCoordinator(await this.conn.anyBroker(c), groupId);
    }
    if (res.errorCode !== KafkaCode.NONE) throw coordinatorError(groupId, res.errorCode);
    this.nodeOf.set(groupId, res.coordinator.nodeId);
    return this.conn.broker(c, res.coordinator.nodeId);
  }

  /**
   * The coordinators of many groups, looked up in batches (FindCoordinator v4, KIP-699) for the
   * groups no listing or earlier lookup placed; one request per group on brokers before Kafka 3.0.
   * A group that has none it may know (not authorized, no coordinator) gets its error; a failure of
   * the cluster rejects.
   */
  async lookupMany(c: KjsCluster, groupIds: string[]): Promise<Map<string, number | KafkaOffsetsError>> {
    const out = new Map<string, number | KafkaOffsetsError>();
    let unknown: string[] = [];
    for (const g of groupIds) {
      const nodeId = this.nodeOf.get(g);
      if (nodeId === undefined) unknown.push(g);
      else out.set(g, nodeId);
    }
    for (let attempt = 0; unknown.length > 0; attempt++) {
      const loading: string[] = [];
      for (let i = 0; i < unknown.length; i += KEYS_PER_LOOKUP) {
        const chunk = unknown.slice(i, i + KEYS_PER_LOOKUP);
        const found = await findCoordinators(await this.conn.anyBroker(c), chunk);
        if (found === null) {
          await this.lookupOneByOne(c, unknown.slice(i), out);
          return out;
        }
        const byKey = new Map(found.map((f) => [f.key, f]));
        for (const groupId of chunk) {
          const f = byKey.get(groupId);
          if (f && f.errorCode === KafkaCode.NONE) {
            this.nodeOf.set(groupId, f.nodeId);
            out.set(groupId, f.nodeId);
          } else if (!f || (isCoordinatorLoading(f.errorCode) && attempt < 20)) loading.push(groupId);
          else out.set(groupId, coordinatorError(groupId, f.errorCode));
        }
      }
      // Right after a broker starts, __consumer_offsets may still be loading: ask again briefly.
      if (loading.length > 0) await pause(250);
      unknown = loading;
    }
    return out;
  }

  private async lookupOneByOne(c: KjsCluster, groupIds: string[], out: Map<string, number | KafkaOffsetsError>): Promise<void> {
    await mapLimit(groupIds, LOOKUPS_AT_ONCE, async (groupId) => {
      try {
        await this.brokerFor(c, groupId);
        out.set(groupId, this.nodeOf.get(groupId)!);
      } catch (e) {
        if (!(e instanceof KafkaOffsetsError) || e.kind === 'unreachable') throw e;
        out.set(groupId, e);
      }
    });
  }

  /**
   * `fn` on the group's coordinator, retried on a stale or not yet ready coordinator: the group moved
   * to another broker, or — for seconds after a broker (re)start — the coordinator is still loading
   * its partition of __consumer_offsets and answers NOT_COORDINATOR / COORDINATOR_LOAD_IN_PROGRESS.
   * Backs off for up to ~5 s; the caller's deadline bounds the whole call, and once the client gave
   * up (deadline, cancel, close) no further attempt is made. Safe for commits: those answers mean
   * nothing was stored.
   */
  async on<T>(c: KjsCluster, groupId: string, fn: (b: KjsBroker) => Promise<T>, isStale: (r: T) => boolean): Promise<T> {
    let res = await fn(await this.brokerFor(c, groupId));
    for (let attempt = 0; isStale(res) && attempt < 20; attempt++) {
      this.nodeOf.delete(groupId);
      if (attempt > 0) await pause(250);
      if (!this.conn.isCurrent(c)) break;
      await c.refreshMetadata();
      res = await fn(await this.brokerFor(c, groupId));
    }
    return res;
  }
}

function coordinatorError(groupId: string, code: number): KafkaOffsetsError {
  if (code === KafkaCode.GROUP_AUTHORIZATION_FAILED) return new KafkaOffsetsError('authorization', `Not authorized on group "${groupId}" (needs Describe on the group).`);
  return new KafkaOffsetsError('kafka', `No coordinator for group "${groupId}" right now: ${codeInfo(code).type}.`);
}
