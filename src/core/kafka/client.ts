/**
 * KafkaClient: the one object that talks to a cluster. Read operations never join a group and never
 * commit; the single write is commitOffsets(), used only by the reset engine after its safety checks.
 * Every public method runs under a deadline and an optional AbortSignal.
 */
import type {
  BrokerRef,
  ClusterConfig,
  GroupDescription,
  GroupListing,
  GroupMember,
  GroupState,
  TopicDescription,
  TopicHiddenWhy,
  TopicPartitionRef,
} from '../types';
import { KafkaOffsetsError } from '../errors';
import { withDeadline, mapLimit } from '../deadline';
import { tpKey, groupByTopic } from '../tp';
import { Cluster, KjsBroker, KjsCluster, createLogger, LOG_LEVELS, InstrumentationEmitter, socketFactory, MemberAssignment } from './internals';
import * as wire from './wire';
import { listGroupsOn, describeTypedGroups, describeAsShareOrStreams, isShareOrStreams } from './groupTypes';
import { mapKafkaError } from './errors';

export type LogSink = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

export interface ClientOptions {
  log?: LogSink;
  /** Called for every Kafka request sent (api name), e.g. to count round trips in benchmarks. */
  onRequest?: (apiName: string, broker: string, durationMs: number) => void;
}

export interface CallOptions {
  signal?: AbortSignal;
}

const DEFAULT_REQUEST_TIMEOUT = 10_000;
const DEFAULT_CONNECTION_TIMEOUT = 3_000;
const LAYOUT_TTL_MS = 5_000;
const KNOWN_STATES = new Set(['Empty', 'Stable', 'PreparingRebalance', 'CompletingRebalance', 'Dead', 'Assigning', 'Reconciling']);

/** What onLeaders gives: topic layouts, the connection to a node, and a node's host:port for messages. */
export interface LeaderAccess {
  layouts(topics: string[], fresh: boolean, failed?: Map<string, TopicHiddenWhy>): Promise<Map<string, TopicLayout>>;
  broker(nodeId: number): Promise<KjsBroker>;
  address(nodeId: number): string;
}

export interface TopicLayout {
  topic: string;
  /** partition id → leader node id */
  leaders: Map<number, number>;
}

export class KafkaClient {
  readonly brokers: string[];
  private cluster: KjsCluster | null = null;
  private readonly requestTimeout: number;
  private readonly connectionTimeout: number;
  private readonly coordinators = new Map<string, number>();
  private closeSockets: (() => void) | null = null;

  constructor(private readonly config: ClusterConfig, private readonly opts: ClientOptions = {}) {
    if (!config.brokers?.length) throw new KafkaOffsetsError('validation', 'No bootstrap brokers given.');
    this.brokers = config.brokers;
    this.requestTimeout = config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT;
    this.connectionTimeout = config.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT;
  }

  private build(): KjsCluster {
    const log = this.opts.log;
    const logger = createLogger({
      level: log ? LOG_LEVELS.WARN : LOG_LEVELS.NOTHING,
      // kafkajs logs every failed connection attempt at ERROR; our own error says it better, so its
      // lines are kept as debug detail only.
      logCreator: () => (entry) => log?.('debug', `kafkajs ${entry.namespace}: ${entry.log.message}`),
    });
    const emitter = new InstrumentationEmitter();
    if (this.opts.onRequest) {
      const cb = this.opts.onRequest;
      emitter.addListener('network.request', (e) => cb(e.payload.apiName, e.payload.broker, e.payload.duration));
    }
    // Track every socket this cluster opens, so giving up (deadline, cancel, close) really closes
    // them — including ones kafkajs's retry loop opens after we stopped waiting.
    const base = socketFactory() as (args: any) => import('node:net').Socket;
    const sockets = new Set<import('node:net').Socket>();
    let closed = false;
    const trackedFactory = (args: any) => {
      const socket = base(args);
      if (closed) setImmediate(() => socket.destroy(new Error('client closed')));
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      return socket;
    };
    this.closeSockets = () => {
      closed = true;
      for (const socket of sockets) socket.destroy(new Error('client closed'));
    };
    const ssl = this.config.ssl === true ? true : this.config.ssl ? { ...this.config.ssl } : undefined;
    return new Cluster({
      logger,
      socketFactory: trackedFactory,
      brokers: this.brokers,
      ssl,
      sasl: this.config.sasl,
      clientId: this.config.clientId ?? 'kafka-offsets',
      connectionTimeout: this.connectionTimeout,
      authenticationTimeout: this.connectionTimeout,
      requestTimeout: this.requestTimeout,
      enforceRequestTimeout: true,
      // Fail fast: a debugging user wants the reason now, not after kafkajs's 5 default retries.
      retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 500 },
      allowAutoTopicCreation: false,
      metadataMaxAge: 60_000,
      instrumentationEmitter: emitter,
      isolationLevel: 0,
    });
  }

  /** Run one engine step under the deadline, mapping any failure to a readable error. */
  private async run<T>(
    action: string,
    ctx: { group?: string; topic?: string; signal?: AbortSignal; timeoutMs?: number },
    fn: (cluster: KjsCluster) => Promise<T>,
  ): Promise<T> {
    const errCtx = { brokers: this.brokers, action, group: ctx.group, topic: ctx.topic, username: this.config.sasl?.username };
    const ms = ctx.timeoutMs ?? this.requestTimeout + 2000;
    try {
      // Connecting has its own, shorter deadline: an unreachable cluster must be reported within
      // seconds, while a slow request on a live cluster may legitimately take longer.
      const cluster = this.cluster?.brokerPool.metadata
        ? this.cluster
        : await withDeadline(() => this.connected(), {
            ms: this.connectionTimeout + 1500,
            what: `connecting to ${this.brokers.join(', ')}`,
            signal: ctx.signal,
            onTimeout: () =>
              new KafkaOffsetsError('unreachable', `Cannot reach the Kafka cluster at ${this.brokers.join(', ')}: no answer within ${((this.connectionTimeout + 1500) / 1000).toFixed(1)} s while ${action}.`),
            onGiveUp: () => void this.reset(),
          });
      return await withDeadline(
        () => fn(cluster),
        {
          ms,
          what: action,
          signal: ctx.signal,
          onTimeout: () =>
            new KafkaOffsetsError(
              this.cluster?.brokerPool.metadata ? 'timeout' : 'unreachable',
              `Kafka at ${this.brokers.join(', ')} did not answer within ${(ms / 1000).toFixed(1)} s while ${action}.`,
            ),
          // Stop waiting means close the sockets too, so nothing keeps retrying in the background.
          onGiveUp: () => void this.reset(),
        },
      );
    } catch (e) {
      const known = this.cluster?.brokerPool.metadata?.brokers;
      const mapped = mapKafkaError(e, { ...errCtx, knownBrokers: known?.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port })) });
      // Without metadata the connection is useless (and its sockets would keep Node alive).
      if (mapped.kind === 'unreachable' || mapped.kind === 'authentication' || !this.cluster?.brokerPool.metadata) void this.reset();
      throw mapped;
    }
  }

  private async connected(): Promise<KjsCluster> {
    if (!this.cluster) this.cluster = this.build();
    const c = this.cluster;
    if (!c.brokerPool.metadata) {
      await c.connect();
      await c.refreshMetadata();
    }
    return c;
  }

  private async reset(): Promise<void> {
    const c = this.cluster;
    this.cluster = null;
    this.coordinators.clear();
    this.layoutCache.clear();
    const closeSockets = this.closeSockets;
    this.closeSockets = null;
    // Destroy sockets first: kafkajs's disconnect waits for in-flight requests, which on a
    // black-holed broker means waiting out the full request timeout.
    closeSockets?.();
    if (c) await c.disconnect().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.reset();
  }

  private async anyBroker(c: KjsCluster): Promise<KjsBroker> {
    return c.brokerPool.findConnectedBroker();
  }

  /** Brokers of the cluster and the controller, from fresh metadata. */
  async describeCluster(o: CallOptions = {}): Promise<{ brokers: BrokerRef[]; controllerId: number | null }> {
    return this.run('describing the cluster', o, async (c) => {
      const md = await wire.metadata(await this.anyBroker(c), []);
      return { brokers: md.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port })), controllerId: md.controllerId ?? null };
    });
  }

  /**
   * Who this cluster is: Kafka's cluster id (Metadata v2+, every Kafka since 0.10.1; null before) and
   * the brokers it advertises. Read from the connection's own Metadata, so it costs no request when
   * connected. Snapshots record it; undo and the reset lock compare it.
   */
  async clusterIdentity(o: CallOptions = {}): Promise<{ clusterId: string | null; brokers: string[] }> {
    return this.run('reading the cluster id', o, async (c) => {
      if (!c.brokerPool.metadata) await c.refreshMetadata();
      const md = c.brokerPool.metadata!;
      return { clusterId: md.clusterId || null, brokers: md.brokers.map((b) => `${b.host}:${b.port}`).sort() };
    });
  }

  async listTopics(o: CallOptions = {}): Promise<TopicDescription[]> {
    return this.run('listing topics', o, async (c) => {
      const md = await wire.metadata(await this.anyBroker(c), []);
      return md.topicMetadata
        .filter((t) => t.topicErrorCode === 0)
        .map((t) => ({ topic: t.topic, partitions: t.partitionMetadata.length }))
        .sort((a, b) => a.topic.localeCompare(b.topic));
    });
  }

  /**
   * Partition layout (partition → leader) of the named topics. A topic that does not exist is a
   * 'not-found' error naming it (never auto-created).
   */
  async topicLayouts(topics: string[], o: CallOptions = {}): Promise<Map<string, TopicLayout>> {
    return this.run(`reading metadata of ${topics.map((t) => `"${t}"`).join(', ')}`, { ...o, topic: topics[0] }, (c) => this.layoutsOn(c, topics));
  }

  /**
   * Topic layouts are cached for a few seconds: one reset reads counts, log offsets and offsets for a
   * timestamp back to back, and each needs the same layout. Leadership moves are handled by the
   * retry in listOffsetsOn, which always asks for fresh metadata.
   */
  private readonly layoutCache = new Map<string, { layout: TopicLayout; at: number }>();

  /**
   * With `failed`, a topic Kafka cannot describe (any per-topic error) is recorded there instead of
   * failing the call: lag reads many groups' topics at once, and one bad name (a hostile assignment
   * naming an invalid topic) must not blank the others.
   */
  private async layoutsOn(c: KjsCluster, topics: string[], fresh = false, failed?: Map<string, TopicHiddenWhy>): Promise<Map<string, TopicLayout>> {
    const out = new Map<string, TopicLayout>();
    if (topics.length === 0) return out;
    const now = Date.now();
    const missing = fresh ? topics : topics.filter((t) => !(now - (this.layoutCache.get(t)?.at ?? 0) < LAYOUT_TTL_MS));
    for (const t of topics) if (!missing.includes(t)) out.set(t, this.layoutCache.get(t)!.layout);
    if (missing.length === 0) return out;
    const md = await wire.metadata(await this.anyBroker(c), missing);
    for (const t of md.topicMetadata) {
      if (t.topicErrorCode !== 0 && t.topicErrorCode !== 5) {
        if (failed) failed.set(t.topic, hiddenWhy(t.topicErrorCode));
        else throw this.topicError(t.topic, t.topicErrorCode);
        continue;
      }
      // LEADER_NOT_AVAILABLE (5) still gives the layout, but not one worth keeping.
      out.set(t.topic, t.topicErrorCode === 0 ? this.cacheLayout(t, now) : layoutOf(t));
    }
    for (const t of topics) {
      if (out.has(t) || failed?.has(t)) continue;
      if (failed) failed.set(t, 'deleted');
      else throw this.topicError(t, 3);
    }
    return out;
  }

  private topicError(topic: string, code: number): KafkaOffsetsError {
    if (code === 3) return new KafkaOffsetsError('not-found', `Topic "${topic}" does not exist on ${this.brokers.join(', ')}.`);
    if (code === TOPIC_AUTHORIZATION_FAILED) return new KafkaOffsetsError('authorization', `Not authorized to describe topic "${topic}".`);
    if (code === INVALID_TOPIC_EXCEPTION) return new KafkaOffsetsError('validation', `"${topic}" is not a valid topic name.`);
    return new KafkaOffsetsError('kafka', `Kafka could not describe topic "${topic}": ${wire.codeInfo(code).type}.`);
  }

  private cacheLayout(t: wire.WireTopicMetadata, now: number): TopicLayout {
    const layout = layoutOf(t);
    this.layoutCache.set(t.topic, { layout, at: now });
    return layout;
  }

  private async leaderBroker(c: KjsCluster, nodeId: number, topic: string, partition: number): Promise<KjsBroker> {
    if (nodeId < 0) throw new KafkaOffsetsError('kafka', `Partition ${partition} of topic "${topic}" has no leader right now (broker down?).`);
    return this.broker(c, nodeId);
  }

  /**
   * ListOffsets for many partitions: one request per leader per spec (-2 earliest, -1 latest, or a
   * timestamp in ms). Returns topic:partition → offset, null where the broker has none
   * (no record at or after the timestamp).
   */
  async listOffsets(partitions: TopicPartitionRef[], spec: number, o: CallOptions = {}): Promise<Map<string, bigint | null>> {
    const label = spec === -2 ? 'log-start offsets' : spec === -1 ? 'log-end offsets' : `offsets for timestamp ${spec}`;
    return this.run(`reading ${label}`, { ...o, topic: partitions[0]?.topic }, (c) => this.listOffsetsOn(c, partitions, [spec]).then((m) => m[0]));
  }

  /** Several specs at once (e.g. earliest and latest), one request per leader per spec, all in parallel. */
  async listOffsetsMulti(partitions: TopicPartitionRef[], specs: number[], o: CallOptions = {}): Promise<Array<Map<string, bigint | null>>> {
    return this.run('reading log offsets', { ...o, topic: partitions[0]?.topic }, (c) => this.listOffsetsOn(c, partitions, specs));
  }

  /**
   * listOffsetsMulti for lag: a topic with a per-topic error (Metadata or ListOffsets) is left out of
   * the offsets and named in `failed` with why, instead of failing every other topic.
   */
  async logOffsetsOrWhy(partitions: TopicPartitionRef[], specs: number[], o: CallOptions = {}): Promise<{ offsets: Array<Map<string, bigint | null>>; failed: Map<string, TopicHiddenWhy> }> {
    const failed = new Map<string, TopicHiddenWhy>();
    if (partitions.length === 0) return { offsets: specs.map(() => new Map()), failed };
    const offsets = await this.run('reading log offsets', { ...o, topic: partitions[0]?.topic }, (c) => this.listOffsetsOn(c, partitions, specs, failed));
    for (const m of offsets) for (const key of [...m.keys()]) if (failed.has(key.slice(0, key.lastIndexOf(':')))) m.delete(key);
    return { offsets, failed };
  }

  private async listOffsetsOn(c: KjsCluster, partitions: TopicPartitionRef[], specs: number[], failed?: Map<string, TopicHiddenWhy>): Promise<Array<Map<string, bigint | null>>> {
    const topics = [...new Set(partitions.map((p) => p.topic))];
    let layouts = await this.layoutsOn(c, topics, false, failed);
    if (failed) partitions = partitions.filter((p) => !failed.has(p.topic));
    for (const p of partitions) {
      if (!layouts.get(p.topic)!.leaders.has(p.partition)) {
        const count = layouts.get(p.topic)!.leaders.size;
        const message = `Partition ${p.partition} of topic "${p.topic}" does not exist (the topic has ${count} partition${count === 1 ? '' : 's'}: 0–${count - 1}).`;
        if (!failed) throw new KafkaOffsetsError('not-found', message);
        failed.set(p.topic, { error: 'UNKNOWN_TOPIC_OR_PARTITION' });
      }
    }
    if (failed) partitions = partitions.filter((p) => !failed.has(p.topic));
    const results = specs.map(() => new Map<string, bigint | null>());
    // Pending (spec index, partition) pairs. Leadership moves (a new topic, a broker restart) give
    // retriable per-partition errors: refresh metadata and ask the new leader, a few times.
    let pending = specs.flatMap((_, si) => partitions.map((p) => ({ si, p })));
    for (let attempt = 0; pending.length > 0; attempt++) {
      const retry: typeof pending = [];
      const byLeaderSpec = new Map<string, { nodeId: number; si: number; parts: Map<string, number[]> }>();
      if (failed) pending = pending.filter((item) => !failed.has(item.p.topic) && layouts.has(item.p.topic));
      for (const item of pending) {
        const leader = layouts.get(item.p.topic)!.leaders.get(item.p.partition)!;
        if (leader < 0) {
          if (attempt < 8) retry.push(item);
          else if (failed) failed.set(item.p.topic, { error: 'LEADER_NOT_AVAILABLE' });
          else throw new KafkaOffsetsError('kafka', `Partition ${item.p.partition} of topic "${item.p.topic}" has no leader right now (broker down?).`);
          continue;
        }
        const key = `${leader}/${item.si}`;
        const entry = byLeaderSpec.get(key) ?? { nodeId: leader, si: item.si, parts: new Map<string, number[]>() };
        const list = entry.parts.get(item.p.topic) ?? [];
        list.push(item.p.partition);
        entry.parts.set(item.p.topic, list);
        byLeaderSpec.set(key, entry);
      }
      await Promise.all(
        [...byLeaderSpec.values()].map(async ({ nodeId, si, parts }) => {
          const broker = await this.broker(c, nodeId);
          const res = await wire.listOffsets(broker, parts, specs[si]);
          for (const r of res) {
            if (r.errorCode === 0) {
              results[si].set(tpKey(r.topic, r.partition), r.offset < 0n ? null : r.offset);
              continue;
            }
            const info = wire.codeInfo(r.errorCode);
            if (RETRIABLE_PARTITION_ERRORS.has(r.errorCode) && attempt < 8) {
              retry.push({ si, p: { topic: r.topic, partition: r.partition } });
              continue;
            }
            if (failed) {
              failed.set(r.topic, hiddenWhy(r.errorCode));
              continue;
            }
            if (info.type === 'TOPIC_AUTHORIZATION_FAILED') throw new KafkaOffsetsError('authorization', `Not authorized to describe topic "${r.topic}".`);
            throw new KafkaOffsetsError('kafka', `Broker ${broker.brokerAddress} could not list offsets of "${r.topic}" partition ${r.partition}: ${info.type}.`);
          }
        }),
      );
      pending = retry;
      if (pending.length > 0) {
        await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
        await c.refreshMetadata();
        layouts = await this.layoutsOn(c, failed ? topics.filter((t) => !failed.has(t)) : topics, true, failed);
      }
    }
    return results;
  }

  /**
   * The connection to a node. Our own Metadata requests can name a broker that kafkajs's pool does not
   * know yet (it came back after a restart while the pool's copy is up to 60 s old): refresh the pool
   * once and look again.
   */
  private async broker(c: KjsCluster, nodeId: number): Promise<KjsBroker> {
    try {
      return await c.findBroker({ nodeId });
    } catch (e) {
      if ((e as Error)?.name !== 'KafkaJSBrokerNotFound') throw e;
      await c.refreshMetadata();
      return c.findBroker({ nodeId });
    }
  }

  private async coordinatorFor(c: KjsCluster, groupId: string): Promise<KjsBroker> {
    const cached = this.coordinators.get(groupId);
    if (cached !== undefined) return this.broker(c, cached);
    let res = await wire.findCoordinator(await this.anyBroker(c), groupId);
    // Right after a broker starts, __consumer_offsets may still be loading: retry briefly (the
    // caller's deadline still bounds the whole call).
    for (let attempt = 0; attempt < 20 && (res.errorCode === 15 || res.errorCode === 14); attempt++) {
      await new Promise((r) => setTimeout(r, 250));
      res = await wire.findCoordinator(await this.anyBroker(c), groupId);
    }
    if (res.errorCode !== 0) {
      const info = wire.codeInfo(res.errorCode);
      if (info.type === 'GROUP_AUTHORIZATION_FAILED')
        throw new KafkaOffsetsError('authorization', `Not authorized on group "${groupId}" (needs Describe on the group).`);
      throw new KafkaOffsetsError('kafka', `No coordinator for group "${groupId}" right now: ${info.type}.`);
    }
    this.coordinators.set(groupId, res.coordinator.nodeId);
    return this.broker(c, res.coordinator.nodeId);
  }

  /**
   * Retry on a stale or not yet ready coordinator: the group moved to another broker, or — for
   * seconds after a broker (re)start — the coordinator is still loading its partition of
   * __consumer_offsets and answers NOT_COORDINATOR / COORDINATOR_LOAD_IN_PROGRESS. Backs off for up
   * to ~5 s; the caller's deadline bounds the whole call, and once the client gave up (deadline,
   * cancel, close) no further attempt is made. Safe for commits: those answers mean nothing was stored.
   */
  private async onCoordinator<T>(c: KjsCluster, groupId: string, fn: (b: KjsBroker) => Promise<T>, isStale: (r: T) => boolean): Promise<T> {
    let res = await fn(await this.coordinatorFor(c, groupId));
    for (let attempt = 0; isStale(res) && attempt < 20; attempt++) {
      this.coordinators.delete(groupId);
      if (attempt > 0) await new Promise((r) => setTimeout(r, 250));
      if (this.cluster !== c) break;
      await c.refreshMetadata();
      res = await fn(await this.coordinatorFor(c, groupId));
    }
    return res;
  }

  /**
   * For the group-type modules beside this one (shareGroups.ts): `fn` on the group's coordinator,
   * under this client's deadline, cancellation, coordinator retries and error mapping.
   */
  async onGroupCoordinator<T>(
    groupId: string,
    action: string,
    o: CallOptions,
    fn: (coordinator: KjsBroker) => Promise<T>,
    isStale: (r: T) => boolean = () => false,
  ): Promise<T> {
    return this.run(action, { ...o, group: groupId }, (c) => this.onCoordinator(c, groupId, fn, isStale));
  }

  /**
   * For the record reader beside this one (records.ts): `fn` with partition leaders and brokers by
   * node id, under this client's deadline, cancellation and error mapping. `layouts` with `fresh`
   * refreshes metadata first (after a leadership move); per-topic errors go to `failed`.
   */
  async onLeaders<T>(action: string, o: CallOptions & { topic?: string; timeoutMs?: number }, fn: (leaders: LeaderAccess) => Promise<T>): Promise<T> {
    return this.run(action, o, (c) =>
      fn({
        layouts: async (topics, fresh, failed) => {
          if (fresh) await c.refreshMetadata();
          return this.layoutsOn(c, topics, fresh, failed);
        },
        broker: (nodeId) => this.broker(c, nodeId),
        address: (nodeId) => {
          const b = c.brokerPool.metadata?.brokers.find((x) => x.nodeId === nodeId);
          return b ? `${b.host}:${b.port}` : `node ${nodeId}`;
        },
      }),
    );
  }

  /** Every group of the cluster with its state: ListGroups + one DescribeGroups per broker. */
  async listGroups(o: CallOptions = {}): Promise<GroupListing[]> {
    const all = await this.describeAllGroups(o);
    return all.map((d) => ({ groupId: d.groupId, state: d.state, protocolType: d.protocolType, ...(d.groupType ? { groupType: d.groupType } : {}) }));
  }

  /**
   * Every group with its members: each broker lists the groups it coordinates and describes them
   * all in one DescribeGroups, so a cluster of any size costs two requests per broker.
   */
  async describeAllGroups(o: CallOptions = {}): Promise<GroupDescription[]> {
    return this.run('listing consumer groups', o, async (c) => {
      // getNodeIds() returns the broker pool's object keys: strings.
      const nodeIds = c.getNodeIds().map(Number);
      const perBroker = await mapLimit(nodeIds, 8, async (nodeId) => {
        const broker = await this.broker(c, nodeId);
        // Each group with its type (ListGroups v5, KIP-1043); share and streams groups are described
        // with their own APIs (groupTypes.ts), classic and consumer groups below.
        const listed = await listGroupsOn(broker);
        if (listed.errorCode !== 0) throw new KafkaOffsetsError('kafka', `Broker ${broker.brokerAddress} could not list groups: ${wire.codeInfo(listed.errorCode).type}.`);
        if (listed.groups.length === 0) return [];
        for (const g of listed.groups) this.coordinators.set(g.groupId, nodeId);
        const b = c.brokerPool.metadata?.brokers.find((x) => x.nodeId === nodeId);
        const coordinator = { nodeId, host: b?.host ?? '?', port: b?.port ?? 0 };
        const typed = await describeTypedGroups(broker, listed.groups.filter((g) => isShareOrStreams(g.groupType)), coordinator);
        const lg = { groups: listed.groups.filter((g) => !isShareOrStreams(g.groupType)) };
        if (lg.groups.length === 0) return typed;
        const described = new Map((await wire.describeGroups(broker, lg.groups.map((g) => g.groupId))).map((d) => [d.groupId, d]));
        // Classic DescribeGroups reports KIP-848 groups as Dead: ask again with ConsumerGroupDescribe.
        const modern = lg.groups.filter((g) => described.get(g.groupId)?.state === 'Dead' && g.protocolType === 'consumer').map((g) => g.groupId);
        const modernDescribed = modern.length ? await wire.consumerGroupDescribe(broker, modern) : null;
        const modernById = new Map((modernDescribed ?? []).filter((m) => m.errorCode === 0).map((m) => [m.groupId, m]));
        return [...typed, ...lg.groups.map((g): GroupDescription => {
          const m = modernById.get(g.groupId);
          if (m) return fromConsumerGroup(m, coordinator);
          const d = described.get(g.groupId);
          const ok = d && d.errorCode === 0;
          return {
            groupId: g.groupId,
            state: ok ? normalizeState(d.state) : 'Unknown',
            protocolType: g.protocolType,
            protocol: ok ? d.protocol : '',
            members: ok ? d.members.map((m) => toMember(m, d.protocolType)) : [],
            coordinator,
            ...(g.groupType ? { groupType: g.groupType } : {}),
          };
        })];
      });
      return perBroker.flat().sort((a, b) => a.groupId.localeCompare(b.groupId));
    });
  }

  async describeGroup(groupId: string, o: CallOptions = {}): Promise<GroupDescription> {
    return this.run(`describing group "${groupId}"`, { ...o, group: groupId }, async (c) => {
      const [g] = await this.onCoordinator(c, groupId, (b) => wire.describeGroups(b, [groupId]), (r) => isNotCoordinator(r[0]?.errorCode));
      if (!g) throw new KafkaOffsetsError('kafka', `Kafka returned no description for group "${groupId}".`);
      if (g.errorCode !== 0) {
        const info = wire.codeInfo(g.errorCode);
        if (info.type === 'GROUP_AUTHORIZATION_FAILED') throw new KafkaOffsetsError('authorization', `Not authorized on group "${groupId}" (needs Describe on the group).`);
        throw new KafkaOffsetsError('kafka', `Could not describe group "${groupId}": ${info.type}.`);
      }
      const nodeId = Number(this.coordinators.get(groupId)!);
      const b = c.brokerPool.metadata?.brokers.find((x) => x.nodeId === nodeId);
      const coordinator = { nodeId, host: b?.host ?? '?', port: b?.port ?? 0 };
      if (g.state === 'Dead') {
        // Dead in the classic protocol: either no such group, or a KIP-848 group the classic API cannot see.
        const modern = await wire.consumerGroupDescribe(await this.broker(c, nodeId), [groupId]);
        const m = modern?.find((x) => x.groupId === groupId && x.errorCode === 0);
        if (m) return fromConsumerGroup(m, coordinator);
        // …or a share or streams group (Kafka 4), each with its own describe API.
        const typed = await describeAsShareOrStreams(await this.broker(c, nodeId), groupId, coordinator);
        if (typed) return typed;
      }
      return {
        groupId,
        state: normalizeState(g.state),
        protocolType: g.protocolType,
        protocol: g.protocol,
        members: g.members.map((m) => toMember(m, g.protocolType)),
        coordinator,
        groupType: 'classic',
      };
    });
  }

  /**
   * The group's committed offsets. topics null = every topic the group has offsets for.
   * Returns topic:partition → offset, null when there is no committed offset.
   */
  async committedOffsets(
    groupId: string,
    topics: Array<{ topic: string; partitions: number[] }> | null,
    o: CallOptions = {},
  ): Promise<Map<string, bigint | null>> {
    return this.run(`reading committed offsets of group "${groupId}"`, { ...o, group: groupId }, async (c) => {
      const res = await this.onCoordinator(c, groupId, (b) => wire.offsetFetch(b, groupId, topics), (r) => isNotCoordinator(r.errorCode));
      return offsetsOf(groupId, res);
    });
  }

  /**
   * Committed offsets (every topic) of many groups: one OffsetFetch v8 per coordinator for up to
   * GROUPS_PER_OFFSET_FETCH groups, instead of one request per group. A group whose coordinator
   * moved, or a broker older than Kafka 3.0, falls back to committedOffsets' per-group path. A
   * group's own failure (e.g. not authorized) is its entry; a failure of the cluster rejects.
   */
  async committedOffsetsOfGroups(groupIds: string[], o: CallOptions = {}): Promise<Map<string, Map<string, bigint | null> | KafkaOffsetsError>> {
    const out = new Map<string, Map<string, bigint | null> | KafkaOffsetsError>();
    if (groupIds.length === 0) return out;
    const settle = (groupId: string, fn: () => Map<string, bigint | null>) => {
      try {
        out.set(groupId, fn());
      } catch (e) {
        if (!(e instanceof KafkaOffsetsError)) throw e;
        out.set(groupId, e);
      }
    };
    const retry: string[] = [];
    await this.run(`reading committed offsets of ${groupIds.length} groups`, o, async (c) => {
      const byCoordinator = new Map<number, string[]>();
      await mapLimit(groupIds, 16, async (groupId) => {
        try {
          // Known from the group listing on this client, else looked up (and then cached).
          if (!this.coordinators.has(groupId)) await this.coordinatorFor(c, groupId);
          const nodeId = this.coordinators.get(groupId)!;
          byCoordinator.set(nodeId, [...(byCoordinator.get(nodeId) ?? []), groupId]);
        } catch (e) {
          if (!(e instanceof KafkaOffsetsError) || e.kind === 'unreachable') throw e;
          out.set(groupId, e);
        }
      });
      await mapLimit([...byCoordinator], 8, async ([nodeId, ids]) => {
        const broker = await this.broker(c, nodeId);
        if (!wire.supportsOffsetFetchGroups(broker)) {
          retry.push(...ids);
          return;
        }
        for (let i = 0; i < ids.length; i += GROUPS_PER_OFFSET_FETCH) {
          const chunk = ids.slice(i, i + GROUPS_PER_OFFSET_FETCH);
          const res = await wire.offsetFetchGroups(broker, chunk);
          for (const groupId of chunk) {
            const r = res.get(groupId);
            if (!r || isNotCoordinator(r.errorCode)) retry.push(groupId);
            else settle(groupId, () => offsetsOf(groupId, r));
          }
        }
      });
    });
    // The rare rest (coordinator moved, old broker): one request each, with committedOffsets' retries.
    await mapLimit(retry, 16, async (groupId) => {
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
    return this.run(`committing offsets of group "${groupId}"`, { ...o, group: groupId }, async (c) => {
      const res = await this.onCoordinator(c, groupId, (b) => wire.offsetCommit(b, groupId, offsets), (r) => r.length > 0 && r.every((p) => isNotCoordinator(p.errorCode)));
      // A refusal of the whole commit for lack of an ACL stored nothing: say which ACL, naming the
      // group or topic (a user may Describe a group, and so plan, without Read to commit).
      if (res.length > 0 && res.every((p) => p.errorCode === GROUP_AUTHORIZATION_FAILED))
        throw new KafkaOffsetsError('authorization', `Not authorized on group "${groupId}" (committing offsets needs Read on the group). Nothing was committed.`);
      if (res.length > 0 && res.every((p) => p.errorCode === TOPIC_AUTHORIZATION_FAILED)) {
        const topics = [...new Set(res.map((p) => `"${p.topic}"`))].join(', ');
        throw new KafkaOffsetsError('authorization', `Not authorized on topic ${topics} (committing offsets of group "${groupId}" needs Read on the topic). Nothing was committed.`);
      }
      return res;
    });
  }

  /** Delete the group's committed offsets of some partitions (undo of a reset on partitions that had none). */
  async deleteOffsets(groupId: string, partitions: TopicPartitionRef[], o: CallOptions = {}): Promise<Array<{ topic: string; partition: number; errorCode: number }>> {
    return this.run(`deleting committed offsets of group "${groupId}"`, { ...o, group: groupId }, async (c) => {
      const res = await this.onCoordinator(c, groupId, (b) => wire.offsetDelete(b, groupId, partitions), (r) => isNotCoordinator(r.errorCode));
      if (res.errorCode !== 0) {
        const info = wire.codeInfo(res.errorCode);
        if (info.type === 'NON_EMPTY_GROUP' || res.errorCode === 68)
          throw new KafkaOffsetsError('group-not-empty', `Group "${groupId}" is not empty: the broker refused to delete its offsets. Nothing changed.`);
        throw new KafkaOffsetsError('kafka', `Could not delete offsets of group "${groupId}": ${info.type}.`);
      }
      return res.partitions;
    });
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
    return this.run(`reading metadata of ${topics.length} topic(s)`, { ...o, topic: topics[0] }, async (c) => {
      const md = await wire.metadata(await this.anyBroker(c), topics);
      const now = Date.now();
      for (const t of md.topicMetadata) {
        if (t.topicErrorCode === 0) {
          out.set(t.topic, t.partitionMetadata.length);
          // The same answer serves the log-offset reads that usually follow (see layoutsOn).
          this.cacheLayout(t, now);
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

  /** Group the same partitions by topic, e.g. for OffsetFetch requests. */
  static topicsOf(partitions: TopicPartitionRef[]): Array<{ topic: string; partitions: number[] }> {
    return [...groupByTopic(partitions)].map(([topic, ps]) => ({ topic, partitions: ps.map((p) => p.partition) }));
  }
}

function layoutOf(t: wire.WireTopicMetadata): TopicLayout {
  return { topic: t.topic, leaders: new Map(t.partitionMetadata.map((p) => [p.partitionId, p.leader] as [number, number])) };
}

/** Groups per OffsetFetch v8 request: bounded so one answer stays a few hundred KB at most. */
const GROUPS_PER_OFFSET_FETCH = 100;

/** One group's OffsetFetch answer as topic:partition → offset (null: no committed offset), or why not. */
function offsetsOf(groupId: string, res: { errorCode: number; partitions: wire.WirePartitionOffset[] }): Map<string, bigint | null> {
  if (res.errorCode !== 0) {
    const info = wire.codeInfo(res.errorCode);
    if (info.type === 'GROUP_AUTHORIZATION_FAILED') throw new KafkaOffsetsError('authorization', `Not authorized on group "${groupId}" (needs Describe on the group).`);
    throw new KafkaOffsetsError('kafka', `Could not read offsets of group "${groupId}": ${info.type}.`);
  }
  const out = new Map<string, bigint | null>();
  for (const p of res.partitions) {
    if (p.errorCode !== 0) {
      const info = wire.codeInfo(p.errorCode);
      if (info.type === 'TOPIC_AUTHORIZATION_FAILED') throw new KafkaOffsetsError('authorization', `Not authorized on topic "${p.topic}" (needs Describe on the topic).`);
      if (info.type === 'UNKNOWN_TOPIC_OR_PARTITION') {
        out.set(tpKey(p.topic, p.partition), null);
        continue;
      }
      throw new KafkaOffsetsError('kafka', `Could not read the offset of group "${groupId}" on "${p.topic}" partition ${p.partition}: ${info.type}.`);
    }
    out.set(tpKey(p.topic, p.partition), p.offset < 0n ? null : p.offset);
  }
  return out;
}

const TOPIC_AUTHORIZATION_FAILED = 29;
const GROUP_AUTHORIZATION_FAILED = 30;
const INVALID_TOPIC_EXCEPTION = 17;

/** A per-topic error code as the reason a topic is hidden from lag. */
function hiddenWhy(code: number): TopicHiddenWhy {
  if (code === 3) return 'deleted';
  if (code === TOPIC_AUTHORIZATION_FAILED) return 'unauthorized';
  return { error: wire.codeInfo(code).type };
}

/** NOT_LEADER_OR_FOLLOWER, LEADER_NOT_AVAILABLE, UNKNOWN_TOPIC_OR_PARTITION (just created), REPLICA_NOT_AVAILABLE, epochs, offset not available. */
const RETRIABLE_PARTITION_ERRORS = new Set([6, 5, 3, 9, 74, 75, 78]);

function isNotCoordinator(code: number | undefined): boolean {
  // NOT_COORDINATOR (16) or COORDINATOR_NOT_AVAILABLE (15) / COORDINATOR_LOAD_IN_PROGRESS (14)
  return code === 16 || code === 15 || code === 14;
}

function normalizeState(s: string | undefined): GroupState {
  return s && KNOWN_STATES.has(s) ? (s as GroupState) : 'Unknown';
}

/** KIP-848 group states are the same words; the broker may send them lower-case. */
function fromConsumerGroup(m: wire.WireConsumerGroup, coordinator: BrokerRef): GroupDescription {
  const state = m.state.charAt(0).toUpperCase() + m.state.slice(1).toLowerCase();
  return {
    groupId: m.groupId,
    state: normalizeState(state === 'Not_ready' ? 'Empty' : state),
    protocolType: 'consumer',
    protocol: m.assignor,
    members: m.members.map((x) => ({ memberId: x.memberId, clientId: x.clientId, host: x.clientHost.replace(/^\//, ''), assignment: x.assignment })),
    coordinator,
    groupType: 'consumer',
  };
}

function toMember(m: wire.WireGroup['members'][number], protocolType: string): GroupMember {
  const assignment: TopicPartitionRef[] = [];
  if (protocolType === 'consumer' && m.memberAssignment && m.memberAssignment.length > 0) {
    try {
      const decoded = MemberAssignment.decode(m.memberAssignment);
      for (const [topic, partitions] of Object.entries(decoded?.assignment ?? {})) {
        for (const partition of partitions) assignment.push({ topic, partition });
      }
    } catch {
      // An assignment we cannot decode (a custom assignor's format) just shows no partitions.
    }
  }
  return { memberId: m.memberId, clientId: m.clientId, host: m.clientHost.replace(/^\//, ''), assignment };
}
