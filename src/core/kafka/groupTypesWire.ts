/**
 * The Kafka 4 group APIs kafkajs lacks, encoded from Kafka's own message schemas
 * (clients/src/main/resources/common/message/*.json, shipped in kafka-clients.jar):
 *   ListGroups v3–v5 (16; v5 = KIP-1043 group types), ShareGroupDescribe (77),
 *   DescribeShareGroupOffsets (90), AlterShareGroupOffsets (91), DeleteShareGroupOffsets (92),
 *   StreamsGroupDescribe (89).
 * Each function returns null when the broker does not serve the API (Kafka 3.x): callers then say
 * "not supported by this broker" instead of failing.
 */
import type { KjsBroker, KjsDecoder } from './internals';
import { agreedVersion, sendFlexible, put, get } from './flexible';
import { Encoder } from './internals';

export const API = { ListGroups: 16, StreamsGroupDescribe: 89, ShareGroupDescribe: 77, DescribeShareGroupOffsets: 90, AlterShareGroupOffsets: 91, DeleteShareGroupOffsets: 92 } as const;

export interface WireListedGroup {
  groupId: string;
  protocolType: string;
  /** v4+; '' before. */
  state: string;
  /** v5+ ('classic', 'consumer', 'share', 'streams'); '' before. */
  type: string;
}

/**
 * ListGroups at the broker's highest version up to v5, with the KIP-1043 types filter when asked
 * (and supported). null: the broker's ListGroups is older than v3 (kafkajs's own path serves it).
 */
export async function listGroupsTyped(broker: KjsBroker, typesFilter: string[] = []): Promise<{ version: number; errorCode: number; groups: WireListedGroup[] } | null> {
  const version = await agreedVersion(broker, API.ListGroups, 3, 5);
  if (version === null) return null;
  return sendFlexible(broker, {
    apiKey: API.ListGroups,
    apiName: 'ListGroups',
    version,
    body: (e) => {
      if (version >= 4) put.strings(e, []); // states filter: all
      if (version >= 5) put.strings(e, typesFilter);
      return e;
    },
    read: (d) => {
      d.readInt32(); // throttle
      const errorCode = d.readInt16();
      const groups = get.array(d, (g) => {
        const groupId = get.string(g);
        const protocolType = get.string(g);
        const state = version >= 4 ? get.string(g) : '';
        const type = version >= 5 ? get.string(g) : '';
        g.readTaggedFields();
        return { groupId, protocolType, state, type };
      });
      return { version, errorCode, groups };
    },
  });
}

export interface WireTopicPartitions {
  topic: string;
  partitions: number[];
}

export interface WireShareGroup {
  errorCode: number;
  errorMessage: string | null;
  groupId: string;
  state: string;
  groupEpoch: number;
  assignor: string;
  members: Array<{ memberId: string; clientId: string; clientHost: string; subscribedTopics: string[]; assignment: WireTopicPartitions[] }>;
}

function readTopicPartitions(d: KjsDecoder): WireTopicPartitions[] {
  const out = get.array(d, (t) => {
    get.skipUuid(t);
    const topic = get.string(t);
    const partitions = get.int32s(t);
    t.readTaggedFields();
    return { topic, partitions };
  });
  d.readTaggedFields(); // the Assignment struct's own
  return out;
}

/** What every ShareGroupDescribe/StreamsGroupDescribe group answer starts with. */
interface WireGroupHeader {
  errorCode: number;
  errorMessage: string | null;
  groupId: string;
  state: string;
  groupEpoch: number;
}

/**
 * ShareGroupDescribe and StreamsGroupDescribe are framed alike: group ids and "include authorized
 * operations" out; per group an error, the id, state and epochs, then the type's own fields (`rest`),
 * then the authorized operations. null: the broker does not speak the API.
 */
async function describeTypedGroups<T>(
  coordinator: KjsBroker,
  api: { key: number; name: string; version: number | null },
  groupIds: string[],
  rest: (g: KjsDecoder) => T,
): Promise<Array<WireGroupHeader & T> | null> {
  if (api.version === null) return null;
  return sendFlexible(coordinator, {
    apiKey: api.key,
    apiName: api.name,
    version: api.version,
    body: (e) => put.strings(e, groupIds).writeBoolean(false),
    read: (d) => {
      d.readInt32(); // throttle
      return get.array(d, (g) => {
        const errorCode = g.readInt16();
        const errorMessage = g.readUVarIntString();
        const groupId = get.string(g);
        const state = get.string(g);
        const groupEpoch = g.readInt32();
        g.readInt32(); // assignment epoch
        const own = rest(g);
        g.readInt32(); // authorized operations
        g.readTaggedFields();
        return { errorCode, errorMessage, groupId, state, groupEpoch, ...own };
      });
    },
  });
}

export async function shareGroupDescribe(coordinator: KjsBroker, groupIds: string[]): Promise<WireShareGroup[] | null> {
  // v0 was an early-access version, removed in Kafka 4.1; v1 is the first stable one.
  const version = await agreedVersion(coordinator, API.ShareGroupDescribe, 1, 1);
  return describeTypedGroups(coordinator, { key: API.ShareGroupDescribe, name: 'ShareGroupDescribe', version }, groupIds, (g) => {
    const assignor = get.string(g);
    const members = get.array(g, (m) => {
      const memberId = get.string(m);
      m.readUVarIntString(); // rack
      m.readInt32(); // member epoch
      const clientId = get.string(m);
      const clientHost = get.string(m);
      const subscribedTopics = get.strings(m);
      const assignment = readTopicPartitions(m);
      m.readTaggedFields();
      return { memberId, clientId, clientHost, subscribedTopics, assignment };
    });
    return { assignor, members };
  });
}

export interface WireSharePartitionOffset {
  topic: string;
  partition: number;
  /** The share-partition start offset; -1 when the group has none for the partition. */
  startOffset: bigint;
  /** v1+: the broker's share-partition lag; -1 when unknown (or v0). */
  lag: bigint;
  errorCode: number;
  errorMessage: string | null;
}

/**
 * DescribeShareGroupOffsets for one group: `topics` null = every topic-partition the group has state
 * for. Returns the group-level error and the partitions.
 */
export async function describeShareGroupOffsets(
  coordinator: KjsBroker,
  groupId: string,
  topics: WireTopicPartitions[] | null,
): Promise<{ errorCode: number; errorMessage: string | null; partitions: WireSharePartitionOffset[] } | null> {
  const version = await agreedVersion(coordinator, API.DescribeShareGroupOffsets, 0, 1);
  if (version === null) return null;
  const groups = await sendFlexible(coordinator, {
    apiKey: API.DescribeShareGroupOffsets,
    apiName: 'DescribeShareGroupOffsets',
    version,
    body: (e) =>
      e.writeUVarIntArray([
        new Encoder()
          .writeUVarIntString(groupId)
          .writeUVarIntArray(topics === null ? null : topics.map((t) => put.int32s(new Encoder().writeUVarIntString(t.topic), t.partitions).writeUVarInt(0)))
          .writeUVarInt(0),
      ]),
    read: (d) => {
      d.readInt32(); // throttle
      return get.array(d, (g) => {
        const id = get.string(g);
        const partitions = get
          .array(g, (t) => {
            const topic = get.string(t);
            get.skipUuid(t);
            const ps = get.array(t, (p) => {
              const partition = p.readInt32();
              const startOffset = get.int64(p);
              p.readInt32(); // leader epoch
              const lag = version >= 1 ? get.int64(p) : -1n;
              const errorCode = p.readInt16();
              const errorMessage = p.readUVarIntString();
              p.readTaggedFields();
              return { topic, partition, startOffset, lag, errorCode, errorMessage };
            });
            t.readTaggedFields();
            return ps;
          })
          .flat();
        const errorCode = g.readInt16();
        const errorMessage = g.readUVarIntString();
        g.readTaggedFields();
        return { groupId: id, errorCode, errorMessage, partitions };
      });
    },
  });
  const g = groups.find((x) => x.groupId === groupId) ?? groups[0];
  return g ? { errorCode: g.errorCode, errorMessage: g.errorMessage, partitions: g.partitions } : { errorCode: 0, errorMessage: null, partitions: [] };
}

export interface WireAlterResult {
  errorCode: number;
  errorMessage: string | null;
  partitions: Array<{ topic: string; partition: number; errorCode: number; errorMessage: string | null }>;
}

/** AlterShareGroupOffsets: set the start offset of each partition (the group must be empty). */
export async function alterShareGroupOffsets(coordinator: KjsBroker, groupId: string, offsets: Array<{ topic: string; partition: number; offset: bigint }>): Promise<WireAlterResult | null> {
  const version = await agreedVersion(coordinator, API.AlterShareGroupOffsets, 0, 0);
  if (version === null) return null;
  const byTopic = new Map<string, Array<{ partition: number; offset: bigint }>>();
  for (const o of offsets) byTopic.set(o.topic, [...(byTopic.get(o.topic) ?? []), { partition: o.partition, offset: o.offset }]);
  return sendFlexible(coordinator, {
    apiKey: API.AlterShareGroupOffsets,
    apiName: 'AlterShareGroupOffsets',
    version,
    body: (e) =>
      e.writeUVarIntString(groupId).writeUVarIntArray(
        [...byTopic].map(([topic, ps]) =>
          new Encoder()
            .writeUVarIntString(topic)
            .writeUVarIntArray(ps.map((p) => put.int64(new Encoder().writeInt32(p.partition), p.offset).writeUVarInt(0)))
            .writeUVarInt(0),
        ),
      ),
    read: (d) => {
      d.readInt32(); // throttle
      const errorCode = d.readInt16();
      const errorMessage = d.readUVarIntString();
      const partitions = get
        .array(d, (t) => {
          const topic = get.string(t);
          get.skipUuid(t);
          const ps = get.array(t, (p) => {
            const partition = p.readInt32();
            const code = p.readInt16();
            const message = p.readUVarIntString();
            p.readTaggedFields();
            return { topic, partition, errorCode: code, errorMessage: message };
          });
          t.readTaggedFields();
          return ps;
        })
        .flat();
      return { errorCode, errorMessage, partitions };
    },
  });
}

/** DeleteShareGroupOffsets: forget the group's state for whole topics (the group must be empty). */
export async function deleteShareGroupOffsets(
  coordinator: KjsBroker,
  groupId: string,
  topics: string[],
): Promise<{ errorCode: number; errorMessage: string | null; topics: Array<{ topic: string; errorCode: number; errorMessage: string | null }> } | null> {
  const version = await agreedVersion(coordinator, API.DeleteShareGroupOffsets, 0, 0);
  if (version === null) return null;
  return sendFlexible(coordinator, {
    apiKey: API.DeleteShareGroupOffsets,
    apiName: 'DeleteShareGroupOffsets',
    version,
    body: (e) => e.writeUVarIntString(groupId).writeUVarIntArray(topics.map((t) => new Encoder().writeUVarIntString(t).writeUVarInt(0))),
    read: (d) => {
      d.readInt32(); // throttle
      const errorCode = d.readInt16();
      const errorMessage = d.readUVarIntString();
      const out = get.array(d, (t) => {
        const topic = get.string(t);
        get.skipUuid(t);
        const code = t.readInt16();
        const message = t.readUVarIntString();
        t.readTaggedFields();
        return { topic, errorCode: code, errorMessage: message };
      });
      return { errorCode, errorMessage, topics: out };
    },
  });
}

export interface WireSubtopology {
  id: string;
  sourceTopics: string[];
  repartitionSinkTopics: string[];
  stateChangelogTopics: string[];
  repartitionSourceTopics: string[];
}

export interface WireTaskIds {
  subtopology: string;
  partitions: number[];
}

export interface WireStreamsGroup {
  errorCode: number;
  errorMessage: string | null;
  groupId: string;
  state: string;
  groupEpoch: number;
  subtopologies: WireSubtopology[] | null;
  members: Array<{ memberId: string; clientId: string; clientHost: string; processId: string; activeTasks: WireTaskIds[]; standbyTasks: WireTaskIds[]; warmupTasks: WireTaskIds[] }>;
}

function readTopicInfos(d: KjsDecoder): string[] {
  return get.array(d, (t) => {
    const name = get.string(t);
    t.readInt32(); // partitions
    t.readInt16(); // replication factor
    get.array(t, readKeyValue); // configs
    t.readTaggedFields();
    return name;
  });
}

function readKeyValue(d: KjsDecoder): [string, string] {
  const kv: [string, string] = [get.string(d), get.string(d)];
  d.readTaggedFields();
  return kv;
}

function readTaskOffsets(d: KjsDecoder): void {
  get.array(d, (t) => {
    get.string(t);
    t.readInt32();
    get.int64(t);
    t.readTaggedFields();
  });
}

function readAssignment(d: KjsDecoder): { active: WireTaskIds[]; standby: WireTaskIds[]; warmup: WireTaskIds[] } {
  const tasks = () =>
    get.array(d, (t) => {
      const subtopology = get.string(t);
      const partitions = get.int32s(t);
      t.readTaggedFields();
      return { subtopology, partitions };
    });
  const active = tasks();
  const standby = tasks();
  const warmup = tasks();
  d.readTaggedFields();
  return { active, standby, warmup };
}

export async function streamsGroupDescribe(coordinator: KjsBroker, groupIds: string[]): Promise<WireStreamsGroup[] | null> {
  const version = await agreedVersion(coordinator, API.StreamsGroupDescribe, 0, 0);
  return describeTypedGroups(coordinator, { key: API.StreamsGroupDescribe, name: 'StreamsGroupDescribe', version }, groupIds, (g) => {
    const subtopologies = get.nullable(g, (t) => {
      t.readInt32(); // topology epoch
      const subs = t.readUVarIntArray((s) => {
        const id = get.string(s);
        const sourceTopics = get.strings(s);
        const repartitionSinkTopics = get.strings(s);
        const stateChangelogTopics = readTopicInfos(s);
        const repartitionSourceTopics = readTopicInfos(s);
        s.readTaggedFields();
        return { id, sourceTopics, repartitionSinkTopics, stateChangelogTopics, repartitionSourceTopics };
      });
      t.readTaggedFields();
      return subs;
    });
    const members = get.array(g, (m) => {
      const memberId = get.string(m);
      m.readInt32(); // member epoch
      m.readUVarIntString(); // instance id
      m.readUVarIntString(); // rack
      const clientId = get.string(m);
      const clientHost = get.string(m);
      m.readInt32(); // topology epoch
      const processId = get.string(m);
      get.nullable(m, (ep) => {
        get.string(ep);
        get.uint16(ep);
        ep.readTaggedFields();
      });
      get.array(m, readKeyValue); // client tags
      readTaskOffsets(m);
      readTaskOffsets(m); // task end offsets
      const a = readAssignment(m);
      readAssignment(m); // target assignment
      m.readInt8(); // is classic
      m.readTaggedFields();
      return { memberId, clientId, clientHost, processId, activeTasks: a.active, standbyTasks: a.standby, warmupTasks: a.warmup };
    });
    return { subtopologies: subtopologies ?? null, members };
  });
}
