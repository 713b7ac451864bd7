/**
 * KafkaClient: the one object that talks to a cluster, implementing the engine port (port.ts) that
 * the rest of src/core depends on. Read operations never join a group and never commit; the writes
 * (commitOffsets, deleteOffsets, deleteGroup, the share start offsets) are used only by the reset and delete engines after their
 * safety checks. Every public method runs under a deadline and an optional AbortSignal.
 *
 * Exported surface of src/core/kafka (through src/core/index.ts; nothing outside src/core imports
 * this folder):
 *  - KafkaClient (this file) — `new KafkaClient(config, { log, onRequest })`, the KafkaEngine methods,
 *    plus onGroupCoordinator() and onLeaders() for the protocol modules beside it (shareOffsets.ts,
 *    records.ts) that need a group's coordinator or partition leaders under the client's deadline;
 *  - KafkaEngine (port.ts) — the interface core modules type against; TopicLayout, OffsetMap;
 *  - ClientOptions, CallOptions, LogSink (connection.ts);
 *  - KafkaCode, codeInfo, isNotCoordinator (codes.ts) — Kafka's error codes by name.
 *
 * How the work is split (each file one job):
 *  - connection.ts   sockets, deadlines, cancellation, error mapping, node id → broker;
 *  - coordinators.ts group routing: coordinator cache, FindCoordinator, retry on a moved coordinator;
 *  - layouts.ts      partition routing: topic → leader layouts from Metadata, cached briefly;
 *  - logOffsets.ts   ListOffsets per leader with the retry on moving leadership;
 *  - groupReads.ts   listing/describing groups and batched committed-offset reads;
 *  - groupShapes.ts  group answers normalised to the engine's plain data;
 *  - records.ts      reading records at offsets (Fetch), shareOffsets.ts share-group start offsets;
 *  - codes.ts        named error codes; errors.ts maps thrown errors to sentences;
 *  - wire.ts, groupTypesWire.ts, flexible.ts, internals.ts — the requests themselves over kafkajs.
 */
import type { BrokerRef, ClusterConfig, GroupDescription, GroupListing, TopicDescription, TopicHiddenWhy, TopicPartitionRef } from '../types';
import { KafkaOffsetsError } from '../errors';
import { mapLimit } from '../deadline';
import type { KjsBroker } from './internals';
import { Connection, ClientOptions, CallOptions } from './connection';
import { Coordinators } from './coordinators';
import { TopicLayouts, TopicLayout, LeaderAccess, hiddenWhy } from './layouts';
import { listOffsetsOn } from './logOffsets';
import { describeAllOn, describeManyOn, describeOneOn, listAllOn, committedOffsetsBatchedOn, OffsetsOrError } from './groupReads';
import { offsetsOf } from './groupShapes';
import type { KafkaEngine, OffsetMap } from './port';
import { readShareStartOffsets, alterShareStartOffsets, deleteShareStartOffsets, ShareStartOffset } from './shareOffsets';
import { readRecords, PartitionRecords, RecordRead, ReadRecordsOptions } from './records';
import * as wire from './wire';
import { sendOffsetDelete, sendDeleteGroups } from './deleteWire';
import { groupRefusal } from './deleteErrors';
import { KafkaCode, isNotCoordinator } from './codes';

export type { ClientOptions, CallOptions, LogSink } from './connection';
export type { TopicLayout, LeaderAccess } from './layouts';
export type { KafkaEngine, OffsetMap } from './port';

/** Groups whose batched read must fall back to one request each, read this many at once. */
const SINGLE_READS_AT_ONCE = 16;

export class KafkaClient implements KafkaEngine {
  readonly brokers: string[];
  private readonly conn: Connection;
  private readonly coordinators: Coordinators;
  private readonly layouts: TopicLayouts;

  constructor(private readonly config: ClusterConfig, opts: ClientOptions = {}) {
    this.conn = new Connection(config, opts);
    this.brokers = this.conn.brokers;
    this.coordinators = new Coordinators(this.conn);
    this.layouts = new TopicLayouts(this.conn);
  }

  async close(): Promise<void> {
    await this.conn.reset();
  }

  /** Brokers of the cluster and the controller, from fresh metadata. */
  async describeCluster(o: CallOptions = {}): Promise<{ brokers: BrokerRef[]; controllerId: number | null }> {
    return this.conn.run('describing the cluster', o, async (c) => {
      const md = await wire.metadata(await this.conn.anyBroker(c), []);
      return { brokers: md.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port })), controllerId: md.controllerId ?? null };
    });
  }

  /**
   * Who this cluster is: Kafka's cluster id (Metadata v2+, every Kafka since 0.10.1; null before) and
   * the brokers it advertises. Read from the connection's own Metadata, so it costs no request when
   * connected. Snapshots record it; undo and the reset lock compare it.
   */
  async clusterIdentity(o: CallOptions = {}): Promise<{ clusterId: string | null; brokers: string[] }> {
    return this.conn.run('reading the cluster id', o, async (c) => {
      if (!c.brokerPool.metadata) await c.refreshMetadata();
      const md = c.brokerPool.metadata!;
      return { clusterId: md.clusterId || null, brokers: md.brokers.map((b) => `${b.host}:${b.port}`).sort() };
    });
  }

  async listTopics(o: CallOptions = {}): Promise<TopicDescription[]> {
    return this.conn.run('listing topics', o, async (c) => {
      const md = await wire.metadata(await this.conn.anyBroker(c), []);
      return md.topicMetadata
        .filter((t) => t.topicErrorCode === KafkaCode.NONE)
        .map((t) => ({ topic: t.topic, partitions: t.partitionMetadata.length }))
        .sort((a, b) => a.topic.localeCompare(b.topic));
    });
  }

  /**
   * Partition layout (partition → leader) of the named topics. A topic that does not exist is a
   * 'not-found' error naming it (never auto-created).
   */
  async topicLayouts(topics: string[], o: CallOptions = {}): Promise<Map<string, TopicLayout>> {
    return this.conn.run(`reading metadata of ${topics.map((t) => `"${t}"`).join(', ')}`, { ...o, topic: topics[0] }, (c) => this.layouts.of(c, topics));
  }

  /**
   * Partition count of each named topic, or why the cluster does not describe it: 'deleted' (it does
   * not exist), 'unauthorized' (no Describe permission; Kafka then does not say whether it exists), or
   * any other per-topic error by Kafka's name (e.g. INVALID_TOPIC_EXCEPTION for a name a hostile
   * assignor made up). One Metadata request; unlike partitionCounts, one bad topic never fails the others.
   */
  async topicVisibility(topics: string[], o: CallOptions = {}): Promise<Map<string, number | TopicHiddenWhy>> {
    const out = new Map<string, number | TopicHiddenWhy>();
    if (topics.length === 0) return out;
    return this.conn.run(`reading metadata of ${topics.length} topic(s)`, { ...o, topic: topics[0] }, async (c) => {
      const md = await wire.metadata(await this.conn.anyBroker(c), topics);
      const now = Date.now();
      for (const t of md.topicMetadata) {
        if (t.topicErrorCode === KafkaCode.NONE) {
          out.set(t.topic, t.partitionMetadata.length);
          // The same answer serves the log-offset reads that usually follow.
          this.layouts.keep(t, now);
        } else out.set(t.topic, hiddenWhy(t.topicErrorCode));
      }
      for (const t of topics) if (!out.has(t)) out.set(t, 'deleted');
      return out;
    });
  }

  /** Partition counts of topics, for validation messages. */
  async partitionCounts(topics: string[], o: CallOptions = {}): Promise<Map<string, number>> {
    const layouts = await this.topicLayouts(topics, o);
    return new Map([...layouts].map(([t, l]) => [t, l.leaders.size]));
  }

  /**
   * ListOffsets for many partitions: one request per leader per spec (-2 earliest, -1 latest, or a
   * timestamp in ms). Returns topic:partition → offset, null where the broker has none
   * (no record at or after the timestamp).
   */
  async listOffsets(partitions: TopicPartitionRef[], spec: number, o: CallOptions = {}): Promise<OffsetMap> {
    const label = spec === -2 ? 'log-start offsets' : spec === -1 ? 'log-end offsets' : `offsets for timestamp ${spec}`;
    return this.conn.run(`reading ${label}`, { ...o, topic: partitions[0]?.topic }, (c) => listOffsetsOn(this.conn, this.layouts, c, partitions, [spec]).then((m) => m[0]));
  }

  /** Several specs at once (e.g. earliest and latest), one request per leader per spec, all in parallel. */
  async listOffsetsMulti(partitions: TopicPartitionRef[], specs: number[], o: CallOptions = {}): Promise<OffsetMap[]> {
    return this.conn.run('reading log offsets', { ...o, topic: partitions[0]?.topic }, (c) => listOffsetsOn(this.conn, this.layouts, c, partitions, specs));
  }

  /**
   * listOffsetsMulti for lag: a topic with a per-topic error (Metadata or ListOffsets) is left out of
   * the offsets and named in `failed` with why, instead of failing every other topic.
   */
  async logOffsetsOrWhy(partitions: TopicPartitionRef[], specs: number[], o: CallOptions = {}): Promise<{ offsets: OffsetMap[]; failed: Map<string, TopicHiddenWhy> }> {
    const failed = new Map<string, TopicHiddenWhy>();
    if (partitions.length === 0) return { offsets: specs.map(() => new Map()), failed };
    const offsets = await this.conn.run('reading log offsets', { ...o, topic: partitions[0]?.topic }, (c) => listOffsetsOn(this.conn, this.layouts, c, partitions, specs, failed));
    for (const m of offsets) for (const key of [...m.keys()]) if (failed.has(key.slice(0, key.lastIndexOf(':')))) m.delete(key);
    return { offsets, failed };
  }

  /**
   * Every group of the cluster with its type and state: one ListGroups per broker (Kafka 4), or
   * ListGroups + DescribeGroups on older brokers, whose listing does not tell a group's type.
   */
  async listGroups(o: CallOptions = {}): Promise<GroupListing[]> {
    const listed = await this.conn.run('listing consumer groups', o, (c) => listAllOn(this.conn, this.coordinators, c));
    if (listed) return listed;
    const all = await this.describeAllGroups(o);
    return all.map((d) => ({ groupId: d.groupId, state: d.state, protocolType: d.protocolType, ...(d.groupType ? { groupType: d.groupType } : {}) }));
  }

  /** Every group with its members, two requests per broker whatever the number of groups. */
  async describeAllGroups(o: CallOptions = {}): Promise<GroupDescription[]> {
    return this.conn.run('listing consumer groups', o, (c) => describeAllOn(this.conn, this.coordinators, c));
  }

  /**
   * Some listed groups with their members, in the order given: one DescribeGroups per coordinator per
   * 1,000 groups (the coordinators the listing found), instead of describing the whole cluster.
   */
  async describeGroups(groups: GroupListing[], o: CallOptions = {}): Promise<GroupDescription[]> {
    if (groups.length === 0) return [];
    const { described, moved } = await this.conn.run(`describing ${groups.length} groups`, o, (c) => describeManyOn(this.conn, this.coordinators, c, groups));
    // The rare group whose coordinator moved since the listing: on its own, with describeGroup's retries.
    const again = await mapLimit(moved, SINGLE_READS_AT_ONCE, async (groupId) => {
      try {
        return await this.describeGroup(groupId, o);
      } catch (e) {
        if (!(e instanceof KafkaOffsetsError) || e.kind === 'unreachable' || e.kind === 'cancelled' || e.kind === 'timeout') throw e;
        return undefined; // its own failure (e.g. not authorized): 'Unknown' below, and its lag read says why
      }
    });
    const byId = new Map([...described, ...again.filter((d) => d !== undefined)].map((d) => [d.groupId, d]));
    return groups.map((g) => byId.get(g.groupId) ?? { groupId: g.groupId, state: 'Unknown', protocolType: g.protocolType, protocol: '', members: [], coordinator: { nodeId: -1, host: '', port: 0 } });
  }

  async describeGroup(groupId: string, o: CallOptions = {}): Promise<GroupDescription> {
    return this.conn.run(`describing group "${groupId}"`, { ...o, group: groupId }, (c) => describeOneOn(this.conn, this.coordinators, c, groupId));
  }

  /**
   * The group's committed offsets. topics null = every topic the group has offsets for.
   * Returns topic:partition → offset, null when there is no committed offset.
   */
  async committedOffsets(groupId: string, topics: Array<{ topic: string; partitions: number[] }> | null, o: CallOptions = {}): Promise<OffsetMap> {
    return this.conn.run(`reading committed offsets of group "${groupId}"`, { ...o, group: groupId }, async (c) => {
      const res = await this.coordinators.on(c, groupId, (b) => wire.offsetFetch(b, groupId, topics), (r) => isNotCoordinator(r.errorCode));
      return offsetsOf(groupId, res);
    });
  }

  /**
   * Committed offsets (every topic) of many groups: one OffsetFetch v8 per coordinator for up to a
   * hundred groups, instead of one request per group. A group whose coordinator moved, or a broker
   * older than Kafka 3.0, falls back to committedOffsets' per-group path. A group's own failure
   * (e.g. not authorized) is its entry; a failure of the cluster rejects.
   */
  async committedOffsetsOfGroups(groupIds: string[], o: CallOptions = {}): Promise<Map<string, OffsetsOrError>> {
    const out = new Map<string, OffsetsOrError>();
    if (groupIds.length === 0) return out;
    const retry = await this.conn.run(`reading committed offsets of ${groupIds.length} groups`, o, (c) => committedOffsetsBatchedOn(this.conn, this.coordinators, c, groupIds, out));
    // The rare rest (coordinator moved, old broker): one request each, with committedOffsets' retries.
    await mapLimit(retry, SINGLE_READS_AT_ONCE, async (groupId) => {
      try {
        out.set(groupId, await this.committedOffsets(groupId, null, o));
      } catch (e) {
        if (!(e instanceof KafkaOffsetsError) || e.kind === 'unreachable' || e.kind === 'cancelled' || e.kind === 'timeout') throw e;
        out.set(groupId, e);
      }
    });
    return out;
  }

  /**
   * The one write: commit offsets for an empty group in one OffsetCommit to its coordinator.
   * Returns the broker's error code per partition (0 = stored).
   */
  async commitOffsets(
    groupId: string,
    offsets: Array<{ topic: string; partition: number; offset: bigint }>,
    o: CallOptions = {},
  ): Promise<Array<{ topic: string; partition: number; errorCode: number }>> {
    for (const x of offsets) {
      if (x.offset < 0n) throw new KafkaOffsetsError('validation', `Refusing to commit negative offset ${x.offset} on "${x.topic}" partition ${x.partition}.`);
    }
    return this.conn.run(`committing offsets of group "${groupId}"`, { ...o, group: groupId }, async (c) => {
      const res = await this.coordinators.on(c, groupId, (b) => wire.offsetCommit(b, groupId, offsets), (r) => r.length > 0 && r.every((p) => isNotCoordinator(p.errorCode)));
      // A refusal of the whole commit for lack of an ACL stored nothing: say which ACL, naming the
      // group or topic (a user may Describe a group, and so plan, without Read to commit).
      if (res.length > 0 && res.every((p) => p.errorCode === KafkaCode.GROUP_AUTHORIZATION_FAILED))
        throw new KafkaOffsetsError('authorization', `Not authorized on group "${groupId}" (committing offsets needs Read on the group). Nothing was committed.`);
      if (res.length > 0 && res.every((p) => p.errorCode === KafkaCode.TOPIC_AUTHORIZATION_FAILED)) {
        const topics = [...new Set(res.map((p) => `"${p.topic}"`))].join(', ');
        throw new KafkaOffsetsError('authorization', `Not authorized on topic ${topics} (committing offsets of group "${groupId}" needs Read on the topic). Nothing was committed.`);
      }
      return res;
    });
  }

  /**
   * Delete the group's committed offsets of some partitions (OffsetDelete): delete-offsets, and undo of
   * a reset on partitions that had none. A refusal of the whole request is a sentence naming the group;
   * per-partition answers (GROUP_SUBSCRIBED_TO_TOPIC, UNKNOWN_TOPIC_OR_PARTITION…) are returned.
   */
  async deleteOffsets(groupId: string, partitions: TopicPartitionRef[], o: CallOptions = {}): Promise<Array<{ topic: string; partition: number; errorCode: number }>> {
    return this.conn.run(`deleting committed offsets of group "${groupId}"`, { ...o, group: groupId }, async (c) => {
      const res = await this.coordinators.on(c, groupId, (b) => sendOffsetDelete(b, groupId, partitions), (r) => isNotCoordinator(r.errorCode));
      if (res.errorCode !== KafkaCode.NONE) throw groupRefusal(groupId, res.errorCode, 'delete its committed offsets');
      return res.partitions;
    });
  }

  /** Delete a group (DeleteGroups to its coordinator): its committed offsets go with it. Returns Kafka's answer for it (0 = deleted). */
  async deleteGroup(groupId: string, o: CallOptions = {}): Promise<number> {
    return this.conn.run(`deleting group "${groupId}"`, { ...o, group: groupId }, async (c) => {
      const res = await this.coordinators.on(c, groupId, (b) => sendDeleteGroups(b, [groupId]), (r) => isNotCoordinator(r.find((g) => g.groupId === groupId)?.errorCode));
      const mine = res.find((g) => g.groupId === groupId);
      if (!mine) throw new KafkaOffsetsError('kafka', `The coordinator of group "${groupId}" did not answer for it when asked to delete it.`);
      return mine.errorCode;
    });
  }

  shareStartOffsets(groupId: string, partitions: TopicPartitionRef[] | null, o: CallOptions = {}): Promise<Map<string, ShareStartOffset>> {
    return readShareStartOffsets(this, groupId, partitions, o);
  }

  alterShareStartOffsets(groupId: string, offsets: Array<{ topic: string; partition: number; offset: bigint }>, o: CallOptions = {}) {
    return alterShareStartOffsets(this, groupId, offsets, o);
  }

  deleteShareStartOffsets(groupId: string, topics: string[], o: CallOptions = {}): Promise<Array<{ topic: string; errorCode: number }>> {
    return deleteShareStartOffsets(this, groupId, topics, o);
  }

  /** Records at the given offsets (Fetch), e.g. the next record of a lagging partition for time lag. */
  readRecords(reads: RecordRead[], o: ReadRecordsOptions = {}): Promise<PartitionRecords[]> {
    return readRecords(this, reads, o);
  }

  /**
   * For the record reader beside this one (records.ts): `fn` with partition leaders and brokers by
   * node id, under this client's deadline, cancellation and error mapping. `layouts` with `fresh`
   * refreshes metadata first (after a leadership move); per-topic errors go to `failed`.
   */
  async onLeaders<T>(action: string, o: CallOptions & { topic?: string; timeoutMs?: number }, fn: (leaders: LeaderAccess) => Promise<T>): Promise<T> {
    return this.conn.run(action, o, (c) =>
      fn({
        layouts: async (topics, fresh, failed) => {
          if (fresh) await c.refreshMetadata();
          return this.layouts.of(c, topics, fresh, failed);
        },
        broker: (nodeId) => this.conn.broker(c, nodeId),
        address: (nodeId) => {
          const b = c.brokerPool.metadata?.brokers.find((x) => x.nodeId === nodeId);
          return b ? `${b.host}:${b.port}` : `node ${nodeId}`;
        },
      }),
    );
  }

  /**
   * For the protocol modules beside this one (shareOffsets.ts): `fn` on the group's coordinator,
   * under this client's deadline, cancellation, coordinator retries and error mapping.
   */
  async onGroupCoordinator<T>(groupId: string, action: string, o: CallOptions, fn: (coordinator: KjsBroker) => Promise<T>, isStale: (r: T) => boolean = () => false): Promise<T> {
    return this.conn.run(action, { ...o, group: groupId }, (c) => this.coordinators.on(c, groupId, fn, isStale));
  }
}
