/**
 * The connection to one cluster: kafkajs's Cluster built with our logger, instrumentation and a socket
 * factory that tracks every socket it opens; the deadline, cancellation and error mapping every engine
 * call runs under (run()); and the node-id → broker lookup. Nothing here knows about groups or topics.
 */
import type { BrokerRef, ClusterConfig } from '../types';
import type { Socket } from 'node:net';
import { KafkaOffsetsError } from '../errors';
import { withDeadline } from '../deadline';
import { Cluster, KjsBroker, KjsCluster, createLogger, LOG_LEVELS, InstrumentationEmitter, socketFactory } from './internals';
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

/** What a failure is about, for its sentence; `timeoutMs` overrides the per-call deadline. */
export interface RunContext {
  group?: string;
  topic?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

const DEFAULT_REQUEST_TIMEOUT = 10_000;
const DEFAULT_CONNECTION_TIMEOUT = 3_000;

export class Connection {
  readonly brokers: string[];
  readonly requestTimeout: number;
  readonly connectionTimeout: number;
  private cluster: KjsCluster | null = null;
  private closeSockets: (() => void) | null = null;
  /** Called whenever the connection is dropped, so the routing caches built on it are dropped too. */
  private readonly resetListeners: Array<() => void> = [];

  constructor(private readonly config: ClusterConfig, private readonly opts: ClientOptions = {}) {
    if (!config.brokers?.length) throw new KafkaOffsetsError('validation', 'No bootstrap brokers given.');
    this.brokers = config.brokers;
    this.requestTimeout = config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT;
    this.connectionTimeout = config.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT;
  }

  onReset(listener: () => void): void {
    this.resetListeners.push(listener);
  }

  /** False once the client gave up on `c` (deadline, cancel, close): no further attempt should use it. */
  isCurrent(c: KjsCluster): boolean {
    return this.cluster === c;
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
    const base = socketFactory() as (args: any) => Socket;
    const sockets = new Set<Socket>();
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
  async run<T>(action: string, ctx: RunContext, fn: (cluster: KjsCluster) => Promise<T>): Promise<T> {
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

  async reset(): Promise<void> {
    const c = this.cluster;
    this.cluster = null;
    for (const listener of this.resetListeners) listener();
    const closeSockets = this.closeSockets;
    this.closeSockets = null;
    // Destroy sockets first: kafkajs's disconnect waits for in-flight requests, which on a
    // black-holed broker means waiting out the full request timeout.
    closeSockets?.();
    if (c) await c.disconnect().catch(() => undefined);
  }

  /** Any connected broker, for requests every broker answers (Metadata, FindCoordinator). */
  anyBroker(c: KjsCluster): Promise<KjsBroker> {
    return c.brokerPool.findConnectedBroker();
  }

  /**
   * The connection to a node. Our own Metadata requests can name a broker that kafkajs's pool does not
   * know yet (it came back after a restart while the pool's copy is up to 60 s old): refresh the pool
   * once and look again.
   */
  async broker(c: KjsCluster, nodeId: number): Promise<KjsBroker> {
    try {
      return await c.findBroker({ nodeId });
    } catch (e) {
      if ((e as Error)?.name !== 'KafkaJSBrokerNotFound') throw e;
      await c.refreshMetadata();
      return c.findBroker({ nodeId });
    }
  }

  /** A node as the engine names it (host '?' when metadata does not list it). */
  brokerRef(c: KjsCluster, nodeId: number): BrokerRef {
    const b = c.brokerPool.metadata?.brokers.find((x) => x.nodeId === nodeId);
    return { nodeId, host: b?.host ?? '?', port: b?.port ?? 0 };
  }
}
