/**
 * Reading records at an offset, for many partitions at once — never joining a group, never committing.
 *
 * Exported:
 * - readRecords(client, reads, options) → PartitionRecords[] (same order as `reads`): for each
 *   {topic, partition, offset, count?, countTo?} the first `count` (default 1) data records at or after
 *   `offset`, plus, with `countTo`, how many data records, transaction markers and aborted records lie
 *   in [offset, countTo). One Fetch per leader per round: the first round asks a small byte limit per
 *   partition; only a partition whose next record did not fit is asked again, with just enough bytes.
 *   Reads of one partition at different offsets share one Fetch from the lowest of them
 *   (recordServing.ts); only reads further apart than one answer covers cost further requests.
 * - KafkaRecord, PartitionRecords, RecordRead, ReadRecordsOptions, IsolationLevel, RecordHeader,
 *   TimestampType: the shapes above.
 *
 * Isolation: read_committed (default) reads up to the last stable offset and leaves out records of
 * aborted transactions, as a read_committed consumer sees them; read_uncommitted reads up to the high
 * watermark. Transaction markers (control batches) are never returned as records in either.
 * A partition's own failure is its `error` (a sentence naming topic, partition and broker); losing
 * the cluster rejects the whole call.
 */
import type { CallOptions } from './connection';
import type { LeaderRunner, TopicLayout } from './layouts';
import type { TopicHiddenWhy } from '../types';
import { KafkaOffsetsError } from '../errors';
import { tpKey } from '../tp';
import { fetchOnce, IsolationLevel } from './fetchWire';
import { newReading, planWindows, serveWindow, Reading, Window } from './recordServing';
import type { PartitionRecords, RecordRead } from './recordShapes';

export type { IsolationLevel } from './fetchWire';
export type { RecordHeader, TimestampType } from './recordBatches';
export type { KafkaRecord, PartitionRecords, RecordRead } from './recordShapes';

export interface ReadRecordsOptions extends CallOptions {
  isolation?: IsolationLevel;
  /** Key and value bytes kept per record (default 64 KiB); keySize / valueSize give the real size. */
  maxValueBytes?: number;
  /** First per-partition byte limit (default 16 KiB); grows only for a partition whose record did not fit. */
  partitionBytes?: number;
  /** Deadline of the whole read (default: the client's request timeout + 2 s). */
  timeoutMs?: number;
}

const DEFAULT_PARTITION_BYTES = 16 * 1024;
const MAX_REQUEST_BYTES = 32 * 1024 * 1024;
const DEFAULT_MAX_VALUE_BYTES = 64 * 1024;
const MAX_ROUNDS = 24;

export async function readRecords(client: LeaderRunner, reads: RecordRead[], o: ReadRecordsOptions = {}): Promise<PartitionRecords[]> {
  if (reads.length === 0) return [];
  const isolation = o.isolation ?? 'read_committed';
  const cap = o.maxValueBytes ?? DEFAULT_MAX_VALUE_BYTES;
  const states = reads.map((read) => newReading(read, o.partitionBytes ?? DEFAULT_PARTITION_BYTES));
  const spans = new Map<string, bigint>();
  const topics = [...new Set(reads.map((r) => r.topic))];
  const what = reads.length === 1 ? `reading the record at offset ${reads[0].offset} of "${reads[0].topic}" partition ${reads[0].partition}` : `reading records of ${reads.length} partitions`;
  await client.onLeaders(what, { ...o, topic: reads[0].topic }, async (leaders) => {
    const failed = new Map<string, TopicHiddenWhy>();
    let layouts = await leaders.layouts(topics, false, failed);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const pending = states.filter((s) => !s.done);
      if (pending.length === 0) return;
      for (const s of pending) if (!checkLayout(s, layouts, failed)) s.done = true;
      let moved = false;
      const requests = planRequests(planWindows(pending.filter((s) => !s.done), spans), layouts);
      // Requests to one leader go one after another: they share its socket, and the broker answers
      // one request per connection at a time anyway.
      await Promise.all(
        [...requests].map(async ([nodeId, slots]) => {
          const broker = await leaders.broker(nodeId);
          const address = leaders.address(nodeId);
          for (const slot of slots) {
            const answer = await fetchOnce(broker, isolation, topicsOf(slot), requestBytes(slot));
            const byKey = new Map(answer.map((p) => [tpKey(p.topic, p.partition), p]));
            for (const w of slot) {
              const p = byKey.get(tpKey(w.topic, w.partition));
              if (!p) continue; // not answered this round: asked again next round
              const served = await serveWindow(w, p, isolation, cap, address);
              if (served.moved) moved = true;
              const key = tpKey(w.topic, w.partition);
              if (served.span > (spans.get(key) ?? 0n)) spans.set(key, served.span);
            }
          }
        }),
      );
      if (moved) layouts = await leaders.layouts(topics.filter((t) => !failed.has(t)), true, failed);
    }
    for (const s of states.filter((x) => !x.done)) {
      s.out.error = `Could not read "${s.read.topic}" partition ${s.read.partition} at offset ${s.position} from broker ${s.out.broker || '(no leader)'}: no progress after ${MAX_ROUNDS} fetches.`;
      s.done = true;
    }
  });
  return states.map((s) => s.out);
}

/** The partition still has a leader we know; otherwise its error is set (false). */
function checkLayout(s: Reading, layouts: Map<string, TopicLayout>, failed: Map<string, TopicHiddenWhy>): boolean {
  const { topic, partition } = s.read;
  const why = failed.get(topic);
  if (why) {
    s.out.error = why === 'deleted' ? `Topic "${topic}" does not exist.` : why === 'unauthorized' ? `Not authorized to describe topic "${topic}".` : `Kafka could not describe topic "${topic}": ${why.error}.`;
    return false;
  }
  const leader = layouts.get(topic)?.leaders.get(partition);
  if (leader === undefined) {
    const count = layouts.get(topic)?.leaders.size ?? 0;
    s.out.error = `Partition ${partition} of topic "${topic}" does not exist (the topic has ${count} partition${count === 1 ? '' : 's'}).`;
    return false;
  }
  if (leader < 0 && ++s.attempts > 8) {
    s.out.error = `Partition ${partition} of topic "${topic}" has no leader right now (broker down?).`;
    return false;
  }
  return true;
}

/**
 * The windows per leader, as Fetch requests: one Fetch may name a partition once, so a partition
 * with several windows (reads far apart) puts the further ones into further requests ("slots").
 */
function planRequests(windows: Window[], layouts: Map<string, TopicLayout>): Map<number, Window[][]> {
  const byLeader = new Map<number, Array<Map<string, Window>>>();
  for (const w of windows) {
    const nodeId = layouts.get(w.topic)!.leaders.get(w.partition)!;
    if (nodeId < 0) continue;
    const slots = byLeader.get(nodeId) ?? [];
    byLeader.set(nodeId, slots);
    const key = tpKey(w.topic, w.partition);
    let slot = slots.find((m) => !m.has(key));
    if (!slot) slots.push((slot = new Map()));
    slot.set(key, w);
  }
  return new Map([...byLeader].map(([nodeId, slots]) => [nodeId, slots.map((m) => [...m.values()])]));
}

function topicsOf(slot: Window[]): Array<{ topic: string; partitions: Array<{ partition: number; fetchOffset: bigint; maxBytes: number }> }> {
  const byTopic = new Map<string, Array<{ partition: number; fetchOffset: bigint; maxBytes: number }>>();
  for (const w of slot) {
    const list = byTopic.get(w.topic) ?? [];
    list.push({ partition: w.partition, fetchOffset: w.from, maxBytes: w.limit });
    byTopic.set(w.topic, list);
  }
  return [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
}

function requestBytes(slot: Window[]): number {
  const sum = slot.reduce((n, w) => n + w.limit, 0);
  return Math.max(Math.min(sum, MAX_REQUEST_BYTES), ...slot.map((w) => w.limit));
}

/** Kafka's error for a partition whose read failed, for callers that want to throw it. */
export function recordsError(p: PartitionRecords): KafkaOffsetsError | null {
  if (!p.error) return null;
  return new KafkaOffsetsError(/out of range|does not exist/.test(p.error) ? 'not-found' : 'kafka', p.error);
}
