/**
 * ListOffsets for many partitions: one request per leader per spec (-2 earliest, -1 latest, or a
 * timestamp in ms), all in parallel, with the retry when leadership moves (a new topic, a broker
 * restart): refresh metadata and ask the new leader, a few times.
 */
import type { TopicHiddenWhy, TopicPartitionRef } from '../types';
import { KafkaOffsetsError } from '../errors';
import { tpKey } from '../tp';
import type { KjsCluster } from './internals';
import type { Connection } from './connection';
import { TopicLayouts, hiddenWhy } from './layouts';
import * as wire from './wire';
import { KafkaCode, RETRIABLE_PARTITION_ERRORS, codeInfo } from './codes';

const MAX_ATTEMPTS = 8;

/**
 * Offsets per spec as topic:partition → offset, null where the broker has none (no record at or
 * after the timestamp). With `failed`, a topic with a per-topic error is named there instead of
 * failing the others.
 */
export async function listOffsetsOn(
  conn: Connection,
  layoutsOf: TopicLayouts,
  c: KjsCluster,
  partitions: TopicPartitionRef[],
  specs: number[],
  failed?: Map<string, TopicHiddenWhy>,
): Promise<Array<Map<string, bigint | null>>> {
  const topics = [...new Set(partitions.map((p) => p.topic))];
  let layouts = await layoutsOf.of(c, topics, false, failed);
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
  // Pending partitions per spec. The specs usually ask for the same list (10,000 partitions in a
  // large reset): it is grouped by leader once for all of them; retries are grouped apart.
  let pending: TopicPartitionRef[][] = specs.map(() => partitions);
  for (let attempt = 0; pending.some((list) => list.length > 0); attempt++) {
    const retry: TopicPartitionRef[][] = specs.map(() => []);
    if (failed) pending = pending.map((list) => (list.some((p) => failed.has(p.topic) || !layouts.has(p.topic)) ? list.filter((p) => !failed.has(p.topic) && layouts.has(p.topic)) : list));
    const grouped = new Map<TopicPartitionRef[], { groups: Map<number, Map<string, number[]>>; leaderless: TopicPartitionRef[] }>();
    const requests: Array<{ nodeId: number; si: number; parts: Map<string, number[]> }> = [];
    for (const [si, list] of pending.entries()) {
      if (list.length === 0) continue;
      let g = grouped.get(list);
      if (!g) grouped.set(list, (g = byLeader(list, layouts)));
      for (const [nodeId, parts] of g.groups) requests.push({ nodeId, si, parts });
      for (const p of g.leaderless) {
        if (attempt < MAX_ATTEMPTS) retry[si].push(p);
        else if (failed) failed.set(p.topic, { error: 'LEADER_NOT_AVAILABLE' });
        else throw new KafkaOffsetsError('kafka', `Partition ${p.partition} of topic "${p.topic}" has no leader right now (broker down?).`);
      }
    }
    await Promise.all(
      requests.map(async ({ nodeId, si, parts }) => {
        const broker = await conn.broker(c, nodeId);
        const res = await wire.listOffsets(broker, parts, specs[si]);
        for (const r of res) {
          if (r.errorCode === KafkaCode.NONE) {
            results[si].set(tpKey(r.topic, r.partition), r.offset < 0n ? null : r.offset);
            continue;
          }
          if (RETRIABLE_PARTITION_ERRORS.has(r.errorCode) && attempt < MAX_ATTEMPTS) {
            retry[si].push({ topic: r.topic, partition: r.partition });
            continue;
          }
          if (failed) {
            failed.set(r.topic, hiddenWhy(r.errorCode));
            continue;
          }
          if (r.errorCode === KafkaCode.TOPIC_AUTHORIZATION_FAILED) throw new KafkaOffsetsError('authorization', `Not authorized to describe topic "${r.topic}".`);
          throw new KafkaOffsetsError('kafka', `Broker ${broker.brokerAddress} could not list offsets of "${r.topic}" partition ${r.partition}: ${codeInfo(r.errorCode).type}.`);
        }
      }),
    );
    pending = retry;
    if (pending.some((list) => list.length > 0)) {
      await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
      await c.refreshMetadata();
      layouts = await layoutsOf.of(c, failed ? topics.filter((t) => !failed.has(t)) : topics, true, failed);
    }
  }
  return results;
}

/** Partitions by leader, then topic (the shape of a ListOffsets request), and those without a leader now. */
function byLeader(partitions: TopicPartitionRef[], layouts: Map<string, { leaders: Map<number, number> }>): { groups: Map<number, Map<string, number[]>>; leaderless: TopicPartitionRef[] } {
  const groups = new Map<number, Map<string, number[]>>();
  const leaderless: TopicPartitionRef[] = [];
  for (const p of partitions) {
    const leader = layouts.get(p.topic)!.leaders.get(p.partition)!;
    if (leader < 0) {
      leaderless.push(p);
      continue;
    }
    let topics = groups.get(leader);
    if (!topics) groups.set(leader, (topics = new Map()));
    const list = topics.get(p.topic);
    if (list) list.push(p.partition);
    else topics.set(p.topic, [p.partition]);
  }
  return { groups, leaderless };
}
