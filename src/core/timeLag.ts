/**
 * Lag in time and transaction-aware lag, added to lag already read (lag.ts calls it with
 * `timeLag: true`; without it nothing here runs and nothing is fetched).
 *
 * Per partition with lag > 0, the first data record at or after the committed offset is read
 * (records.ts; read_committed, values not kept): its timestamp is `nextTimestamp`, and now − it is
 * `timeLagMs`. One Fetch per leader per round for all partitions of all groups; partitions without
 * lag cost nothing. When the gap is at most PENDING_SCAN_LIMIT offsets the same read counts what lies
 * in it (`pendingRecords`, transaction markers, aborted records) and `note` says what that means.
 */
import type { GroupLag, PartitionLag } from './types';
import type { KafkaEngine, CallOptions } from './kafka/port';
import type { PartitionRecords, RecordRead } from './kafka/records';
import { transactionNote } from './transactionNote';
import { TimeLagCache } from './timeLagCache';

/** Gaps up to this many offsets are read whole to count pending records (one small fetch). */
export const PENDING_SCAN_LIMIT = 500n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export interface TimeLagOptions extends CallOptions {
  /** The clock for timeLagMs (tests); Date.now by default. */
  now?: () => number;
  /** Deadline of the record reads (default: the client's request timeout + 2 s per read). */
  timeoutMs?: number;
  /** Reads kept from earlier calls on the same cluster (timeLagCache.ts); only partitions that moved are read. */
  timeLagCache?: TimeLagCache;
}

/** Fill the time-lag fields of every partition, topic and group in `lags` (in place). */
export async function addTimeLag(client: KafkaEngine, lags: GroupLag[], o: TimeLagOptions = {}): Promise<void> {
  // Per partition, per offset read from: groups at the same offset share one read. This runs for
  // every partition of every group, so lookups avoid building strings or hashing bigints.
  const reads = new ReadIndex();
  const list: ReadEntry[] = [];
  for (const g of lags)
    for (const t of g.topics)
      for (const p of t.partitions) {
        if (p.committed === null || p.lag === null || p.lag <= 0n) continue;
        const offset = from(p);
        const countTo = p.lag <= PENDING_SCAN_LIMIT ? p.logEnd : undefined;
        const known = reads.get(p.topic, p.partition, offset);
        if (!known) {
          const read: RecordRead = { topic: p.topic, partition: p.partition, offset, count: 1 };
          if (countTo !== undefined) read.countTo = countTo;
          const entry: ReadEntry = { read, logEnd: p.logEnd, result: undefined };
          reads.set(entry);
          list.push(entry);
          continue;
        }
        // The furthest log end any of them saw is counted; a gap too large for one of them is not counted.
        if (countTo !== undefined && known.read.countTo !== undefined && countTo > known.read.countTo) known.read.countTo = countTo;
        else if (countTo === undefined) known.read.countTo = undefined;
        if (p.logEnd > known.logEnd) known.logEnd = p.logEnd;
      }
  const cache = o.timeLagCache;
  const cacheKey = ({ read: r, logEnd }: ReadEntry) => TimeLagCache.key(r.topic, r.partition, r.offset, logEnd, r.countTo !== undefined);
  if (cache) for (const e of list) e.result = cache.get(cacheKey(e));
  const toRead = cache ? list.filter((e) => !e.result) : list;
  const read = await client.readRecords(
    toRead.map((e) => e.read),
    { ...o, maxValueBytes: 0 },
  );
  toRead.forEach((e, i) => {
    e.result = read[i];
    cache?.set(cacheKey(e), read[i]);
  });
  const openStarts = await recordsInOpenTransactions(client, read, o);
  const now = (o.now ?? Date.now)();
  for (const g of lags) {
    for (const t of g.topics) {
      for (const p of t.partitions) {
        const e = p.committed === null || p.lag === null || p.lag <= 0n ? undefined : reads.get(p.topic, p.partition, from(p));
        fill(p, e?.result, openStarts, now);
      }
      t.timeLagMs = maxOf(t.partitions.map((p) => p.timeLagMs));
    }
    g.timeLagMs = maxOf(g.topics.map((t) => t.timeLagMs));
  }
}

/** One read shared by the groups at one offset: the furthest log end they saw, and what it found. */
interface ReadEntry {
  read: RecordRead;
  logEnd: bigint;
  result: PartitionRecords | undefined;
}

/** Reads by topic, partition and offset (offsets as Numbers while exact; Kafka's never get near 2^53). */
class ReadIndex {
  private readonly byTopic = new Map<string, Array<Map<number | string, ReadEntry>>>();

  get(topic: string, partition: number, offset: bigint): ReadEntry | undefined {
    return this.byTopic.get(topic)?.[partition]?.get(offsetKey(offset));
  }

  set(entry: ReadEntry): void {
    const { topic, partition, offset } = entry.read;
    let partitions = this.byTopic.get(topic);
    if (!partitions) this.byTopic.set(topic, (partitions = []));
    (partitions[partition] ??= new Map()).set(offsetKey(offset), entry);
  }
}

function offsetKey(offset: bigint): number | string {
  return offset <= MAX_SAFE ? Number(offset) : offset.toString();
}

/** A committed offset below the log start reads from the log start: the first record that still exists. */
function from(p: PartitionLag): bigint {
  return p.committed! < p.logStart ? p.logStart : p.committed!;
}

/**
 * Where read_committed found nothing because the rest of the log is an open transaction, the group
 * is waiting on it: its first record (read_uncommitted, at the last stable offset) is the next one.
 */
async function recordsInOpenTransactions(client: KafkaEngine, read: PartitionRecords[], o: TimeLagOptions): Promise<Map<PartitionRecords, PartitionRecords>> {
  const waiting = read.filter((r) => !r.error && r.records.length === 0 && r.lastStableOffset >= 0n && r.lastStableOffset < r.highWatermark);
  if (waiting.length === 0) return new Map();
  const reads = waiting.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.offset > r.lastStableOffset ? r.offset : r.lastStableOffset, count: 1 }));
  const again = await client.readRecords(reads, { ...o, isolation: 'read_uncommitted', maxValueBytes: 0 });
  return new Map(waiting.map((r, i) => [r, again[i]]));
}

function fill(p: PartitionLag, r: PartitionRecords | undefined, openStarts: Map<PartitionRecords, PartitionRecords>, now: number): void {
  if (p.committed === null || p.lag === null) {
    p.nextTimestamp = null;
    p.timeLagMs = null;
    return;
  }
  if (p.lag <= 0n || !r) {
    p.nextTimestamp = null;
    p.timeLagMs = 0;
    return;
  }
  if (r.error) {
    p.timeLagError = r.error;
    return;
  }
  const open = openStarts.get(r);
  const next = r.records[0] ?? open?.records[0];
  p.nextTimestamp = next && next.timestamp >= 0 ? next.timestamp : null;
  p.timeLagMs = next ? (next.timestamp >= 0 ? Math.max(0, now - next.timestamp) : null) : 0;
  if (r.dataRecords !== undefined) {
    p.pendingRecords = r.dataRecords;
    p.transactionMarkers = r.transactionMarkers;
    p.abortedRecords = r.abortedRecords;
  }
  if (r.lastStableOffset >= 0n) {
    const stable = r.lastStableOffset > p.committed ? r.lastStableOffset : p.committed;
    const openRecords = r.highWatermark - stable;
    if (openRecords > 0n) p.openTransactionRecords = Number(openRecords);
  }
  const note = transactionNote(p);
  if (note) p.note = note;
}

function maxOf(values: Array<number | null | undefined>): number | null {
  let best: number | null = null;
  for (const v of values) if (typeof v === 'number' && (best === null || v > best)) best = v;
  return best;
}
