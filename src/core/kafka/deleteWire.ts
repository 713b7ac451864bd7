/**
 * The two deleting requests: OffsetDelete (API key 47, Kafka ≥ 2.4; not in kafkajs) and DeleteGroups
 * (API key 42). Both are encoded and decoded here rather than through kafkajs's parsers, which throw on
 * the first error: a delete must report what happened to every partition and every group. The byte
 * layouts are pure functions (unit-tested against hand-built answers); send* put them on the wire.
 */
import { Encoder, Decoder, type KjsBroker } from './internals';

export const OFFSET_DELETE_KEY = 47;
export const DELETE_GROUPS_KEY = 42;

export interface OffsetDeleteAnswer {
  /** Group-level error: GROUP_ID_NOT_FOUND, NON_EMPTY_GROUP, GROUP_AUTHORIZATION_FAILED, NOT_COORDINATOR… */
  errorCode: number;
  /** Per partition: GROUP_SUBSCRIBED_TO_TOPIC, UNKNOWN_TOPIC_OR_PARTITION, TOPIC_AUTHORIZATION_FAILED… */
  partitions: Array<{ topic: string; partition: number; errorCode: number }>;
}

/** OffsetDelete v0 body: group_id, [topic name, [partition index]]. Partitions grouped by topic, in the order given. */
export function encodeOffsetDelete(groupId: string, partitions: Array<{ topic: string; partition: number }>): Buffer {
  const byTopic = new Map<string, number[]>();
  for (const p of partitions) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.partition]);
  const e = new Encoder()
    .writeString(groupId)
    .writeArray([...byTopic].map(([topic, ps]) => new Encoder().writeString(topic).writeArray(ps.map((p) => new Encoder().writeInt32(p)))));
  return e.buffer;
}

/** OffsetDelete v0 answer: error_code, throttle_time_ms, [topic name, [partition index, error_code]]. */
export function decodeOffsetDelete(raw: Buffer): OffsetDeleteAnswer {
  const d = new Decoder(raw);
  const errorCode = d.readInt16();
  d.readInt32(); // throttle time
  const topics = d.readArray((t) => {
    const topic = t.readString();
    return t.readArray((p) => ({ topic, partition: p.readInt32(), errorCode: p.readInt16() }));
  });
  return { errorCode, partitions: topics.flat() };
}

/** DeleteGroups v0/v1 body (the same bytes; v1 only changes throttling): [group id]. */
export function encodeDeleteGroups(groupIds: string[]): Buffer {
  return new Encoder().writeArray(groupIds.map((g) => new Encoder().writeString(g))).buffer;
}

/** DeleteGroups v0/v1 answer: throttle_time_ms, [group id, error_code]. */
export function decodeDeleteGroups(raw: Buffer): Array<{ groupId: string; errorCode: number }> {
  const d = new Decoder(raw);
  d.readInt32(); // throttle time
  return d.readArray((g) => ({ groupId: g.readString(), errorCode: g.readInt16() }));
}

async function send<T>(broker: KjsBroker, apiKey: number, apiName: string, apiVersion: number, body: Buffer, decode: (raw: Buffer) => T): Promise<T> {
  const request = { apiKey, apiVersion, apiName, encode: async () => new Encoder().writeBuffer(body) };
  const response = { decode: async (raw: Buffer) => decode(raw), parse: async (x: unknown) => x };
  return broker.connectionPool.send({ request, response } as any);
}

/** OffsetDelete to the group's coordinator (the group must be Empty, or not subscribed to the topics). */
export async function sendOffsetDelete(coordinator: KjsBroker, groupId: string, partitions: Array<{ topic: string; partition: number }>): Promise<OffsetDeleteAnswer> {
  if (!coordinator.isConnected()) await coordinator.connect();
  if (!coordinator.versions?.[OFFSET_DELETE_KEY]) throw new Error('This broker does not support OffsetDelete (Kafka 2.4 or newer is needed).');
  return send(coordinator, OFFSET_DELETE_KEY, 'OffsetDelete', 0, encodeOffsetDelete(groupId, partitions), decodeOffsetDelete);
}

/** DeleteGroups to the groups' coordinator (each group must be Empty). */
export async function sendDeleteGroups(coordinator: KjsBroker, groupIds: string[]): Promise<Array<{ groupId: string; errorCode: number }>> {
  if (!coordinator.isConnected()) await coordinator.connect();
  const v = coordinator.versions?.[DELETE_GROUPS_KEY];
  if (!v) throw new Error('This broker does not support DeleteGroups (Kafka 1.1 or newer is needed).');
  // v2 is the first flexible version and says nothing more; v1 is what every broker since 2.0 answers.
  return send(coordinator, DELETE_GROUPS_KEY, 'DeleteGroups', Math.min(v.maxVersion, 1), encodeDeleteGroups(groupIds), decodeDeleteGroups);
}
