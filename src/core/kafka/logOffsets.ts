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
  // Pending (spec index, partition) pairs.
  let pending = specs.flatMap((_, si) => partitions.map((p) => ({ si, p })));
  for (let attempt = 0; pending.length > 0; attempt++) {
    const retry: typeof pending = [];
    const byLeaderSpec = new Map<string, { nodeId: number; si: number; parts: Map<string, number[]> }>();
    if (failed) pending = pending.filter((item) => !failed.has(item.p.topic) && layouts.has(item.p.topic));
    for (const item of pending) {
      const leader = layouts.get(item.p.topic)!.leaders.get(item.p.partition)!;
      if (leader < 0) {
        if (attempt < MAX_ATTEMPTS) retry.push(item);
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
        const broker = await conn.broker(c, nodeId);
        const res = await wire.listOffsets(broker, parts, specs[si]);
        for (const r of res) {
          if (r.errorCode === KafkaCode.NONE) {
            results[si].set(tpKey(r.topic, r.partition), r.offset < 0n ? null : r.offset);
            continue;
          }
          if (RETRIABLE_PARTITION_ERRORS.has(r.errorCode) && attempt < MAX_ATTEMPTS) {
            retry.push({ si, p: { topic: r.topic, partition: r.partition } });
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
    if (pending.length > 0) {
      await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
      await c.refreshMetadata();
      layouts = await layoutsOf.of(c, failed ? topics.filter((t) => !failed.has(t)) : topics, true, failed);
    }
  }
  return results;
}
