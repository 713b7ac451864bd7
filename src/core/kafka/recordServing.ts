/**
 * Serving many reads of one partition from one Fetch answer (records.ts sends the Fetches).
 *
 * A Fetch may name a partition only once, but many groups on one topic sit at different offsets of
 * the same partition. So the reads of a partition are grouped into windows: a window starts at its
 * lowest offset, the one Fetch of that window starts there, and every read in the window takes what
 * it needs from the same batches. The first window of a partition holds all its reads; once an
 * answer showed how many offsets one Fetch covers (`span`), reads further apart than that go into
 * separate windows, fetched side by side in further requests.
 *
 * Transactions are replayed per answer the way Kafka's read_committed consumer does it: the answer
 * names the aborted transactions that overlap the fetched range; a transaction counts from the first
 * batch at or after its first offset (any batch, markers included) until its producer's ABORT marker.
 *
 * Exported: Reading, newReading, planWindows, serveWindow, Window.
 */
import type { FetchedPartition, IsolationLevel } from './fetchWire';
import type { PartitionRecords, RecordRead } from './recordShapes';
import { tpKey } from '../tp';
import { codeInfo } from './codes';
import { walkBatches, RecordFormatError, WalkedBatch } from './recordBatches';

/** One read of one partition, and where it got to. */
export interface Reading {
  read: RecordRead;
  out: PartitionRecords;
  /** Every offset before this one was looked at. */
  position: bigint;
  /** Per-partition byte limit this read needs (grows only when its next record did not fit). */
  limit: number;
  attempts: number;
  done: boolean;
  dataInRange: number;
}

/** Reads of one partition answered by one Fetch starting at `from`. */
export interface Window {
  topic: string;
  partition: number;
  from: bigint;
  limit: number;
  readings: Reading[];
}

export const MAX_PARTITION_BYTES = 64 * 1024 * 1024;
/** NOT_LEADER_OR_FOLLOWER, LEADER_NOT_AVAILABLE, UNKNOWN_TOPIC_OR_PARTITION, REPLICA_NOT_AVAILABLE, leader epochs, OFFSET_NOT_AVAILABLE. */
const LEADER_MOVED = new Set([6, 5, 3, 9, 74, 75, 78]);
const OFFSET_OUT_OF_RANGE = 1;
const TOPIC_AUTHORIZATION_FAILED = 29;
const ABORT_MARKER = 0;

export function newReading(read: RecordRead, limit: number): Reading {
  return {
    read,
    out: { topic: read.topic, partition: read.partition, offset: read.offset, broker: '', records: [], highWatermark: -1n, lastStableOffset: -1n, logStartOffset: -1n, readTo: read.offset, transactionMarkers: 0, abortedRecords: 0 },
    position: read.offset,
    limit,
    attempts: 0,
    done: false,
    dataInRange: 0,
  };
}

/**
 * Group the pending reads per partition into windows. `spans` holds, per partition, how many offsets
 * one answer covered so far; without it, all reads of the partition share one window.
 */
export function planWindows(pending: Reading[], spans: Map<string, bigint>): Window[] {
  // By topic, then partition number: no string built per read.
  const byTopic = new Map<string, Reading[][]>();
  for (const s of pending) {
    let partitions = byTopic.get(s.read.topic);
    if (!partitions) byTopic.set(s.read.topic, (partitions = []));
    (partitions[s.read.partition] ??= []).push(s);
  }
  const windows: Window[] = [];
  for (const partitions of byTopic.values())
    for (const list of partitions) {
      if (!list) continue;
      const span = spans.size ? spans.get(tpKey(list[0].read.topic, list[0].read.partition)) : undefined;
      if (span === undefined) {
        windows.push(oneWindow(list));
        continue;
      }
      list.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
      let current: Window | null = null;
      for (const s of list) {
        if (!current || (span !== undefined && s.position >= current.from + span)) {
          current = { topic: s.read.topic, partition: s.read.partition, from: s.position, limit: s.limit, readings: [] };
          windows.push(current);
        }
        current.readings.push(s);
        if (s.limit > current.limit) current.limit = s.limit;
      }
    }
  return windows;
}

/** All reads of a partition in one window, from the lowest position (no sorting: this is every first round). */
function oneWindow(list: Reading[]): Window {
  let from = list[0].position;
  let limit = list[0].limit;
  for (const s of list) {
    if (s.position < from) from = s.position;
    if (s.limit > limit) limit = s.limit;
  }
  return { topic: list[0].read.topic, partition: list[0].read.partition, from, limit, readings: list };
}

/**
 * Apply one partition's answer to the reads of its window. Returns whether the leader moved
 * (metadata must be refreshed) and how many offsets the answer covered (0: none).
 */
export async function serveWindow(w: Window, p: FetchedPartition, isolation: IsolationLevel, cap: number, address: string): Promise<{ moved: boolean; span: bigint }> {
  const where = `"${w.topic}" partition ${w.partition} on broker ${address}`;
  for (const s of w.readings) s.out.broker = address;
  if (p.errorCode !== 0) return { moved: failAnswer(w, p.errorCode, where), span: 0n };
  for (const s of w.readings) {
    s.out.highWatermark = p.highWatermark;
    s.out.lastStableOffset = p.lastStableOffset;
    if (p.logStartOffset >= 0n) s.out.logStartOffset = p.logStartOffset;
  }
  const end = isolation === 'read_committed' && p.lastStableOffset >= 0n ? p.lastStableOffset : p.highWatermark;
  let walk;
  try {
    walk = await walkBatches(p.records, w.from);
    // Record bodies are decoded as they are kept, so a malformed one can surface here too.
    replay(w.readings, walk.batches, p.abortedTransactions, cap);
  } catch (e) {
    if (!(e instanceof RecordFormatError) && !(e instanceof RangeError)) throw e;
    const why = e instanceof RecordFormatError ? e.message : 'the broker sent a record batch this tool cannot decode';
    for (const s of w.readings) fail(s, `Could not read records of ${where} at offset ${s.position}: ${why}.`);
    return { moved: false, span: 0n };
  }
  if (walk.needBytes !== undefined && w.from < end) {
    // Nothing at the window's start fitted: only the reads starting there need more bytes.
    for (const s of w.readings.filter((x) => x.position === w.from)) {
      if (walk.needBytes > MAX_PARTITION_BYTES) fail(s, `The record batch at offset ${s.position} of ${where} is ${walk.needBytes} bytes, more than this tool reads at once (${MAX_PARTITION_BYTES}).`);
      else s.limit = Math.min(MAX_PARTITION_BYTES, Math.max(walk.needBytes, s.limit));
    }
  }
  for (const s of w.readings) {
    if (s.done) continue;
    s.out.readTo = s.position;
    finishIfDone(s, end);
  }
  const last = walk.batches.length ? walk.batches[walk.batches.length - 1].readTo : w.from;
  return { moved: false, span: last > w.from ? last - w.from : 0n };
}

/** A partition-level error. Returns true when the leader moved and the reads should be asked again. */
function failAnswer(w: Window, errorCode: number, where: string): boolean {
  if (LEADER_MOVED.has(errorCode)) {
    let retry = false;
    for (const s of w.readings) {
      if (++s.attempts <= 8) retry = true;
      else fail(s, `Could not read records of ${where}: ${codeInfo(errorCode).type}.`);
    }
    return retry;
  }
  if (errorCode === OFFSET_OUT_OF_RANGE) {
    // Only the window's start is known to be out of range; reads further on are asked on their own.
    for (const s of w.readings.filter((x) => x.position === w.from)) fail(s, `Offset ${s.position} is out of range for ${where}: it is before the log-start offset or after the log-end offset.`);
    return false;
  }
  const why = errorCode === TOPIC_AUTHORIZATION_FAILED ? `Not authorized to read topic "${w.topic}" (reading records needs Read on the topic; lag itself needs only Describe).` : `Could not read records of ${where}: ${codeInfo(errorCode).type}.`;
  for (const s of w.readings) fail(s, why);
  return false;
}

function fail(s: Reading, error: string): void {
  s.done = true;
  s.out.error = error;
}

/** Walk the answer's batches once, in order, handing each read the records at or after its position. */
function replay(readings: Reading[], batches: WalkedBatch[], abortedTransactions: FetchedPartition['abortedTransactions'], cap: number): void {
  const ahead = [...abortedTransactions].sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : a.firstOffset > b.firstOffset ? 1 : 0));
  const aborting = new Set<bigint>();
  for (const walked of batches) {
    const { batch, records } = walked;
    while (ahead.length && ahead[0].firstOffset <= batch.lastOffset) aborting.add(ahead.shift()!.producerId);
    const aborted = !batch.isControl && batch.inTransaction && aborting.has(batch.producerId);
    for (const s of readings) {
      if (s.done || walked.readTo <= s.position) continue;
      // Records are in offset order: [first, last) is what lies in this read's range.
      const first = lowerBound(records, s.position);
      const last = s.read.countTo === undefined ? records.length : lowerBound(records, s.read.countTo);
      const inRange = Math.max(0, last - first);
      if (batch.isControl) s.out.transactionMarkers += inRange;
      else if (aborted) s.out.abortedRecords += inRange;
      else {
        s.dataInRange += inRange;
        const want = (s.read.count ?? 1) - s.out.records.length;
        for (let i = first; i < records.length && i < first + want; i++) s.out.records.push(keep(records[i], batch.timestampType, cap));
      }
      s.position = walked.readTo;
    }
    // The ABORT marker ends the producer's aborted transaction: its later records are live again.
    if (batch.isControl && walked.markerTypes?.includes(ABORT_MARKER)) aborting.delete(batch.producerId);
  }
}

/** Index of the first record at or after `offset`. */
function lowerBound(records: WalkedBatch['records'], offset: bigint): number {
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (records[mid].offset < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const NO_BYTES = Buffer.alloc(0);

/** A copy of at most `cap` bytes (the answer's buffer is not kept alive by one small record). */
function copy(bytes: Buffer, cap: number): Buffer {
  return cap === 0 || bytes.length === 0 ? NO_BYTES : Buffer.from(bytes.subarray(0, cap));
}

function keep(r: WalkedBatch['records'][number], timestampType: WalkedBatch['batch']['timestampType'], cap: number): PartitionRecords['records'][number] {
  return {
    offset: r.offset,
    timestamp: r.timestamp,
    timestampType,
    key: r.key === null ? null : copy(r.key, cap),
    keySize: r.key?.length ?? 0,
    headers: r.headers.map((h) => ({ key: h.key, value: h.value === null ? null : copy(h.value, cap) })),
    value: r.value === null ? null : copy(r.value, cap),
    valueSize: r.value?.length ?? 0,
  };
}

function finishIfDone(s: Reading, end: bigint): void {
  const countTo = s.read.countTo;
  const haveRecords = s.out.records.length >= (s.read.count ?? 1);
  const counted = countTo === undefined || s.position >= countTo;
  if (!(s.position >= end || (haveRecords && counted))) return;
  s.done = true;
  if (countTo !== undefined) s.out.dataRecords = s.dataInRange;
}
