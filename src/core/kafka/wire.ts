/**
 * Raw protocol requests through a kafkajs Broker, keeping every per-partition and per-group error code.
 *
 * kafkajs's response parsers throw on the first partition that carries an error, which loses what
 * happened to the others; for a reset we must report each partition. So we build the request with
 * kafkajs's own encoder (negotiated version via broker.lookupRequest) and replace only `parse` with the
 * identity, then read the error codes ourselves.
 */
import { KjsBroker, KjsDecoder, KjsRequestDefinition, apiKeys, requests, Encoder, Decoder } from './internals';
import { listOffsetsBody, offsetCommitBody, offsetFetchBody } from './bulkWire';

/** A body written by bulkWire.ts as the encoder kafkajs frames; null keeps kafkajs's own encoder. */
const bodyOf = (body: Buffer | null) => (body ? async () => new Encoder(body.length).writeBuffer(body) : undefined);

async function sendUnparsed(broker: KjsBroker, apiName: string, args: unknown, encode?: (apiVersion: number) => (() => Promise<unknown>) | undefined): Promise<any> {
  if (!broker.isConnected()) await broker.connect();
  const definition: KjsRequestDefinition = requests[apiName];
  const proto = broker.lookupRequest(apiKeys[apiName], definition)(args);
  const customEncode = encode?.(proto.request.apiVersion);
  const request = customEncode ? { ...proto.request, encode: customEncode } : proto.request;
  return broker.connectionPool.send({ ...proto, request, response: { decode: proto.response.decode, parse: async (d: unknown) => d } } as any);
}

export interface WirePartitionOffset {
  topic: string;
  partition: number;
  errorCode: number;
  /** -1 when the broker has no answer (no committed offset / no record at or after the timestamp). */
  offset: bigint;
}

/**
 * ListOffsets to one leader for many partitions at one timestamp spec: -2 earliest, -1 latest, or ms.
 * isolation READ_UNCOMMITTED (0): the high watermark, as kafka-consumer-groups uses.
 */
export async function listOffsets(
  leader: KjsBroker,
  partitionsByTopic: Map<string, number[]>,
  timestamp: number,
): Promise<WirePartitionOffset[]> {
  const topics = [...partitionsByTopic].map(([topic, partitions]) => ({
    topic,
    partitions: partitions.map((partition) => ({ partition, timestamp: String(timestamp) })),
  }));
  const entries = [...partitionsByTopic].map(([topic, partitions]) => ({ topic, partitions }));
  const data = await sendUnparsed(leader, 'ListOffsets', { replicaId: -1, isolationLevel: 0, topics }, (v) => bodyOf(listOffsetsBody(v, 0, BigInt(timestamp), entries)));
  const out: WirePartitionOffset[] = [];
  for (const t of data.responses) {
    for (const p of t.partitions) {
      // v0 returns an array of offsets; v1+ a single offset.
      const raw = p.offsets ? p.offsets[0] : p.offset;
      out.push({ topic: t.topic, partition: p.partition, errorCode: p.errorCode, offset: raw === undefined ? -1n : BigInt(raw) });
    }
  }
  return out;
}

/** OffsetFetch from the group's coordinator. topics null = every topic the group has offsets for. */
export async function offsetFetch(
  coordinator: KjsBroker,
  groupId: string,
  topics: Array<{ topic: string; partitions: number[] }> | null,
): Promise<{ errorCode: number; partitions: WirePartitionOffset[] }> {
  const data = await sendUnparsed(
    coordinator,
    'OffsetFetch',
    { groupId, topics: (topics ?? []).map((t) => ({ topic: t.topic, partitions: t.partitions.map((partition) => ({ partition })) })) },
    // kafkajs cannot encode "all topics" (a null array, OffsetFetch v2+); write that body ourselves.
    (apiVersion) => {
      if (topics !== null) return bodyOf(offsetFetchBody(apiVersion, groupId, topics));
      if (apiVersion < 2) throw new Error('This broker is too old to list all committed offsets of a group (OffsetFetch v2+ needed).');
      return async () => new Encoder().writeString(groupId).writeInt32(-1);
    },
  );
  const partitions: WirePartitionOffset[] = [];
  for (const t of data.responses) {
    for (const p of t.partitions) {
      partitions.push({ topic: t.topic, partition: p.partition, errorCode: p.errorCode, offset: BigInt(p.offset) });
    }
  }
  return { errorCode: data.errorCode ?? 0, partitions };
}

/**
 * OffsetCommit as Kafka's Admin.alterConsumerGroupOffsets sends it: generation -1, empty member id,
 * so the coordinator accepts it only for a group without members (and creates a group that does not
 * exist). All partitions of all topics in one request.
 */
export async function offsetCommit(
  coordinator: KjsBroker,
  groupId: string,
  offsets: Array<{ topic: string; partition: number; offset: bigint }>,
): Promise<Array<{ topic: string; partition: number; errorCode: number }>> {
  const byTopic = new Map<string, Array<{ partition: number; offset: bigint }>>();
  for (const o of offsets) {
    const list = byTopic.get(o.topic);
    if (list) list.push({ partition: o.partition, offset: o.offset });
    else byTopic.set(o.topic, [{ partition: o.partition, offset: o.offset }]);
  }
  const topics = [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
  // For kafkajs's own encoder (versions bulkWire.ts does not write), offsets as strings.
  const kjsTopics = topics.map((t) => ({ topic: t.topic, partitions: t.partitions.map((p) => ({ partition: p.partition, offset: p.offset.toString() })) }));
  const data = await sendUnparsed(coordinator, 'OffsetCommit', { groupId, groupGenerationId: -1, memberId: '', retentionTime: -1, topics: kjsTopics }, (v) =>
    bodyOf(offsetCommitBody(v, groupId, topics)),
  );
  const out: Array<{ topic: string; partition: number; errorCode: number }> = [];
  for (const t of data.responses) {
    for (const p of t.partitions) out.push({ topic: t.topic, partition: p.partition, errorCode: p.errorCode });
  }
  return out;
}

export interface WireGroup {
  errorCode: number;
  groupId: string;
  state: string;
  protocolType: string;
  protocol: string;
  members: Array<{ memberId: string; clientId: string; clientHost: string; memberAssignment: Buffer | null }>;
}

export async function describeGroups(coordinator: KjsBroker, groupIds: string[]): Promise<WireGroup[]> {
  const data = await sendUnparsed(coordinator, 'DescribeGroups', { groupIds });
  return data.groups;
}

/** ListGroups on one broker: the groups that broker coordinates. */
export async function listGroups(broker: KjsBroker): Promise<{ errorCode: number; groups: Array<{ groupId: string; protocolType: string }> }> {
  const data = await sendUnparsed(broker, 'ListGroups', {});
  return { errorCode: data.errorCode, groups: data.groups };
}

export interface WireTopicMetadata {
  topic: string;
  topicErrorCode: number;
  partitionMetadata: Array<{ partitionId: number; leader: number; partitionErrorCode: number }>;
}

/** Metadata for the named topics, without auto-creating anything. kafkajs encodes [] as null: all topics. */
export async function metadata(
  broker: KjsBroker,
  topics: string[],
): Promise<{ brokers: Array<{ nodeId: number; host: string; port: number }>; controllerId?: number; topicMetadata: WireTopicMetadata[] }> {
  return sendUnparsed(broker, 'Metadata', { topics, allowAutoTopicCreation: false });
}

/** FindCoordinator (v0–v2 in kafkajs: one group per request). */
export async function findCoordinator(
  broker: KjsBroker,
  groupId: string,
): Promise<{ errorCode: number; coordinator: { nodeId: number; host: string; port: number } }> {
  return sendUnparsed(broker, 'GroupCoordinator', { groupId, coordinatorType: 0 });
}

/** ConsumerGroupDescribe (API key 69, KIP-848, Kafka ≥ 4.0): not in kafkajs; a flexible-version request. */
const CONSUMER_GROUP_DESCRIBE_KEY = 69;

export interface WireConsumerGroup {
  errorCode: number;
  groupId: string;
  state: string;
  assignor: string;
  members: Array<{ memberId: string; clientId: string; clientHost: string; assignment: Array<{ topic: string; partition: number }> }>;
}

/**
 * Describe groups that use the KIP-848 "consumer" protocol: classic DescribeGroups shows them Dead and
 * memberless. Returns null when the broker does not support the API (Kafka < 4.0).
 * Flexible versions need the request header's tagged-field byte, which kafkajs does not write: as in
 * kafkajs's own flexible requests, the payload starts with it (it lands right after the client id).
 */
export async function consumerGroupDescribe(coordinator: KjsBroker, groupIds: string[]): Promise<WireConsumerGroup[] | null> {
  if (!coordinator.isConnected()) await coordinator.connect();
  const v = coordinator.versions?.[CONSUMER_GROUP_DESCRIBE_KEY];
  if (!v) return null;
  const version = Math.min(v.maxVersion, 1);
  const request = {
    apiKey: CONSUMER_GROUP_DESCRIBE_KEY,
    apiVersion: version,
    apiName: 'ConsumerGroupDescribe',
    encode: async () =>
      new Encoder()
        .writeUVarInt(0) // request header tagged fields
        .writeUVarIntArray(groupIds.map((g) => new Encoder().writeUVarIntString(g)))
        .writeBoolean(false)
        .writeUVarInt(0),
  };
  const readAssignment = (d: KjsDecoder) => {
    const parts = (d.readUVarIntArray((t) => {
      t.readBytes(16); // topic id
      const topic = t.readUVarIntString() ?? '';
      const partitions = t.readUVarIntArray((x) => x.readInt32()) ?? [];
      t.readTaggedFields();
      return partitions.map((partition) => ({ topic, partition }));
    }) ?? []).flat();
    d.readTaggedFields();
    return parts;
  };
  const response = {
    decode: async (raw: Buffer) => {
      const d = new Decoder(raw);
      d.readTaggedFields(); // response header tagged fields
      d.readInt32(); // throttle
      const groups = d.readUVarIntArray((g) => {
        const errorCode = g.readInt16();
        g.readUVarIntString(); // error message
        const groupId = g.readUVarIntString() ?? '';
        const state = g.readUVarIntString() ?? '';
        g.readInt32(); // group epoch
        g.readInt32(); // assignment epoch
        const assignor = g.readUVarIntString() ?? '';
        const members = g.readUVarIntArray((m) => {
          const memberId = m.readUVarIntString() ?? '';
          m.readUVarIntString(); // instance id
          m.readUVarIntString(); // rack id
          m.readInt32(); // member epoch
          const clientId = m.readUVarIntString() ?? '';
          const clientHost = m.readUVarIntString() ?? '';
          m.readUVarIntArray((x) => x.readUVarIntString()); // subscribed topic names
          m.readUVarIntString(); // subscribed regex
          const assignment = readAssignment(m);
          readAssignment(m); // target assignment
          if (version >= 1) m.readInt8(); // member type
          m.readTaggedFields();
          return { memberId, clientId, clientHost, assignment };
        }) ?? [];
        g.readInt32(); // authorized operations
        g.readTaggedFields();
        return { errorCode, groupId, state, assignor, members };
      });
      return groups ?? [];
    },
    parse: async (x: unknown) => x,
  };
  return coordinator.connectionPool.send({ request, response } as any);
}

/** OffsetFetch (API key 9) v8, Kafka ≥ 3.0: many groups in one request. kafkajs encodes only up to v4. */
const OFFSET_FETCH_KEY = 9;

/** True when this coordinator answers OffsetFetch v8 (several groups per request). */
export function supportsOffsetFetchGroups(coordinator: KjsBroker): boolean {
  return (coordinator.versions?.[OFFSET_FETCH_KEY]?.maxVersion ?? 0) >= 8;
}

/**
 * Committed offsets of every topic of each group, from their (shared) coordinator in one request.
 * The result has one entry per group asked, with its group-level error code as in offsetFetch.
 * Flexible version: the payload starts with the request header's tagged-field byte (see
 * consumerGroupDescribe).
 */
export async function offsetFetchGroups(coordinator: KjsBroker, groupIds: string[]): Promise<Map<string, { errorCode: number; partitions: WirePartitionOffset[] }>> {
  if (!coordinator.isConnected()) await coordinator.connect();
  const request = {
    apiKey: OFFSET_FETCH_KEY,
    apiVersion: 8,
    apiName: 'OffsetFetch',
    encode: async () =>
      new Encoder()
        .writeUVarInt(0) // request header tagged fields
        .writeUVarIntArray(groupIds.map((g) => new Encoder().writeUVarIntString(g).writeUVarIntArray(null).writeUVarInt(0)))
        .writeBoolean(false) // require_stable: answer now, as kafka-consumer-groups does
        .writeUVarInt(0),
  };
  const response = {
    decode: async (raw: Buffer) => {
      const d = new Decoder(raw);
      d.readTaggedFields(); // response header tagged fields
      d.readInt32(); // throttle
      const out = new Map<string, { errorCode: number; partitions: WirePartitionOffset[] }>();
      d.readUVarIntArray((g) => {
        const groupId = g.readUVarIntString() ?? '';
        const partitions = (g.readUVarIntArray((t) => {
          const topic = t.readUVarIntString() ?? '';
          const ps = t.readUVarIntArray((p) => {
            const partition = p.readInt32();
            const offset = p.readBytes(8).readBigInt64BE(0);
            p.readInt32(); // committed leader epoch
            p.readUVarIntString(); // metadata
            const errorCode = p.readInt16();
            p.readTaggedFields();
            return { topic, partition, errorCode, offset };
          }) ?? [];
          t.readTaggedFields();
          return ps;
        }) ?? []).flat();
        const errorCode = g.readInt16();
        g.readTaggedFields();
        out.set(groupId, { errorCode, partitions });
      });
      return out;
    },
    parse: async (x: unknown) => x,
  };
  return coordinator.connectionPool.send({ request, response } as any);
}
