/**
 * Reading records at an offset, for many partitions at once — never joining a group, never committing.
 *
 * Exported:
 * - readRecords(client, reads, options) → PartitionRecords[] (same order as `reads`): for each
 *   {topic, partition, offset, count?, countTo?} the first `count` (default 1) data records at or after
 *   `offset`, plus, with `countTo`, how many data records, transaction markers and aborted records lie
 *   in [offset, countTo). One Fetch per leader per round: the first round asks a small byte limit per
 *   partition; only a partition whose next record did not fit is asked again, with just enough bytes.
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
import { codeInfo } from './codes';
import { fetchOnce, FetchedPartition, IsolationLevel } from './fetchWire';
import { walkBatches, RecordFormatError, RecordHeader, TimestampType, WalkedBatch } from './recordBatches';

export type { IsolationLevel } from './fetchWire';
export type { RecordHeader, TimestampType } from './recordBatches';

export interface RecordRead {
  topic: string;
  partition: number;
  offset: bigint;
  /** How many data records to return (default 1; 0 to only count). */
  count?: number;
  /** Also count what lies in [offset, countTo): data records, transaction markers, aborted records. */
  countTo?: bigint;
}

export interface ReadRecordsOptions extends CallOptions {
  isolation?: IsolationLevel;
  /** Key and value bytes kept per record (default 64 KiB); keySize / valueSize give the real size. */
  maxValueBytes?: number;
  /** First per-partition byte limit (default 16 KiB); grows only for a partition whose record did not fit. */
  partitionBytes?: number;
  /** Deadline of the whole read (default: the client's request timeout + 2 s). */
  timeoutMs?: number;
}

export interface KafkaRecord {
  offset: bigint;
  /** Milliseconds since the epoch; -1 when the producer set none. */
  timestamp: number;
  timestampType: TimestampType;
  /** null: the record has no key. At most maxValueBytes of it. */
  key: Buffer | null;
  keySize: number;
  headers: RecordHeader[];
  /** null: a tombstone (no value). At most maxValueBytes of it. */
  value: Buffer | null;
  valueSize: number;
}

export interface PartitionRecords {
  topic: string;
  partition: number;
  /** The offset asked for. */
  offset: bigint;
  /** host:port of the leader that answered. */
  broker: string;
  records: KafkaRecord[];
  highWatermark: bigint;
  /** -1 when the broker did not say. */
  lastStableOffset: bigint;
  logStartOffset: bigint;
  /** Every offset in [offset, readTo) was looked at. */
  readTo: bigint;
  /**
   * With countTo: data records (not markers, not aborted) in [offset, countTo) — set only when the read
   * got that far, or to the end of what this isolation level can read (e.g. an open transaction).
   */
  dataRecords?: number;
  /** Transaction markers and aborted records seen in [offset, min(readTo, countTo)). */
  transactionMarkers: number;
  abortedRecords: number;
  error?: string;
}

const DEFAULT_PARTITION_BYTES = 16 * 1024;
const MAX_PARTITION_BYTES = 64 * 1024 * 1024;
const MAX_REQUEST_BYTES = 32 * 1024 * 1024;
const DEFAULT_MAX_VALUE_BYTES = 64 * 1024;
const MAX_ROUNDS = 24;
/** NOT_LEADER_OR_FOLLOWER, LEADER_NOT_AVAILABLE, UNKNOWN_TOPIC_OR_PARTITION, REPLICA_NOT_AVAILABLE, leader epochs, OFFSET_NOT_AVAILABLE. */
const LEADER_MOVED = new Set([6, 5, 3, 9, 74, 75, 78]);
const OFFSET_OUT_OF_RANGE = 1;
const TOPIC_AUTHORIZATION_FAILED = 29;
const ABORT_MARKER = 0;

/** One partition being read. */
interface Reading {
  read: RecordRead;
  out: PartitionRecords;
  position: bigint;
  limit: number;
  attempts: number;
  done: boolean;
  /** Aborted transactions the broker named, not yet reached; then producer ids whose records are aborted. */
  abortedAhead: Map<string, { producerId: bigint; firstOffset: bigint }>;
  abortedSeen: Set<string>;
  abortingProducers: Set<bigint>;
  dataInRange: number;
}

export async function readRecords(client: LeaderRunner, reads: RecordRead[], o: ReadRecordsOptions = {}): Promise<PartitionRecords[]> {
  if (reads.length === 0) return [];
  const isolation = o.isolation ?? 'read_committed';
  const cap = o.maxValueBytes ?? DEFAULT_MAX_VALUE_BYTES;
  const states: Reading[] = reads.map((read) => ({
    read,
    out: { topic: read.topic, partition: read.partition, offset: read.offset, broker: '', records: [], highWatermark: -1n, lastStableOffset: -1n, logStartOffset: -1n, readTo: read.offset, transactionMarkers: 0, abortedRecords: 0 },
    position: read.offset,
    limit: o.partitionBytes ?? DEFAULT_PARTITION_BYTES,
    attempts: 0,
    done: false,
    abortedAhead: new Map(),
    abortedSeen: new Set(),
    abortingProducers: new Set(),
    dataInRange: 0,
  }));
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
      const requests = planRequests(pending.filter((s) => !s.done), layouts);
      await Promise.all(
        requests.map(async ({ nodeId, slot }) => {
          const broker = await leaders.broker(nodeId);
          const address = leaders.address(nodeId);
          const answer = await fetchOnce(broker, isolation, topicsOf(slot), requestBytes(slot));
          const byKey = new Map(answer.map((p) => [tpKey(p.topic, p.partition), p]));
          for (const s of slot) {
            s.out.broker = address;
            const p = byKey.get(tpKey(s.read.topic, s.read.partition));
            if (!p) continue; // not answered this round: asked again next round
            if (await take(s, p, isolation, cap, address)) moved = true;
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
 * One Fetch may name a partition once: readings of the same partition at different offsets (many
 * groups on one topic) go into further requests to that leader ("slots"), sent together.
 */
function planRequests(pending: Reading[], layouts: Map<string, TopicLayout>): Array<{ nodeId: number; slot: Reading[] }> {
  const byLeader = new Map<number, Array<Map<string, Reading>>>();
  for (const s of pending) {
    const nodeId = layouts.get(s.read.topic)!.leaders.get(s.read.partition)!;
    if (nodeId < 0) continue;
    const slots = byLeader.get(nodeId) ?? [];
    byLeader.set(nodeId, slots);
    const key = tpKey(s.read.topic, s.read.partition);
    let slot = slots.find((m) => !m.has(key));
    if (!slot) slots.push((slot = new Map()));
    slot.set(key, s);
  }
  return [...byLeader].flatMap(([nodeId, slots]) => slots.map((m) => ({ nodeId, slot: [...m.values()] })));
}

function topicsOf(slot: Reading[]): Array<{ topic: string; partitions: Array<{ partition: number; fetchOffset: bigint; maxBytes: number }> }> {
  const byTopic = new Map<string, Array<{ partition: number; fetchOffset: bigint; maxBytes: number }>>();
  for (const s of slot) {
    const list = byTopic.get(s.read.topic) ?? [];
    list.push({ partition: s.read.partition, fetchOffset: s.position, maxBytes: s.limit });
    byTopic.set(s.read.topic, list);
  }
  return [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
}

function requestBytes(slot: Reading[]): number {
  const sum = slot.reduce((n, s) => n + s.limit, 0);
  return Math.max(Math.min(sum, MAX_REQUEST_BYTES), ...slot.map((s) => s.limit));
}

/** Apply one partition's answer. Returns true when its leader moved (metadata must be refreshed). */
async function take(s: Reading, p: FetchedPartition, isolation: IsolationLevel, cap: number, address: string): Promise<boolean> {
  const where = `"${s.read.topic}" partition ${s.read.partition} on broker ${address}`;
  if (p.errorCode !== 0) {
    if (LEADER_MOVED.has(p.errorCode) && ++s.attempts <= 8) return true;
    s.done = true;
    s.out.error =
      p.errorCode === OFFSET_OUT_OF_RANGE
        ? `Offset ${s.position} is out of range for ${where}: it is before the log-start offset or after the log-end offset.`
        : p.errorCode === TOPIC_AUTHORIZATION_FAILED
          ? `Not authorized to read topic "${s.read.topic}" (reading records needs Read on the topic; lag itself needs only Describe).`
          : `Could not read records of ${where}: ${codeInfo(p.errorCode).type}.`;
    return false;
  }
  s.out.highWatermark = p.highWatermark;
  s.out.lastStableOffset = p.lastStableOffset;
  if (p.logStartOffset >= 0n) s.out.logStartOffset = p.logStartOffset;
  for (const t of p.abortedTransactions) {
    const key = `${t.producerId}:${t.firstOffset}`;
    if (!s.abortedSeen.has(key)) s.abortedAhead.set(key, t);
  }
  const end = isolation === 'read_committed' && p.lastStableOffset >= 0n ? p.lastStableOffset : p.highWatermark;
  let walk;
  try {
    walk = await walkBatches(p.records, s.position);
  } catch (e) {
    if (!(e instanceof RecordFormatError) && !(e instanceof RangeError)) throw e;
    s.done = true;
    s.out.error = `Could not read records of ${where} at offset ${s.position}: ${e instanceof RecordFormatError ? e.message : 'the broker sent a record batch this tool cannot decode'}.`;
    return false;
  }
  for (const b of walk.batches) consume(s, b, cap);
  if (walk.needBytes !== undefined && s.position < end) {
    if (walk.needBytes > MAX_PARTITION_BYTES) {
      s.done = true;
      s.out.error = `The record batch at offset ${s.position} of ${where} is ${walk.needBytes} bytes, more than this tool reads at once (${MAX_PARTITION_BYTES}).`;
      return false;
    }
    s.limit = Math.min(MAX_PARTITION_BYTES, Math.max(walk.needBytes, s.limit));
  }
  s.out.readTo = s.position;
  finishIfDone(s, end);
  return false;
}

/** Count and keep what one batch holds at or after the reading's position. */
function consume(s: Reading, walked: WalkedBatch, cap: number): void {
  const { batch, records } = walked;
  const countTo = s.read.countTo;
  const inRange = (offset: bigint) => countTo === undefined || offset < countTo;
  if (batch.isControl) {
    records.forEach((r, i) => {
      if (inRange(r.offset)) s.out.transactionMarkers++;
      // The ABORT marker ends the producer's aborted transaction: its later records are live again.
      if (walked.markerTypes?.[i] === ABORT_MARKER) s.abortingProducers.delete(batch.producerId);
    });
  } else {
    for (const [key, t] of s.abortedAhead) {
      if (t.firstOffset <= batch.lastOffset) {
        s.abortingProducers.add(t.producerId);
        s.abortedAhead.delete(key);
        s.abortedSeen.add(key);
      }
    }
    const aborted = batch.inTransaction && s.abortingProducers.has(batch.producerId);
    for (const r of records) {
      if (aborted) {
        if (inRange(r.offset)) s.out.abortedRecords++;
        continue;
      }
      if (inRange(r.offset)) s.dataInRange++;
      if (s.out.records.length < (s.read.count ?? 1)) {
        s.out.records.push({
          offset: r.offset,
          timestamp: r.timestamp,
          timestampType: batch.timestampType,
          key: r.key === null ? null : Buffer.from(r.key.subarray(0, cap)),
          keySize: r.key?.length ?? 0,
          headers: r.headers.map((h) => ({ key: h.key, value: h.value === null ? null : Buffer.from(h.value.subarray(0, cap)) })),
          value: r.value === null ? null : Buffer.from(r.value.subarray(0, cap)),
          valueSize: r.value?.length ?? 0,
        });
      }
    }
  }
  if (walked.readTo > s.position) s.position = walked.readTo;
}

function finishIfDone(s: Reading, end: bigint): void {
  const countTo = s.read.countTo;
  const haveRecords = s.out.records.length >= (s.read.count ?? 1);
  const counted = countTo === undefined || s.position >= countTo;
  const atEnd = s.position >= end;
  if (!(atEnd || (haveRecords && counted))) return;
  s.done = true;
  if (countTo !== undefined) s.out.dataRecords = s.dataInRange;
}

/** Kafka's error for a partition whose read failed, for callers that want to throw it. */
export function recordsError(p: PartitionRecords): KafkaOffsetsError | null {
  if (!p.error) return null;
  return new KafkaOffsetsError(/out of range|does not exist/.test(p.error) ? 'not-found' : 'kafka', p.error);
}
