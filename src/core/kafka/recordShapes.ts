/**
 * The shapes of record reads (records.ts reads, recordServing.ts fills them in); their own file so the
 * two can share them without importing each other.
 */
import type { RecordHeader, TimestampType } from './recordBatches';

export interface RecordRead {
  topic: string;
  partition: number;
  offset: bigint;
  /** How many data records to return (default 1; 0 to only count). */
  count?: number;
  /** Also count what lies in [offset, countTo): data records, transaction markers, aborted records. */
  countTo?: bigint;
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
