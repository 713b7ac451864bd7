/**
 * Record reads kept between lag reads of one cluster, so a periodic refresh (the tree's auto-refresh)
 * reads only partitions that moved. What the time-lag read of a partition finds depends only on where
 * it starts (the committed offset) and where the log ends: records never change once written, and a
 * transaction can only end by writing a marker, which moves the log end. So a result is reused while
 * both are unchanged — exact, not an estimate. Results older than `ttlMs` are read again, because
 * retention and compaction can remove the record found. Failed reads and reads that found no record
 * (markers only, open transactions) are never kept.
 *
 * Exported: TimeLagCache.
 */
import type { PartitionRecords } from './kafka/records';

export class TimeLagCache {
  private readonly entries = new Map<string, { result: PartitionRecords; at: number }>();

  constructor(
    private readonly maxEntries = 100_000,
    private readonly ttlMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): PartitionRecords | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (this.now() - hit.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.result;
  }

  set(key: string, result: PartitionRecords): void {
    if (result.error || result.records.length === 0) return;
    this.entries.delete(key);
    this.entries.set(key, { result, at: this.now() });
    // Oldest first out (Map keeps insertion order).
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The key of one read: partition, the offset read from, the log end it was read against, and whether the gap was counted. */
  static key(topic: string, partition: number, from: bigint, logEnd: bigint, counted: boolean): string {
    return `${topic}:${partition}@${from}<${logEnd}${counted ? '#' : ''}`;
  }
}
