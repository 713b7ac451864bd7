/**
 * Routing of partition requests: each topic's partition → leader layout from Metadata, cached for a
 * few seconds per connection. One reset reads counts, log offsets and offsets for a timestamp back to
 * back, and each needs the same layout; leadership moves are handled by logOffsets.ts, which asks
 * for fresh layouts when a leader answers that it no longer leads.
 */
import type { TopicHiddenWhy } from '../types';
import { KafkaOffsetsError } from '../errors';
import type { KjsBroker, KjsCluster } from './internals';
import type { Connection } from './connection';
import * as wire from './wire';
import { KafkaCode, codeInfo } from './codes';

export interface TopicLayout {
  topic: string;
  /** partition id → leader node id */
  leaders: Map<number, number>;
}

/** What KafkaClient.onLeaders gives: topic layouts, the connection to a node, and a node's host:port for messages. */
export interface LeaderAccess {
  layouts(topics: string[], fresh: boolean, failed?: Map<string, TopicHiddenWhy>): Promise<Map<string, TopicLayout>>;
  broker(nodeId: number): Promise<KjsBroker>;
  address(nodeId: number): string;
}

/** What a protocol module beside the client needs to reach partition leaders (records.ts). */
export interface LeaderRunner {
  onLeaders<T>(action: string, o: { signal?: AbortSignal; topic?: string; timeoutMs?: number }, fn: (leaders: LeaderAccess) => Promise<T>): Promise<T>;
}

const LAYOUT_TTL_MS = 5_000;

export class TopicLayouts {
  private readonly cache = new Map<string, { layout: TopicLayout; at: number }>();

  constructor(private readonly conn: Connection) {
    conn.onReset(() => this.cache.clear());
  }

  /**
   * Layouts of the named topics, from the cache unless `fresh`. With `failed`, a topic Kafka cannot
   * describe (any per-topic error) is recorded there instead of failing the call: lag reads many
   * groups' topics at once, and one bad name (a hostile assignment naming an invalid topic) must not
   * blank the others. Without it, a topic that does not exist is a 'not-found' error naming it.
   */
  async of(c: KjsCluster, topics: string[], fresh = false, failed?: Map<string, TopicHiddenWhy>): Promise<Map<string, TopicLayout>> {
    const out = new Map<string, TopicLayout>();
    if (topics.length === 0) return out;
    const now = Date.now();
    const missing = fresh ? topics : topics.filter((t) => !(now - (this.cache.get(t)?.at ?? 0) < LAYOUT_TTL_MS));
    const missingSet = new Set(missing);
    for (const t of topics) if (!missingSet.has(t)) out.set(t, this.cache.get(t)!.layout);
    if (missing.length === 0) return out;
    const md = await wire.metadata(await this.conn.anyBroker(c), missing);
    for (const t of md.topicMetadata) {
      if (t.topicErrorCode !== KafkaCode.NONE && t.topicErrorCode !== KafkaCode.LEADER_NOT_AVAILABLE) {
        if (failed) failed.set(t.topic, hiddenWhy(t.topicErrorCode));
        else throw this.topicError(t.topic, t.topicErrorCode);
        continue;
      }
      // LEADER_NOT_AVAILABLE still gives the layout, but not one worth keeping.
      out.set(t.topic, t.topicErrorCode === KafkaCode.NONE ? this.keep(t, now) : layoutOf(t));
    }
    for (const t of topics) {
      if (out.has(t) || failed?.has(t)) continue;
      if (failed) failed.set(t, 'deleted');
      else throw this.topicError(t, KafkaCode.UNKNOWN_TOPIC_OR_PARTITION);
    }
    return out;
  }

  /** Cache a layout another Metadata answer already carried (see KafkaClient.topicVisibility). */
  keep(t: wire.WireTopicMetadata, now = Date.now()): TopicLayout {
    const layout = layoutOf(t);
    this.cache.set(t.topic, { layout, at: now });
    return layout;
  }

  private topicError(topic: string, code: number): KafkaOffsetsError {
    if (code === KafkaCode.UNKNOWN_TOPIC_OR_PARTITION) return new KafkaOffsetsError('not-found', `Topic "${topic}" does not exist on ${this.conn.brokers.join(', ')}.`);
    if (code === KafkaCode.TOPIC_AUTHORIZATION_FAILED) return new KafkaOffsetsError('authorization', `Not authorized to describe topic "${topic}".`);
    if (code === KafkaCode.INVALID_TOPIC_EXCEPTION) return new KafkaOffsetsError('validation', `"${topic}" is not a valid topic name.`);
    return new KafkaOffsetsError('kafka', `Kafka could not describe topic "${topic}": ${codeInfo(code).type}.`);
  }
}

function layoutOf(t: wire.WireTopicMetadata): TopicLayout {
  return { topic: t.topic, leaders: new Map(t.partitionMetadata.map((p) => [p.partitionId, p.leader] as [number, number])) };
}

/** A per-topic error code as the reason a topic is hidden from lag. */
export function hiddenWhy(code: number): TopicHiddenWhy {
  if (code === KafkaCode.UNKNOWN_TOPIC_OR_PARTITION) return 'deleted';
  if (code === KafkaCode.TOPIC_AUTHORIZATION_FAILED) return 'unauthorized';
  return { error: codeInfo(code).type };
}
